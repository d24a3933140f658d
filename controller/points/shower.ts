/**
 * A shower point (水控): a card reader, a water valve and (optionally) a flow sensor. This file runs
 * it (start, stop, taps and readings, one at a time on one queue); its parts are beside it:
 * - shower-config.ts: the config and its time rules;
 * - shower-admission.ts: whether a tap opens a session, and its allowance (a refusal is journalled
 *   as an AccessDecision with its reason);
 * - shower-records.ts: the session's journal events and state record in their crash-safe order:
 *   the valve opens only once OPEN and the record are durable (invariant 3), a close charges once;
 * - shower-meter.ts: metering and prices; shower-limits.ts: why a session ends, the next reading;
 * - shower-valve.ts and shower-flow.ts: the valve (valve_fault, out of service) and the flow
 *   sensor (the counter, the leak watch); shower-alarms.ts: the alarms;
 * - shower-self-test.ts: the valve and flow sensor lent to the remote self-test while idle.
 *
 * The session ends on a tap of the same card (TAP), when no pulse has come for `sessionTimeoutMs`
 * (TIMEOUT), at the tariff's `maxSessionMs` (MAX_DURATION), when the metered cost reaches the
 * allowance (FUNDS_EXHAUSTED, or MAX_COST when the tariff's cap set the allowance), at stop()
 * (SHUTDOWN), on a silent flow sensor with no fallback price, a valve that failed to open (zero
 * charge) or one whose hardware came back closed (FAULT). PROGRESS events carry the metered counts
 * every `progressIntervalMs`. Closing: the valve is closed first, with the final reading; then the
 * session is charged (a journal too full keeps the charge waiting, retried at each poll).
 *
 * At start the valve is closed; a record left `open` or `closing` is settled with the journal
 * (shower-recovery.ts): what was last metered is charged, exactly once; a session found open is
 * closed with end RESTART.
 */
import { join } from 'node:path';
import { AccessReason, DatasetName, SessionEnd, SpendRule } from '../../protocol/messages.js';
import { AssertionError } from '../../lib/errors.js';
import type { CardReader, CardReaderEvent } from '../drivers/card-reader.js';
import type { ShowerPointConfig } from './shower-config.js';
import type { Point, PointContext } from './point.js';
import { SessionMeter, ZERO_COUNTS, costFen, type MeterCounts } from './shower-meter.js';
import { SessionStateFile } from './shower-session-state.js';
import { LentValve, loanRefusal, type ShowerLoanResult } from './shower-self-test.js';
import { admitTap, type Granted } from './shower-admission.js';
import { nextReadingDelayMs } from './shower-limits.js';
import { ShowerAlarms } from './shower-alarms.js';
import { ShowerValve } from './shower-valve.js';
import { ShowerFlow } from './shower-flow.js';
import { SessionRecords } from './shower-records.js';
import { dueEnd, runningTimes, type Running } from './shower-running.js';

export interface ShowerStatus {
  session: { sessionId: string; cardUid: string; allowanceFen: number; spendRule: SpendRule; counts: MeterCounts; costFen: number } | null;
  /** A charge waiting for room in the journal. */
  chargeWaiting: boolean;
  /** The valve could not be closed: taps are refused until it can. */
  outOfService: boolean;
  leak: boolean;
}

export class ShowerPoint implements Point {
  readonly kind = 'shower' as const;
  private reader: CardReader | null = null;
  private unsubscribe: (() => void) | null = null;
  private offValveRestored: (() => void) | null = null;
  private timer: unknown = null;
  private running = false;
  private queue: Promise<void> = Promise.resolve();
  private session: Running | null = null;
  /** The valve while lent to the remote self-test (shower-self-test.ts): taps refused, leak watch paused. */
  private lent: LentValve | null = null;
  private readonly alarms: ShowerAlarms;
  private readonly valve: ShowerValve;
  private readonly flow: ShowerFlow;
  private readonly records: SessionRecords;

  constructor(private readonly config: ShowerPointConfig, private readonly ctx: PointContext) {
    this.alarms = new ShowerAlarms(config.id, ctx);
    this.valve = new ShowerValve(config.id, this.alarms, ctx);
    this.flow = new ShowerFlow(config.id, this.alarms, ctx);
    this.records = new SessionRecords(config.id, ctx, this.alarms);
  }

  get id(): string {
    return this.config.id;
  }

  async start(): Promise<void> {
    if (this.records.file) throw new AssertionError(`shower ${this.id}: started twice`);
    const { config, ctx } = this;
    if (!ctx.dataDir) throw new Error(`shower point ${config.id}: no data directory to keep its open session in (PointContext.dataDir)`);
    try {
      const valve = (this.valve.driver = ctx.drivers.valve(config.valve, `${config.id}/valve`));
      await valve.open();
      // Valve hardware back from an outage (a Firmata board plugged back) comes back closed: a
      // session that was running ends there (FAULT), charged for what was metered.
      this.offValveRestored = valve.onRestored?.(() => void this.enqueue(() => this.onValveRestored())) ?? null;
      await this.valve.close('start');
      const flowSensor = config.flowSensor ? ctx.drivers.pulseCounter(config.flowSensor, `${config.id}/flow`) : null;
      await this.flow.start(flowSensor, { pulses: config.leakPulses, graceMs: config.leakGraceMs, clearMs: config.leakClearMs });
      const file = (this.records.file = new SessionStateFile(join(ctx.dataDir, `shower-${config.id}.state`)));
      const found = await file.open();
      this.running = true;
      if (found.phase !== 'idle') await this.records.recover(found);
      this.reader = ctx.drivers.cardReader(config.reader, `${config.id}/reader`);
      this.unsubscribe = this.reader.subscribe((e) => this.onReaderEvent(e));
      await this.reader.open();
      this.schedule(config.pollIntervalMs);
    } catch (err) {
      await this.stop().catch(() => undefined);
      throw err;
    }
  }

