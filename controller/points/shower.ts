/**
 * A shower point (水控): a card reader, a water valve and (optionally) a flow sensor. Config and
 * the time rules: shower-config.ts; metering and prices: shower-meter.ts.
 *
 * Tap to start. In this order: the policy (blacklist, validity: its reason), the point busy with
 * another card's session (DENIED_SESSION_OPEN: the point has a session open), the point out of
 * service (DENIED_POINT_FAULT: its valve could not be closed, or it is lent to the remote
 * self-test's valve test for a few seconds: shower-self-test.ts) or a charge still waiting for room in
 * the journal (DENIED_JOURNAL_FULL), the tariff held and usable here (DENIED_NO_TARIFF), no open
 * session of the card at another point of this controller (DENIED_SESSION_OPEN), the wallet's
 * allowance (its reason), capped by the tariff's maximum session cost (rule MAX_SESSION_COST when
 * that is the smaller). A refusal is journalled as an AccessDecision with its reason.
 *
 * A grant reserves the allowance, appends ShowerSession OPEN and writes the point's state record
 * (shower-session-state.ts), waits until both are durable, then opens the valve (invariant 3). A
 * journal that refuses the OPEN (full) denies with DENIED_JOURNAL_FULL. A valve that fails to
 * open is closed again and the session closes at once with end FAULT and a zero charge, with a
 * `valve_fault` alarm.
 *
 * The session ends on a tap of the same card (TAP), when no pulse has come for `sessionTimeoutMs`
 * (TIMEOUT), at the tariff's `maxSessionMs` (MAX_DURATION), when the metered cost reaches the
 * allowance (FUNDS_EXHAUSTED, or MAX_COST when the tariff's cap set the allowance), at stop()
 * (SHUTDOWN), on a silent flow sensor with no fallback price (FAULT). PROGRESS events carry the
 * metered counts every `progressIntervalMs`. Closing: the valve is closed first; then the state
 * record `closing` (with the journal's last seq) is made durable; then CLOSE and Charge are
 * appended, the charge is recorded in the wallet and the reservation released; the Charge's seq
 * is recorded, and once the Charge is durable the record goes back to idle. A journal too full to
 * take the CLOSE or Charge keeps the session `closing` (retried at each poll; the point refuses
 * taps with DENIED_JOURNAL_FULL meanwhile).
 *
 * At start the valve is closed; a record left `open` or `closing` is settled with the journal
 * (shower-recovery.ts): what was last metered is charged, exactly once; a session found open is
 * closed with end RESTART.
 *
 * The state file is kept (written back to idle) rather than deleted after each session: it is
 * written in place, so the session-open record costs one fdatasync beside the journal's.
 *
 * Alarms: `leak` (pulses with the valve closed: shower-leak.ts), `flow_tamper` (valve open, no
 * pulse for `flowTamperMs`: the rest of the session is billed by time; cleared when pulses come
 * again), `valve_fault` (a valve that failed to open or close; cleared at its next good drive; one
 * that failed to close puts the point out of service and is retried at each poll),
 * `session_state_failed` (the state record could not be written: that session closes, FAULT).
 */
import { join } from 'node:path';
import { AccessReason, DatasetName, SessionEnd, SpendRule } from '../../protocol/messages.js';
import { localTime } from '../../lib/local-time.js';
import { AssertionError } from '../../lib/errors.js';
import type { CardReader, CardReaderEvent } from '../drivers/card-reader.js';
import type { PulseCounter } from '../drivers/pulse-counter.js';
import type { Valve } from '../drivers/valve.js';
import type { Reservation } from '../wallet.js';
import type { ShowerPointConfig } from './shower-config.js';
import type { Point, PointContext } from './point.js';
import { SessionMeter, ZERO_COUNTS, allowanceUsed, chargeFor, costFen, showerTariff, type MeterCounts } from './shower-meter.js';
import { IDLE, SessionStateFile, type SessionRecord } from './shower-session-state.js';
import { chargeEvent, closeEvent, openEvent, progressEvent, sessionIdOf, type SessionFacts } from './shower-events.js';
import { judge } from './shower-recovery.js';
import { LeakWatch } from './shower-leak.js';
import { LentValve, loanRefusal, type ShowerLoanResult } from './shower-self-test.js';

interface Opened extends SessionFacts {
  openSeq: number;
  reservation: Reservation;
}

interface Running extends Opened {
  meter: SessionMeter;
  lastProgressAtMs: number;
  /** flow_tamper was detected in this session (billing switched to time). */
  tamperSeen: boolean;
}

