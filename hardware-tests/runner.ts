/**
 * Runs the self-test suites (the `--only` ones, or all) in order, one step at a time, handing
 * each StepResult on as it is known, and returns the whole run. Used by `onecard selftest` (on
 * site, OwnedHardware) and by the remote run a hub asks for (remote.ts, InUseHardware).
 */
import type { Clock } from '../lib/clock.js';
import type { ControllerConfig } from '../controller/config.js';
import type { HardwareAccess } from './access.js';
import { StepRunner, type LiveLink, type SuiteContext, type Technician } from './context.js';
import { SUITES, type StepResult, type SuiteName } from './types.js';
import { readerSuite } from './suites/reader.js';
import { relaySuite } from './suites/relay.js';
import { valveSuite } from './suites/valve.js';
import { meterSuite } from './suites/meter.js';
import { journalSuite } from './suites/journal.js';
import { hubSuite } from './suites/hub.js';
import { clockSuite } from './suites/clock.js';

const RUN: Record<SuiteName, (ctx: SuiteContext) => Promise<void>> = {
  reader: readerSuite,
  relay: relaySuite,
  valve: valveSuite,
  meter: meterSuite,
  journal: journalSuite,
  hub: hubSuite,
  clock: clockSuite,
};

export interface RunOptions {
  config: ControllerConfig;
  hardware: HardwareAccess;
  /** Monotonic time and timers of every wait (tests: a manual clock). */
  clock: Clock;
  /** The local wall clock, uncorrected. */
  wallNow: () => number;
  /** Suites to run; empty or absent: all. */
  only?: readonly SuiteName[];
  technician?: Technician | null;
  /** Remote runs: the live link. */
  live?: LiveLink | null;
  onStep?: (step: StepResult) => void;
}

export interface StepCounts {
  pass: number;
  fail: number;
  skip: number;
}

export interface SelfTestRun {
  startedAtMs: number;
  finishedAtMs: number;
  durationMs: number;
  suites: SuiteName[];
  steps: StepResult[];
  counts: StepCounts;
}

export function countSteps(steps: readonly StepResult[]): StepCounts {
  const counts = { pass: 0, fail: 0, skip: 0 };
  for (const s of steps) counts[s.status]++;
  return counts;
}

export async function runSelfTest(options: RunOptions): Promise<SelfTestRun> {
  const suites = SUITES.filter((s) => !options.only || options.only.length === 0 || options.only.includes(s));
  const startedAt = { wallMs: options.wallNow(), monoMs: options.clock.nowMs() };
  const step = new StepRunner(options.clock, options.onStep ?? (() => undefined));
  const ctx: SuiteContext = {
    config: options.config,
    settings: options.config.selfTest,
    hw: options.hardware,
    clock: options.clock,
    wallNow: options.wallNow,
    startedAt,
    technician: options.technician ?? null,
    live: options.live ?? null,
    step,
  };
  for (const suite of suites) await RUN[suite](ctx);
  return {
    startedAtMs: startedAt.wallMs,
    finishedAtMs: options.wallNow(),
    durationMs: options.clock.nowMs() - startedAt.monoMs,
    suites,
    steps: step.results,
    counts: countSteps(step.results),
  };
}

/** Parses a comma-separated `--only` list; throws naming the unknown ones. */
export function parseOnly(text: string | readonly string[]): SuiteName[] {
  const names = (typeof text === 'string' ? text.split(',') : [...text]).map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(SUITES as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`unknown suite ${unknown.map((u) => JSON.stringify(u)).join(', ')} (have: ${SUITES.join(', ')})`);
  return names as SuiteName[];
}
