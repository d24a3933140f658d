/**
 * The records of a shower session: its events in the journal (OPEN, PROGRESS, CLOSE and Charge:
 * shower-events.ts) and the point's state record (shower-session-state.ts), written in the order
 * that lets a restart charge each session exactly once.
 *
 * Opening: the allowance is reserved, OPEN is appended and the record `open` written; the valve may
 * open only once both are durable (invariant 3). A journal that refuses the OPEN as full means the
 * tap is denied DENIED_JOURNAL_FULL; a record that cannot be written closes the session at once
 * (FAULT, zero charge) with alarm `session_state_failed`. Each PROGRESS rewrites the record with the
 * counts it carries (what a restart charges).
 *
 * Closing (the valve already closed): the record `closing` (with the journal's last seq) is made
 * durable; then CLOSE and Charge are appended, the charge is recorded in the wallet and the
 * reservation released; the Charge's seq is recorded, and once the Charge is durable the record
 * goes back to idle. A journal too full to take the CLOSE or Charge keeps the session waiting
 * (`waiting`; `attemptClose()` is retried at each poll, and the point refuses taps with
 * DENIED_JOURNAL_FULL meanwhile).
 *
 * At start a record left `open` or `closing` is judged against the journal (shower-recovery.ts):
 * what was last metered is charged unless the journal shows it was; a session found open is closed
 * with end RESTART, a closing one with the end it closed with.
 *
 * The state file is kept (written back to idle) rather than deleted after each session: it is
 * written in place, so the session-open record costs one fdatasync beside the journal's.
 */
import { SessionEnd } from '../../protocol/messages.js';
import { AssertionError } from '../../lib/errors.js';
import type { Reservation } from '../wallet.js';
import type { PointContext } from './point.js';
import type { Granted } from './shower-admission.js';
import type { ShowerAlarms } from './shower-alarms.js';
import { chargeEvent, closeEvent, openEvent, progressEvent, sessionIdOf, type SessionFacts } from './shower-events.js';
import { ZERO_COUNTS, chargeFor, costFen, type MeterCounts } from './shower-meter.js';
import { judge } from './shower-recovery.js';
import { IDLE, type SessionRecord, type SessionStateFile, type StateRecord } from './shower-session-state.js';

/** A session whose OPEN is journalled: its allowance is reserved in the wallet. */
export interface Opened extends SessionFacts {
  openSeq: number;
  reservation: Reservation;
}

/** A session whose OPEN was appended, not yet durable. */
export interface Appended extends Opened {
  durable: Promise<void>;
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

/** The state record of a session open (with its last metered counts) or closing (with its end). */
export function sessionRecord(s: SessionFacts & { openSeq: number }, counts: MeterCounts, end?: SessionEnd): SessionRecord {
  const record: SessionRecord = {
    phase: end === undefined ? 'open' : 'closing', sessionId: s.sessionId, openSeq: s.openSeq, cardUid: s.cardUid, accountId: s.accountId,
    allowanceFen: s.allowanceFen, spendRule: s.spendRule, tariff: s.tariff, counts,
  };
  if (end !== undefined) record.end = end;
  return record;
}

export class SessionRecords {
  /** The point's state file while it runs (opened at start, closed at stop). */
  file: SessionStateFile | null = null;
  private closing: Closing | null = null;

  constructor(private readonly pointId: string, private readonly ctx: Pick<PointContext, 'journal' | 'wallet' | 'logger'>, private readonly alarms: ShowerAlarms) {}

  /** The session whose CLOSE and Charge wait for room in the journal, or null. */
  get waiting(): SessionFacts | null {
    return this.closing?.facts ?? null;
  }

  /**
   * Reserves the allowance and appends OPEN (its seq names the session): the session, 'journal_full'
   * when the journal had no room, null when it refused otherwise (logged).
   */
  appendOpen(uid: string, o: Granted, hasFlowSensor: boolean): Appended | 'journal_full' | null {
    const { ctx, pointId } = this;
    const reservation = ctx.wallet.reserve(uid, o.accountId, o.allowanceFen);
    const openSeq = ctx.journal.lastSeqWritten + 1;
    const facts: SessionFacts = {
      pointId, sessionId: sessionIdOf(pointId, openSeq), cardUid: uid, accountId: o.accountId,
      allowanceFen: o.allowanceFen, spendRule: o.spendRule, tariff: o.tariff,
    };
    const timeBilledFromStart = o.tariff.basis === 'per_litre' && !hasFlowSensor;
    const appended = ctx.journal.append(openEvent(facts, timeBilledFromStart));
    if (!appended.ok) {
      reservation.release();
      ctx.logger.log(appended.reason === 'journal_full' ? 'warn' : 'error', 'shower.open_not_journalled', { point: pointId, reason: appended.reason, message: appended.message });
      return appended.reason === 'journal_full' ? 'journal_full' : null;
    }
    if (appended.seq !== openSeq) throw new AssertionError(`shower ${pointId}: OPEN got seq ${appended.seq}, expected ${openSeq}`);
    return { ...facts, openSeq, reservation, durable: appended.durable };
  }

