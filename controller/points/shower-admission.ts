/**
 * Whether a tap may open a shower session, and with what allowance (controller/points/shower.ts).
 * It only reads (the policy, the tariff, the wallet); the point journals a refusal as an
 * AccessDecision with its reason. A tap of the card whose session runs ends it and never comes here.
 *
 * In this order: the policy (blacklist, validity: its reason), the point busy with another card's
 * session (DENIED_SESSION_OPEN: the point has a session open), the point out of service
 * (DENIED_POINT_FAULT: its valve could not be closed, or it is lent to the remote self-test's valve
 * test for a few seconds: shower-self-test.ts) or a charge still waiting for room in the journal
 * (DENIED_JOURNAL_FULL), the tariff held and usable here (DENIED_NO_TARIFF; its band is the one of
 * the local minute now), no open session of the card at another point of this controller
 * (DENIED_SESSION_OPEN), the wallet's allowance (its reason), capped by the tariff's maximum session
 * cost (rule MAX_SESSION_COST when that is the smaller).
 */
import { AccessReason, SpendRule } from '../../protocol/messages.js';
import { localTime } from '../../lib/local-time.js';
import type { Policy } from '../policy.js';
import type { Wallet } from '../wallet.js';
import { showerTariff, type ShowerTariff } from './shower-meter.js';

/** What the point is doing, as far as a tap is concerned. */
export interface TapState {
  /** The tariff (tariffs dataset) the point charges by. */
  tariffId: string;
  hasFlowSensor: boolean;
  /** A session of another card runs. */
  sessionOpen: boolean;
  /** The valve could not be closed, or it is lent to the self-test. */
  outOfService: boolean;
  /** A closed session's charge waits for room in the journal. */
  chargeWaiting: boolean;
}

/** What a decision reads (a PointContext is one). */
export interface AdmissionContext {
  policy: Pick<Policy, 'decide' | 'tariff'>;
  wallet: Pick<Wallet, 'reservedFor' | 'allowance'>;
  /** Wall clock, unix ms: the local minute picks the tariff's time-of-use band. */
  wallNow(): number;
  timeZone: string;
}

export interface SessionAllowance {
  allowanceFen: number;
  spendRule: SpendRule;
}

/** A tap that opens a session: the card's account, the tariff as the session is priced by it, the allowance. */
export type Granted = { granted: true; accountId: string; tariff: ShowerTariff } & SessionAllowance;

export type Admission =
  | Granted
  /** `tariffProblem`: why the tariff cannot be used (DENIED_NO_TARIFF), for the log. */
  | { granted: false; reason: AccessReason; tariffProblem?: string };

/** Decides a tap at the point (see above). */
export function admitTap(uid: string, point: TapState, ctx: AdmissionContext): Admission {
  const refuse = (reason: AccessReason): Admission => ({ granted: false, reason });
  const decision = ctx.policy.decide(uid);
  if (!decision.granted) return refuse(decision.reason);
  if (point.sessionOpen) return refuse(AccessReason.ACCESS_REASON_DENIED_SESSION_OPEN);
  if (point.outOfService) return refuse(AccessReason.ACCESS_REASON_DENIED_POINT_FAULT);
  if (point.chargeWaiting) return refuse(AccessReason.ACCESS_REASON_DENIED_JOURNAL_FULL);
  const record = ctx.policy.tariff(point.tariffId);
  const tariff = record ? showerTariff(record, point.hasFlowSensor, record.bands.length > 0 ? localTime(ctx.wallNow(), ctx.timeZone).minuteOfDay : 0) : `tariff ${point.tariffId} is not held`;
  if (typeof tariff === 'string') return { granted: false, reason: AccessReason.ACCESS_REASON_DENIED_NO_TARIFF, tariffProblem: tariff };
  if (ctx.wallet.reservedFor(uid) > 0) return refuse(AccessReason.ACCESS_REASON_DENIED_SESSION_OPEN);
  const allowance = ctx.wallet.allowance(uid);
  if (!allowance.ok) return refuse(allowance.reason);
  return { granted: true, accountId: allowance.accountId, tariff, ...capAllowance({ allowanceFen: allowance.allowanceFen, spendRule: allowance.rule }, tariff.maxSessionCostFen) };
}

/** The wallet's allowance, capped by the tariff's maximum session cost (0: none) when that is smaller. */
export function capAllowance(wallet: SessionAllowance, maxSessionCostFen: number): SessionAllowance {
  if (maxSessionCostFen > 0 && maxSessionCostFen < wallet.allowanceFen) return { allowanceFen: maxSessionCostFen, spendRule: SpendRule.SPEND_RULE_MAX_SESSION_COST };
  return wallet;
}
