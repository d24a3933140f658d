/**
 * A room electricity point (电控): one meter, one room account, one tariff.
 *
 * Every `pollIntervalMs` (on `ctx.clock`; the first poll at start) the meter is read and:
 * - the energy since the last reading is accrued at the tariff and charged in whole fen to the
 *   room's account as a Charge event (card_uid empty, basis ENERGY), recorded in the wallet
 *   (room-billing.ts: exact sub-fen carry, time-of-use bands, the monthly free allowance first);
 * - a reading below the last one (counter reset, meter replaced) is alarm `meter_reset`, and a rise
 *   above what `maxPowerW` could draw since is alarm `meter_implausible_jump`: neither is charged,
 *   the reading becomes the new baseline;
 * - a tariff the device does not hold (or not per kWh) is alarm `tariff_missing`: nothing is charged
 *   and the baseline is kept, so the energy is charged once the tariff arrives;
 * - `silentAfterFailedReads` failed reads in a row are alarm `meter_silent` (active false when it
 *   answers again). A silent meter charges nothing and keeps the baseline: what the room drew
 *   meanwhile is charged at the next good reading. It never causes a cut;
 * - every `readingEveryPolls`-th poll journals a MeterReading (values when comm is ok, comm status,
 *   the account, its balance as held, the relay state, cut_off).
 *
 * The supply (room-cutoff.ts), decided after every poll, every balance change of the account
 * (a charge, a pushed top-up), at the end of the no-cut window and when an override ends:
 * - alarm `low_balance` (active) once the balance as held is at or below `lowBalanceWarningFen`,
 *   once until it rises above it (active false);
 * - cut at or below zero, only once that warning is durable, outside `noCutWindow` (a cut that falls
 *   due inside it happens at its end); restored as soon as the balance is positive. An unknown
 *   balance never cuts. Alarms `power_cut` (active) and `power_restored` (active false) say why;
 *   a breaker or meter relay that cannot be driven is alarm `power_control_failed`, retried at every
 *   evaluation;
 * - `setPowerOverride` (the hub's SetRoomPower) cuts or restores now, whatever the balance, until
 *   its time (0: until the next command): alarm `power_override` (active true; false when it ends).
 *
 * Durable state (room-state.ts: the write-ahead scheme that never charges twice) lives in
 * `ctx.dataDir`; the point refuses to start without it. Everything the point does runs one step
 * at a time on one queue, so a poll, a decision and an override never interleave.
 *
 * `stop()` clears its timers and listener, lets the step in progress finish and closes the meter
 * and the breaker. It does not drive the supply: the meter's relay keeps its state; a breaker coil
 * is released by its driver on close (the Relay contract), which leaves the room supplied.
 */
import { AssertionError } from '../../lib/errors.js';
import { localTime, type LocalTime } from '../../lib/local-time.js';
import { ChargeBasis, MeterComm } from '../../protocol/messages.js';
import type { EventDraft } from '../journal.js';
import type { MeterDevice } from '../drivers/factory.js';
import type { MeterErrorKind, MeterReadResult } from '../drivers/modbus/meter.js';
import type { Relay } from '../drivers/relay.js';
import type { TariffRecord } from '../dataset-types.js';
import type { RoomPointConfig } from './room-config.js';
import type { Point, PointContext, RoomPowerControl } from './point.js';
import { accrue, classifyReading, takeCharge, type BillingState, type DueCharge } from './room-billing.js';
import { decideSupply, msUntilMinute, overrideInForce, type SupplyDecision } from './room-cutoff.js';
import { INITIAL_ROOM_STATE, loadRoomState, resolvePendingCharge, roomStatePath, saveRoomState, type RoomState } from './room-state.js';
import { BreakerSupply, MeterRelaySupply, type Supply } from './room-supply.js';

/** Timers further out are re-armed on the way (a timer holds at most about 24.8 days). */
const MAX_TIMER_MS = 3_600_000;

