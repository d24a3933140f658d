/**
 * Operator API routes for finance's work (who may call each: hub/permissions-settlement.ts):
 *
 *   GET   /api/merchants                                   merchants with their devices and operators
 *   POST  /api/merchants       {merchantId, name, kind, feeRateBp, surchargeBp?, settlementAccount?}
 *   GET   /api/merchants/:id
 *   PATCH /api/merchants/:id   {name?, kind?, feeRateBp?, surchargeBp?, settlementAccount?}
 *   POST  /api/merchants/:id/devices    {deviceIds}         bind devices (and so their points)
 *   POST  /api/merchants/:id/operators  {operatorId}        an operator acting for the merchant
 *   GET   /api/merchants/:id/flows?period=&limit=&offset=   the merchant's own statement and transfers,
 *         this month or last only; any operator bound to the merchant (account numbers masked), finance, auditor, admin
 *   GET   /api/settlement/:period                           every merchant's figures (open or closed)
 *   POST  /api/settlement/:period/close                     close: sweep, fee, payout transfers, once
 *   GET   /api/settlement/:period/merchants/:id?limit=&offset=   statement (部门结算报表) and its transfers
 *   GET   /api/settlement/:period/merchants/:id/statement.csv   the same as CSV (text/csv)
 *   GET   /api/settlement/:period/merchants/:id/statement.html  the same as a printable page (text/html)
 *   GET   /api/corrections?status=&transferId=&limit=   status: one or several comma-separated (approved,rejected)
 *   POST  /api/corrections     {transferId, amountFen?, reason}
 *   GET   /api/corrections/:id
 *   POST  /api/corrections/:id/approve  {note?}   by another operator than the raiser: refunded
 *   POST  /api/corrections/:id/reject   {note}
 *   GET   /api/reconciliation?date=YYYY-MM-DD                the report (default: yesterday)
 *   GET   /api/reconciliation.csv?date=YYYY-MM-DD            the same as CSV
 *   POST  /api/reconciliation/channels/:channel/lists/:date  {csv}   the channel's list of that day
 *   POST  /api/jobs/<job>/run  {at?, months?, days?, personIds?}     a calendar job (hub/calendar-jobs.ts)
 *   GET   /api/jobs/runs?job=&limit=
 */
import { z } from 'zod';
import { fail, ok, parseBody, parseQuery, pathPart, type Reply, type Request } from './api-http.js';
import { callerOf } from './api-gate.js';
import { TOP_UP_CHANNELS } from './accounts.js';
import { JOB_NAMES, type CalendarJobs, type JobName } from './calendar-jobs.js';
import { parseChannelList, type ChannelLists } from './channel-lists.js';
import type { CorrectionStore } from './corrections.js';
import type { DatasetChange } from './dataset-log.js';
import type { MerchantStore } from './merchants.js';
import { failure } from './outcome.js';
import { dayBounds, localDate, periodOf, shiftPeriod } from './periods.js';
import type { Reconciliation } from './reconciliation.js';
import { reconciliationCsv, statementCsv, statementHtml } from './settlement-render.js';
import type { Settlement } from './settlement.js';
import { date, merchantId, period, settlementSchemas } from './settlement-schemas.js';
import type { Logger } from '../lib/log.js';

export interface SettlementApiDeps {
  merchants: MerchantStore;
  settlement: Settlement;
  corrections: CorrectionStore;
  reconciliation: Reconciliation;
  channelLists: ChannelLists;
  jobs: CalendarJobs;
  settlementTimeZone: string;
  now: () => number;
  logger: Logger;
  datasetChanged: (change: DatasetChange) => void;
}

const textReply = (status: number, body: string, contentType: string, filename?: string): Reply => ({
  status,
  body: {},
  text: body,
  headers: { 'content-type': contentType, ...(filename ? { 'content-disposition': `inline; filename="${filename}"` } : {}) },
});

/** Roles that read every merchant's flows. */
const FINANCE_READERS = new Set(['finance', 'auditor', 'admin']);

