/**
 * The alarms of a shower point, journalled as events (kind, active, detail) and logged:
 *
 * - `leak`: flow pulses with the valve closed (shower-leak.ts decides when it is raised and cleared);
 * - `flow_tamper`: the valve open and no pulse for `flowTamperMs`: the rest of the session is billed
 *   by time (shower-meter.ts); cleared when pulses come again;
 * - `valve_fault`: a valve that failed to open or close, or whose hardware came back closed during a
 *   session (shower-valve.ts); cleared at its next good drive;
 * - `session_state_failed`: the session's state record could not be written (that session closes FAULT).
 *
 * `latch` journals only a change (raised once, cleared once): flow_tamper and valve_fault. `journal`
 * journals every call: leak (whose watch reports changes only) and session_state_failed.
 */
import type { Logger } from '../../lib/log.js';
import type { Journal } from '../journal.js';
import type { ShowerTariff } from './shower-meter.js';

export type ShowerAlarmKind = 'leak' | 'flow_tamper' | 'valve_fault' | 'session_state_failed';

export class ShowerAlarms {
  private readonly raised = new Set<ShowerAlarmKind>();

  constructor(private readonly pointId: string, private readonly ctx: { journal: Pick<Journal, 'append'>; logger: Logger }) {}

  /** A latched alarm stands (raised and not cleared since). */
  isActive(kind: ShowerAlarmKind): boolean {
    return this.raised.has(kind);
  }

  /** Journals the alarm when it changes the latched state; does nothing when it is already so. */
  latch(kind: ShowerAlarmKind, active: boolean, detail: string): void {
    if (active === this.raised.has(kind)) return;
    if (active) this.raised.add(kind);
    else this.raised.delete(kind);
    this.journal(kind, active, detail);
  }

  /** Logs and journals the alarm (a journal that refuses it is logged). */
  journal(kind: ShowerAlarmKind, active: boolean, detail: string): void {
    const { journal, logger } = this.ctx;
    logger.log(active ? 'warn' : 'info', `shower.alarm`, { point: this.pointId, kind, active, detail });
    const r = journal.append({ pointId: this.pointId, alarm: { kind, active, detail } });
    if (!r.ok) logger.log('error', 'shower.event_not_journalled', { point: this.pointId, reason: r.reason });
  }
}

/** The detail of a raised `flow_tamper`: how long the sensor was silent and how the session is billed from now. */
export function tamperDetail(tariff: ShowerTariff, silentMs: number, sessionId: string): string {
  const billing =
    tariff.basis === 'per_second'
      ? 'billed by time already'
      : tariff.fallbackPriceMillifenPerSecond > 0
        ? `billed by time from the last pulse at ${tariff.fallbackPriceMillifenPerSecond} millifen/s`
        : 'no fallback price: session closed';
  return `valve open, no flow pulse for ${Math.round(silentMs)} ms (session ${sessionId}): ${billing}`;
}

/** The detail of a `leak` raised or cleared. */
export function leakDetail(raised: boolean, leakPulses: number): string {
  return raised ? `${leakPulses} or more flow pulses with the valve closed` : 'no flow pulse with the valve closed any more';
}
