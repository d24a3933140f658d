/**
 * A room point's meter readings turned into charges, one poll at a time (controller/points/room.ts
 * polls; the arithmetic is room-billing.ts, the durable state room-state.ts).
 *
 * - A reading is judged against the baseline: the first one is the baseline; one below it (counter
 *   reset, meter replaced) is alarm `meter_reset`, a rise above what `maxPowerW` could draw since is
 *   alarm `meter_implausible_jump`: neither is charged, the reading becomes the new baseline. The
 *   time since is the monotonic clock's within a run (a wall clock corrected by the hub may step),
 *   across a restart the wall clock's from the time in the state.
 * - A rise is accrued at the tariff; a tariff the device does not hold (or not per kWh) is alarm
 *   `tariff_missing` (active false once it is): nothing is charged and the baseline is kept, so the
 *   energy is charged once the tariff arrives.
 * - A charge due (also one a restart left due) is made write-ahead: the state after it, with the
 *   charge pending, is written; then the Charge is appended and recorded in the wallet; once it is
 *   durable the state is committed. A Charge the journal refuses leaves the energy accrued (charged
 *   at a later poll); one that does not become durable stops billing until the restart.
 * - `silentAfterFailedReads` failed reads in a row are alarm `meter_silent` (active false when the
 *   meter answers again): nothing is charged meanwhile, and the energy drawn is at the next reading.
 */
import { localTime, type LocalTime } from '../../lib/local-time.js';
import type { MeterReadResult } from '../drivers/modbus/meter.js';
import type { TariffRecord } from '../dataset-types.js';
import type { PointContext } from './point.js';
import type { RoomPointConfig } from './room-config.js';
import { accrue, classifyReading, takeCharge, type BillingState, type DueCharge } from './room-billing.js';
import { roomChargeEvent, type RoomAlarm } from './room-events.js';
import type { RoomState, RoomStateStore } from './room-state.js';

export class RoomMetering {
  private failedReads = 0;
  private silentAlarmed = false;
  private tariffAlarmed = false;
  /** `ctx.clock` time the meter last read the baseline (null until this run read it). */
  private baselineReadMonoMs: number | null = null;
  /** A Charge did not become durable (the journal failed): no more billing until restart. */
  private billingHalted = false;

  constructor(
    private readonly config: RoomPointConfig,
    private readonly ctx: PointContext,
    private readonly store: RoomStateStore,
    private readonly alarm: RoomAlarm,
  ) {}

  /** The meter answered: clears `meter_silent` if it stood. */
  async answered(): Promise<void> {
    const failed = this.failedReads;
    this.failedReads = 0;
    if (!this.silentAlarmed) return;
    this.silentAlarmed = false;
    await this.alarm('meter_silent', false, `the meter answers again after ${failed} failed reads`);
  }

  /** A read failed: `meter_silent` once `silentAfterFailedReads` failed in a row. */
  async failed(result: Extract<MeterReadResult, { ok: false }>): Promise<void> {
    this.failedReads++;
    this.ctx.logger.log('warn', 'room.read_failed', { point: this.config.id, error: result.error, consecutive: this.failedReads, message: result.message });
    if (this.silentAlarmed || this.failedReads < this.config.silentAfterFailedReads) return;
    this.silentAlarmed = true;
    await this.alarm(
      'meter_silent',
      true,
      `${this.failedReads} reads in a row failed (last: ${result.error}: ${result.message}); nothing is charged until it answers, then the energy drawn meanwhile is; the supply is not cut for it`,
    );
  }

  /** Bills the meter's energy register as read now (nothing once billing halted). */
  async bill(energyWh: number, nowUnixMs: number): Promise<void> {
    if (this.billingHalted) return;
    await this.billAt(energyWh, nowUnixMs, localTime(nowUnixMs, this.ctx.timeZone));
  }