export async function routeSettlement(deps: SettlementApiDeps, r: Request): Promise<Reply | null> {
  const { method, path, parts } = r;
  const tz = deps.settlementTimeZone;
  const operatorId = () => callerOf(r.req)?.operator.operatorId ?? 'unknown';

  // Merchants.
  if (path === '/api/merchants') {
    if (method === 'GET') return ok(200, { merchants: await deps.merchants.list() });
    if (method === 'POST') {
      const body = await parseBody(r.req, settlementSchemas.merchant);
      if (!body.ok) return fail(body);
      const { surchargeBp, settlementAccount, ...m } = body.value;
      const result = await deps.merchants.add({ ...m, ...(surchargeBp !== undefined ? { surchargeBp } : {}), ...(settlementAccount !== undefined ? { settlementAccount } : {}) });
      if (!result.ok) return fail(result);
      deps.logger.log('info', 'api.merchant_added', { merchantId: m.merchantId, kind: m.kind, feeRateBp: m.feeRateBp });
      return ok(201, { merchant: result.merchant });
    }
  }
  if (parts[0] === 'api' && parts[1] === 'merchants' && parts.length >= 3) {
    const mid = pathPart(parts[2]!, merchantId, 'merchantId', 'merchant id');
    if (!mid.ok) return fail(mid);
    if (parts.length === 3 && method === 'GET') {
      const merchant = await deps.merchants.get(mid.value);
      return merchant ? ok(200, { merchant }) : fail(failure('not_found', `no merchant ${mid.value}`, 'merchantId'));
    }
    if (parts.length === 3 && method === 'PATCH') {
      const body = await parseBody(r.req, settlementSchemas.merchantPatch);
      if (!body.ok) return fail(body);
      const patch = Object.fromEntries(Object.entries(body.value).filter(([, v]) => v !== undefined));
      const result = await deps.merchants.update(mid.value, patch);
      return result.ok ? ok(200, { merchant: result.merchant }) : fail(result);
    }
    if (parts.length === 4 && parts[3] === 'devices' && method === 'POST') {
      const body = await parseBody(r.req, settlementSchemas.bindDevices);
      if (!body.ok) return fail(body);
      const result = await deps.merchants.bindDevices(mid.value, body.value.deviceIds);
      if (!result.ok) return fail(result);
      deps.logger.log('info', 'api.merchant_devices_bound', { merchantId: mid.value, devices: body.value.deviceIds.join(','), moved: result.moved.length });
      return ok(200, { merchant: result.merchant, moved: result.moved });
    }
    if (parts.length === 4 && parts[3] === 'operators' && method === 'POST') {
      const body = await parseBody(r.req, settlementSchemas.bindOperator);
      if (!body.ok) return fail(body);
      const result = await deps.merchants.bindOperator(mid.value, body.value.operatorId);
      return result.ok ? ok(200, { merchant: result.merchant }) : fail(result);
    }
    if (parts.length === 4 && parts[3] === 'flows' && method === 'GET') return flows(deps, r, mid.value);
  }

  // Settlement periods and statements.
  if (parts[0] === 'api' && parts[1] === 'settlement' && parts.length >= 3) {
    const p = pathPart(parts[2]!, period, 'period', 'period');
    if (!p.ok) return fail(p);
    if (parts.length === 3 && method === 'GET') return ok(200, { period: await deps.settlement.summary(p.value) });
    if (parts.length === 4 && parts[3] === 'close' && method === 'POST') {
      const result = await deps.settlement.close(p.value, operatorId());
      if (!result.ok) return fail(result);
      deps.logger.log('info', 'api.period_closed', { period: p.value, result: result.result, payoutFen: result.summary.totals.payoutFen });
      return ok(result.result === 'created' ? 201 : 200, { result: result.result, period: result.summary });
    }
    if (parts.length >= 5 && parts[3] === 'merchants' && method === 'GET') {
      const mid = pathPart(parts[4]!, merchantId, 'merchantId', 'merchant id');
      if (!mid.ok) return fail(mid);
      const found = await deps.settlement.statement(p.value, mid.value);
      if (!found.ok) return fail(found);
      if (parts.length === 5) {
        const q = parseQuery(r.url, settlementSchemas.statement);
        if (!q.ok) return fail(q);
        return ok(200, { statement: found.statement, lines: await deps.settlement.lines(p.value, mid.value, q.value) });
      }
      if (parts.length === 6 && (parts[5] === 'statement.csv' || parts[5] === 'statement.html')) {
        const all = await deps.settlement.lines(p.value, mid.value);
        const name = `statement-${mid.value}-${p.value}`;
        return parts[5] === 'statement.csv'
          ? textReply(200, statementCsv(found.statement, all, tz), 'text/csv; charset=utf-8', `${name}.csv`)
          : textReply(200, statementHtml(found.statement, all, tz), 'text/html; charset=utf-8');
      }
    }
  }

  // Corrections.
  if (path === '/api/corrections') {
    if (method === 'GET') {
      const q = parseQuery(r.url, settlementSchemas.corrections);
      if (!q.ok) return fail(q);
      const { status, transferId, limit } = q.value;
      return ok(200, { corrections: await deps.corrections.list({ limit, ...(status ? { status } : {}), ...(transferId ? { transferId } : {}) }) });
    }
    if (method === 'POST') {
      const body = await parseBody(r.req, settlementSchemas.correction);
      if (!body.ok) return fail(body);
      const { amountFen, ...input } = body.value;
      const result = await deps.corrections.raise({ ...input, ...(amountFen !== undefined ? { amountFen } : {}), raisedBy: operatorId() });
      if (!result.ok) return fail(result);
      deps.logger.log('info', 'api.correction_raised', { correctionId: result.correction.correctionId, transferId: input.transferId, amountFen: result.correction.amountFen });
      return ok(201, { correction: result.correction });
    }
  }
  if (parts[0] === 'api' && parts[1] === 'corrections' && parts.length >= 3) {
    const cid = pathPart(parts[2]!, z.coerce.number().int().min(1), 'correctionId', 'correction id');
    if (!cid.ok) return fail(cid);
    if (parts.length === 3 && method === 'GET') {
      const correction = await deps.corrections.get(cid.value);
      return correction ? ok(200, { correction }) : fail(failure('not_found', `no correction ${cid.value}`, 'correctionId'));
    }
    if (parts.length === 4 && parts[3] === 'approve' && method === 'POST') {
      const body = await parseBody(r.req, settlementSchemas.approve);
      if (!body.ok) return fail(body);
      const note = body.value?.note;
      const result = await deps.corrections.approve(cid.value, { approvedBy: operatorId(), ...(note ? { note } : {}) });
      if (!result.ok) {
        deps.logger.log('warn', 'api.correction_refused', { correctionId: cid.value, code: result.code, operatorId: operatorId() });
        return fail(result);
      }
      if (result.change) deps.datasetChanged(result.change);
      deps.logger.log('info', 'api.correction_approved', { correctionId: cid.value, refund: result.correction.refundTransferId, amountFen: result.correction.amountFen });
      return ok(200, { correction: result.correction });
    }
    if (parts.length === 4 && parts[3] === 'reject' && method === 'POST') {
      const body = await parseBody(r.req, settlementSchemas.reject);
      if (!body.ok) return fail(body);
      const result = await deps.corrections.reject(cid.value, { rejectedBy: operatorId(), note: body.value.note });
      return result.ok ? ok(200, { correction: result.correction }) : fail(result);
    }
  }

  // Reconciliation.
  if ((path === '/api/reconciliation' || path === '/api/reconciliation.csv') && method === 'GET') {
    const csv = path.endsWith('.csv');
    const q = parseQuery(r.url, csv ? settlementSchemas.reconciliationCsv : settlementSchemas.reconciliation);
    if (!q.ok) return fail(q);
    const day = q.value.date ?? localDate(dayBounds(localDate(deps.now(), tz), tz).startMs - 1, tz);
    const report = await deps.reconciliation.report(day);
    return csv ? textReply(200, reconciliationCsv(report, tz), 'text/csv; charset=utf-8', `reconciliation-${day}.csv`) : ok(200, { report });
  }
  if (parts[0] === 'api' && parts[1] === 'reconciliation' && parts[2] === 'channels' && parts[4] === 'lists' && parts.length === 6 && method === 'POST') {
    const channel = pathPart(parts[3]!, z.enum(TOP_UP_CHANNELS), 'channel', 'channel (cash or online)');
    if (!channel.ok) return fail(channel);
    const day = pathPart(parts[5]!, date, 'date', 'date');
    if (!day.ok) return fail(day);
    const body = await parseBody(r.req, settlementSchemas.channelList);
    if (!body.ok) return fail(body);
    const parsed = parseChannelList(body.value.csv);
    if (!parsed.ok) {
      const message = `${parsed.errors.length} problem${parsed.errors.length > 1 ? 's' : ''} in the list, nothing imported: ${parsed.errors.slice(0, 5).map((e) => `line ${e.line}: ${e.message}`).join('; ')}`;
      return { status: 422, body: { error: { code: 'channel_list_invalid', message, field: 'csv' }, errors: parsed.errors } };
    }
    const result = await deps.channelLists.store(channel.value, day.value, parsed.rows);
    deps.logger.log('info', 'api.channel_list_imported', { ...result });
    return ok(200, { import: result });
  }

  // Calendar jobs.
  if (parts[0] === 'api' && parts[1] === 'jobs' && parts.length === 4 && parts[3] === 'run' && method === 'POST' && (JOB_NAMES as readonly string[]).includes(parts[2]!)) {
    const job = parts[2] as JobName;
    const body = await parseBody(r.req, settlementSchemas.job);
    if (!body.ok) return fail(body);
    const { at, ...params } = body.value ?? {};
    if (params.personIds && job !== 'graduates') return fail(failure('invalid_body', 'personIds: only the graduates job takes a list of people', 'personIds'));
    const atMs = at === undefined ? deps.now() : typeof at === 'string' ? dayBounds(at, tz).startMs : at;
    const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    const { result, run } = await deps.jobs.run(job, atMs, clean);
    return ok(result === 'created' ? 201 : 200, { result, run });
  }
  if (path === '/api/jobs/runs' && method === 'GET') {
    const q = parseQuery(r.url, settlementSchemas.jobRuns);
    if (!q.ok) return fail(q);
    return ok(200, { runs: await deps.jobs.list({ limit: q.value.limit, ...(q.value.job ? { job: q.value.job } : {}) }) });
  }
  return null;
}

