/**
 * A shower session while its valve is open: what it opened with, its meter (shower-meter.ts), when
 * it last journalled PROGRESS and whether its flow sensor was found silent in it.
 *
 * At each reading `dueEnd` says whether it must end (the limits are shower-limits.ts). A flow sensor
 * silent for `flowTamperMs` first raises `flow_tamper` (once a session) and switches a per-litre
 * session to time billing from the last pulse, or ends it (FAULT) when the tariff has no fallback
 * price. `runningTimes` gives what the next reading's delay is reckoned from.
 */
import { SessionEnd } from '../../protocol/messages.js';
import { tamperDetail, type ShowerAlarms } from './shower-alarms.js';
import { limitEnd, tamperDue, type RunningTimes, type SessionTimeLimits } from './shower-limits.js';
import type { SessionMeter } from './shower-meter.js';
import type { Opened } from './shower-records.js';

export interface Running extends Opened {
  meter: SessionMeter;
  lastProgressAtMs: number;
  /** flow_tamper was detected in this session (billing switched to time). */
  tamperSeen: boolean;
}

/** Why the session must end now, if it must; raises `flow_tamper` on the way when it falls due. */
export function dueEnd(s: Running, now: number, hasFlowSensor: boolean, limits: SessionTimeLimits, alarms: ShowerAlarms): SessionEnd | null {
  const silentMs = now - s.meter.lastFlowAtMs;
  if (tamperDue(hasFlowSensor, s.tamperSeen, silentMs, limits.flowTamperMs)) {
    s.tamperSeen = true;
    alarms.latch('flow_tamper', true, tamperDetail(s.tariff, silentMs, s.sessionId));
    if (!s.meter.fallBackToTime()) return SessionEnd.SESSION_END_FAULT;
  }
  const { allowanceFen, spendRule, tariff } = s;
  return limitEnd({ counts: s.meter.counts(now), tariff, allowanceFen, spendRule, elapsedMs: now - s.meter.openedAtMs, silentMs }, limits.sessionTimeoutMs);
}

/** The session's times as the next reading's delay sees them (shower-limits.ts nextReadingDelayMs). */
export function runningTimes(s: Running, now: number, hasFlowSensor: boolean): RunningTimes {
  return {
    openedAtMs: s.meter.openedAtMs, lastFlowAtMs: s.meter.lastFlowAtMs, lastProgressAtMs: s.lastProgressAtMs, maxSessionMs: s.tariff.maxSessionMs,
    watchTamper: hasFlowSensor && !s.tamperSeen, msUntilAllowanceUsed: s.meter.msUntilAllowanceUsed(now, s.allowanceFen),
  };
}
