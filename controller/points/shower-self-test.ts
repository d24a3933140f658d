/**
 * A shower point lent to the remote self-test's valve test (hardware-tests/suites/valve.ts).
 *
 * The point lends itself only while idle: no session running, no charge waiting for room in the
 * journal, not out of service. Otherwise the test is refused with the reason (`shower in use: ...`)
 * and the valve step is skipped. The request is handled in the point's queue, after any tap
 * already being handled, so a session cannot start between the check and the loan.
 *
 * While lent: a tap is refused (DENIED_POINT_FAULT: the point is out of service for the test, a
 * few seconds), the leak watch ignores the flow the test makes, and the self-test drives the
 * point's own valve and reads its own flow sensor (drivers cannot be opened twice). Returning it
 * closes the valve, takes the flow counter's total as the new baseline (the test's water is
 * nobody's) and restarts the leak watch's grace time for the water still running out.
 */
import type { PulseCounter } from '../drivers/pulse-counter.js';
import type { Valve } from '../drivers/valve.js';

/** What the self-test holds while the point is lent. */
export interface ShowerLoan {
  /** The point's valve: `setOpen` and `isOpen` while the loan lasts; opening and closing the driver are the point's. */
  readonly valve: Valve;
  /** The point's flow sensor (read only), or null when it bills by time. */
  readonly flow: Pick<PulseCounter, 'count'> | null;
  /** Gives the point back: valve closed, flow baseline and leak watch reset, taps accepted again. */
  release(): Promise<void>;
}

export type ShowerLoanResult = { ok: true; loan: ShowerLoan } | { ok: false; reason: string };

/** A shower point as the remote self-test sees it. */
export interface LendableShower {
  readonly id: string;
  lendForSelfTest(): Promise<ShowerLoanResult>;
}

/** The valve as lent: usable until the loan ends (then every call rejects, naming the point). */
export class LentValve implements Valve {
  private ended = false;

  constructor(private readonly inner: Valve, private readonly pointId: string) {}

  get name(): string {
    return this.inner.name;
  }

  async open(): Promise<void> {
    throw new Error(`${this.inner.name} belongs to shower point ${this.pointId}: the self-test only drives it`);
  }

  setOpen(open: boolean): Promise<void> {
    if (this.ended) return Promise.reject(new Error(`the self-test's loan of shower point ${this.pointId} ended`));
    return this.inner.setOpen(open);
  }

  isOpen(): Promise<boolean> {
    if (this.ended) return Promise.reject(new Error(`the self-test's loan of shower point ${this.pointId} ended`));
    return this.inner.isOpen();
  }

  async close(): Promise<void> {
    this.end();
  }

  /** The loan is over: later calls reject. */
  end(): void {
    this.ended = true;
  }
}

/** What the point is doing, as far as a loan is concerned. */
export interface LoanState {
  pointId: string;
  running: boolean;
  sessionId: string | null;
  /** The session whose charge waits for room in the journal. */
  closingSessionId: string | null;
  outOfService: boolean;
  lent: boolean;
}

/** Why the point cannot be lent now, or null when it is idle. */
export function loanRefusal(s: LoanState): string | null {
  if (!s.running) return `shower point ${s.pointId} is not running`;
  if (s.sessionId !== null) return `shower in use: session ${s.sessionId} is running`;
  if (s.closingSessionId !== null) return `shower in use: the charge of session ${s.closingSessionId} waits for room in the journal`;
  if (s.outOfService) return 'shower out of service: its valve could not be closed (see the valve_fault alarm)';
  if (s.lent) return 'shower lent to a self-test already';
  return null;
}
