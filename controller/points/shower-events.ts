/** The journal events of a shower session (ShowerSession OPEN / PROGRESS / CLOSE and its Charge), built in one place. */
import { ChargeBasis, SessionPhase, type SessionEnd, type SpendRule } from '../../protocol/messages.js';
import type { EventDraft } from '../journal.js';
import type { ChargeAmount, MeterCounts, ShowerTariff } from './shower-meter.js';

export interface SessionFacts {
  pointId: string;
  sessionId: string;
  cardUid: string;
  accountId: string;
  allowanceFen: number;
  spendRule: SpendRule;
  tariff: ShowerTariff;
}

/** "<point id>-<seq of the OPEN event>" (protocol/onecard.proto). */
export function sessionIdOf(pointId: string, openSeq: number): string {
  return `${pointId}-${openSeq}`;
}

export function openEvent(s: SessionFacts, timeBilled: boolean): EventDraft {
  return {
    pointId: s.pointId,
    showerSession: {
      sessionId: s.sessionId, cardUid: s.cardUid, accountId: s.accountId, phase: SessionPhase.SESSION_PHASE_OPEN,
      allowanceFen: s.allowanceFen, spendRule: s.spendRule, timeBilled, tariffId: s.tariff.id,
    },
  };
}

export function progressEvent(s: SessionFacts, counts: MeterCounts, amountFen: number): EventDraft {
  return {
    pointId: s.pointId,
    showerSession: {
      sessionId: s.sessionId, cardUid: s.cardUid, accountId: s.accountId, phase: SessionPhase.SESSION_PHASE_PROGRESS,
      pulses: counts.pulses, volumeMl: counts.volumeMl, durationMs: counts.durationMs, amountFen,
      allowanceFen: s.allowanceFen, spendRule: s.spendRule, timeBilled: counts.timeBilled, tariffId: s.tariff.id,
    },
  };
}

export function closeEvent(s: SessionFacts, end: SessionEnd, counts: MeterCounts, amountFen: number): EventDraft {
  return {
    pointId: s.pointId,
    showerSession: {
      sessionId: s.sessionId, cardUid: s.cardUid, accountId: s.accountId, phase: SessionPhase.SESSION_PHASE_CLOSE, end,
      pulses: counts.pulses, volumeMl: counts.volumeMl, durationMs: counts.durationMs, amountFen,
      allowanceFen: s.allowanceFen, spendRule: s.spendRule, timeBilled: counts.timeBilled, tariffId: s.tariff.id,
    },
  };
}

/**
 * The Charge that closes a session. `volume_ml` and `duration_ms` are what was billed by the litre
 * and by the second; the basis is TIME when any of it was billed by time.
 */
export function chargeEvent(s: SessionFacts, counts: MeterCounts, charge: ChargeAmount): EventDraft {
  const byTime = s.tariff.basis === 'per_second' || counts.timeBilled;
  return {
    pointId: s.pointId,
    charge: {
      cardUid: s.cardUid, accountId: s.accountId, amountFen: charge.amountFen, tariffId: s.tariff.id, sessionId: s.sessionId,
      basis: byTime ? ChargeBasis.CHARGE_BASIS_TIME : ChargeBasis.CHARGE_BASIS_VOLUME,
      volumeMl: counts.billedVolumeMl, durationMs: counts.billedDurationMs,
      spendRule: s.spendRule, minimumApplied: charge.minimumApplied,
    },
  };
}
