/**
 * Operator API routes for card life and people in bulk (card office):
 *
 *   POST /api/cards/:uid/replace     {newUid, defective?}   a new card on the same account; the old one
 *        denied for ever (REPLACED); the fee taken unless defective. 201 created, 200 exists (the same
 *        replacement asked again), 409 balance_short / card_replaced / card_cancelled / card_exists
 *   POST /api/cards/:uid/cancel                            the holder leaves: cards CANCELLED, balance
 *   POST /api/people/:personId/cancel                      refunded or written off, account closed;
 *        409 account_closed (already), balance_owed (an overdraft under the refund policy)
 *   POST /api/people/import          {rows: [{row, values: {person_id, name, type, ...}}], dryRun?, skipBad?, timeZone?}
 *        (hub/people-import.ts) 200 with the report; 422 import_rows_invalid with the report when rows
 *        are bad and skipBad is not set (nothing written)
 *   GET  /api/settings/card-life                           the replacement fee and the cancellation policy
 *   PUT  /api/settings/card-life     {replacementFeeFen?, cancelBalance?: refund|write_off}
 */
import { z } from 'zod';
import type { CardLife } from './card-life.js';
import { MAX_REPLACEMENT_FEE_FEN, type CardLifeSettingsStore } from './card-life-settings.js';
import type { DatasetChange } from './dataset-log.js';
import { cardUid, fail, id, ok, parseBody, pathPart, type Reply, type Request } from './api-http.js';
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, isTimeZone, type PeopleImport } from './people-import.js';
import type { Logger } from '../lib/log.js';

export interface CardLifeApiDeps {
  cardLife: CardLife;
  peopleImport: PeopleImport;
  cardLifeSettings: CardLifeSettingsStore;
  logger: Logger;
  datasetChanged: (change: DatasetChange) => void;
}

/** The campus's zone for dates without one in imported files, unless the request names another. */
export const DEFAULT_IMPORT_TIME_ZONE = 'Asia/Shanghai';

const cell = z.string().max(1000, 'must be at most 1000 characters');

export const schemas = {
  replace: z.object({ newUid: cardUid, defective: z.boolean().optional() }).strict(),
  cancel: z.object({}).strict().nullable(),
  import: z
    .object({
      rows: z
        .array(
          z
            .object({
              row: z.number().int().min(1),
              values: z.object(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, cell.optional()])) as Record<(typeof IMPORT_COLUMNS)[number], z.ZodOptional<typeof cell>>).strict(),
            })
            .strict(),
        )
        .min(1, 'must hold at least one row')
        .max(MAX_IMPORT_ROWS, `must hold at most ${MAX_IMPORT_ROWS} rows (send a large file in batches)`),
      dryRun: z.boolean().optional(),
      skipBad: z.boolean().optional(),
      timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai').optional(),
    })
    .strict(),
  settings: z
    .object({
      replacementFeeFen: z.number().int('must be whole fen').min(0).max(MAX_REPLACEMENT_FEE_FEN, `must be at most ${MAX_REPLACEMENT_FEE_FEN} fen`).optional(),
      cancelBalance: z.enum(['refund', 'write_off']).optional(),
    })
    .strict(),
};

