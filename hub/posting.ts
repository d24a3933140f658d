/**
 * Device charges into the ledger, exactly once: the event store calls `classifyCharge` for each
 * event of a batch and `postCharge` for each it stored new, in the transaction that stores it
 * (hub/events.ts), so an event is stored and posted together or not at all, and a resent event
 * (already stored) is never posted again.
 *
 * A charge with amount > 0 becomes transfer `<deviceId>:<seq>` from the charged account to the
 * device's merchant account `merchant.<deviceId>`, even when it takes the balance below zero (an
 * overdraft recovered at the next top-up: DESIGN.md "Money offline"). Not posted, and held for
 * review with a reason (the event is stored all the same):
 *
 *   unauthorised_offline    written offline while the device was not authorised to work offline
 *   unknown_account         the account does not exist at the hub
 *   account_not_chargeable  the account is not a personal or room account
 *   transfer_conflict       the transfer id is taken by a different transfer (should never happen)
 *
 * A charge of 0 fen (a session that used nothing) moves no money and is neither posted nor held.
 */
import type { Transaction } from 'kysely';
import type { Event } from '../protocol/messages.js';
import { merchantAccountId, STORED_BALANCE_KINDS } from './account-ids.js';
import { createAccount, transfer, type TransferInput } from './ledger.js';
import type { Database } from './db/schema.js';

export type HeldReason = 'unauthorised_offline' | 'unknown_account' | 'account_not_chargeable' | 'transfer_conflict';

export interface ChargeDecision {
  heldReason: HeldReason | null;
  /** The transfer to post once the event is stored new (null: nothing to post). */
  transfer: TransferInput | null;
}

const NOTHING: ChargeDecision = { heldReason: null, transfer: null };

/** What a stored event means for the ledger (read-only: nothing is written). */
export async function classifyCharge(trx: Transaction<Database>, deviceId: string, e: Event, atMs: number): Promise<ChargeDecision> {
  const amountFen = Number(e.charge?.amountFen ?? 0);
  if (!e.charge || amountFen <= 0) return NOTHING;
  if (e.offline === true && e.offlineAuthorised !== true) return { heldReason: 'unauthorised_offline', transfer: null };
  const accountId = e.charge.accountId ?? '';
  const account = await trx.selectFrom('accounts').select('kind').where('account_id', '=', accountId).executeTakeFirst();
  if (!account) return { heldReason: 'unknown_account', transfer: null };
  if (!STORED_BALANCE_KINDS.has(account.kind)) return { heldReason: 'account_not_chargeable', transfer: null };
  const seq = e.seq ?? 0;
  return {
    heldReason: null,
    transfer: { transferId: `${deviceId}:${seq}`, debitAccountId: accountId, creditAccountId: merchantAccountId(deviceId), amountFen, kind: 'charge', deviceId, seq, atMs },
  };
}

/**
 * Posts a classified charge whose event was just stored. Returns the accounts whose balance
 * changed, or the reason it could not be posted.
 */
export async function postCharge(trx: Transaction<Database>, t: TransferInput): Promise<{ changed: string[] } | { heldReason: HeldReason }> {
  let outcome = await transfer(trx, t);
  if (outcome.result === 'credit_account_not_found') {
    // A device registered before merchant accounts existed, or one whose account was never made.
    await createAccount(trx, { accountId: t.creditAccountId, kind: 'merchant', ownerId: t.deviceId ?? null, name: t.deviceId ?? '', atMs: t.atMs });
    outcome = await transfer(trx, t);
  }
  if (outcome.result === 'created' || outcome.result === 'exists') return { changed: outcome.changed };
  return { heldReason: 'transfer_conflict' };
}