  /** Closes an open session (SHUTDOWN) and charges it, closes the valve, releases every driver and timer. */
  async stop(): Promise<void> {
    const wasRunning = this.running;
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.offValveRestored?.();
    this.offValveRestored = null;
    this.clearTimer();
    this.lent?.end();
    this.lent = null;
    if (wasRunning) {
      await this.enqueue(async () => {
        if (this.session) await this.endSession(SessionEnd.SESSION_END_SHUTDOWN);
        else if (this.records.waiting) await this.records.attemptClose();
      });
    }
    await this.settled();
    const valve = this.valve.driver;
    const parts: Array<Promise<void> | undefined> = [this.records.file?.close(), this.reader?.close(), this.flow.driver?.close()];
    if (valve) parts.push(valve.setOpen(false).catch(() => undefined).then(() => valve.close()));
    const results = await Promise.allSettled(parts);
    this.records.file = null;
    this.reader = null;
    this.flow.driver = null;
    this.valve.driver = null;
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Resolves once every tap, poll and close asked for so far has been handled, state record included. */
  async settled(): Promise<void> {
    for (;;) {
      const q = this.queue;
      await q;
      await this.records.file?.idle();
      if (q === this.queue) return;
    }
  }

  status(): ShowerStatus {
    const s = this.session;
    const now = this.ctx.clock.nowMs();
    return {
      session: s ? { sessionId: s.sessionId, cardUid: s.cardUid, allowanceFen: s.allowanceFen, spendRule: s.spendRule, counts: s.meter.counts(now), costFen: costFen(s.meter.counts(now), s.tariff) } : null,
      chargeWaiting: this.records.waiting !== null,
      outOfService: this.valve.outOfService,
      leak: this.flow.leaking,
    };
  }

  /** Lends the idle point to the remote self-test's valve test, in the point's queue (shower-self-test.ts). */
  async lendForSelfTest(): Promise<ShowerLoanResult> {
    let result: ShowerLoanResult = { ok: false, reason: `shower point ${this.id} is not running` };
    await this.enqueue(async () => {
      const refusal = loanRefusal({
        pointId: this.id, running: this.running && this.valve.driver !== null, sessionId: this.session?.sessionId ?? null,
        closingSessionId: this.records.waiting?.sessionId ?? null, outOfService: this.valve.outOfService, lent: this.lent !== null,
      });
      if (refusal !== null || !this.valve.driver) {
        result = { ok: false, reason: refusal ?? `shower point ${this.id} is not running` };
        return;
      }
      const valve = new LentValve(this.valve.driver, this.id);
      this.lent = valve;
      this.ctx.logger.log('info', 'shower.lent_to_self_test', { point: this.id });
      result = { ok: true, loan: { valve, flow: this.flow.driver, release: () => this.enqueue(() => this.endLoan(valve)) } };
    });
    return result;
  }

  private async endLoan(valve: LentValve): Promise<void> {
    if (this.lent !== valve) return;
    valve.end();
    this.lent = null;
    if (!this.running) return;
    await this.valve.close('after the self-test');
    // The test's water is nobody's: the next session and the leak watch start from here.
    await this.flow.take();
    this.flow.valveClosed(this.ctx.clock.nowMs());
    this.ctx.logger.log('info', 'shower.returned_by_self_test', { point: this.id });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(work).catch((err: Error) => {
      this.ctx.logger.log('error', 'shower.failed', { point: this.id, error: err.message });
    });
    this.queue = run;
    return run;
  }

  private onReaderEvent(event: CardReaderEvent): void {
    if (event.kind !== 'card') {
      this.ctx.logger.log(event.kind === 'attach' ? 'info' : 'warn', `shower.reader_${event.kind}`, { point: this.id, reader: event.reader });
      return;
    }
    const t0 = performance.now();
    void this.enqueue(() => this.onTap(event.uid, t0));
  }

  private async onTap(uid: string, t0: number): Promise<void> {
    if (!this.running) return;
    if (this.session?.cardUid === uid) return this.endSession(SessionEnd.SESSION_END_TAP);
    const admission = admitTap(uid, {
      tariffId: this.config.tariff, hasFlowSensor: this.flow.hasSensor, sessionOpen: this.session !== null,
      outOfService: this.valve.outOfService || this.lent !== null, chargeWaiting: this.records.waiting !== null,
    }, this.ctx);
    if (admission.granted) return this.open(uid, admission, t0);
    if (admission.tariffProblem !== undefined) this.ctx.logger.log('warn', 'shower.no_tariff', { point: this.id, reason: admission.tariffProblem });
    this.deny(uid, admission.reason, t0);
  }

  /** Journals the session's opening, waits until it is durable (shower-records.ts), then opens the valve. */
  private async open(uid: string, o: Granted, t0: number): Promise<void> {
    const { ctx, config } = this;
    const appended = this.records.appendOpen(uid, o, this.flow.hasSensor);
    if (appended === 'journal_full') return this.deny(uid, AccessReason.ACCESS_REASON_DENIED_JOURNAL_FULL, t0);
    if (!appended) return;
    const opened = await this.records.whenDurable(appended);
    if (!opened) return;
    // Stopped while the records were written: the valve is not opened at all.
    if (!this.running) return this.records.close(opened, SessionEnd.SESSION_END_SHUTDOWN, ZERO_COUNTS, true);
    const baseline = (await this.flow.read()) ?? this.flow.total;
    if (!(await this.valve.open())) return this.records.close(opened, SessionEnd.SESSION_END_FAULT, ZERO_COUNTS, true);
    const openedAtMs = ctx.clock.nowMs();
    const meter = new SessionMeter(o.tariff, { pulsesPerLitre: config.pulsesPerLitre, hasFlowSensor: this.flow.hasSensor, openedAtMs, baselinePulses: baseline });
    this.session = { ...opened, meter, lastProgressAtMs: openedAtMs, tamperSeen: false };
    ctx.logger.log('info', 'shower.opened', { point: this.id, session: opened.sessionId, card: uid, allowanceFen: o.allowanceFen, latencyMs: Math.round((performance.now() - t0) * 1000) / 1000 });
    this.schedule(this.nextDelayMs(openedAtMs));
  }

  private deny(uid: string, reason: AccessReason, t0: number): void {
    const latencyUs = Math.round((performance.now() - t0) * 1000);
    const r = this.ctx.journal.append({
      pointId: this.id,
      access: { cardUid: uid, granted: false, reason, decisionLatencyUs: latencyUs, blacklistVersion: this.ctx.policy.version(DatasetName.DATASET_NAME_BLACKLIST) },
    });
    if (!r.ok && r.reason !== 'access_summarised') this.ctx.logger.log('error', 'shower.event_not_journalled', { point: this.id, reason: r.reason });
  }

  /** Ends the running session: valve closed first, then the final reading, then the charge. */
  private async endSession(end: SessionEnd): Promise<void> {
    const s = this.session;
    if (!s) return;
    this.session = null;
    await this.valve.close('end of session');
    const now = this.ctx.clock.nowMs();
    const total = await this.flow.take();
    if (total !== null) s.meter.observe(now, total);
    this.flow.valveClosed(now);
    await this.records.close(s, end, s.meter.counts(now), false);
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    if (!this.running) return;
    this.timer = this.ctx.clock.setTimeout(() => {
      this.timer = null;
      void this.enqueue(() => this.tick());
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.ctx.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** One reading: meters the session and ends it when due, or watches for a leak; retries what waits. */
  private async tick(): Promise<void> {
    if (!this.running) return;
    const now = this.ctx.clock.nowMs();
    try {
      await this.tickAt(now);
    } finally {
      this.schedule(this.nextDelayMs(this.ctx.clock.nowMs()));
    }
  }

  private async tickAt(now: number): Promise<void> {
    const { config } = this;
    const fresh = await this.flow.takeFresh();
    if (fresh > 0) this.alarms.latch('flow_tamper', false, 'flow pulses again');
    if (this.valve.outOfService) await this.valve.close('retry');
    if (this.records.waiting) await this.records.attemptClose();
    const s = this.session;
    if (s) {
      s.meter.observe(now, this.flow.total);
      const end = dueEnd(s, now, this.flow.hasSensor, config, this.alarms);
      if (end !== null) await this.endSession(end);
      else if (now - s.lastProgressAtMs >= config.progressIntervalMs) this.progress(s, now);
    } else if (!this.lent) {
      this.flow.watchLeak(now, fresh, config.leakPulses);
    }
  }

  private progress(s: Running, now: number): void {
    s.lastProgressAtMs = now;
    this.records.progress(s, s.meter.counts(now));
  }

  /** Until the next reading: the poll interval, or sooner when a time limit of the session falls due. */
  private nextDelayMs(now: number): number {
    const s = this.session;
    return nextReadingDelayMs(this.config, now, s && runningTimes(s, now, this.flow.hasSensor));
  }

  private async onValveRestored(): Promise<void> {
    this.ctx.logger.log('warn', 'shower.valve_restored', { point: this.id, session: this.session?.sessionId ?? null });
    if (!this.running || !this.session) return;
    this.alarms.latch('valve_fault', true, `the valve's hardware went away during session ${this.session.sessionId} and came back closed: the session ends`);
    await this.endSession(SessionEnd.SESSION_END_FAULT);
    if (!this.valve.outOfService) this.alarms.latch('valve_fault', false, 'the valve is back and closed');
  }
}
