/**
 * Card life beyond issue, lost and found (hub/cards.ts), as DESIGN.md lists it:
 *
 * - replace (补卡): a new card on the same account; the old card becomes `replaced`, blacklisted
 *   with reason REPLACED for ever (never found again, never replaced again). The fee
 *   (hub/card-life-settings.ts, 10 yuan unless set) is a ledger transfer `fee:replace:<oldUid>` from
 *   the holder's account to `system.fees`; the replacement is refused (`balance_short`), with nothing
 *   changed, when the balance is below the fee; a defective card is replaced free. The new card keeps
 *   the old one's own validity window, groups and daily limits. Asking again for the same
 *   replacement (same old and new card) answers `exists` and changes nothing.
 * - cancel (销户): on leaving. Every active or lost card of the holder becomes `cancelled`
 *   (blacklisted CANCELLED for ever), the account is closed (no top-ups after it), and its balance is
 *   settled by the policy setting: refunded (transfer `cancel:<personId>` to `system.cash`: cash
 *   handed back) or written off (to `system.bad_debt`). A negative balance (an overdraft) is refused
 *   under refund (`balance_owed`: the holder pays it first) and written off under write-off.
 *
 * Each operation is one transaction holding the account's row lock from its first read, with the
 * blacklist, cards and balances versions it makes: the caller pushes them (blacklist first).
 */
import type { Kysely, Transaction } from 'kysely';
import { AssertionError } from '../lib/errors.js';
import { BAD_DEBT_ACCOUNT_ID, CASH_ACCOUNT_ID, FEES_ACCOUNT_ID, personAccountId } from './account-ids.js';
import { markBalancesChanged } from './balances.js';
import { activeCardOf, cardView, closedAccountOf, finalStatusFailure, type CardView } from './cards.js';
import { readCardLifeSettings, type CancelBalancePolicy } from './card-life-settings.js';
import { DEFAULT_LOG_RETENTION_VERSIONS, recordChange, type DatasetChange } from './dataset-log.js';
import type { Database } from './db/schema.js';
import { getAccount, lockAccount, transfer, type AccountView } from './ledger.js';
import { failure, type Outcome } from './outcome.js';

export interface ReplaceResult {
  /** created: replaced now; exists: this replacement was made before (nothing changed now). */
  result: 'created' | 'exists';
  oldCard: CardView;
  card: CardView;
  feeFen: number;
  feeTransferId: string | null;
  account: AccountView;
  /** Blacklist first: deny wins. Empty for `exists`. */
  changes: DatasetChange[];
}

export interface CancelResult {
  personId: string;
  /** refund or write_off: the balance was settled so; none: it was 0. */
  settlement: CancelBalancePolicy | 'none';
  /** The balance settled (negative: an overdraft written off). */
  settledFen: number;
  transferId: string | null;
  cancelledUids: string[];
  account: AccountView;
  changes: DatasetChange[];
}

