/**
 * The parts of a stored device event that have no column of their own, decoded from its payload for
 * the API: an alarm's kind, state and detail; a shower session's phase, end and metered counts; a
 * charge's basis and quantities; a meter reading; a self-test step (its run, suite, component, step,
 * status, category, figure, cause and remedy). Enum values are given by name (`funds_exhausted`).
 */
import { ChargeBasis, MeterComm, SessionEnd, SessionPhase, SpendRule, enumText, pb } from '../protocol/messages.js';

export type EventDetail =
  | { alarm: { kind: string; active: boolean; detail: string } }
  | { charge: { cardUid: string; tariffId: string; sessionId: string; basis: string; volumeMl: number; durationMs: number; energyWh: number; freeEnergyWh: number; spendRule: string; minimumApplied: boolean } }
  | { showerSession: { sessionId: string; phase: string; end: string; pulses: number; volumeMl: number; durationMs: number; amountFen: number; allowanceFen: number; spendRule: string; timeBilled: boolean; tariffId: string } }
  | { meterReading: { meterId: string; comm: string; energyWh: number; powerW: number; voltageMv: number; currentMa: number; relayClosed: boolean; balanceFen: number; cutOff: boolean } }
  | { access: { decisionLatencyUs: number; blacklistVersion: number } }
  | { selfTest: SelfTestDetail }
  | Record<string, never>;

/** One step of a self-test: status `pass`, `fail` or `skip`; on a failure its likely cause and the remedy. */
export interface SelfTestDetail {
  runId: string;
  suite: string;
  component: string;
  step: string;
  status: string;
  category: string;
  figure: string;
  detail: string;
  /** On a failure: the diagnosis slug (hardware-tests/types.ts StepResult.code); '' otherwise or from an older device. */
  code: string;
  cause: string;
  remedy: string;
}

const n = (v: number | null | undefined): number => Number(v ?? 0);

export function eventDetail(payload: Uint8Array): EventDetail {
  let e: ReturnType<typeof pb.Event.decode>;
  try {
    e = pb.Event.decode(payload);
  } catch {
    return {};
  }
  if (e.alarm) return { alarm: { kind: e.alarm.kind ?? '', active: e.alarm.active === true, detail: e.alarm.detail ?? '' } };
  if (e.charge) {
    const c = e.charge;
    return {
      charge: {
        cardUid: c.cardUid ?? '', tariffId: c.tariffId ?? '', sessionId: c.sessionId ?? '', basis: enumText(ChargeBasis, n(c.basis), 'CHARGE_BASIS'),
        volumeMl: n(c.volumeMl), durationMs: n(c.durationMs), energyWh: n(c.energyWh), freeEnergyWh: n(c.freeEnergyWh),
        spendRule: enumText(SpendRule, n(c.spendRule), 'SPEND_RULE'), minimumApplied: c.minimumApplied === true,
      },
    };
  }
  if (e.showerSession) {
    const s = e.showerSession;
    return {
      showerSession: {
        sessionId: s.sessionId ?? '', phase: enumText(SessionPhase, n(s.phase), 'SESSION_PHASE'), end: enumText(SessionEnd, n(s.end), 'SESSION_END'),
        pulses: n(s.pulses), volumeMl: n(s.volumeMl), durationMs: n(s.durationMs), amountFen: n(s.amountFen), allowanceFen: n(s.allowanceFen),
        spendRule: enumText(SpendRule, n(s.spendRule), 'SPEND_RULE'), timeBilled: s.timeBilled === true, tariffId: s.tariffId ?? '',
      },
    };
  }
  if (e.meterReading) {
    const m = e.meterReading;
    return {
      meterReading: {
        meterId: m.meterId ?? '', comm: enumText(MeterComm, n(m.comm), 'METER_COMM'), energyWh: n(m.energyWh), powerW: n(m.powerW),
        voltageMv: n(m.voltageMv), currentMa: n(m.currentMa), relayClosed: m.relayClosed === true, balanceFen: n(m.balanceFen), cutOff: m.cutOff === true,
      },
    };
  }
  if (e.access) return { access: { decisionLatencyUs: n(e.access.decisionLatencyUs), blacklistVersion: n(e.access.blacklistVersion) } };
  if (e.selfTest) {
    const t = e.selfTest;
    return {
      selfTest: {
        runId: t.runId ?? '', suite: t.suite ?? '', component: t.component ?? '', step: t.step ?? '', status: enumText(pb.SelfTestStatus, n(t.status), 'SELF_TEST_STATUS'),
        category: t.category ?? '', figure: t.figure ?? '', detail: t.detail ?? '', code: t.code ?? '', cause: t.cause ?? '', remedy: t.remedy ?? '',
      },
    };
  }
  return {};
}
