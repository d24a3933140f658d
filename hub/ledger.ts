/**
 * The ledger core (DESIGN.md invariant 1): accounts and double-entry transfers in integer fen.
 *
 * A transfer moves `amountFen` (> 0) from its debit account to its credit account; an account's
 * balance is its credits less its debits, so the sum over all accounts is zero. Transfer ids are
 * chosen by the client or the edge (`<deviceId>:<seq>` for a device's charge, `topup:<channel>:<reference>`
 * for a top-up) and make every submission idempotent: `transfer()` answers
 *
 *   created                          stored now
 *   exists                           the same id with the same content (a resend: nothing changes)
 *   exists_with_different_amount     the same id with another amount (refused; the first stands)
 *   exists_with_different_accounts   the same id between other accounts (refused)
 *   debit_account_not_found / credit_account_not_found / accounts_must_differ
 *
 * Personal and room accounts (residents' money, pushed to devices) keep their balance in a column
 * updated in the transfer's own transaction. Merchant and system accounts take a transfer from
 * every charge or top-up, so they keep no balance row (it would be a hot row every transaction
 * waits on): their balance is derived from their transfers when asked.
 *
 * Functions taking a transaction run inside the caller's; nothing here commits on its own.
 */
import type { Kysely, Transaction } from 'kysely';
import { AssertionError } from '../lib/errors.js';
import { STORED_BALANCE_KINDS, type AccountKind } from './account-ids.js';
import type { Database } from './db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * charge: a device's; topup: a channel's; fee, refund, write_off: card life (hub/card-life.ts);
 * surcharge, correction, settlement, settlement_fee, payout: settlement (hub/settlement.ts).
 */
export type TransferKind = 'charge' | 'topup' | 'fee' | 'refund' | 'write_off' | 'surcharge' | 'correction' | 'settlement' | 'settlement_fee' | 'payout';

export type TransferResult =
  | 'created'
  | 'exists'
  | 'exists_with_different_amount'
  | 'exists_with_different_accounts'
  | 'debit_account_not_found'
  | 'credit_account_not_found'
  | 'accounts_must_differ';

export interface TransferInput {
  transferId: string;
  debitAccountId: string;
  creditAccountId: string;
  amountFen: number;
  kind: TransferKind;
  /** A device's charge: the event it came from. */
  deviceId?: string;
  seq?: number;
  /** The channel's own reference (a top-up receipt number). */
  reference?: string;
  atMs: number;
}

export interface TransferOutcome {
  result: TransferResult;
  /** Personal and room accounts whose balance this call changed (empty unless created). */
  changed: string[];
}

export interface AccountView {
  accountId: string;
  kind: AccountKind;
  ownerId: string | null;
  name: string;
  createdAtMs: number;
  balanceFen: number;
  /** Set when the account was closed (its holder's cancellation): no top-ups after it. */
  closedAtMs: number | null;
}

export interface StatementEntry {
  transferId: string;
  kind: string;
  /** Positive: money in (the account was credited); negative: money out. */
  amountFen: number;
  counterpartyAccountId: string;
  deviceId: string | null;
  seq: number | null;
  reference: string | null;
  createdAtMs: number;
}

