/**
 * Device charges into the ledger, exactly once: the event store classifies the events of a batch
 * (`classifyCharges`) and posts the charges of those it stored new (`postCharges`, then
 * `applyCharges`), in the transaction that stores them (hub/events.ts), so an event is stored and
 * posted together or not at all, and a resent event (already stored) is never posted again.
 *
 * A charge with amount > 0 becomes transfer `<deviceId>:<seq>` from the charged account to the
 * device's merchant account `merchant.<deviceId>`, even when it takes the balance below zero (an
 * overdraft recovered at the next top-up: DESIGN.md "Money offline"). Not posted, and held for
 * review with a reason (the event is stored all the same):
 *
 *   unauthorised_offline    written offline while the device was not authorised to work offline
 *   unknown_account         the account does not exist at the hub
 *   account_not_chargeable  the account is not a personal or room account
 *   account_closed          the account was closed (card cancelled, expired account closed): a
 *                           charge written offline before and uploaded after; finance decides
 *   transfer_conflict       the transfer id is taken by a different transfer (should never happen)
 *
 * A charge of 0 fen (a session that used nothing) moves no money and is neither posted nor held.
 *
 * A batch costs a few statements whatever its size: one read of the accounts it charges, one
 * insert of its transfers, and one update of the charged balances with their new balances version,
 * made last and in account order (so concurrent batches on PostgreSQL hold those rows only briefly
 * and always lock them in the same order). The transfers and balances are exactly what hub/ledger.ts `transfer()` would make
 * one by one.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { isPostgres } from './db/dialect.js';
import type { Event } from '../protocol/messages.js';
import { merchantAccountId, STORED_BALANCE_KINDS, type AccountKind } from './account-ids.js';
import { createAccount, type TransferInput } from './ledger.js';
import { bumpVersion } from './dataset-log.js';
import { surchargeTransfers } from './surcharge.js';
import type { Database } from './db/schema.js';

export type HeldReason = 'unauthorised_offline' | 'unknown_account' | 'account_not_chargeable' | 'account_closed' | 'transfer_conflict';

export interface ChargeDecision {
  heldReason: HeldReason | null;
  /** The transfer to post once the event is stored new (null: nothing to post). */
  transfer: TransferInput | null;
}

const NOTHING: ChargeDecision = { heldReason: null, transfer: null };
/** Rows per insert statement (well under both databases' limits on bound parameters). */
const ROWS_PER_INSERT = 500;

/** What each event of a batch means for the ledger (read-only: nothing is written). */
export async function classifyCharges(trx: Transaction<Database>, deviceId: string, events: readonly Event[], atMs: number): Promise<ChargeDecision[]> {
  const charged = (e: Event) => e.charge && Number(e.charge.amountFen ?? 0) > 0 && !(e.offline === true && e.offlineAuthorised !== true);
  const ids = [...new Set(events.filter(charged).map((e) => e.charge!.accountId ?? ''))];
  const kinds = new Map<string, AccountKind>();
  const closed = new Set<string>();
  for (let i = 0; i < ids.length; i += ROWS_PER_INSERT) {
    const rows = await trx.selectFrom('accounts').select(['account_id', 'kind', 'closed_at_ms']).where('account_id', 'in', ids.slice(i, i + ROWS_PER_INSERT)).execute();
    for (const r of rows) {
      kinds.set(r.account_id, r.kind as AccountKind);
      if (r.closed_at_ms !== null) closed.add(r.account_id);
    }
  }
  return events.map((e): ChargeDecision => {
    const amountFen = Number(e.charge?.amountFen ?? 0);
    if (!e.charge || amountFen <= 0) return NOTHING;
    if (e.offline === true && e.offlineAuthorised !== true) return { heldReason: 'unauthorised_offline', transfer: null };
    const accountId = e.charge.accountId ?? '';
    const kind = kinds.get(accountId);
    if (kind === undefined) return { heldReason: 'unknown_account', transfer: null };
    if (!STORED_BALANCE_KINDS.has(kind)) return { heldReason: 'account_not_chargeable', transfer: null };
    if (closed.has(accountId)) return { heldReason: 'account_closed', transfer: null };
    const seq = e.seq ?? 0;
    return {
      heldReason: null,
      transfer: { transferId: `${deviceId}:${seq}`, debitAccountId: accountId, creditAccountId: merchantAccountId(deviceId), amountFen, kind: 'charge', deviceId, seq, atMs },
    };
  });
}

export interface PostedCharges {
  /** Transfers that could not be posted, by transfer id. */
  held: Map<string, HeldReason>;
  /** What the transfers stored take from each charged account, in fen: for `applyCharges`. */
  debitsFen: Map<string, number>;
}

/**
 * Stores the transfers of classified charges (from `classifyCharges`, debiting personal or room
 * accounts) whose events were just stored. A transfer id already stored with the same content
 * counts as posted before (nothing moves); with other content it is held as a conflict. The
 * balances move in `applyCharges`, called last in the same transaction.
 */
