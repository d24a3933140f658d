/**
 * A room electricity point (电控): one meter, one room account, one tariff. This file runs it
 * (start, stop, the poll, the hub's override, one step at a time on one queue); its parts are
 * beside it:
 * - room-config.ts: the config;
 * - room-metering.ts: a poll's reading turned into charges (room-billing.ts: the exact sub-fen
 *   carry, time-of-use bands, the monthly free allowance first; reset and implausible-jump alarms,
 *   a missing tariff, a silent meter);
 * - room-power.ts: the supply decided (room-cutoff.ts: low-balance warning first, no-cut window,
 *   override) and driven through a breaker or the meter's relay (room-supply.ts);
 * - room-state.ts: the durable state and the write-ahead scheme that never charges twice;
 * - room-events.ts: the Charge, MeterReading and alarm events; room-timers.ts: the timers.
 *
 * Every `pollIntervalMs` (on `ctx.clock`; the first poll at start) the meter is read and billed, the
 * supply evaluated, and every `readingEveryPolls`-th poll journals a MeterReading (values when comm
 * is ok, comm status, the account, its balance as held, the relay state, cut_off). The supply is
 * also evaluated at every balance change of the account (a charge, a pushed top-up), at the end of
 * the no-cut window and when an override ends. A silent meter charges nothing and never cuts.
 *
 * Durable state lives in `ctx.dataDir`; the point refuses to start without it. A charge found
 * pending at start is resolved against the journal; one the journal can no longer show is alarm
 * `charge_uncertain` (taken as made: it may be missing at the hub, never doubled).
 *
 * `stop()` clears its timers and listener, lets the step in progress finish and closes the meter
 * and the breaker. It does not drive the supply: the meter's relay keeps its state; a breaker coil
 * is released by its driver on close (the Relay contract), which leaves the room supplied.
 */
import { AssertionError } from '../../lib/errors.js';
import type { MeterDevice } from '../drivers/factory.js';
import type { MeterReadResult } from '../drivers/modbus/meter.js';
import type { Relay } from '../drivers/relay.js';
import type { RoomPointConfig } from './room-config.js';
import type { Point, PointContext, RoomPowerControl } from './point.js';
import { meterReadingEvent, roomAlarms, type RoomAlarm } from './room-events.js';
import { RoomMetering } from './room-metering.js';
import { RoomPower } from './room-power.js';
import { RoomStateStore, roomStatePath } from './room-state.js';
import { BreakerSupply, MeterRelaySupply, type Supply } from './room-supply.js';
import { NamedTimers } from './room-timers.js';

export class RoomPoint implements Point, RoomPowerControl {
  readonly kind = 'room' as const;
  private meter: MeterDevice | null = null;
  private breaker: Relay | null = null;
  private supply: Supply | null = null;
  private readonly store = new RoomStateStore();
  private running = false;
  private work: Promise<void> = Promise.resolve();
  private readonly timers: NamedTimers;
  private readonly alarm: RoomAlarm;
  private unsubscribeBalance: (() => void) | null = null;
  private pollQueued = false;
  private evaluateQueued = false;
  private polls = 0;
  /** What a run learns from the meter and its own alarms: new at each start. */
  private metering: RoomMetering | null = null;
  private power: RoomPower | null = null;

  constructor(private readonly config: RoomPointConfig, private readonly ctx: PointContext) {
    this.timers = new NamedTimers(ctx.clock, () => this.running);
    this.alarm = roomAlarms(config.id, ctx);
  }

  get id(): string {
    return this.config.id;
  }

  /** The supply is cut by this point's decision (balance or override). */
  get cutOff(): boolean {
    return this.store.state.cutOff;
  }

  async start(): Promise<void> {
    const { config, ctx } = this;
    if (this.running || this.meter) throw new AssertionError(`room point ${config.id}: start() while started`);
    if (!ctx.dataDir) throw new Error(`room point ${config.id}: no data directory for its billing state (PointContext.dataDir)`);
    await this.loadState(roomStatePath(ctx.dataDir, config.id));
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
    this.resetRunState(this.supply);
    this.running = true;
    this.unsubscribeBalance = ctx.wallet.onBalanceChange((accountIds) => {
      if (accountIds.includes(config.accountId)) this.queueEvaluate();
    });
    const state = this.store.state;
    ctx.logger.log('info', 'room.started', { point: config.id, meter: meter.name, via: this.supply.via, baselineWh: state.billing.meterEnergyWh ?? undefined, cutOff: state.cutOff });
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
    this.timers.clearAll();
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
      const result = await this.power!.override(on, untilUnixMs);
      await this.evaluate();
      return result;
    });
  }

  /** A new run starts afresh: its queue flags, its poll count, what metering and power learnt. */
  private resetRunState(supply: Supply): void {
    this.pollQueued = false;
    this.evaluateQueued = false;
    this.polls = 0;
    this.metering = new RoomMetering(this.config, this.ctx, this.store, this.alarm);
    this.power = new RoomPower(this.config, this.ctx, this.store, this.alarm, supply, this.timers, () => this.queueEvaluate());
  }

  private async loadState(path: string): Promise<void> {
    const { config, ctx } = this;
    const { state, outcome } = await this.store.load(path, ctx.journal, config.id);
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
    this.timers.set('poll', this.config.pollIntervalMs, () => {
      this.schedulePoll();
      this.queuePoll();
    });
  }

  // ---- the steps

  private async poll(): Promise<void> {
    this.pollQueued = false;
    const meter = this.meter;
    if (!this.running || !meter) return;
    const result = await meter.read();
    if (!this.running) return;
    const nowUnixMs = this.ctx.wallNow();
    const metering = this.metering!;
    if (result.ok) {
      this.supply!.observe(result.reading);
      await metering.answered();
      const energyWh = result.reading.energyWh;
      if (energyWh === undefined) throw new AssertionError(`meter ${meter.name}: a reading without energyWh`);
      await metering.bill(energyWh, nowUnixMs);
    } else {
      await metering.failed(result);
    }
    await this.evaluate();
    if (this.polls++ % this.config.readingEveryPolls === 0) await this.streamReading(result);
  }

  private async evaluate(): Promise<void> {
    this.evaluateQueued = false;
    if (!this.running || !this.supply) return;
    await this.power!.evaluate();
  }

  private async streamReading(result: MeterReadResult): Promise<void> {
    const { config, ctx } = this;
    const supply = this.supply!;
    const appended = ctx.journal.append(
      meterReadingEvent(config.id, result, {
        meterId: this.meter!.name,
        accountId: config.accountId,
        cutOff: this.store.state.cutOff,
        balanceFen: ctx.wallet.balance(config.accountId),
        relayClosed: supply.via === 'breaker' || result.ok ? supply.on : undefined,
      }),
    );
    if (!appended.ok) {
      ctx.logger.log('debug', 'room.reading_not_journalled', { point: config.id, reason: appended.reason });
      return;
    }
    await appended.durable.catch(() => undefined);
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