export async function transfer(trx: Transaction<Database>, t: TransferInput): Promise<TransferOutcome> {
  if (!Number.isSafeInteger(t.amountFen) || t.amountFen <= 0) throw new AssertionError(`transfer ${t.transferId}: amountFen ${t.amountFen} is not a positive integer`);
  if (t.debitAccountId === t.creditAccountId) return { result: 'accounts_must_differ', changed: [] };
  const before = await existingResult(trx, t);
  if (before) return { result: before, changed: [] };
  const accounts = await trx.selectFrom('accounts').select(['account_id', 'kind']).where('account_id', 'in', [t.debitAccountId, t.creditAccountId]).execute();
  const kindOf = new Map(accounts.map((a) => [a.account_id, a.kind]));
  if (!kindOf.has(t.debitAccountId)) return { result: 'debit_account_not_found', changed: [] };
  if (!kindOf.has(t.creditAccountId)) return { result: 'credit_account_not_found', changed: [] };
  const inserted = await trx
    .insertInto('transfers')
    .values({
      transfer_id: t.transferId, debit_account_id: t.debitAccountId, credit_account_id: t.creditAccountId, amount_fen: t.amountFen, kind: t.kind,
      device_id: t.deviceId ?? null, seq: t.seq ?? null, reference: t.reference ?? null, created_at_ms: t.atMs,
    })
    .onConflict((oc) => oc.column('transfer_id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    // Another transaction stored the same id between our read and our insert.
    return { result: (await existingResult(trx, t)) ?? 'exists', changed: [] };
  }
  const changed: string[] = [];
  for (const [accountId, sign] of [[t.debitAccountId, -1], [t.creditAccountId, 1]] as const) {
    if (!STORED_BALANCE_KINDS.has(kindOf.get(accountId)!)) continue;
    await trx.updateTable('accounts').set((eb) => ({ balance_fen: eb('balance_fen', '+', sign * t.amountFen) })).where('account_id', '=', accountId).execute();
    changed.push(accountId);
  }
  return { result: 'created', changed };
}

async function existingResult(trx: Transaction<Database>, t: TransferInput): Promise<TransferResult | null> {
  const row = await trx.selectFrom('transfers').select(['debit_account_id', 'credit_account_id', 'amount_fen']).where('transfer_id', '=', t.transferId).executeTakeFirst();
  if (!row) return null;
  if (Number(row.amount_fen) !== t.amountFen) return 'exists_with_different_amount';
  if (row.debit_account_id !== t.debitAccountId || row.credit_account_id !== t.creditAccountId) return 'exists_with_different_accounts';
  return 'exists';
}

/**
 * Takes the account row's write lock for the rest of the caller's transaction (a no-op update: the
 * row lock on PostgreSQL, the database write lock on SQLite), so what is read next about the
 * account (its balance, whether it is closed) stays true until the commit. False: no such account.
 */
export async function lockAccount(trx: Transaction<Database>, accountId: string): Promise<boolean> {
  const updated = await trx.updateTable('accounts').set((eb) => ({ balance_version: eb.ref('balance_version') })).where('account_id', '=', accountId).executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** Creates an account (balance 0); `exists` when the id is taken (whatever its kind). */
export async function createAccount(
  trx: Transaction<Database>,
  a: { accountId: string; kind: AccountKind; ownerId: string | null; name: string; atMs: number },
): Promise<'created' | 'exists'> {
  const inserted = await trx
    .insertInto('accounts')
    .values({ account_id: a.accountId, kind: a.kind, owner_id: a.ownerId, name: a.name, created_at_ms: a.atMs, balance_fen: 0, balance_version: 0 })
    .onConflict((oc) => oc.column('account_id').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? 'created' : 'exists';
}

export async function getAccount(db: Db, accountId: string): Promise<AccountView | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  if (!row) return undefined;
  const balanceFen = STORED_BALANCE_KINDS.has(row.kind) ? Number(row.balance_fen) : await derivedBalance(db, accountId);
  return {
    accountId: row.account_id, kind: row.kind, ownerId: row.owner_id, name: row.name, createdAtMs: Number(row.created_at_ms), balanceFen,
    closedAtMs: row.closed_at_ms === null ? null : Number(row.closed_at_ms),
  };
}

/** Credits less debits over every transfer of the account. */
export async function derivedBalance(db: Db, accountId: string): Promise<number> {
  const credit = await db.selectFrom('transfers').select((eb) => eb.fn.sum<number | string | null>('amount_fen').as('fen')).where('credit_account_id', '=', accountId).executeTakeFirst();
  const debit = await db.selectFrom('transfers').select((eb) => eb.fn.sum<number | string | null>('amount_fen').as('fen')).where('debit_account_id', '=', accountId).executeTakeFirst();
  return Number(credit?.fen ?? 0) - Number(debit?.fen ?? 0);
}

/** The account's transfers, newest first (before `beforeMs` when given). */
export async function statement(db: Db, accountId: string, options: { limit: number; beforeMs?: number }): Promise<StatementEntry[]> {
  let q = db
    .selectFrom('transfers')
    .selectAll()
    .where((eb) => eb.or([eb('debit_account_id', '=', accountId), eb('credit_account_id', '=', accountId)]));
  if (options.beforeMs !== undefined) q = q.where('created_at_ms', '<', options.beforeMs);
  const rows = await q.orderBy('created_at_ms', 'desc').orderBy('transfer_id', 'desc').limit(options.limit).execute();
  return rows.map((r) => {
    const credit = r.credit_account_id === accountId;
    return {
      transferId: r.transfer_id,
      kind: r.kind,
      amountFen: credit ? Number(r.amount_fen) : -Number(r.amount_fen),
      counterpartyAccountId: credit ? r.debit_account_id : r.credit_account_id,
      deviceId: r.device_id,
      seq: r.seq === null ? null : Number(r.seq),
      reference: r.reference,
      createdAtMs: Number(r.created_at_ms),
    };
  });
}

export interface LedgerCheck {
  /** Sum of every account's balance: 0 in a sound ledger. */
  sumFen: number;
  /** Accounts whose stored balance differs from the sum of their transfers. */
  mismatches: { accountId: string; storedFen: number; transfersFen: number }[];
}

/** Checks invariant 1 over the whole ledger (finance's reconciliation; the property test). */
export async function checkLedger(db: Db): Promise<LedgerCheck> {
  const accounts = await db.selectFrom('accounts').select(['account_id', 'kind', 'balance_fen']).execute();
  const credits = await db.selectFrom('transfers').select(['credit_account_id as id', (eb) => eb.fn.sum<number | string>('amount_fen').as('fen')]).groupBy('credit_account_id').execute();
  const debits = await db.selectFrom('transfers').select(['debit_account_id as id', (eb) => eb.fn.sum<number | string>('amount_fen').as('fen')]).groupBy('debit_account_id').execute();
  const sums = new Map<string, number>();
  for (const c of credits) sums.set(c.id, (sums.get(c.id) ?? 0) + Number(c.fen));
  for (const d of debits) sums.set(d.id, (sums.get(d.id) ?? 0) - Number(d.fen));
  let sumFen = 0;
  const mismatches: LedgerCheck['mismatches'] = [];
  for (const a of accounts) {
    const transfersFen = sums.get(a.account_id) ?? 0;
    const balance = STORED_BALANCE_KINDS.has(a.kind) ? Number(a.balance_fen) : transfersFen;
    sumFen += balance;
    if (balance !== transfersFen) mismatches.push({ accountId: a.account_id, storedFen: balance, transfersFen });
  }
  return { sumFen, mismatches };
}