export async function postCharges(trx: Transaction<Database>, transfers: readonly TransferInput[]): Promise<PostedCharges> {
  const held = new Map<string, HeldReason>();
  const debitsFen = new Map<string, number>();
  if (transfers.length === 0) return { held, debitsFen };
  await ensureMerchantAccounts(trx, transfers);
  const existing = new Map<string, { debit: string; credit: string; amountFen: number }>();
  const ids = transfers.map((t) => t.transferId);
  for (let i = 0; i < ids.length; i += ROWS_PER_INSERT) {
    const rows = await trx.selectFrom('transfers').select(['transfer_id', 'debit_account_id', 'credit_account_id', 'amount_fen']).where('transfer_id', 'in', ids.slice(i, i + ROWS_PER_INSERT)).execute();
    for (const r of rows) existing.set(r.transfer_id, { debit: r.debit_account_id, credit: r.credit_account_id, amountFen: Number(r.amount_fen) });
  }
  const fresh: TransferInput[] = [];
  for (const t of transfers) {
    const before = existing.get(t.transferId);
    if (!before) fresh.push(t);
    else if (before.debit !== t.debitAccountId || before.credit !== t.creditAccountId || before.amountFen !== t.amountFen) held.set(t.transferId, 'transfer_conflict');
  }
  // A temporary card's surcharge at a canteen (搭伙费) is posted with its charge (hub/surcharge.ts).
  fresh.push(...(await surchargeTransfers(trx, fresh)));
  for (let i = 0; i < fresh.length; i += ROWS_PER_INSERT) {
    await trx
      .insertInto('transfers')
      .values(fresh.slice(i, i + ROWS_PER_INSERT).map((t) => ({
        transfer_id: t.transferId, debit_account_id: t.debitAccountId, credit_account_id: t.creditAccountId, amount_fen: t.amountFen, kind: t.kind,
        device_id: t.deviceId ?? null, seq: t.seq ?? null, reference: t.reference ?? null, created_at_ms: t.atMs,
      })))
      .execute();
  }
  for (const t of fresh) debitsFen.set(t.debitAccountId, (debitsFen.get(t.debitAccountId) ?? 0) + t.amountFen);
  return { held, debitsFen };
}

/**
 * Takes what `postCharges` stored from the charged balances and gives them one new version of the
 * balances dataset (hub/balances.ts): one update for the batch, in account order. Call it last
 * before the commit: the rows and the version stay locked until then, and every other batch or
 * top-up touching one of these accounts waits for them. Returns the accounts changed (in account
 * order) and the version, null when no balance changed.
 */
export async function applyCharges(trx: Transaction<Database>, debitsFen: ReadonlyMap<string, number>, atMs: number): Promise<{ changed: string[]; balancesVersion: number | null }> {
  const changed = [...debitsFen.keys()].sort();
  if (changed.length === 0) return { changed, balancesVersion: null };
  if (isPostgres(trx as unknown as Kysely<unknown>)) {
    // PostgreSQL locks the rows an update touches in whatever order it finds them (which changes as
    // rows get new versions): take them in account order first, or two batches deadlock; and before
    // the version, as a top-up does (hub/ledger.ts updates its account, then the version is bumped).
    // No key update: the transfers just stored hold key-share locks on these rows.
    for (let i = 0; i < changed.length; i += ROWS_PER_INSERT) {
      await trx.selectFrom('accounts').select('account_id').where('account_id', 'in', changed.slice(i, i + ROWS_PER_INSERT)).orderBy('account_id').forNoKeyUpdate().execute();
    }
  }
  const balancesVersion = await bumpVersion(trx, 'balances', atMs);
  for (let i = 0; i < changed.length; i += ROWS_PER_INSERT) {
    const chunk = changed.slice(i, i + ROWS_PER_INSERT);
    const cases = sql.join(chunk.map((id) => sql`when ${id} then cast(${debitsFen.get(id)!} as bigint)`), sql` `);
    await trx
      .updateTable('accounts')
      .set({ balance_fen: sql<number>`balance_fen - case account_id ${cases} end`, balance_version: balancesVersion })
      .where('account_id', 'in', chunk)
      .execute();
  }
  return { changed, balancesVersion };
}

/** Merchant accounts of devices registered before they existed (or whose account was never made). */
async function ensureMerchantAccounts(trx: Transaction<Database>, transfers: readonly TransferInput[]): Promise<void> {
  const credits = new Map(transfers.map((t) => [t.creditAccountId, t]));
  const rows = await trx.selectFrom('accounts').select('account_id').where('account_id', 'in', [...credits.keys()]).execute();
  const have = new Set(rows.map((r) => r.account_id));
  for (const [accountId, t] of credits) {
    if (!have.has(accountId)) await createAccount(trx, { accountId, kind: 'merchant', ownerId: t.deviceId ?? null, name: t.deviceId ?? '', atMs: t.atMs });
  }
}
