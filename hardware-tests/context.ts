/**
 * What every suite is given, and the step runner that turns a step's outcome into a StepResult
 * (timed, with its component's category) and hands it on as soon as it is known.
 */
import type { Clock } from '../lib/clock.js';
import type { ControllerConfig } from '../controller/config.js';
import type { LastClockObservation } from '../controller/clock-sync.js';
import type { HardwareAccess } from './access.js';
import type { SelfTestSettings } from './config.js';
import type { RepairCategory, StepResult, SuiteName } from './types.js';

/** Someone at the device: asked to act (tap a card) while a step waits. */
export interface Technician {
  /** Shows what to do now, for the component being tested. */
  prompt(text: string, component: string): void;
  /** The step no longer waits (done or timed out). */
  dismiss(): void;
}

/** What a remote run knows of the live link (the controller's uplink and clock sync). */
export interface LiveLink {
  isOnline(): boolean;
  lastClockObservation(): LastClockObservation | null;
}

export interface SuiteContext {
  config: ControllerConfig;
  settings: SelfTestSettings;
  hw: HardwareAccess;
  /** Monotonic time and timers of every wait. */
  clock: Clock;
  /** The local wall clock, uncorrected (unix ms). */
  wallNow(): number;
  /** Wall and monotonic time when the run started (the clock suite's steadiness check). */
  startedAt: { wallMs: number; monoMs: number };
  technician: Technician | null;
  /** Remote runs: the live link; on site: null (the hub is probed). */
  live: LiveLink | null;
  step: StepRunner;
}

/** The component a step is about. */
export interface Target {
  suite: SuiteName;
  component: string;
  pointId: string;
  category: RepairCategory;
}

export type Outcome =
  | { status: 'pass'; figure: string; detail: string }
  | { status: 'skip'; detail: string; figure?: string }
  | { status: 'fail'; figure: string; detail: string; code: string; cause: string; remedy: string; category?: RepairCategory };

export const pass = (figure: string, detail: string): Outcome => ({ status: 'pass', figure, detail });
export const skip = (detail: string): Outcome => ({ status: 'skip', detail });
export const fail = (f: { figure?: string; detail: string; code: string; cause: string; remedy: string; category?: RepairCategory }): Outcome => ({ status: 'fail', figure: f.figure ?? '', ...f });

export class StepRunner {
  readonly results: StepResult[] = [];

  constructor(private readonly clock: Clock, private readonly onStep: (step: StepResult) => void) {}

  /** Runs one step; an exception is a failure of the step (the self-test carries on). */
  async run(target: Target, step: string, body: () => Promise<Outcome>): Promise<Outcome> {
    const startMs = this.clock.nowMs();
    let outcome: Outcome;
    try {
      outcome = await body();
    } catch (err) {
      outcome = fail({ detail: `the step stopped with an error: ${(err as Error).message}`, code: 'step_error', cause: 'a driver failed in a way the self-test did not expect', remedy: 'note the message and run the step again; report it with the controller log if it repeats' });
    }
    this.record(target, step, outcome, this.clock.nowMs() - startMs);
    return outcome;
  }

  /** Records a step decided without running anything (a skip, or a failure known already). */
  record(target: Target, step: string, outcome: Outcome, durationMs = 0): void {
    const result: StepResult = {
      suite: target.suite,
      component: target.component,
      pointId: target.pointId,
      step,
      status: outcome.status,
      category: outcome.status === 'fail' ? (outcome.category ?? target.category) : target.category,
      figure: outcome.figure ?? '',
      detail: outcome.detail,
      code: outcome.status === 'fail' ? outcome.code : '',
      cause: outcome.status === 'fail' ? outcome.cause : '',
      remedy: outcome.status === 'fail' ? outcome.remedy : '',
      durationMs: Math.round(durationMs * 10) / 10,
    };
    this.results.push(result);
    this.onStep(result);
  }
}