/** A merchant's own flows: this month and last only; an operator bound to another merchant is refused. */
async function flows(deps: SettlementApiDeps, r: Request, merchantId: string): Promise<Reply> {
  const caller = callerOf(r.req);
  if (!caller) return fail(failure('unauthenticated', 'log in first'));
  const readsAll = caller.operator.roles.some((role) => FINANCE_READERS.has(role));
  if (!readsAll) {
    const own = await deps.merchants.merchantOfOperator(caller.operator.operatorId);
    if (own !== merchantId) {
      return fail(failure('forbidden', own === null ? `operator ${caller.operator.operatorId} acts for no merchant (finance binds one: onecard admin merchant bind-operator)` : `operator ${caller.operator.operatorId} acts for merchant ${own}, not ${merchantId}`));
    }
  }
  const q = parseQuery(r.url, settlementSchemas.flows);
  if (!q.ok) return fail(q);
  const current = periodOf(deps.now(), deps.settlementTimeZone);
  const wanted = q.value.period ?? current;
  if (wanted !== current && wanted !== shiftPeriod(current, -1)) {
    return fail(failure('period_out_of_range', `a merchant's own flows are open for this month (${current}) and last month (${shiftPeriod(current, -1)}) only; finance has the statements of other periods`, 'period'));
  }
  const found = await deps.settlement.statement(wanted, merchantId);
  if (!found.ok) return fail(found);
  const lines = await deps.settlement.lines(wanted, merchantId, { limit: q.value.limit, offset: q.value.offset });
  // A merchant's clerk sees who paid only as far as a receipt shows it: not the student or staff number.
  return ok(200, { statement: found.statement, lines: readsAll ? lines : lines.map((l) => ({ ...l, accountId: maskAccount(l.accountId) })) });
}

/** `person.2023011234` -> `person.********34`; `person.S1` -> `person.*1`. */
export function maskAccount(accountId: string): string {
  const dot = accountId.indexOf('.');
  const owner = accountId.slice(dot + 1);
  const keep = Math.min(2, Math.floor(owner.length / 2));
  return `${accountId.slice(0, dot + 1)}${'*'.repeat(owner.length - keep)}${keep > 0 ? owner.slice(-keep) : ''}`;
}
