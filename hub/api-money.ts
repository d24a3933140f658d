/**
 * Operator API routes for money (card office and finance):
 *
 *   POST /api/rooms                       {roomId, name}            -> the room's account room.<roomId>
 *   GET  /api/accounts/:id                                          -> balance
 *   GET  /api/accounts/:id/transfers?limit=&beforeMs=               -> statement, newest first
 *   POST /api/accounts/:id/topups         {amountFen, reference, channel?}  channel cash (the window, the
 *        default; counterparty system.cash) or online (the payment channel; system.online); idempotent
 *        on the channel's reference: 201 created, 200 exists (nothing moved), 409
 *        exists_with_different_amount / _accounts, 409 account_closed (its holder was cancelled)
 */
import { z } from 'zod';
import { TOP_UP_CHANNELS, type AccountStore } from './accounts.js';
import type { DatasetChange } from './dataset-log.js';
import { fail, id, ok, parseBody, parseQuery, pathPart, type Reply, type Request } from './api-http.js';
import type { Logger } from '../lib/log.js';

export interface MoneyApiDeps {
  accounts: AccountStore;
  logger: Logger;
  datasetChanged: (change: DatasetChange) => void;
}

/** Most fen in one top-up: 100,000 yuan (a typo guard, far above any real deposit). */
export const MAX_TOPUP_FEN = 10_000_000;

export const schemas = {
  room: z.object({ roomId: id, name: z.string().min(1).max(200) }).strict(),
  topUp: z
    .object({
      amountFen: z.number().int('must be whole fen').min(1, 'must be at least 1 fen').max(MAX_TOPUP_FEN, `must be at most ${MAX_TOPUP_FEN} fen`),
      reference: z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be 1-128 printable characters without spaces (the receipt number)'),
      channel: z.enum(TOP_UP_CHANNELS, 'must be cash or online').optional(),
    })
    .strict(),
  statement: z
    .object({
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      beforeMs: z.coerce.number().int().min(0).optional(),
    })
    .strict(),
};

export async function routeMoney(deps: MoneyApiDeps, r: Request): Promise<Reply | null> {
  const { method, path, parts } = r;
  if (path === '/api/rooms' && method === 'POST') {
    const body = await parseBody(r.req, schemas.room);
    if (!body.ok) return fail(body);
    const result = await deps.accounts.addRoom(body.value);
    if (!result.ok) return fail(result);
    deps.logger.log('info', 'api.room_added', { roomId: body.value.roomId, accountId: result.account.accountId });
    deps.datasetChanged(result.change);
    return ok(201, { roomId: body.value.roomId, account: result.account });
  }

  if (parts[0] !== 'api' || parts[1] !== 'accounts' || parts.length < 3) return null;
  const accountId = pathPart(parts[2]!, id, 'accountId', 'account id');
  if (!accountId.ok) return fail(accountId);

  if (parts.length === 3 && method === 'GET') {
    const account = await deps.accounts.get(accountId.value);
    return account ? ok(200, { account }) : fail({ ok: false, code: 'not_found', message: `no account ${accountId.value}`, field: 'accountId' });
  }
  if (parts.length === 4 && parts[3] === 'transfers' && method === 'GET') {
    const query = parseQuery(r.url, schemas.statement);
    if (!query.ok) return fail(query);
    const result = await deps.accounts.statement(accountId.value, {
      limit: query.value.limit,
      ...(query.value.beforeMs !== undefined ? { beforeMs: query.value.beforeMs } : {}),
    });
    return result.ok ? ok(200, { account: result.account, transfers: result.transfers }) : fail(result);
  }
  if (parts.length === 4 && parts[3] === 'topups' && method === 'POST') {
    const body = await parseBody(r.req, schemas.topUp);
    if (!body.ok) return fail(body);
    const result = await deps.accounts.topUp(accountId.value, { amountFen: body.value.amountFen, reference: body.value.reference, channel: body.value.channel ?? 'cash' });
    if (!result.ok) {
      deps.logger.log('warn', 'api.topup_refused', { accountId: accountId.value, reference: body.value.reference, code: result.code });
      return fail(result);
    }
    deps.logger.log('info', 'api.topup', { accountId: accountId.value, amountFen: body.value.amountFen, channel: result.topUp.channel, reference: body.value.reference, result: result.result });
    if (result.change) deps.datasetChanged(result.change);
    return ok(result.result === 'created' ? 201 : 200, { result: result.result, topUp: result.topUp, account: result.account });
  }
  return null;
}