  /**
   * Writes the record `open` and waits until it and the OPEN are durable: the session, whose valve
   * may now open; null when either failed (a failed record closes the session, FAULT).
   */
  async whenDurable(a: Appended): Promise<Opened | null> {
    const { ctx, pointId } = this;
    const { durable, ...opened } = a;
    const [journalled, recorded] = await Promise.allSettled([durable, this.file!.write(sessionRecord(opened, ZERO_COUNTS))]);
    if (journalled.status === 'rejected') {
      // The journal failed (the controller restarts): nothing more can be recorded; the valve stays closed.
      opened.reservation.release();
      ctx.logger.log('error', 'shower.open_not_durable', { point: pointId, session: opened.sessionId, error: (journalled.reason as Error).message });
      return null;
    }
    if (recorded.status === 'rejected') {
      const error = (recorded.reason as Error).message;
      ctx.logger.log('error', 'shower.state_write_failed', { point: pointId, session: opened.sessionId, error });
      this.alarms.journal('session_state_failed', true, `session ${opened.sessionId} not opened: the state record could not be written: ${error}`);
      await this.close(opened, SessionEnd.SESSION_END_FAULT, ZERO_COUNTS, true);
      return null;
    }
    return opened;
  }

  /** Journals PROGRESS with the counts and the cost so far (at most the allowance) and rewrites the record with them. */
  progress(s: Opened, counts: MeterCounts): void {
    const r = this.ctx.journal.append(progressEvent(s, counts, Math.min(costFen(counts, s.tariff), s.allowanceFen)));
    if (!r.ok) this.ctx.logger.log('warn', 'shower.progress_not_journalled', { point: this.pointId, session: s.sessionId, reason: r.reason });
    this.write(sessionRecord(s, counts));
  }

  /** Closes a session whose valve is closed with `end` and what it metered (a zero charge when it never ran). */
  async close(s: Opened, end: SessionEnd, counts: MeterCounts, zeroCharge: boolean): Promise<void> {
    const record = sessionRecord(s, counts, end);
    this.closing = { facts: s, record, counts, end, reservation: s.reservation, zeroCharge };
    await this.attemptClose();
  }

  /** Journals CLOSE and Charge of the waiting session; false when the journal refused (retried later). */
  async attemptClose(): Promise<boolean> {
    const c = this.closing;
    if (!c) return true;
    const { journal, wallet, logger } = this.ctx;
    if (c.record.afterSeq === undefined) {
      // Durable before the CLOSE is appended: a restart then knows to look for this session's Charge.
      c.record.afterSeq = journal.lastSeqWritten;
      await this.file!.write({ ...c.record }).catch((err: Error) => logger.log('error', 'shower.state_write_failed', { point: this.pointId, session: c.record.sessionId, error: err.message }));
    }
    const charge = c.zeroCharge ? { amountFen: 0, minimumApplied: false } : chargeFor(c.counts, c.facts.tariff, c.facts.allowanceFen);
    if (c.record.closeSeq === undefined) {
      const closed = journal.append(closeEvent(c.facts, c.end, c.counts, charge.amountFen));
      if (!closed.ok) return this.refused(c, closed.reason);
      c.record.closeSeq = closed.seq;
    }
    const charged = journal.append(chargeEvent(c.facts, c.counts, charge));
    if (!charged.ok) {
      this.write({ ...c.record });
      return this.refused(c, charged.reason);
    }
    wallet.recordCharge({ seq: charged.seq, accountId: c.facts.accountId, cardUid: c.facts.cardUid, amountFen: charge.amountFen, durable: charged.durable });
    c.reservation?.release();
    this.closing = null;
    this.write({ ...c.record, chargeSeq: charged.seq });
    this.write(IDLE, charged.durable);
    logger.log('info', 'shower.closed', { point: this.pointId, session: c.facts.sessionId, end: SessionEnd[c.end], amountFen: charge.amountFen, volumeMl: c.counts.volumeMl, durationMs: c.counts.durationMs });
    return true;
  }

  /** A session found in the state file at start: charged now unless the journal shows it was. */
  async recover(found: SessionRecord): Promise<void> {
    const { ctx, pointId } = this;
    const verdict = judge(found, pointId, ctx.journal);
    ctx.logger.log('warn', 'shower.session_found', { point: pointId, session: found.sessionId, phase: found.phase, verdict });
    if (verdict !== 'uncharged') {
      await this.file!.write(IDLE);
      return;
    }
    const facts: SessionFacts = {
      pointId, sessionId: found.sessionId, cardUid: found.cardUid, accountId: found.accountId,
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

  /** Writes a record in the file's order (after `after`, if given); a failure is logged. */
  private write(record: StateRecord, after?: Promise<unknown>): void {
    this.file!.write(record, after).catch((err: Error) => this.ctx.logger.log('error', 'shower.state_write_failed', { point: this.pointId, error: err.message }));
  }

  private refused(c: Closing, reason: string): boolean {
    this.ctx.logger.log(reason === 'journal_full' ? 'warn' : 'error', 'shower.charge_waiting', { point: this.pointId, session: c.facts.sessionId, reason });
    return false;
  }
}