const COMM: Record<MeterErrorKind, MeterComm> = {
  timeout: MeterComm.METER_COMM_TIMEOUT,
  crc: MeterComm.METER_COMM_CRC,
  exception: MeterComm.METER_COMM_EXCEPTION,
  disconnected: MeterComm.METER_COMM_DISCONNECTED,
  busy: MeterComm.METER_COMM_BUSY,
  implausible: MeterComm.METER_COMM_IMPLAUSIBLE,
};

type TimerName = 'poll' | 'window' | 'override';

export class RoomPoint implements Point, RoomPowerControl {
  readonly kind = 'room' as const;
  private meter: MeterDevice | null = null;
  private breaker: Relay | null = null;
  private supply: Supply | null = null;
  private statePath = '';
  private state: RoomState = INITIAL_ROOM_STATE;
  private running = false;
  private work: Promise<void> = Promise.resolve();
  private readonly timers = new Map<TimerName, unknown>();
  private unsubscribeBalance: (() => void) | null = null;
  private pollQueued = false;
  private evaluateQueued = false;
  private polls = 0;
  private failedReads = 0;
  private silentAlarmed = false;
  private tariffAlarmed = false;
  private controlFailedAlarmed = false;
  private cutDeferred = false;
  /** `ctx.clock` time the meter last read the baseline (null until this run read it). */
  private baselineReadMonoMs: number | null = null;
  /** A Charge did not become durable (the journal failed): no more billing until restart. */
  private billingHalted = false;

  constructor(private readonly config: RoomPointConfig, private readonly ctx: PointContext) {}

  get id(): string {
    return this.config.id;
  }

  /** The supply is cut by this point's decision (balance or override). */
  get cutOff(): boolean {
    return this.state.cutOff;
  }

