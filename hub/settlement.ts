/**
 * Monthly settlement with the merchants (hub/merchants.ts).
 *
 * A period (YYYY-MM, hub/periods.ts) holds every transfer posted at a hub time inside it: a
 * device's charge is in the period it reached the hub, so a charge made offline before the cut-off
 * and uploaded after it is settled in the period it arrived in, and marked late (its device time
 * is in an earlier period). What a period holds for a merchant, over the device accounts of the
 * devices bound to it:
 *
 *   gross       charges (`<deviceId>:<seq>`, kind charge)
 *   surcharges  the temporary-card surcharge (`<deviceId>:<seq>:surcharge`, kind surcharge)
 *   refunds     approved corrections (`refund:<id>`, kind correction: device account -> account)
 *   fee         round(max(0, gross + surcharges - refunds) x fee rate), half up
 *   payout      gross + surcharges - refunds - fee (negative: the merchant owes it back)
 *
 * Closing a period (at least CLOSE_GRACE_MS after its cut-off, once: closing again answers
 * `exists` with the same figures) moves each device's net flow of the period from its account to
 * the merchant's clearing account `settle.<merchantId>` (`settle:<period>:<deviceId>`), then the
 * fee to `system.fees` (`settle:<period>:<merchantId>:fee`) and the payout to `system.payouts`
 * (`settle:<period>:<merchantId>:payout`), and freezes the statements. The clearing account is
 * back at zero; each device account keeps exactly what was posted after the cut-off. A period
 * with flows on a device bound to no merchant is not closed (`devices_unbound`).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './db/schema.js';
import type { SettlementTables } from './db/schema-settlement.js';
import { merchantAccountId, FEES_ACCOUNT_ID } from './account-ids.js';
import { transfer, type TransferInput } from './ledger.js';
import { failure, type Outcome } from './outcome.js';
import { periodBounds, type PeriodBounds } from './periods.js';
import { PAYOUTS_ACCOUNT_ID, settleAccountId } from './settlement-ids.js';
import type { MerchantKind } from './db/schema-settlement.js';
import type { SettlementDb, SettlementTrx } from './merchants.js';
import { AssertionError } from '../lib/errors.js';

/** A period closes this long after its cut-off at the earliest, so a batch posted at the cut-off has committed. */
export const CLOSE_GRACE_MS = 60_000;

export interface StatementTotals {
  chargesCount: number;
  grossFen: number;
  surchargesCount: number;
  surchargesFen: number;
  refundsCount: number;
  refundsFen: number;
  feeFen: number;
  payoutFen: number;
  /** Charges posted in this period whose device time is in an earlier one (uploaded late). */
  lateCount: number;
  lateFen: number;
}

export interface MerchantStatement extends StatementTotals {
  period: string;
  startMs: number;
  endMs: number;
  /** open: figures so far; closed: as frozen at the close. */
  state: 'open' | 'closed';
  closedAtMs: number | null;
  merchantId: string;
  name: string;
  kind: MerchantKind;
  feeRateBp: number;
  settlementAccount: string;
  deviceIds: string[];
}

export interface StatementLine {
  transferId: string;
  kind: 'charge' | 'surcharge' | 'refund';
  deviceId: string | null;
  seq: number | null;
  /** The cardholder's or room's account. */
  accountId: string;
  /** Positive: the merchant's takings; negative: a refund. */
  amountFen: number;
  postedAtMs: number;
  deviceTimeMs: number | null;
  late: boolean;
}

export interface PeriodSummary extends PeriodBounds {
  state: 'open' | 'closed';
  closedAtMs: number | null;
  closedBy: string | null;
  merchants: MerchantStatement[];
  /** Devices with flows in the period and no merchant: the period cannot close until they are bound. */
  unboundDevices: { deviceId: string; netFen: number }[];
  totals: StatementTotals;
}

/** A device's flows in a period. */
interface DeviceFlow {
  deviceId: string;
  chargesCount: number;
  grossFen: number;
  surchargesCount: number;
  surchargesFen: number;
  refundsCount: number;
  refundsFen: number;
  lateCount: number;
  lateFen: number;
}

