/**
 * A room's supply as the point drives it: the decision (room-cutoff.ts, pure) applied through the
 * breaker or the meter's relay (room-supply.ts), with its alarms and its durable state.
 *
 * Evaluated after every poll, every balance change of the account (a charge, a pushed top-up), at
 * the end of the no-cut window and when an override ends:
 * - alarm `low_balance` (active) once the balance as held is at or below `lowBalanceWarningFen`,
 *   once until it rises above it (active false); the state remembers it was given only once it is
 *   durable, so a cut never comes before its warning;
 * - a cut that falls due inside `noCutWindow` waits: a timer evaluates again at the window's end;
 * - alarms `power_cut` (active) and `power_restored` (active false) say why the supply changed; a
 *   breaker or meter relay that cannot be driven is alarm `power_control_failed`, retried at every
 *   evaluation; a supply found other than the point left it is driven back (logged);
 * - the hub's override (SetRoomPower) sets the supply now, whatever the balance, until its time
 *   (0: until the next command): alarm `power_override` (active true; false when it ends).
 */
import { localTime } from '../../lib/local-time.js';
import type { PointContext } from './point.js';
import type { RoomPointConfig } from './room-config.js';
import { decideSupply, msUntilMinute, overrideInForce, type PowerOverride, type SupplyDecision } from './room-cutoff.js';
import type { RoomAlarm } from './room-events.js';
import type { RoomStateStore } from './room-state.js';
import type { Supply } from './room-supply.js';
import type { NamedTimers } from './room-timers.js';

export class RoomPower {
  private controlFailedAlarmed = false;
  private cutDeferred = false;

  constructor(
    private readonly config: RoomPointConfig,
    private readonly ctx: PointContext,
    private readonly store: RoomStateStore,
    private readonly alarm: RoomAlarm,
    private readonly supply: Supply,
    private readonly timers: NamedTimers,
    /** Queues an evaluation on the point's queue (when a timer fires). */
    private readonly queueEvaluate: () => void,
  ) {}

  /** The hub's SetRoomPower: drives the supply now and holds the override; rejects when it cannot. Evaluate after. */
  async override(on: boolean, untilUnixMs: number): Promise<string> {
    const supply = this.supply;
    const now = this.ctx.wallNow();
    if (untilUnixMs !== 0 && untilUnixMs <= now) throw new Error(`the override would end at ${new Date(untilUnixMs).toISOString()}, which has passed`);
    const res = await supply.set(on);
    if (!res.ok) throw new Error(`could not ${on ? 'restore' : 'cut'} the supply via the ${supply.via}: ${res.message}`);
    const until = untilUnixMs === 0 ? 'the next command' : new Date(untilUnixMs).toISOString();
    await this.alarm('power_override', true, `the hub's command set the supply ${on ? 'on' : 'cut'} until ${until}, whatever the balance`);
    await this.store.save({ ...this.store.state, override: { on, untilUnixMs } });
    return `room ${this.config.id}: supply ${on ? 'on' : 'cut'} until ${until}`;
  }

  /** Decides the supply now and drives it there. */
  async evaluate(): Promise<void> {
    const { config, ctx, store } = this;
    const nowUnixMs = ctx.wallNow();
    const at = localTime(nowUnixMs, ctx.timeZone);
    const balanceFen = ctx.wallet.balance(config.accountId);
    await this.warnIfLow(balanceFen);
    await this.endOverride(nowUnixMs);
    const decision = decideSupply({
      balanceFen,
      warned: store.state.lowBalanceWarned,
      override: store.state.override,
      cutOff: store.state.cutOff,
      nowUnixMs,
      minuteOfDay: at.minuteOfDay,
      noCutWindow: config.noCutWindow,
    });
    if (decision.reason === 'no_cut_window' && config.noCutWindow && balanceFen !== null && balanceFen <= 0) {
      if (!this.cutDeferred) ctx.logger.log('info', 'room.cut_deferred', { point: config.id, balanceFen, untilMinute: config.noCutWindow.to });
      this.cutDeferred = true;
      this.timers.set('window', msUntilMinute(nowUnixMs, at.minuteOfDay, config.noCutWindow.to), () => this.queueEvaluate());
    } else {
      this.cutDeferred = false;
      this.timers.clear('window');
    }
    await this.apply(decision, balanceFen);
  }

  private async warnIfLow(balanceFen: number | null): Promise<void> {
    if (balanceFen === null) return;
    const { store } = this;
    const threshold = this.config.lowBalanceWarningFen;
    if (balanceFen <= threshold && !store.state.lowBalanceWarned) {
      const cut = balanceFen <= 0 ? 'the supply may be cut now' : 'the supply is cut at zero';
      if (await this.alarm('low_balance', true, `balance ${balanceFen} fen is at or below the warning threshold ${threshold} fen: ${cut}; top up to keep it`)) {
        await store.save({ ...store.state, lowBalanceWarned: true });
      }
    } else if (balanceFen > threshold && store.state.lowBalanceWarned) {
      await this.alarm('low_balance', false, `balance ${balanceFen} fen is above the warning threshold ${threshold} fen again`);
      await store.save({ ...store.state, lowBalanceWarned: false });
    }
  }

  private async endOverride(nowUnixMs: number): Promise<void> {
    const override = this.store.state.override;
    if (!override) return;
    if (overrideInForce(override, nowUnixMs)) {
      if (override.untilUnixMs > 0) this.timers.set('override', override.untilUnixMs - nowUnixMs, () => this.queueEvaluate());
      return;
    }
    this.timers.clear('override');
    await this.alarm('power_override', false, `the hub's override (supply ${override.on ? 'on' : 'cut'} until ${new Date(override.untilUnixMs).toISOString()}) ended: the balance rule applies again`);
    await this.store.save({ ...this.store.state, override: null });
  }

  private async apply(decision: SupplyDecision, balanceFen: number | null): Promise<void> {
    const { config, ctx, store, supply } = this;
    // Unknown (a meter relay not read yet): taken to be as this point last left it.
    const isOn = supply.on ?? !store.state.cutOff;
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
      if (store.state.cutOff === !decision.on) ctx.logger.log('warn', 'room.supply_reasserted', { point: config.id, on: decision.on, via: supply.via });
    }
    if (store.state.cutOff === !decision.on) return;
    const why = supplyWhy(decision, balanceFen, store.state.override, config.accountId);
    if (decision.on) await this.alarm('power_restored', false, `supply restored via the ${supply.via}: ${why}`);
    else await this.alarm('power_cut', true, `supply cut via the ${supply.via}: ${why}`);
    await store.save({ ...store.state, cutOff: !decision.on });
  }
}

/** Why the supply is as decided, for the `power_cut` and `power_restored` alarms. */
export function supplyWhy(decision: SupplyDecision, balanceFen: number | null, override: PowerOverride | null, accountId: string): string {
  switch (decision.reason) {
    case 'override':
      return `the hub's command, until ${override && override.untilUnixMs > 0 ? new Date(override.untilUnixMs).toISOString() : 'the next command'}`;
    case 'balance':
      return `balance ${balanceFen} fen is at or below zero after the low-balance warning`;
    case 'balance_positive':
      return `balance ${balanceFen} fen`;
    case 'balance_unknown':
      return `no balance is held for account ${accountId}`;
    case 'not_warned':
      return 'the low-balance warning has not been given';
    case 'no_cut_window':
      return 'inside the no-cut window';
  }
}