/** A session whose valve is closed and whose CLOSE and Charge are being (or waiting to be) journalled. */
interface Closing {
  facts: SessionFacts;
  record: SessionRecord;
  counts: MeterCounts;
  end: SessionEnd;
  reservation: Reservation | null;
  zeroCharge: boolean;
}

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
  private valve: Valve | null = null;
  private flow: PulseCounter | null = null;
  private state: SessionStateFile | null = null;
  private unsubscribe: (() => void) | null = null;
  private offValveRestored: (() => void) | null = null;
  private timer: unknown = null;
  private running = false;
  private queue: Promise<void> = Promise.resolve();
  private session: Running | null = null;
  private closing: Closing | null = null;
  private counterTotal = 0;
  private leak: LeakWatch | null = null;
  private tamperActive = false;
  private valveFaultActive = false;
  private outOfService = false;
  /** The valve while lent to the remote self-test (shower-self-test.ts): taps refused, leak watch paused. */
  private lent: LentValve | null = null;

  constructor(private readonly config: ShowerPointConfig, private readonly ctx: PointContext) {}

  get id(): string {
    return this.config.id;
  }

  async start(): Promise<void> {
    if (this.state) throw new AssertionError(`shower ${this.id}: started twice`);
    const { config, ctx } = this;
    if (!ctx.dataDir) throw new Error(`shower point ${config.id}: no data directory to keep its open session in (PointContext.dataDir)`);
    try {
      this.valve = ctx.drivers.valve(config.valve, `${config.id}/valve`);
      await this.valve.open();
      // Valve hardware back from an outage (a Firmata board plugged back) comes back closed: a
      // session that was running ends there (FAULT), charged for what was metered.
      this.offValveRestored = this.valve.onRestored?.(() => void this.enqueue(() => this.onValveRestored())) ?? null;
      await this.driveValveClosed('start');
      if (config.flowSensor) {
        this.flow = ctx.drivers.pulseCounter(config.flowSensor, `${config.id}/flow`);
        await this.flow.open();
        this.counterTotal = await this.flow.count();
      }
      this.leak = new LeakWatch({ pulses: config.leakPulses, graceMs: config.leakGraceMs, clearMs: config.leakClearMs }, ctx.clock.nowMs());
      this.state = new SessionStateFile(join(ctx.dataDir, `shower-${config.id}.state`));
      const found = await this.state.open();
      this.running = true;
      if (found.phase !== 'idle') await this.recover(found);
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
        else if (this.closing) await this.attemptClose();
      });
    }
    await this.settled();
    const parts: Array<Promise<void> | undefined> = [this.state?.close(), this.reader?.close(), this.flow?.close()];
    if (this.valve) parts.push(this.valve.setOpen(false).catch(() => undefined).then(() => this.valve?.close()));
    const results = await Promise.allSettled(parts);
    this.state = null;
    this.reader = null;
    this.flow = null;
    this.valve = null;
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Resolves once every tap, poll and close asked for so far has been handled, state record included. */
  async settled(): Promise<void> {
    for (;;) {
      const q = this.queue;
      await q;
      await this.state?.idle();
      if (q === this.queue) return;
    }
  }

  status(): ShowerStatus {
    const s = this.session;
    const now = this.ctx.clock.nowMs();
    return {
      session: s ? { sessionId: s.sessionId, cardUid: s.cardUid, allowanceFen: s.allowanceFen, spendRule: s.spendRule, counts: s.meter.counts(now), costFen: costFen(s.meter.counts(now), s.tariff) } : null,
      chargeWaiting: this.closing !== null,
      outOfService: this.outOfService,
      leak: this.leak?.active ?? false,
    };
  }

  /** Lends the idle point to the remote self-test's valve test, in the point's queue (shower-self-test.ts). */
  async lendForSelfTest(): Promise<ShowerLoanResult> {
    let result: ShowerLoanResult = { ok: false, reason: `shower point ${this.id} is not running` };
    await this.enqueue(async () => {
      const refusal = loanRefusal({
        pointId: this.id, running: this.running && this.valve !== null, sessionId: this.session?.sessionId ?? null,
        closingSessionId: this.closing?.facts.sessionId ?? null, outOfService: this.outOfService, lent: this.lent !== null,
      });
      if (refusal !== null || !this.valve) {
        result = { ok: false, reason: refusal ?? `shower point ${this.id} is not running` };
        return;
      }
      const valve = new LentValve(this.valve, this.id);
      this.lent = valve;
      this.ctx.logger.log('info', 'shower.lent_to_self_test', { point: this.id });
      result = { ok: true, loan: { valve, flow: this.flow, release: () => this.enqueue(() => this.endLoan(valve)) } };
    });
    return result;
  }

  private async endLoan(valve: LentValve): Promise<void> {
    if (this.lent !== valve) return;
    valve.end();
    this.lent = null;
    if (!this.running) return;
    await this.driveValveClosed('after the self-test');
    // The test's water is nobody's: the next session and the leak watch start from here.
    const total = await this.readCounter();
    if (total !== null) this.counterTotal = total;
    this.leak?.valveClosed(this.ctx.clock.nowMs());
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
    const { ctx, config } = this;
    if (this.session?.cardUid === uid) return this.endSession(SessionEnd.SESSION_END_TAP);
    const decision = ctx.policy.decide(uid);
    if (!decision.granted) return this.deny(uid, decision.reason, t0);
    if (this.session) return this.deny(uid, AccessReason.ACCESS_REASON_DENIED_SESSION_OPEN, t0);
    if (this.outOfService || this.lent) return this.deny(uid, AccessReason.ACCESS_REASON_DENIED_POINT_FAULT, t0);
    if (this.closing) return this.deny(uid, AccessReason.ACCESS_REASON_DENIED_JOURNAL_FULL, t0);
    const record = ctx.policy.tariff(config.tariff);
    const tariff = record ? showerTariff(record, this.flow !== null, record.bands.length > 0 ? localTime(ctx.wallNow(), ctx.timeZone).minuteOfDay : 0) : `tariff ${config.tariff} is not held`;
    if (typeof tariff === 'string') {
      ctx.logger.log('warn', 'shower.no_tariff', { point: this.id, reason: tariff });
      return this.deny(uid, AccessReason.ACCESS_REASON_DENIED_NO_TARIFF, t0);
    }
    if (ctx.wallet.reservedFor(uid) > 0) return this.deny(uid, AccessReason.ACCESS_REASON_DENIED_SESSION_OPEN, t0);
    const allowance = ctx.wallet.allowance(uid);
    if (!allowance.ok) return this.deny(uid, allowance.reason, t0);
    let allowanceFen = allowance.allowanceFen;
    let spendRule = allowance.rule;
    if (tariff.maxSessionCostFen > 0 && tariff.maxSessionCostFen < allowanceFen) {
      allowanceFen = tariff.maxSessionCostFen;
      spendRule = SpendRule.SPEND_RULE_MAX_SESSION_COST;
    }
    await this.open({ uid, accountId: allowance.accountId, allowanceFen, spendRule, tariff, t0 });
  }

  private async open(o: { uid: string; accountId: string; allowanceFen: number; spendRule: SpendRule; tariff: Exclude<ReturnType<typeof showerTariff>, string>; t0: number }): Promise<void> {
    const { ctx, config } = this;
    const reservation = ctx.wallet.reserve(o.uid, o.accountId, o.allowanceFen);
    const openSeq = ctx.journal.lastSeqWritten + 1;
    const facts: SessionFacts = {
      pointId: this.id, sessionId: sessionIdOf(this.id, openSeq), cardUid: o.uid, accountId: o.accountId,
      allowanceFen: o.allowanceFen, spendRule: o.spendRule, tariff: o.tariff,
    };
    const timeBilledFromStart = o.tariff.basis === 'per_litre' && !this.flow;
    const appended = ctx.journal.append(openEvent(facts, timeBilledFromStart));
    if (!appended.ok) {
      reservation.release();
      ctx.logger.log(appended.reason === 'journal_full' ? 'warn' : 'error', 'shower.open_not_journalled', { point: this.id, reason: appended.reason, message: appended.message });
      if (appended.reason === 'journal_full') this.deny(o.uid, AccessReason.ACCESS_REASON_DENIED_JOURNAL_FULL, o.t0);
      return;
    }
    if (appended.seq !== openSeq) throw new AssertionError(`shower ${this.id}: OPEN got seq ${appended.seq}, expected ${openSeq}`);
    const record: SessionRecord = {
      phase: 'open', sessionId: facts.sessionId, openSeq, cardUid: o.uid, accountId: o.accountId,
      allowanceFen: o.allowanceFen, spendRule: o.spendRule, tariff: o.tariff, counts: ZERO_COUNTS,
    };
    const [journalled, recorded] = await Promise.allSettled([appended.durable, this.state!.write(record)]);
    if (journalled.status === 'rejected') {
      // The journal failed (the controller restarts): nothing more can be recorded; the valve stays closed.
      reservation.release();
      ctx.logger.log('error', 'shower.open_not_durable', { point: this.id, session: facts.sessionId, error: (journalled.reason as Error).message });
      return;
    }
    const opened: Opened = { ...facts, openSeq, reservation };
    if (recorded.status === 'rejected') {
      const error = (recorded.reason as Error).message;
      ctx.logger.log('error', 'shower.state_write_failed', { point: this.id, session: facts.sessionId, error });
      this.alarm('session_state_failed', true, `session ${facts.sessionId} not opened: the state record could not be written: ${error}`);
      return this.beginClose(opened, SessionEnd.SESSION_END_FAULT, ZERO_COUNTS, true);
    }
    // Stopped while the records were written: the valve is not opened at all.
    if (!this.running) return this.beginClose(opened, SessionEnd.SESSION_END_SHUTDOWN, ZERO_COUNTS, true);
    const baseline = (await this.readCounter()) ?? this.counterTotal;
    try {
      await this.valve!.setOpen(true);
    } catch (err) {
      ctx.logger.log('error', 'shower.valve_failed', { point: this.id, action: 'open', error: (err as Error).message });
      this.valveAlarm(true, `opening the valve failed: ${(err as Error).message}`);
      await this.driveValveClosed('after a failed open');
      return this.beginClose(opened, SessionEnd.SESSION_END_FAULT, ZERO_COUNTS, true);
    }
    if (this.valveFaultActive && !this.outOfService) this.valveAlarm(false, 'the valve opened');
    const openedAtMs = ctx.clock.nowMs();
    const meter = new SessionMeter(o.tariff, { pulsesPerLitre: config.pulsesPerLitre, hasFlowSensor: this.flow !== null, openedAtMs, baselinePulses: baseline });
    this.session = { ...opened, meter, lastProgressAtMs: openedAtMs, tamperSeen: false };
    ctx.logger.log('info', 'shower.opened', { point: this.id, session: facts.sessionId, card: o.uid, allowanceFen: o.allowanceFen, latencyMs: Math.round((performance.now() - o.t0) * 1000) / 1000 });
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
    await this.driveValveClosed('end of session');
    const now = this.ctx.clock.nowMs();
    const total = await this.readCounter();
    if (total !== null) {
      s.meter.observe(now, total);
      this.counterTotal = total;
    }
    this.leak?.valveClosed(now);
    await this.beginClose(s, end, s.meter.counts(now), false);
  }

  private async beginClose(s: Opened, end: SessionEnd, counts: MeterCounts, zeroCharge: boolean): Promise<void> {
    const record: SessionRecord = {
      phase: 'closing', sessionId: s.sessionId, openSeq: s.openSeq, cardUid: s.cardUid, accountId: s.accountId,
      allowanceFen: s.allowanceFen, spendRule: s.spendRule, tariff: s.tariff, counts, end,
    };
    this.closing = { facts: s, record, counts, end, reservation: s.reservation, zeroCharge };
    await this.attemptClose();
  }

  /** Journals CLOSE and Charge of the closing session; false when the journal refused (retried later). */
  private async attemptClose(): Promise<boolean> {
    const c = this.closing;
    if (!c) return true;
    const { journal, wallet, logger } = this.ctx;
    if (c.record.afterSeq === undefined) {
      // Durable before the CLOSE is appended: a restart then knows to look for this session's Charge.
      c.record.afterSeq = journal.lastSeqWritten;
      await this.state!.write({ ...c.record }).catch((err: Error) => logger.log('error', 'shower.state_write_failed', { point: this.id, session: c.record.sessionId, error: err.message }));
    }
    const charge = c.zeroCharge ? { amountFen: 0, minimumApplied: false } : chargeFor(c.counts, c.facts.tariff, c.facts.allowanceFen);
    if (c.record.closeSeq === undefined) {
      const closed = journal.append(closeEvent(c.facts, c.end, c.counts, charge.amountFen));
      if (!closed.ok) return this.closeRefused(c, closed.reason);
      c.record.closeSeq = closed.seq;
    }
    const charged = journal.append(chargeEvent(c.facts, c.counts, charge));
    if (!charged.ok) {
      this.writeState({ ...c.record });
      return this.closeRefused(c, charged.reason);
    }
    wallet.recordCharge({ seq: charged.seq, accountId: c.facts.accountId, cardUid: c.facts.cardUid, amountFen: charge.amountFen, durable: charged.durable });
    c.reservation?.release();
    this.closing = null;
    this.writeState({ ...c.record, chargeSeq: charged.seq });
    this.writeState(IDLE, charged.durable);
    logger.log('info', 'shower.closed', { point: this.id, session: c.facts.sessionId, end: SessionEnd[c.end], amountFen: charge.amountFen, volumeMl: c.counts.volumeMl, durationMs: c.counts.durationMs });
    return true;
  }

  private closeRefused(c: Closing, reason: string): boolean {
    this.ctx.logger.log(reason === 'journal_full' ? 'warn' : 'error', 'shower.charge_waiting', { point: this.id, session: c.facts.sessionId, reason });
    return false;
  }

  private writeState(record: Parameters<SessionStateFile['write']>[0], after?: Promise<unknown>): void {
    this.state!.write(record, after).catch((err: Error) => this.ctx.logger.log('error', 'shower.state_write_failed', { point: this.id, error: err.message }));
  }

  /** A session found in the state file at start: charged now unless the journal shows it was. */
  private async recover(found: SessionRecord): Promise<void> {
    const { ctx } = this;
    const verdict = judge(found, this.id, ctx.journal);
    ctx.logger.log('warn', 'shower.session_found', { point: this.id, session: found.sessionId, phase: found.phase, verdict });
    if (verdict !== 'uncharged') {
      await this.state!.write(IDLE);
      return;
    }
    const facts: SessionFacts = {
      pointId: this.id, sessionId: found.sessionId, cardUid: found.cardUid, accountId: found.accountId,
      allowanceFen: found.allowanceFen, spendRule: found.spendRule, tariff: found.tariff,
    };
    const amount = chargeFor(found.counts, found.tariff, found.allowanceFen).amountFen;
    const end = found.phase === 'closing' && found.end !== undefined ? (found.end as SessionEnd) : SessionEnd.SESSION_END_RESTART;
    // Held until charged, so the money cannot be spent elsewhere while the journal has no room.
    const reservation = ctx.wallet.reserve(found.cardUid, found.accountId, amount);
    // Appended afresh (after a new durable `afterSeq`): what a lost write had appended is not durable.
    const record: SessionRecord = { ...found, phase: 'closing', end };
    delete record.afterSeq;
    delete record.closeSeq;
    delete record.chargeSeq;
    this.closing = { facts, record, counts: found.counts, end, reservation, zeroCharge: false };
    await this.attemptClose();
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
    const total = await this.readCounter();
    const fresh = total === null ? 0 : total - this.counterTotal;
    if (total !== null) this.counterTotal = total;
    if (fresh > 0 && this.tamperActive) {
      this.tamperActive = false;
      this.alarm('flow_tamper', false, 'flow pulses again');
    }
    if (this.outOfService) await this.driveValveClosed('retry');
    if (this.closing) await this.attemptClose();
    const s = this.session;
    if (s) {
      s.meter.observe(now, this.counterTotal);
      const end = this.checkLimits(s, now);
      if (end !== null) await this.endSession(end);
      else if (now - s.lastProgressAtMs >= config.progressIntervalMs) this.progress(s, now);
    } else if (this.flow && !this.lent) {
      const change = this.leak!.observe(now, fresh);
      if (change) this.alarm('leak', change === 'raised', change === 'raised' ? `${config.leakPulses} or more flow pulses with the valve closed` : 'no flow pulse with the valve closed any more');
    }
  }

  /** The flow counter's total, or null (logged) when it cannot be read: no pulse is then seen. */
  private async readCounter(): Promise<number | null> {
    if (!this.flow) return null;
    try {
      return await this.flow.count();
    } catch (err) {
      this.ctx.logger.log('error', 'shower.flow_read_failed', { point: this.id, error: (err as Error).message });
      return null;
    }
  }

  /**
   * Why the session must end now, if it must. A flow sensor silent for `flowTamperMs` first raises
   * `flow_tamper` and switches a per-litre session to time billing (or ends it, FAULT, without a
   * fallback price).
   */
  private checkLimits(s: Running, now: number): SessionEnd | null {
    const { config } = this;
    const silentMs = now - s.meter.lastFlowAtMs;
    if (this.flow && !s.tamperSeen && silentMs >= config.flowTamperMs) {
      s.tamperSeen = true;
      this.raiseTamper(s, silentMs);
      if (!s.meter.fallBackToTime()) return SessionEnd.SESSION_END_FAULT;
    }
    if (allowanceUsed(s.meter.counts(now), s.tariff, s.allowanceFen)) {
      return s.spendRule === SpendRule.SPEND_RULE_MAX_SESSION_COST ? SessionEnd.SESSION_END_MAX_COST : SessionEnd.SESSION_END_FUNDS_EXHAUSTED;
    }
    if (s.tariff.maxSessionMs > 0 && now - s.meter.openedAtMs >= s.tariff.maxSessionMs) return SessionEnd.SESSION_END_MAX_DURATION;
    if (silentMs >= config.sessionTimeoutMs) return SessionEnd.SESSION_END_TIMEOUT;
    return null;
  }

  private raiseTamper(s: Running, silentMs: number): void {
    if (this.tamperActive) return;
    this.tamperActive = true;
    const billing = s.tariff.basis === 'per_second' ? 'billed by time already' : s.tariff.fallbackPriceMillifenPerSecond > 0 ? `billed by time from the last pulse at ${s.tariff.fallbackPriceMillifenPerSecond} millifen/s` : 'no fallback price: session closed';
    this.alarm('flow_tamper', true, `valve open, no flow pulse for ${Math.round(silentMs)} ms (session ${s.sessionId}): ${billing}`);
  }

  private progress(s: Running, now: number): void {
    s.lastProgressAtMs = now;
    const counts = s.meter.counts(now);
    const r = this.ctx.journal.append(progressEvent(s, counts, Math.min(costFen(counts, s.tariff), s.allowanceFen)));
    if (!r.ok) this.ctx.logger.log('warn', 'shower.progress_not_journalled', { point: this.id, session: s.sessionId, reason: r.reason });
    this.writeState({
      phase: 'open', sessionId: s.sessionId, openSeq: s.openSeq, cardUid: s.cardUid, accountId: s.accountId,
      allowanceFen: s.allowanceFen, spendRule: s.spendRule, tariff: s.tariff, counts,
    });
  }

  /** Until the next reading: the poll interval, or sooner when a time limit of the session falls due. */
  private nextDelayMs(now: number): number {
    const { config } = this;
    let delay = config.pollIntervalMs;
    const s = this.session;
    if (s) {
      const due = [
        s.lastProgressAtMs + config.progressIntervalMs - now,
        s.meter.lastFlowAtMs + config.sessionTimeoutMs - now,
        s.tariff.maxSessionMs > 0 ? s.meter.openedAtMs + s.tariff.maxSessionMs - now : Infinity,
        this.flow && !s.tamperSeen ? s.meter.lastFlowAtMs + config.flowTamperMs - now : Infinity,
        s.meter.msUntilAllowanceUsed(now, s.allowanceFen) ?? Infinity,
      ];
      delay = Math.min(delay, ...due);
    }
    return Math.max(1, Math.ceil(delay));
  }

  /** Drives the valve closed; a failure puts the point out of service (retried at each poll) with an alarm. */
  private async driveValveClosed(why: string): Promise<void> {
    try {
      await this.valve!.setOpen(false);
    } catch (err) {
      this.ctx.logger.log('error', 'shower.valve_failed', { point: this.id, action: 'close', why, error: (err as Error).message });
      if (!this.outOfService) this.valveAlarm(true, `closing the valve failed (${why}): ${(err as Error).message}`);
      this.outOfService = true;
      return;
    }
    if (this.outOfService) {
      this.outOfService = false;
      this.valveAlarm(false, 'the valve closed');
    }
  }

  private async onValveRestored(): Promise<void> {
    this.ctx.logger.log('warn', 'shower.valve_restored', { point: this.id, session: this.session?.sessionId ?? null });
    if (!this.running || !this.session) return;
    this.valveAlarm(true, `the valve's hardware went away during session ${this.session.sessionId} and came back closed: the session ends`);
    await this.endSession(SessionEnd.SESSION_END_FAULT);
    if (!this.outOfService) this.valveAlarm(false, 'the valve is back and closed');
  }

  private valveAlarm(active: boolean, detail: string): void {
    if (active === this.valveFaultActive) return;
    this.valveFaultActive = active;
    this.alarm('valve_fault', active, detail);
  }

  private alarm(kind: string, active: boolean, detail: string): void {
    this.ctx.logger.log(active ? 'warn' : 'info', `shower.alarm`, { point: this.id, kind, active, detail });
    const r = this.ctx.journal.append({ pointId: this.id, alarm: { kind, active, detail } });
    if (!r.ok) this.ctx.logger.log('error', 'shower.event_not_journalled', { point: this.id, reason: r.reason });
  }
}