type Db = SettlementDb | SettlementTrx;
const FLOW_KINDS = ['charge', 'surcharge', 'correction'] as const;

const zero = (): StatementTotals => ({ chargesCount: 0, grossFen: 0, surchargesCount: 0, surchargesFen: 0, refundsCount: 0, refundsFen: 0, feeFen: 0, payoutFen: 0, lateCount: 0, lateFen: 0 });

/** round(base x bp / 10000), half up, exact (BigInt: base x bp may pass 2^53). */
export function feeOf(baseFen: number, feeRateBp: number): number {
  if (baseFen <= 0) return 0;
  return Number((BigInt(baseFen) * BigInt(feeRateBp) + 5000n) / 10000n);
}

function withFeeAndPayout(t: StatementTotals, feeRateBp: number): StatementTotals {
  const base = t.grossFen + t.surchargesFen - t.refundsFen;
  const feeFen = feeOf(base, feeRateBp);
  return { ...t, feeFen, payoutFen: base - feeFen };
}

function add(a: StatementTotals, b: Omit<StatementTotals, 'feeFen' | 'payoutFen'> & Partial<StatementTotals>): StatementTotals {
  return {
    chargesCount: a.chargesCount + b.chargesCount, grossFen: a.grossFen + b.grossFen, surchargesCount: a.surchargesCount + b.surchargesCount,
    surchargesFen: a.surchargesFen + b.surchargesFen, refundsCount: a.refundsCount + b.refundsCount, refundsFen: a.refundsFen + b.refundsFen,
    feeFen: a.feeFen + (b.feeFen ?? 0), payoutFen: a.payoutFen + (b.payoutFen ?? 0), lateCount: a.lateCount + b.lateCount, lateFen: a.lateFen + b.lateFen,
  };
}

export class Settlement {
  private readonly db: SettlementDb;

  constructor(db: Kysely<Database>, private readonly now: () => number, private readonly timeZone: string) {
    this.db = db.withTables<SettlementTables>();
  }

  bounds(period: string): PeriodBounds {
    return periodBounds(period, this.timeZone);
  }

  async summary(period: string): Promise<PeriodSummary> {
    return this.db.transaction().execute((trx) => this.summaryIn(trx, period));
  }

  /** One merchant's statement of a period (open or closed). */
  async statement(period: string, merchantId: string): Promise<Outcome<{ statement: MerchantStatement }>> {
    return this.db.transaction().execute(async (trx) => {
      const closed = await trx.selectFrom('settlement_periods').selectAll().where('period', '=', period).executeTakeFirst();
      if (closed) {
        const statement = (await this.frozen(trx, period)).find((s) => s.merchantId === merchantId);
        return statement ? { ok: true as const, statement } : failure('not_found', `merchant ${merchantId} has no statement for ${period}`, 'merchantId');
      }
      if (!(await trx.selectFrom('merchants').select('merchant_id').where('merchant_id', '=', merchantId).executeTakeFirst())) {
        return failure('not_found', `no merchant ${merchantId}`, 'merchantId');
      }
      const statement = (await this.live(trx, period)).merchants.find((s) => s.merchantId === merchantId)!;
      return { ok: true as const, statement };
    });
  }

