/**
 * Correction tickets (消费纠错处理单): a wrong charge is refunded after verification, never by
 * editing history. A ticket names the charge (or surcharge) transfer and the amount to refund (all
 * of it unless less is asked), and the reason. Four eyes: an operator raises it, another approves
 * it (`four_eyes_required` when the raiser tries); approval refunds it at once by a new transfer
 * `refund:<correctionId>` (kind correction) from the device account that was credited back to the
 * account that was charged. Either may reject it instead (the raiser withdrawing it).
 *
 *   open -> approved (refunded) | rejected
 *
 * What tickets of a charge refund in all (approved and open) never exceeds the charge
 * (`refund_exceeds_charge`); an account closed since (its holder left) takes no refund
 * (`account_closed`). Refunds land in the settlement period they are approved in
 * (hub/settlement.ts). The audit log keeps every step with the ticket before and after (the API
 * gate, hub/api-gate.ts).
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from './db/schema.js';
import type { CorrectionStatus, CorrectionsTable, SettlementTables } from './db/schema-settlement.js';
import { isPostgres } from './db/dialect.js';
import { lockAccount, transfer } from './ledger.js';
import { markBalancesChanged } from './balances.js';
import type { DatasetChange } from './dataset-log.js';
import { failure, type Outcome } from './outcome.js';
import type { SettlementDb, SettlementTrx } from './merchants.js';
import { AssertionError } from '../lib/errors.js';

export interface CorrectionView {
  correctionId: number;
  transferId: string;
  accountId: string;
  merchantAccountId: string;
  deviceId: string | null;
  amountFen: number;
  reason: string;
  status: CorrectionStatus;
  raisedBy: string;
  raisedAtMs: number;
  decidedBy: string | null;
  decidedAtMs: number | null;
  decisionNote: string | null;
  refundTransferId: string | null;
}

const CORRECTABLE_KINDS = new Set(['charge', 'surcharge']);

function view(r: Selectable<CorrectionsTable>): CorrectionView {
  return {
    correctionId: Number(r.correction_id), transferId: r.transfer_id, accountId: r.account_id, merchantAccountId: r.merchant_account_id, deviceId: r.device_id,
    amountFen: Number(r.amount_fen), reason: r.reason, status: r.status, raisedBy: r.raised_by, raisedAtMs: Number(r.raised_at_ms),
    decidedBy: r.decided_by, decidedAtMs: r.decided_at_ms === null ? null : Number(r.decided_at_ms), decisionNote: r.decision_note, refundTransferId: r.refund_transfer_id,
  };
}

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export class CorrectionStore {
  private readonly db: SettlementDb;

  constructor(db: Kysely<Database>, private readonly now: () => number) {
    this.db = db.withTables<SettlementTables>();
  }

  async raise(input: { transferId: string; amountFen?: number; reason: string; raisedBy: string }): Promise<Outcome<{ correction: CorrectionView }>> {
    return this.db.transaction().execute(async (trx) => {
      const original = await this.original(trx, input.transferId);
      if (!original.ok) return original;
      const amountFen = input.amountFen ?? original.amountFen;
      const pending = await this.claimedFen(trx, input.transferId);
      if (pending + amountFen > original.amountFen) return exceeds(input.transferId, original.amountFen, pending, amountFen);
      const inserted = await trx
        .insertInto('corrections')
        .values({
          transfer_id: input.transferId, account_id: original.accountId, merchant_account_id: original.merchantAccountId, device_id: original.deviceId,
          amount_fen: amountFen, reason: input.reason, status: 'open', raised_by: input.raisedBy, raised_at_ms: this.now(),
          decided_by: null, decided_at_ms: null, decision_note: null, refund_transfer_id: null,
        })
        .returning('correction_id')
        .executeTakeFirstOrThrow();
      return { ok: true as const, correction: view(await this.row(trx, Number(inserted.correction_id))) };
    });
  }

  /** Approves and refunds an open ticket; the approver must not be its raiser. */
  async approve(correctionId: number, input: { approvedBy: string; note?: string }): Promise<Outcome<{ correction: CorrectionView; change: DatasetChange | null }>> {
    return this.db.transaction().execute(async (trx) => {
      const found = await this.lockOpen(trx, correctionId);
      if (!found.ok) return found;
      const c = found.row;
      if (c.raised_by === input.approvedBy) {
        return failure('four_eyes_required', `correction ${correctionId} was raised by ${c.raised_by}: another operator must approve it (four eyes)`);
      }
      const ledger = trx as unknown as Transaction<Database>;
      await lockAccount(ledger, c.account_id);
      const account = await trx.selectFrom('accounts').select(['closed_at_ms']).where('account_id', '=', c.account_id).executeTakeFirstOrThrow();
      if (account.closed_at_ms !== null) {
        return failure('account_closed', `account ${c.account_id} was closed at ${new Date(Number(account.closed_at_ms)).toISOString()} (its holder left): it takes no refund; reject the ticket`);
      }
      const original = await this.original(trx, c.transfer_id);
      if (!original.ok) throw new AssertionError(`correction ${correctionId}: its transfer ${c.transfer_id} is gone`);
      const refunded = await this.claimedFen(trx, c.transfer_id, 'approved');
      if (refunded + Number(c.amount_fen) > original.amountFen) return exceeds(c.transfer_id, original.amountFen, refunded, Number(c.amount_fen));
      const at = this.now();
      const refundTransferId = `refund:${correctionId}`;
      const moved = await transfer(ledger, {
        transferId: refundTransferId, debitAccountId: c.merchant_account_id, creditAccountId: c.account_id, amountFen: Number(c.amount_fen), kind: 'correction',
        ...(original.deviceId !== null ? { deviceId: original.deviceId } : {}), ...(original.seq !== null ? { seq: original.seq } : {}), reference: c.transfer_id, atMs: at,
      });
      // The ticket is open and locked: its refund id is new.
      if (moved.result !== 'created') throw new AssertionError(`refund ${refundTransferId}: ${moved.result}`);
      const version = await markBalancesChanged(ledger, moved.changed, at);
      await trx
        .updateTable('corrections')
        .set({ status: 'approved', decided_by: input.approvedBy, decided_at_ms: at, decision_note: input.note ?? null, refund_transfer_id: refundTransferId })
        .where('correction_id', '=', correctionId)
        .execute();
      return { ok: true as const, correction: view(await this.row(trx, correctionId)), change: version === null ? null : { name: 'balances' as const, version } };
    });
  }

  async reject(correctionId: number, input: { rejectedBy: string; note: string }): Promise<Outcome<{ correction: CorrectionView }>> {
    return this.db.transaction().execute(async (trx) => {
      const found = await this.lockOpen(trx, correctionId);
      if (!found.ok) return found;
      await trx
        .updateTable('corrections')
        .set({ status: 'rejected', decided_by: input.rejectedBy, decided_at_ms: this.now(), decision_note: input.note })
        .where('correction_id', '=', correctionId)
        .execute();
      return { ok: true as const, correction: view(await this.row(trx, correctionId)) };
    });
  }

  async get(correctionId: number): Promise<CorrectionView | undefined> {
    const r = await this.db.selectFrom('corrections').selectAll().where('correction_id', '=', correctionId).executeTakeFirst();
    return r && view(r);
  }

  /** Tickets newest first, by status (any of those given) and by the transfer corrected. */
  async list(query: { status?: CorrectionStatus | readonly CorrectionStatus[]; transferId?: string; limit: number }): Promise<CorrectionView[]> {
    let q = this.db.selectFrom('corrections').selectAll();
    if (query.status !== undefined) q = q.where('status', 'in', typeof query.status === 'string' ? [query.status] : [...query.status]);
    if (query.transferId !== undefined) q = q.where('transfer_id', '=', query.transferId);
    return (await q.orderBy('correction_id', 'desc').limit(query.limit).execute()).map(view);
  }

  private async row(trx: SettlementTrx, correctionId: number): Promise<Selectable<CorrectionsTable>> {
    return trx.selectFrom('corrections').selectAll().where('correction_id', '=', correctionId).executeTakeFirstOrThrow();
  }

  /** The ticket, locked for the rest of the transaction, when it is open. */
  private async lockOpen(trx: SettlementTrx, correctionId: number) {
    let q = trx.selectFrom('corrections').selectAll().where('correction_id', '=', correctionId);
    if (isPostgres(trx as unknown as Kysely<unknown>)) q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) return failure('not_found', `no correction ${correctionId}`, 'correctionId');
    if (row.status !== 'open') return failure('correction_not_open', `correction ${correctionId} is ${row.status} already (by ${row.decided_by ?? '?'})`, 'correctionId');
    return { ok: true as const, row };
  }

  /** What tickets of the transfer refund: approved ones, and open ones too unless only `approved` is asked. */
  private async claimedFen(trx: SettlementTrx, transferId: string, only?: 'approved'): Promise<number> {
    const row = await trx
      .selectFrom('corrections')
      .select((eb) => eb.fn.sum<number | string | null>('amount_fen').as('fen'))
      .where('transfer_id', '=', transferId)
      .where('status', 'in', only ? ['approved'] : ['approved', 'open'])
      .executeTakeFirst();
    return Number(row?.fen ?? 0);
  }

  private async original(trx: SettlementTrx, transferId: string) {
    const t = await trx.selectFrom('transfers').selectAll().where('transfer_id', '=', transferId).executeTakeFirst();
    if (!t) return failure('not_found', `no transfer ${transferId}`, 'transferId');
    if (!CORRECTABLE_KINDS.has(t.kind)) return failure('not_correctable', `transfer ${transferId} is a ${t.kind}: a correction refunds a charge or a surcharge`, 'transferId');
    return {
      ok: true as const, accountId: t.debit_account_id, merchantAccountId: t.credit_account_id, deviceId: t.device_id,
      seq: t.seq === null ? null : Number(t.seq), amountFen: Number(t.amount_fen),
    };
  }
}

function exceeds(transferId: string, chargeFen: number, claimedFen: number, askedFen: number) {
  return failure(
    'refund_exceeds_charge',
    `transfer ${transferId} charged ${yuan(chargeFen)} yuan; ${yuan(claimedFen)} yuan of it is refunded or asked already, so ${yuan(askedFen)} yuan more cannot be`,
    'amountFen',
  );
}
