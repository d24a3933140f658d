/**
 * The limits of a running shower session, pure: why it must end now, and how long the point may
 * wait before its next reading (controller/points/shower.ts).
 *
 * - At each reading, in this order: a flow sensor silent for `flowTamperMs` makes `flow_tamper` due
 *   (once a session; the point switches to time billing, or ends FAULT with no fallback price); the
 *   metered cost reaching the allowance ends it (FUNDS_EXHAUSTED or MAX_COST); the tariff's
 *   `maxSessionMs` since the valve opened (MAX_DURATION); no pulse for `sessionTimeoutMs` (TIMEOUT).
 * - The next reading comes after `pollIntervalMs`, or sooner when a PROGRESS, a time limit, the
 *   tamper time or (billed by time) the allowance's end falls due, never in less than 1 ms.
 */
import { SessionEnd, SpendRule } from '../../protocol/messages.js';
import { allowanceUsed, type MeterCounts, type ShowerTariff } from './shower-meter.js';

/** The times of a shower's config the limits use (shower-config.ts). */
export interface SessionTimeLimits {
  sessionTimeoutMs: number;
  flowTamperMs: number;
  progressIntervalMs: number;
  pollIntervalMs: number;
}

/** `flow_tamper` is due: a flow sensor, silent for `flowTamperMs`, not yet found silent in this session. */
export function tamperDue(hasFlowSensor: boolean, tamperSeen: boolean, silentMs: number, flowTamperMs: number): boolean {
  return hasFlowSensor && !tamperSeen && silentMs >= flowTamperMs;
}

/** A running session as its end limits see it, at one reading. */
export interface LimitInput {
  allowanceFen: number;
  /** MAX_SESSION_COST: the tariff's cap set the allowance (the session ends MAX_COST). */
  spendRule: SpendRule;
  counts: MeterCounts;
  tariff: ShowerTariff;
  /** Since the valve opened. */
  elapsedMs: number;
  /** Since the last pulse, or since the valve opened when none came. */
  silentMs: number;
}

/** Why the session must end now by its cost or time limits (tamper aside), or null. */
export function limitEnd(s: LimitInput, sessionTimeoutMs: number): SessionEnd | null {
  if (allowanceUsed(s.counts, s.tariff, s.allowanceFen)) {
    return s.spendRule === SpendRule.SPEND_RULE_MAX_SESSION_COST ? SessionEnd.SESSION_END_MAX_COST : SessionEnd.SESSION_END_FUNDS_EXHAUSTED;
  }
  if (s.tariff.maxSessionMs > 0 && s.elapsedMs >= s.tariff.maxSessionMs) return SessionEnd.SESSION_END_MAX_DURATION;
  if (s.silentMs >= sessionTimeoutMs) return SessionEnd.SESSION_END_TIMEOUT;
  return null;
}

/** A running session's times (monotonic ms) as the next reading's delay sees them. */
export interface RunningTimes {
  openedAtMs: number;
  lastFlowAtMs: number;
  lastProgressAtMs: number;
  /** The tariff's; 0: no limit. */
  maxSessionMs: number;
  /** `flow_tamper` is still to be watched for (a flow sensor, not yet found silent in this session). */
  watchTamper: boolean;
  /** Until the cost reaches the allowance when it grows with time alone; null when it grows with the flow. */
  msUntilAllowanceUsed: number | null;
}

/** Milliseconds until the next reading: the poll interval, or sooner when something of the session falls due. */
export function nextReadingDelayMs(limits: SessionTimeLimits, nowMs: number, s: RunningTimes | null): number {
  let delay = limits.pollIntervalMs;
  if (s) {
    const due = [
      s.lastProgressAtMs + limits.progressIntervalMs - nowMs,
      s.lastFlowAtMs + limits.sessionTimeoutMs - nowMs,
      s.maxSessionMs > 0 ? s.openedAtMs + s.maxSessionMs - nowMs : Infinity,
      s.watchTamper ? s.lastFlowAtMs + limits.flowTamperMs - nowMs : Infinity,
      s.msUntilAllowanceUsed ?? Infinity,
    ];
    delay = Math.min(delay, ...due);
  }
  return Math.max(1, Math.ceil(delay));
}