  /** The transfers of a merchant's statement, in the order they were posted. */
  async lines(period: string, merchantId: string, options: { limit?: number; offset?: number } = {}): Promise<StatementLine[]> {
    const { startMs, endMs } = this.bounds(period);
    const closed = await this.db.selectFrom('settlement_periods').select('period').where('period', '=', period).executeTakeFirst();
    const devices = closed
      ? await this.db.selectFrom('settlement_devices').select('device_id').where('period', '=', period).where('merchant_id', '=', merchantId).execute()
      : await this.db.selectFrom('device_merchants').select('device_id').where('merchant_id', '=', merchantId).execute();
    const accounts = devices.map((d) => merchantAccountId(d.device_id));
    if (accounts.length === 0) return [];
    let q = this.db
      .selectFrom('transfers as t')
      .leftJoin('events as e', (j) => j.onRef('e.device_id', '=', 't.device_id').onRef('e.seq', '=', 't.seq'))
      .select(['t.transfer_id', 't.kind', 't.device_id', 't.seq', 't.debit_account_id', 't.credit_account_id', 't.amount_fen', 't.created_at_ms', 'e.device_time_ms'])
      .where('t.created_at_ms', '>=', startMs)
      .where('t.created_at_ms', '<', endMs)
      .where((eb) =>
        eb.or([
          eb.and([eb('t.credit_account_id', 'in', accounts), eb('t.kind', 'in', ['charge', 'surcharge'])]),
          eb.and([eb('t.debit_account_id', 'in', accounts), eb('t.kind', '=', 'correction')]),
        ]),
      )
      .orderBy('t.created_at_ms')
      .orderBy('t.transfer_id');
    if (options.limit !== undefined) q = q.limit(options.limit).offset(options.offset ?? 0);
    const rows = await q.execute();
    return rows.map((r) => {
      const refund = r.kind === 'correction';
      const deviceTimeMs = refund || r.device_time_ms === null ? null : Number(r.device_time_ms);
      return {
        transferId: r.transfer_id,
        kind: refund ? 'refund' : (r.kind as 'charge' | 'surcharge'),
        deviceId: r.device_id,
        seq: r.seq === null ? null : Number(r.seq),
        accountId: refund ? r.credit_account_id : r.debit_account_id,
        amountFen: refund ? -Number(r.amount_fen) : Number(r.amount_fen),
        postedAtMs: Number(r.created_at_ms),
        deviceTimeMs,
        late: deviceTimeMs !== null && deviceTimeMs < startMs,
      };
    });
  }