  async start(): Promise<void> {
    const { config, ctx } = this;
    if (this.running || this.meter) throw new AssertionError(`room point ${config.id}: start() while started`);
    if (!ctx.dataDir) throw new Error(`room point ${config.id}: no data directory for its billing state (PointContext.dataDir)`);
    this.statePath = roomStatePath(ctx.dataDir, config.id);
    await this.loadState();
    const meter = ctx.drivers.meter(config.meter, `${config.id}/meter`);
    if (!meter.model.fields.energyWh) throw new Error(`room point ${config.id}: meter model ${meter.model.id} has no energy register (meter.model)`);
    if (!config.breaker && !meter.hasRelay) {
      throw new Error(`room point ${config.id}: meter model ${meter.model.id} has no relay and no breaker is configured, so the supply could not be cut (configure breaker)`);
    }
    try {
      await meter.open();
      this.meter = meter;
      if (config.breaker) {
        const breaker = ctx.drivers.relay(config.breaker, `${config.id}/breaker`);
        await breaker.open();
        this.breaker = breaker;
        this.supply = new BreakerSupply(breaker);
      } else {
        this.supply = new MeterRelaySupply(meter);
      }
    } catch (err) {
      await this.closeDrivers();
      throw err;
    }
    this.resetRunState();
    this.running = true;
    this.unsubscribeBalance = ctx.wallet.onBalanceChange((accountIds) => {
      if (accountIds.includes(config.accountId)) this.queueEvaluate();
    });
    ctx.logger.log('info', 'room.started', { point: config.id, meter: meter.name, via: this.supply!.via, baselineWh: this.state.billing.meterEnergyWh ?? undefined, cutOff: this.state.cutOff });
    try {
      await this.enqueue(() => this.poll());
    } catch (err) {
      await this.stop();
      throw err;
    }
    this.schedulePoll();
    await this.whenIdle();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const name of [...this.timers.keys()]) this.clearTimer(name);
    this.unsubscribeBalance?.();
    this.unsubscribeBalance = null;
    await this.whenIdle();
    await this.closeDrivers();
    this.supply = null;
  }

  /** Resolves once every step queued so far (and any step they queued) has run. */
  async whenIdle(): Promise<void> {
    for (let w = this.work; ; w = this.work) {
      await w;
      if (w === this.work) return;
    }
  }

  /** The hub's SetRoomPower: cut (on false) or restore now, whatever the balance, until `untilUnixMs` (0: the next command). */
  setPowerOverride(on: boolean, untilUnixMs: number): Promise<string> {
    const id = this.config.id;
    if (!this.running) return Promise.reject(new Error(`room point ${id} is not running`));
    if (!Number.isSafeInteger(untilUnixMs) || untilUnixMs < 0) return Promise.reject(new Error(`room point ${id}: override end ${untilUnixMs} is not a unix time in ms`));
    return this.enqueue(async () => {
      const supply = this.supply!;
      const now = this.ctx.wallNow();
      if (untilUnixMs !== 0 && untilUnixMs <= now) throw new Error(`the override would end at ${new Date(untilUnixMs).toISOString()}, which has passed`);
      const res = await supply.set(on);
      if (!res.ok) throw new Error(`could not ${on ? 'restore' : 'cut'} the supply via the ${supply.via}: ${res.message}`);
      const until = untilUnixMs === 0 ? 'the next command' : new Date(untilUnixMs).toISOString();
      await this.alarm('power_override', true, `the hub's command set the supply ${on ? 'on' : 'cut'} until ${until}, whatever the balance`);
      await this.save({ ...this.state, override: { on, untilUnixMs } });
      await this.evaluate();
      return `room ${id}: supply ${on ? 'on' : 'cut'} until ${until}`;
    });
  }

  /** What a run learns from the meter and its own alarms; a new run starts afresh. */
  private resetRunState(): void {
    this.pollQueued = false;
    this.evaluateQueued = false;
    this.polls = 0;
    this.failedReads = 0;
    this.silentAlarmed = false;
    this.tariffAlarmed = false;
    this.controlFailedAlarmed = false;
    this.cutDeferred = false;
    this.baselineReadMonoMs = null;
    this.billingHalted = false;
  }

  private async loadState(): Promise<void> {
    const { config, ctx } = this;
    const { state, outcome } = resolvePendingCharge(await loadRoomState(this.statePath), ctx.journal, config.id);
    this.state = state;
    if (outcome.kind === 'none') return;
    await saveRoomState(this.statePath, state);
    if (outcome.kind === 'journalled') ctx.logger.log('info', 'room.pending_charge_found', { point: config.id, seq: outcome.seq });
    if (outcome.kind === 'not_journalled') ctx.logger.log('warn', 'room.pending_charge_not_journalled', { point: config.id, accruedWh: state.billing.accruedWh });
    if (outcome.kind === 'uncertain') {
      ctx.logger.log('warn', 'room.pending_charge_uncertain', { point: config.id, ackedSeq: outcome.ackedSeq });
      const r = ctx.journal.append({
        pointId: config.id,
        alarm: { kind: 'charge_uncertain', active: true, detail: `a charge was due when the controller stopped; the journal can no longer show whether it was written (the hub acknowledged up to seq ${outcome.ackedSeq}), so it is taken as made: it may be missing at the hub, never doubled` },
      });
      if (r.ok) await r.durable.catch(() => undefined);
    }
  }

  // ---- the queue and timers

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.work.then(job);
    this.work = run.then(
      () => undefined,
      (err: Error) => this.ctx.logger.log('error', 'room.step_failed', { point: this.config.id, error: err.message }),
    );
    return run;
  }

  private queuePoll(): void {
    if (!this.running || this.pollQueued) return;
    this.pollQueued = true;
    this.enqueue(() => this.poll()).catch(() => undefined);
  }

  private queueEvaluate(): void {
    if (!this.running || this.evaluateQueued) return;
    this.evaluateQueued = true;
    this.enqueue(() => this.evaluate()).catch(() => undefined);
  }

  private schedulePoll(): void {
    this.setTimer('poll', this.config.pollIntervalMs, () => {
      this.schedulePoll();
      this.queuePoll();
    });
  }

  private setTimer(name: TimerName, ms: number, fn: () => void): void {
    this.clearTimer(name);
    const handle = this.ctx.clock.setTimeout(() => {
      if (this.timers.get(name) !== handle) return;
      this.timers.delete(name);
      if (this.running) fn();
    }, Math.max(0, Math.min(ms, MAX_TIMER_MS)));
    this.timers.set(name, handle);
  }

  private clearTimer(name: TimerName): void {
    if (!this.timers.has(name)) return;
    this.ctx.clock.clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }

  // ---- a poll

  private async poll(): Promise<void> {
    this.pollQueued = false;
    const meter = this.meter;
    if (!this.running || !meter) return;
    const result = await meter.read();
    if (!this.running) return;
    const nowUnixMs = this.ctx.wallNow();
    if (result.ok) {
      this.supply!.observe(result.reading);
      await this.meterAnswered();
      const energyWh = result.reading.energyWh;
      if (energyWh === undefined) throw new AssertionError(`meter ${meter.name}: a reading without energyWh`);
      if (!this.billingHalted) await this.bill(energyWh, nowUnixMs, localTime(nowUnixMs, this.ctx.timeZone));
    } else {
      await this.meterFailed(result);
    }
    await this.evaluate();
    if (this.polls++ % this.config.readingEveryPolls === 0) await this.streamReading(result);
  }

  private async meterAnswered(): Promise<void> {
    const failed = this.failedReads;
    this.failedReads = 0;
    if (!this.silentAlarmed) return;
    this.silentAlarmed = false;
    await this.alarm('meter_silent', false, `the meter answers again after ${failed} failed reads`);
  }

  private async meterFailed(result: Extract<MeterReadResult, { ok: false }>): Promise<void> {
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

  private async bill(energyWh: number, nowUnixMs: number, at: LocalTime): Promise<void> {
    const { config } = this;
    const s = this.state;
    // Elapsed on the monotonic clock within a run (a wall clock corrected by the hub may step);
    // across a restart by the wall clock from the time in the state.
    const nowMonoMs = this.ctx.clock.nowMs();
    const elapsedMs = this.baselineReadMonoMs === null ? nowUnixMs - s.meterReadAtUnixMs : nowMonoMs - this.baselineReadMonoMs;
    const reading = classifyReading(s.billing.meterEnergyWh, energyWh, elapsedMs, config.maxPowerW);
    const rebase = async (): Promise<void> => {
      await this.save({ ...s, billing: { ...s.billing, meterEnergyWh: energyWh }, meterReadAtUnixMs: nowUnixMs });
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
    else if (billing === s.billing) this.state = { ...s, meterReadAtUnixMs: nowUnixMs };
    else await this.save({ ...s, billing, meterReadAtUnixMs: nowUnixMs });
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
    const { config, ctx } = this;
    const base: RoomState = { ...this.state, meterReadAtUnixMs: nowUnixMs };
    const ahead: RoomState = { ...base, billing: after, pendingCharge: { afterSeq: ctx.journal.lastSeqWritten, prior: accrued } };
    await this.save(ahead);
    const appended = ctx.journal.append({
      pointId: config.id,
      charge: {
        cardUid: '',
        accountId: config.accountId,
        amountFen: due.amountFen,
        tariffId: config.tariff,
        basis: ChargeBasis.CHARGE_BASIS_ENERGY,
        energyWh: due.energyWh,
        freeEnergyWh: due.freeEnergyWh,
      },
    });
    if (!appended.ok) {
      ctx.logger.log('warn', 'room.charge_refused', { point: config.id, reason: appended.reason, amountFen: due.amountFen, message: appended.message });
      await this.save({ ...base, billing: accrued, pendingCharge: null });
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
    const committed: RoomState = { ...ahead, pendingCharge: null, lastChargeSeq: appended.seq };
    this.state = committed; // the charge is durable whatever happens to this write
    await saveRoomState(this.statePath, committed);
  }

  // ---- the supply

  private async evaluate(): Promise<void> {
    this.evaluateQueued = false;
    if (!this.running || !this.supply) return;
    const { config, ctx } = this;
    const nowUnixMs = ctx.wallNow();
    const at = localTime(nowUnixMs, ctx.timeZone);
    const balanceFen = ctx.wallet.balance(config.accountId);
    await this.warnIfLow(balanceFen);
    await this.endOverride(nowUnixMs);
    const decision = decideSupply({
      balanceFen,
      warned: this.state.lowBalanceWarned,
      override: this.state.override,
      cutOff: this.state.cutOff,
      nowUnixMs,
      minuteOfDay: at.minuteOfDay,
      noCutWindow: config.noCutWindow,
    });
    if (decision.reason === 'no_cut_window' && config.noCutWindow && balanceFen !== null && balanceFen <= 0) {
      if (!this.cutDeferred) ctx.logger.log('info', 'room.cut_deferred', { point: config.id, balanceFen, untilMinute: config.noCutWindow.to });
      this.cutDeferred = true;
      this.setTimer('window', msUntilMinute(nowUnixMs, at.minuteOfDay, config.noCutWindow.to), () => this.queueEvaluate());
    } else {
      this.cutDeferred = false;
      this.clearTimer('window');
    }
    await this.applySupply(decision, balanceFen);
  }

  private async warnIfLow(balanceFen: number | null): Promise<void> {
    if (balanceFen === null) return;
    const threshold = this.config.lowBalanceWarningFen;
    if (balanceFen <= threshold && !this.state.lowBalanceWarned) {
      const cut = balanceFen <= 0 ? 'the supply may be cut now' : 'the supply is cut at zero';
      if (await this.alarm('low_balance', true, `balance ${balanceFen} fen is at or below the warning threshold ${threshold} fen: ${cut}; top up to keep it`)) {
        await this.save({ ...this.state, lowBalanceWarned: true });
      }
    } else if (balanceFen > threshold && this.state.lowBalanceWarned) {
      await this.alarm('low_balance', false, `balance ${balanceFen} fen is above the warning threshold ${threshold} fen again`);
      await this.save({ ...this.state, lowBalanceWarned: false });
    }
  }

  private async endOverride(nowUnixMs: number): Promise<void> {
    const override = this.state.override;
    if (!override) return;
    if (overrideInForce(override, nowUnixMs)) {
      if (override.untilUnixMs > 0) this.setTimer('override', override.untilUnixMs - nowUnixMs, () => this.queueEvaluate());
      return;
    }
    this.clearTimer('override');
    await this.alarm('power_override', false, `the hub's override (supply ${override.on ? 'on' : 'cut'} until ${new Date(override.untilUnixMs).toISOString()}) ended: the balance rule applies again`);
    await this.save({ ...this.state, override: null });
  }

  private async applySupply(decision: SupplyDecision, balanceFen: number | null): Promise<void> {
    const { config, ctx } = this;
    const supply = this.supply!;
    // Unknown (a meter relay not read yet): taken to be as this point last left it.
    const isOn = supply.on ?? !this.state.cutOff;
    if (isOn !== decision.on || (supply.on === undefined && !decision.on)) {
      const res = await supply.set(decision.on);
      if (!res.ok) {
        ctx.logger.log('warn', 'room.supply_failed', { point: config.id, on: decision.on, via: supply.via, message: res.message });
        if (!this.controlFailedAlarmed) {
          this.controlFailedAlarmed = true;
          await this.alarm('power_control_failed', true, `could not ${decision.on ? 'restore' : 'cut'} the supply via the ${supply.via}: ${res.message}; tried again at every poll`);
        }
        return;
      }
      if (this.controlFailedAlarmed) {
        this.controlFailedAlarmed = false;
        await this.alarm('power_control_failed', false, `the supply is ${decision.on ? 'on' : 'cut'} via the ${supply.via} again`);
      }
      if (this.state.cutOff === !decision.on) ctx.logger.log('warn', 'room.supply_reasserted', { point: config.id, on: decision.on, via: supply.via });
    }
    if (this.state.cutOff === !decision.on) return;
    if (decision.on) await this.alarm('power_restored', false, `supply restored via the ${supply.via}: ${this.why(decision, balanceFen)}`);
    else await this.alarm('power_cut', true, `supply cut via the ${supply.via}: ${this.why(decision, balanceFen)}`);
    await this.save({ ...this.state, cutOff: !decision.on });
  }

  private why(decision: SupplyDecision, balanceFen: number | null): string {
    const override = this.state.override;
    switch (decision.reason) {
      case 'override':
        return `the hub's command, until ${override && override.untilUnixMs > 0 ? new Date(override.untilUnixMs).toISOString() : 'the next command'}`;
      case 'balance':
        return `balance ${balanceFen} fen is at or below zero after the low-balance warning`;
      case 'balance_positive':
        return `balance ${balanceFen} fen`;
      case 'balance_unknown':
        return `no balance is held for account ${this.config.accountId}`;
      case 'not_warned':
        return 'the low-balance warning has not been given';
      case 'no_cut_window':
        return 'inside the no-cut window';
    }
  }

  // ---- events and state

  private async streamReading(result: MeterReadResult): Promise<void> {
    const { config, ctx } = this;
    const supply = this.supply!;
    const balanceFen = ctx.wallet.balance(config.accountId);
    const relayClosed = supply.via === 'breaker' || result.ok ? supply.on : undefined;
    const meterReading: NonNullable<EventDraft['meterReading']> = {
      meterId: this.meter!.name,
      comm: result.ok ? MeterComm.METER_COMM_OK : COMM[result.error],
      accountId: config.accountId,
      cutOff: this.state.cutOff,
      ...(balanceFen === null ? {} : { balanceFen }),
      ...(relayClosed === undefined ? {} : { relayClosed }),
    };
    if (result.ok) {
      const r = result.reading;
      if (r.energyWh !== undefined) meterReading.energyWh = r.energyWh;
      if (r.powerW !== undefined) meterReading.powerW = r.powerW;
      if (r.voltageMv !== undefined) meterReading.voltageMv = r.voltageMv;
      if (r.currentMa !== undefined) meterReading.currentMa = r.currentMa;
    }
    const appended = ctx.journal.append({ pointId: config.id, meterReading });
    if (!appended.ok) {
      ctx.logger.log('debug', 'room.reading_not_journalled', { point: config.id, reason: appended.reason });
      return;
    }
    await appended.durable.catch(() => undefined);
  }

  /** Journals an alarm and waits until it is durable; false when it could not be journalled. */
  private async alarm(kind: string, active: boolean, detail: string): Promise<boolean> {
    const { config, ctx } = this;
    ctx.logger.log(active ? 'warn' : 'info', 'room.alarm', { point: config.id, kind, active, detail });
    const appended = ctx.journal.append({ pointId: config.id, alarm: { kind, active, detail } });
    if (!appended.ok) {
      ctx.logger.log('error', 'room.alarm_not_journalled', { point: config.id, kind, reason: appended.reason, message: appended.message });
      return false;
    }
    try {
      await appended.durable;
      return true;
    } catch {
      return false;
    }
  }

  /** Writes the state durably, then holds it. */
  private async save(next: RoomState): Promise<void> {
    await saveRoomState(this.statePath, next);
    this.state = next;
  }

  private async closeDrivers(): Promise<void> {
    const { config, ctx } = this;
    for (const [what, close] of [
      ['meter', () => this.meter?.close()],
      ['breaker', () => this.breaker?.close()],
    ] as const) {
      try {
        await close();
      } catch (err) {
        ctx.logger.log('warn', 'room.close_failed', { point: config.id, driver: what, error: (err as Error).message });
      }
    }
    this.meter = null;
    this.breaker = null;
  }
}