export async function routeCardLife(deps: CardLifeApiDeps, r: Request): Promise<Reply | null> {
  const { method, path, parts } = r;
  const push = (changes: readonly DatasetChange[]) => changes.forEach((c) => deps.datasetChanged(c));

  if (method === 'POST' && parts.length === 4 && parts[0] === 'api' && parts[1] === 'cards' && parts[3] === 'replace') {
    const uid = pathPart(parts[2]!, cardUid, 'uid', 'card uid');
    if (!uid.ok) return fail(uid);
    const body = await parseBody(r.req, schemas.replace);
    if (!body.ok) return fail(body);
    const result = await deps.cardLife.replace({ oldUid: uid.value, newUid: body.value.newUid, defective: body.value.defective ?? false });
    if (!result.ok) {
      deps.logger.log('warn', 'api.card_replace_refused', { uid: uid.value, newUid: body.value.newUid, code: result.code });
      return fail(result);
    }
    deps.logger.log('info', 'api.card_replaced', { uid: uid.value, newUid: body.value.newUid, feeFen: result.feeFen, result: result.result });
    push(result.changes);
    const { ok: _ok, changes, ...answer } = result;
    return ok(result.result === 'created' ? 201 : 200, { ...answer, ...versions(changes) });
  }

  if (method === 'POST' && parts.length === 4 && parts[0] === 'api' && (parts[1] === 'cards' || parts[1] === 'people') && parts[3] === 'cancel') {
    const by = parts[1] === 'cards' ? pathPart(parts[2]!, cardUid, 'uid', 'card uid') : pathPart(parts[2]!, id, 'personId', 'person id');
    if (!by.ok) return fail(by);
    const body = await parseBody(r.req, schemas.cancel);
    if (!body.ok) return fail(body);
    const result = await deps.cardLife.cancel(parts[1] === 'cards' ? { uid: by.value } : { personId: by.value });
    if (!result.ok) {
      deps.logger.log('warn', 'api.cancel_refused', { [parts[1] === 'cards' ? 'uid' : 'personId']: by.value, code: result.code });
      return fail(result);
    }
    deps.logger.log('info', 'api.person_cancelled', { personId: result.personId, settlement: result.settlement, settledFen: result.settledFen, cards: result.cancelledUids.join(',') });
    push(result.changes);
    const { ok: _ok, changes, ...answer } = result;
    return ok(200, { ...answer, ...versions(changes) });
  }

  if (method === 'POST' && path === '/api/people/import') {
    const body = await parseBody(r.req, schemas.import);
    if (!body.ok) return fail(body);
    const { rows, dryRun = false, skipBad = false, timeZone = DEFAULT_IMPORT_TIME_ZONE } = body.value;
    const report = await deps.peopleImport.run({ rows: rows.map((row) => ({ row: row.row, values: row.values })), dryRun, skipBad, timeZone });
    deps.logger.log(report.applied ? 'info' : 'debug', 'api.people_import', {
      rows: report.rows, added: report.added, updated: report.updated, unchanged: report.unchanged, bad: report.bad, dryRun, applied: report.applied,
    });
    push(report.changes);
    const { changes, ...answer } = report;
    if (report.bad > 0 && !skipBad) {
      const message = `${report.bad} of ${report.rows} rows are invalid: ${dryRun ? 'a dry run, nothing written' : 'nothing was imported (fix them, or skipBad to apply the good rows)'}`;
      return { status: 422, body: { error: { code: 'import_rows_invalid', message }, report: { ...answer, ...versions(changes) } } };
    }
    return ok(200, { report: { ...answer, ...versions(changes) } });
  }

  if (path === '/api/settings/card-life') {
    if (method === 'GET') return ok(200, { settings: await deps.cardLifeSettings.get() });
    if (method === 'PUT') {
      const body = await parseBody(r.req, schemas.settings);
      if (!body.ok) return fail(body);
      const settings = await deps.cardLifeSettings.set({
        ...(body.value.replacementFeeFen !== undefined ? { replacementFeeFen: body.value.replacementFeeFen } : {}),
        ...(body.value.cancelBalance !== undefined ? { cancelBalance: body.value.cancelBalance } : {}),
      });
      deps.logger.log('info', 'api.card_life_settings', { ...settings });
      return ok(200, { settings });
    }
  }
  return null;
}

/** The dataset versions an operation made, by name (blacklistVersion, cardsVersion, balancesVersion). */
function versions(changes: readonly DatasetChange[]): Record<string, number> {
  return Object.fromEntries(changes.map((c) => [`${c.name}Version`, c.version]));
}