/** Fen as yuan for messages: 550 -> "5.50". */
export function yuanText(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export class CardLife {
  private readonly retention: number;

  constructor(private readonly db: Kysely<Database>, private readonly now: () => number, options: { logRetentionVersions?: number } = {}) {
    this.retention = options.logRetentionVersions ?? DEFAULT_LOG_RETENTION_VERSIONS;
  }

  async replace(input: { oldUid: string; newUid: string; defective: boolean }): Promise<Outcome<ReplaceResult>> {
    const { oldUid, newUid } = input;
    return this.db.transaction().execute(async (trx): Promise<Outcome<ReplaceResult>> => {
      const holder = await trx.selectFrom('cards').select('person_id').where('card_uid', '=', oldUid).executeTakeFirst();
      if (!holder) return failure('not_found', `no card ${oldUid}`, 'uid');
      const accountId = personAccountId(holder.person_id);
      // Every change of a holder's cards takes this lock first: what is read below stays true.
      if (!(await lockAccount(trx, accountId))) throw new AssertionError(`person ${holder.person_id} has no account ${accountId}`);
      const old = (await trx.selectFrom('cards').selectAll().where('card_uid', '=', oldUid).executeTakeFirst())!;
      const feeTransferId = `fee:replace:${oldUid}`;
      if (old.status === 'replaced' && old.replaced_by === newUid) {
        const fee = await trx.selectFrom('transfers').select('amount_fen').where('transfer_id', '=', feeTransferId).executeTakeFirst();
        return {
          ok: true, result: 'exists', oldCard: (await cardView(trx, oldUid))!, card: (await cardView(trx, newUid))!,
          feeFen: fee ? Number(fee.amount_fen) : 0, feeTransferId: fee ? feeTransferId : null, account: (await getAccount(trx, accountId))!, changes: [],
        };
      }
      const final = finalStatusFailure(old);
      if (final) return final;
      if (newUid === oldUid) return failure('invalid_body', 'newUid: the new card must be another card than the one replaced', 'newUid');
      if (await trx.selectFrom('cards').select('card_uid').where('card_uid', '=', newUid).executeTakeFirst()) {
        return failure('card_exists', `card ${newUid} is already issued (a card UID is issued once)`, 'newUid');
      }
      const closed = await closedAccountOf(trx, old.person_id);
      if (closed) return closed;
      // A lost card whose holder was issued another card since: that one is their card now.
      const active = await activeCardOf(trx, old.person_id);
      if (active !== undefined && active !== oldUid) {
        return failure('person_has_active_card', `person ${old.person_id} holds active card ${active}: a replacement for lost card ${oldUid} would be a second one`, 'uid');
      }
      const feeFen = input.defective ? 0 : (await readCardLifeSettings(trx)).replacementFeeFen;
      const before = (await getAccount(trx, accountId))!;
      if (before.balanceFen < feeFen) {
        return failure('balance_short', `the balance of ${accountId} is ${yuanText(before.balanceFen)} yuan, short of the ${yuanText(feeFen)} yuan replacement fee: top up first (a defective card is replaced free)`);
      }

      const at = this.now();
      await trx.updateTable('cards').set({ status: 'replaced', replaced_by: newUid, updated_at_ms: at }).where('card_uid', '=', oldUid).execute();
      await trx
        .insertInto('cards')
        .values({
          card_uid: newUid, person_id: old.person_id, status: 'active', created_at_ms: at, updated_at_ms: at, valid_from_ms: old.valid_from_ms, valid_until_ms: old.valid_until_ms,
          groups: old.groups, daily_limit_fen: old.daily_limit_fen, offline_daily_limit_fen: old.offline_daily_limit_fen, replaced_by: null,
        })
        .execute();
      const changes: DatasetChange[] = [];
      const blacklist = await recordChange(trx, 'blacklist', [oldUid], at, this.retention);
      changes.push({ name: 'blacklist', version: blacklist }, { name: 'cards', version: await recordChange(trx, 'cards', [oldUid, newUid], at, this.retention) });
      await trx.insertInto('card_changes').values({ card_uid: oldUid, change: 'replaced', blacklist_version: blacklist, at_ms: at }).execute();
      if (feeFen > 0) {
        const fee = await transfer(trx, { transferId: feeTransferId, debitAccountId: accountId, creditAccountId: FEES_ACCOUNT_ID, amountFen: feeFen, kind: 'fee', reference: oldUid, atMs: at });
        // The id names the old card, which is replaced only once (checked above, under the row lock).
        if (fee.result !== 'created') throw new AssertionError(`replacement fee ${feeTransferId}: ${fee.result}`);
        changes.push({ name: 'balances', version: (await markBalancesChanged(trx, fee.changed, at))! });
      }
      return {
        ok: true, result: 'created', oldCard: (await cardView(trx, oldUid))!, card: (await cardView(trx, newUid))!,
        feeFen, feeTransferId: feeFen > 0 ? feeTransferId : null, account: (await getAccount(trx, accountId))!, changes,
      };
    });
  }

  /**
   * Cancels a person (named directly or by any card of theirs): cards, account and balance as above.
   * `balancePolicy` overrides the setting (the calendar job closing expired accounts writes off: hub/calendar-jobs.ts).
   */
  async cancel(by: { personId: string } | { uid: string }, options: { balancePolicy?: CancelBalancePolicy } = {}): Promise<Outcome<CancelResult>> {
    return this.db.transaction().execute(async (trx): Promise<Outcome<CancelResult>> => {
      const personId = await holderOf(trx, by);
      if (typeof personId !== 'string') return personId;
      const accountId = personAccountId(personId);
      if (!(await lockAccount(trx, accountId))) throw new AssertionError(`person ${personId} has no account ${accountId}`);
      const closed = await closedAccountOf(trx, personId);
      if (closed) return closed;
      const policy = options.balancePolicy ?? (await readCardLifeSettings(trx)).cancelBalance;
      const balanceFen = (await getAccount(trx, accountId))!.balanceFen;
      if (balanceFen < 0 && policy === 'refund') {
        return failure('balance_owed', `account ${accountId} is overdrawn by ${yuanText(-balanceFen)} yuan: the holder pays it (a top-up) before the account is closed`);
      }

      const at = this.now();
      const changes: DatasetChange[] = [];
      const cards = await trx.selectFrom('cards').select('card_uid').where('person_id', '=', personId).where('status', 'in', ['active', 'lost']).orderBy('card_uid').execute();
      const uids = cards.map((c) => c.card_uid);
      if (uids.length > 0) {
        await trx.updateTable('cards').set({ status: 'cancelled', updated_at_ms: at }).where('card_uid', 'in', uids).execute();
        const blacklist = await recordChange(trx, 'blacklist', uids, at, this.retention);
        changes.push({ name: 'blacklist', version: blacklist }, { name: 'cards', version: await recordChange(trx, 'cards', uids, at, this.retention) });
        await trx.insertInto('card_changes').values(uids.map((uid) => ({ card_uid: uid, change: 'cancelled', blacklist_version: blacklist, at_ms: at }))).execute();
      }
      let transferId: string | null = null;
      if (balanceFen !== 0) {
        transferId = `cancel:${personId}`;
        const counterparty = policy === 'refund' ? CASH_ACCOUNT_ID : BAD_DEBT_ACCOUNT_ID;
        const [debit, credit] = balanceFen > 0 ? [accountId, counterparty] : [counterparty, accountId];
        const moved = await transfer(trx, { transferId, debitAccountId: debit, creditAccountId: credit, amountFen: Math.abs(balanceFen), kind: policy, reference: personId, atMs: at });
        // An account is closed once (checked above, under the row lock).
        if (moved.result !== 'created') throw new AssertionError(`cancellation ${transferId}: ${moved.result}`);
        changes.push({ name: 'balances', version: (await markBalancesChanged(trx, moved.changed, at))! });
      }
      await trx.updateTable('accounts').set({ closed_at_ms: at }).where('account_id', '=', accountId).execute();
      return {
        ok: true, personId, settlement: balanceFen === 0 ? 'none' : policy, settledFen: balanceFen, transferId, cancelledUids: uids,
        account: (await getAccount(trx, accountId))!, changes,
      };
    });
  }
}

async function holderOf(trx: Transaction<Database>, by: { personId: string } | { uid: string }) {
  if ('uid' in by) {
    const card = await trx.selectFrom('cards').select('person_id').where('card_uid', '=', by.uid).executeTakeFirst();
    return card ? card.person_id : failure('not_found', `no card ${by.uid}`, 'uid');
  }
  const person = await trx.selectFrom('people').select('person_id').where('person_id', '=', by.personId).executeTakeFirst();
  return person ? person.person_id : failure('not_found', `no person ${by.personId}`, 'personId');
}