  /**
   * Closes a period: sweeps, fee and payout transfers, frozen statements, in one transaction.
   * `created` now, or `exists` when it was closed before (nothing moves; the same figures).
   */
  async close(period: string, closedBy: string): Promise<Outcome<{ result: 'created' | 'exists'; summary: PeriodSummary }>> {
    const bounds = this.bounds(period);
    const at = this.now();
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('settlement_periods').select('period').where('period', '=', period).executeTakeFirst();
      if (before) return { ok: true as const, result: 'exists' as const, summary: await this.summaryIn(trx, period) };
      if (at < bounds.endMs + CLOSE_GRACE_MS) {
        return failure('period_not_ended', `period ${period} runs until ${new Date(bounds.endMs).toISOString()}: it can be closed from ${new Date(bounds.endMs + CLOSE_GRACE_MS).toISOString()}`, 'period');
      }
      const flows = await this.flows(trx, bounds);
      const live = await this.live(trx, period, flows);
      if (live.unboundDevices.length > 0) {
        return failure('devices_unbound', `period ${period} has flows on devices bound to no merchant: ${live.unboundDevices.map((d) => d.deviceId).join(', ')} (onecard admin merchant bind)`, 'period');
      }
      const inserted = await trx
        .insertInto('settlement_periods')
        .values({ period, start_ms: bounds.startMs, end_ms: bounds.endMs, closed_at_ms: at, closed_by: closedBy })
        .onConflict((oc) => oc.column('period').doNothing())
        .executeTakeFirst();
      // Closed meanwhile by another process (PostgreSQL: this insert waited for its commit).
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { ok: true as const, result: 'exists' as const, summary: await this.summaryIn(trx, period) };
      const ledger = trx as unknown as Transaction<Database>;
      const move = async (t: Omit<TransferInput, 'atMs'>, signedFen: number) => {
        if (signedFen === 0) return;
        const [debit, credit] = signedFen > 0 ? [t.debitAccountId, t.creditAccountId] : [t.creditAccountId, t.debitAccountId];
        const outcome = await transfer(ledger, { ...t, debitAccountId: debit, creditAccountId: credit, amountFen: Math.abs(signedFen), atMs: at });
        // The period row above is inserted once: these ids are new.
        if (outcome.result !== 'created') throw new AssertionError(`settlement transfer ${t.transferId}: ${outcome.result}`);
      };
      for (const m of live.merchants) {
        const clearing = settleAccountId(m.merchantId);
        for (const deviceId of m.deviceIds) {
          const f = flows.get(deviceId);
          if (!f) continue;
          const netFen = f.grossFen + f.surchargesFen - f.refundsFen;
          await move({ transferId: `settle:${period}:${deviceId}`, debitAccountId: merchantAccountId(deviceId), creditAccountId: clearing, amountFen: 0, kind: 'settlement', deviceId, reference: m.merchantId }, netFen);
          await trx.insertInto('settlement_devices').values({ period, device_id: deviceId, merchant_id: m.merchantId, net_fen: netFen }).execute();
        }
        await move({ transferId: `settle:${period}:${m.merchantId}:fee`, debitAccountId: clearing, creditAccountId: FEES_ACCOUNT_ID, amountFen: 0, kind: 'settlement_fee', reference: m.merchantId }, m.feeFen);
        await move({ transferId: `settle:${period}:${m.merchantId}:payout`, debitAccountId: clearing, creditAccountId: PAYOUTS_ACCOUNT_ID, amountFen: 0, kind: 'payout', reference: m.merchantId }, m.payoutFen);
        await trx
          .insertInto('settlement_statements')
          .values({
            period, merchant_id: m.merchantId, name: m.name, kind: m.kind, fee_rate_bp: m.feeRateBp, settlement_account: m.settlementAccount,
            charges_count: m.chargesCount, gross_fen: m.grossFen, surcharges_count: m.surchargesCount, surcharges_fen: m.surchargesFen,
            refunds_count: m.refundsCount, refunds_fen: m.refundsFen, fee_fen: m.feeFen, payout_fen: m.payoutFen, late_count: m.lateCount, late_fen: m.lateFen,
          })
          .execute();
      }
      return { ok: true as const, result: 'created' as const, summary: await this.summaryIn(trx, period) };
    });
  }

  private async summaryIn(trx: Db, period: string): Promise<PeriodSummary> {
    const closed = await trx.selectFrom('settlement_periods').selectAll().where('period', '=', period).executeTakeFirst();
    if (!closed) return this.live(trx, period);
    const merchants = await this.frozen(trx, period);
    return {
      ...this.bounds(period), state: 'closed', closedAtMs: Number(closed.closed_at_ms), closedBy: closed.closed_by, merchants, unboundDevices: [],
      totals: merchants.reduce<StatementTotals>((sum, m) => add(sum, m), zero()),
    };
  }

  /** The period as it stands (not closed): every merchant with the devices bound to it now. */
  private async live(trx: Db, period: string, known?: Map<string, DeviceFlow>): Promise<PeriodSummary> {
    const bounds = this.bounds(period);
    const flows = known ?? (await this.flows(trx, bounds));
    const merchants = await trx.selectFrom('merchants').selectAll().orderBy('merchant_id').execute();
    const bindings = await trx.selectFrom('device_merchants').select(['device_id', 'merchant_id']).orderBy('device_id').execute();
    const devicesOf = new Map<string, string[]>();
    for (const b of bindings) devicesOf.set(b.merchant_id, [...(devicesOf.get(b.merchant_id) ?? []), b.device_id]);
    const bound = new Set(bindings.map((b) => b.device_id));
    const statements = merchants.map((m): MerchantStatement => {
      const deviceIds = devicesOf.get(m.merchant_id) ?? [];
      let totals = zero();
      for (const d of deviceIds) {
        const f = flows.get(d);
        if (f) totals = add(totals, f);
      }
      return {
        period, startMs: bounds.startMs, endMs: bounds.endMs, state: 'open', closedAtMs: null,
        merchantId: m.merchant_id, name: m.name, kind: m.kind, feeRateBp: Number(m.fee_rate_bp), settlementAccount: m.settlement_account, deviceIds,
        ...withFeeAndPayout(totals, Number(m.fee_rate_bp)),
      };
    });
    const unboundDevices = [...flows.values()]
      .filter((f) => !bound.has(f.deviceId))
      .map((f) => ({ deviceId: f.deviceId, netFen: f.grossFen + f.surchargesFen - f.refundsFen }))
      .sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
    return {
      ...bounds, state: 'open', closedAtMs: null, closedBy: null, merchants: statements, unboundDevices,
      totals: statements.reduce<StatementTotals>((sum, m) => add(sum, m), zero()),
    };
  }

  private async frozen(trx: Db, period: string): Promise<MerchantStatement[]> {
    const bounds = this.bounds(period);
    const closed = (await trx.selectFrom('settlement_periods').select('closed_at_ms').where('period', '=', period).executeTakeFirstOrThrow()).closed_at_ms;
    const rows = await trx.selectFrom('settlement_statements').selectAll().where('period', '=', period).orderBy('merchant_id').execute();
    const devices = await trx.selectFrom('settlement_devices').select(['device_id', 'merchant_id']).where('period', '=', period).orderBy('device_id').execute();
    return rows.map((r) => ({
      period, startMs: bounds.startMs, endMs: bounds.endMs, state: 'closed', closedAtMs: Number(closed),
      merchantId: r.merchant_id, name: r.name, kind: r.kind as MerchantKind, feeRateBp: Number(r.fee_rate_bp), settlementAccount: r.settlement_account,
      deviceIds: devices.filter((d) => d.merchant_id === r.merchant_id).map((d) => d.device_id),
      chargesCount: Number(r.charges_count), grossFen: Number(r.gross_fen), surchargesCount: Number(r.surcharges_count), surchargesFen: Number(r.surcharges_fen),
      refundsCount: Number(r.refunds_count), refundsFen: Number(r.refunds_fen), feeFen: Number(r.fee_fen), payoutFen: Number(r.payout_fen),
      lateCount: Number(r.late_count), lateFen: Number(r.late_fen),
    }));
  }

  /** Every device's flows posted in the period, in one pass over the period's transfers. */
  private async flows(trx: Db, bounds: PeriodBounds): Promise<Map<string, DeviceFlow>> {
    const late = sql`t.kind = 'charge' and e.device_time_ms < ${bounds.startMs}`;
    const rows = await trx
      .selectFrom('transfers as t')
      .leftJoin('events as e', (j) => j.onRef('e.device_id', '=', 't.device_id').onRef('e.seq', '=', 't.seq'))
      .select((eb) => [
        't.device_id',
        't.kind',
        eb.fn.countAll<number | string>().as('n'),
        eb.fn.sum<number | string>('t.amount_fen').as('fen'),
        sql<number | string>`sum(case when ${late} then 1 else 0 end)`.as('late_n'),
        sql<number | string>`sum(case when ${late} then t.amount_fen else 0 end)`.as('late_fen'),
      ])
      .where('t.created_at_ms', '>=', bounds.startMs)
      .where('t.created_at_ms', '<', bounds.endMs)
      .where('t.kind', 'in', [...FLOW_KINDS])
      .groupBy(['t.device_id', 't.kind'])
      .execute();
    const flows = new Map<string, DeviceFlow>();
    for (const r of rows) {
      if (r.device_id === null) throw new AssertionError(`a ${r.kind} transfer without a device in ${bounds.period}`);
      const f = flows.get(r.device_id) ?? { deviceId: r.device_id, chargesCount: 0, grossFen: 0, surchargesCount: 0, surchargesFen: 0, refundsCount: 0, refundsFen: 0, lateCount: 0, lateFen: 0 };
      const n = Number(r.n);
      const fen = Number(r.fen);
      if (r.kind === 'charge') Object.assign(f, { chargesCount: n, grossFen: fen, lateCount: Number(r.late_n), lateFen: Number(r.late_fen) });
      else if (r.kind === 'surcharge') Object.assign(f, { surchargesCount: n, surchargesFen: fen });
      else Object.assign(f, { refundsCount: n, refundsFen: fen });
      flows.set(r.device_id, f);
    }
    return flows;
  }
}
