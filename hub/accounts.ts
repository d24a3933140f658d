/**
 * Accounts as the card office and finance see them: room accounts, top-ups at the cash window and
 * through the online payment channel (counterparties `system.cash` and `system.online`), balances
 * and statements. A closed account (its holder was cancelled, hub/card-life.ts) takes no top-up:
 * `account_closed`. Each write is one transaction with the balances version it makes
 * (hub/balances.ts), so devices are pushed the new balance.
 *
 * A top-up is idempotent on its channel's reference: transfer id `topup:<channel>:<reference>`.
 * Sending the same top-up again answers `exists` and moves no money; the same reference with
 * another amount is refused (`exists_with_different_amount`), as is the same reference for
 * another account (`exists_with_different_accounts`).
 */
import type { Kysely } from 'kysely';
import { CASH_ACCOUNT_ID, ONLINE_ACCOUNT_ID, STORED_BALANCE_KINDS, roomAccountId } from './account-ids.js';
import { markBalancesChanged } from './balances.js';
import type { DatasetChange } from './dataset-log.js';
import type { Database } from './db/schema.js';
import { createAccount, getAccount, lockAccount, statement, transfer, type AccountView, type StatementEntry } from './ledger.js';
import { failure, type Outcome } from './outcome.js';
import { AssertionError } from '../lib/errors.js';

export type TopUpChannel = 'cash' | 'online';

export const TOP_UP_CHANNELS: readonly TopUpChannel[] = ['cash', 'online'];

const COUNTERPARTY: Record<TopUpChannel, string> = { cash: CASH_ACCOUNT_ID, online: ONLINE_ACCOUNT_ID };

export interface TopUpView {
  transferId: string;
  accountId: string;
  amountFen: number;
  channel: TopUpChannel;
  reference: string;
}

export class AccountStore {
  constructor(private readonly db: Kysely<Database>, private readonly now: () => number) {}

  /** A room's account (`room.<roomId>`, balance 0), which its electricity is charged to. */
  async addRoom(input: { roomId: string; name: string }): Promise<Outcome<{ account: AccountView; change: DatasetChange }>> {
    return this.db.transaction().execute(async (trx) => {
      const accountId = roomAccountId(input.roomId);
      const at = this.now();
      if ((await createAccount(trx, { accountId, kind: 'room', ownerId: input.roomId, name: input.name, atMs: at })) === 'exists') {
        return failure('room_exists', `room ${input.roomId} exists (account ${accountId})`, 'roomId');
      }
      const version = (await markBalancesChanged(trx, [accountId], at))!;
      return { ok: true as const, account: (await getAccount(trx, accountId))!, change: { name: 'balances' as const, version } };
    });
  }

  async get(accountId: string): Promise<AccountView | undefined> {
    return getAccount(this.db, accountId);
  }

  async statement(accountId: string, options: { limit: number; beforeMs?: number }): Promise<Outcome<{ account: AccountView; transfers: StatementEntry[] }>> {
    return this.db.transaction().execute(async (trx) => {
      const account = await getAccount(trx, accountId);
      if (!account) return failure('not_found', `no account ${accountId}`, 'accountId');
      return { ok: true as const, account, transfers: await statement(trx, accountId, options) };
    });
  }

  async topUp(
    accountId: string,
    input: { amountFen: number; channel: TopUpChannel; reference: string },
  ): Promise<Outcome<{ result: 'created' | 'exists'; topUp: TopUpView; account: AccountView; change: DatasetChange | null }>> {
    return this.db.transaction().execute(async (trx) => {
      // Locked first: a cancellation closing the account cannot slip between the check and the transfer.
      await lockAccount(trx, accountId);
      const account = await getAccount(trx, accountId);
      if (!account) return failure('not_found', `no account ${accountId}`, 'accountId');
      if (!STORED_BALANCE_KINDS.has(account.kind)) {
        return failure('account_kind_refused', `account ${accountId} is a ${account.kind} account: top-ups go to personal or room accounts`, 'accountId');
      }
      if (account.closedAtMs !== null) {
        return failure('account_closed', `account ${accountId} was closed at ${new Date(account.closedAtMs).toISOString()} (its holder left): it takes no top-ups`, 'accountId');
      }
      const at = this.now();
      const transferId = `topup:${input.channel}:${input.reference}`;
      const outcome = await transfer(trx, {
        transferId, debitAccountId: COUNTERPARTY[input.channel], creditAccountId: accountId, amountFen: input.amountFen, kind: 'topup', reference: input.reference, atMs: at,
      });
      switch (outcome.result) {
        case 'created':
        case 'exists': {
          const version = await markBalancesChanged(trx, outcome.changed, at);
          return {
            ok: true as const,
            result: outcome.result,
            topUp: { transferId, accountId, amountFen: input.amountFen, channel: input.channel, reference: input.reference },
            account: (await getAccount(trx, accountId))!,
            change: version === null ? null : { name: 'balances' as const, version },
          };
        }
        case 'exists_with_different_amount':
          return failure('exists_with_different_amount', `reference ${input.reference} was already used for a ${input.channel} top-up of another amount`, 'amountFen');
        case 'exists_with_different_accounts':
          return failure('exists_with_different_accounts', `reference ${input.reference} was already used for a ${input.channel} top-up of another account`, 'reference');
        default:
          // The counterparty is a system account made by migration 0007 and the account was read above.
          throw new AssertionError(`top-up ${transferId}: ${outcome.result}`);
      }
    });
  }
}