  private async billAt(energyWh: number, nowUnixMs: number, at: LocalTime): Promise<void> {
    const { config, store } = this;
    const s = store.state;
    // Elapsed on the monotonic clock within a run (a wall clock corrected by the hub may step);
    // across a restart by the wall clock from the time in the state.
    const nowMonoMs = this.ctx.clock.nowMs();
    const elapsedMs = this.baselineReadMonoMs === null ? nowUnixMs - s.meterReadAtUnixMs : nowMonoMs - this.baselineReadMonoMs;
    const reading = classifyReading(s.billing.meterEnergyWh, energyWh, elapsedMs, config.maxPowerW);
    const rebase = async (): Promise<void> => {
      await store.save({ ...s, billing: { ...s.billing, meterEnergyWh: energyWh }, meterReadAtUnixMs: nowUnixMs });
      this.baselineReadMonoMs = nowMonoMs;
    };
    switch (reading.kind) {
      case 'baseline':
        this.ctx.logger.log('info', 'room.baseline', { point: config.id, energyWh });
        return rebase();
      case 'reset':
        await this.alarm('meter_reset', true, `energy ${energyWh} Wh is below the last reading ${reading.baselineWh} Wh (counter reset or meter replaced): new baseline, nothing charged for it`);
        return rebase();
      case 'jump': {
        const elapsedS = Math.round(elapsedMs / 1000);
        await this.alarm(
          'meter_implausible_jump',
          true,
          `energy rose ${reading.deltaWh} Wh in ${elapsedS} s, more than the ${reading.limitWh} Wh a room can draw at ${config.maxPowerW} W: new baseline ${energyWh} Wh, not charged`,
        );
        return rebase();
      }
      case 'unchanged':
      case 'delta':
        break;
    }
    let billing = s.billing;
    if (reading.kind === 'delta') {
      const tariff = await this.tariff();
      if (!tariff) return; // the baseline is kept: the energy is charged once the tariff is held
      billing = accrue(s.billing, reading.deltaWh, energyWh, tariff, at);
    }
    const due = takeCharge(billing); // also a charge left due by a restart (room-state.ts)
    if (due) await this.charge(billing, due.charge, due.next, nowUnixMs);
    // Unchanged: held in memory only (an older time on disk only widens the jump bound after a restart).
    else if (billing === s.billing) store.hold({ ...s, meterReadAtUnixMs: nowUnixMs });
    else await store.save({ ...s, billing, meterReadAtUnixMs: nowUnixMs });
    this.baselineReadMonoMs = nowMonoMs;
  }

  /** The point's tariff when it is held and per kWh; otherwise alarm `tariff_missing` (once) and null. */
  private async tariff(): Promise<TariffRecord | null> {
    const { config } = this;
    const tariff = this.ctx.policy.tariff(config.tariff);
    if (!tariff || tariff.basis !== 'per_kwh') {
      if (!this.tariffAlarmed) {
        this.tariffAlarmed = true;
        const what = tariff ? `tariff ${config.tariff} is ${tariff.basis}, not per kWh` : `tariff ${config.tariff} is not held`;
        await this.alarm('tariff_missing', true, `${what}: energy is not charged until it is (the meter's reading is kept, nothing is lost)`);
      }
      return null;
    }
    if (this.tariffAlarmed) {
      this.tariffAlarmed = false;
      await this.alarm('tariff_missing', false, `tariff ${config.tariff} is held: energy is charged again`);
    }
    return tariff;
  }

  /** Write-ahead (room-state.ts): the state after the charge with the charge pending, the Charge, then the state committed. */
  private async charge(accrued: BillingState, due: DueCharge, after: BillingState, nowUnixMs: number): Promise<void> {
    const { config, ctx, store } = this;
    const base: RoomState = { ...store.state, meterReadAtUnixMs: nowUnixMs };
    const ahead: RoomState = { ...base, billing: after, pendingCharge: { afterSeq: ctx.journal.lastSeqWritten, prior: accrued } };
    await store.save(ahead);
    const appended = ctx.journal.append(roomChargeEvent(config.id, config.accountId, config.tariff, due));
    if (!appended.ok) {
      ctx.logger.log('warn', 'room.charge_refused', { point: config.id, reason: appended.reason, amountFen: due.amountFen, message: appended.message });
      await store.save({ ...base, billing: accrued, pendingCharge: null });
      return;
    }
    ctx.wallet.recordCharge({ seq: appended.seq, accountId: config.accountId, cardUid: '', amountFen: due.amountFen, durable: appended.durable });
    try {
      await appended.durable;
    } catch (err) {
      this.billingHalted = true;
      ctx.logger.log('error', 'room.charge_not_durable', { point: config.id, seq: appended.seq, error: (err as Error).message });
      return;
    }
    ctx.logger.log('info', 'room.charged', { point: config.id, seq: appended.seq, amountFen: due.amountFen, energyWh: due.energyWh, freeEnergyWh: due.freeEnergyWh });
    // The charge is durable whatever happens to this write.
    await store.commit({ ...ahead, pendingCharge: null, lastChargeSeq: appended.seq });
  }
}
