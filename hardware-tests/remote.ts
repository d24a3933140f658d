/**
 * The self-test a hub asks for (RunSelfTest) on a running controller. It runs the suites that make
 * sense while the points work (see access.ts and each suite: no card prompt, door relays only
 * while idle, no breaker pulse, a shower's valve and flow only while the shower is idle and lent
 * to the test), journals one SelfTestResult event per step as it is
 * known (so the results reach the hub through the journal, like every event, even if the link
 * drops), and resolves with a one-line summary for the command's result. One run at a time.
 */
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import type { ControllerConfig } from '../controller/config.js';
import type { Journal } from '../controller/journal.js';
import { pb } from '../protocol/messages.js';
import { InUseHardware } from './access.js';
import type { InUseDrivers } from './in-use-drivers.js';
import type { LiveLink } from './context.js';
import type { LendableShower } from '../controller/points/shower-self-test.js';
import { parseOnly, runSelfTest } from './runner.js';
import type { StepResult } from './types.js';

export interface RemoteSelfTestOptions {
  config: ControllerConfig;
  drivers: InUseDrivers;
  journal: Journal;
  /** Monotonic time and timers (the points' clock). */
  clock: Clock;
  /** The local wall clock, uncorrected (the clock suite judges it). */
  wallNow: () => number;
  live: LiveLink;
  logger: Logger;
  /** The running shower point of an id, lent for the valve test while idle (absent: valves are skipped). */
  showers?: (pointId: string) => LendableShower | null;
}

export type RemoteOutcome = { ran: true; failed: number; detail: string } | { ran: false; detail: string };

const STATUS = { pass: pb.SelfTestStatus.SELF_TEST_STATUS_PASS, fail: pb.SelfTestStatus.SELF_TEST_STATUS_FAIL, skip: pb.SelfTestStatus.SELF_TEST_STATUS_SKIP };
const MAX_TEXT = 1024;
const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

export class RemoteSelfTest {
  private running: string | null = null;

  constructor(private readonly options: RemoteSelfTestOptions) {}

  async run(runId: string, only: readonly string[]): Promise<RemoteOutcome> {
    let suites;
    try {
      suites = parseOnly(only);
    } catch (err) {
      return { ran: false, detail: (err as Error).message };
    }
    if (this.running) return { ran: false, detail: `a self-test is running already (${this.running}): ask again when it is done` };
    this.running = runId;
    const { journal, logger } = this.options;
    const durable: Promise<void>[] = [];
    const refused = new Map<string, number>();
    const journalStep = (s: StepResult) => {
      const res = journal.append({
        pointId: s.pointId,
        selfTest: { runId, suite: s.suite, component: s.component, step: s.step, status: STATUS[s.status], category: s.category, figure: clip(s.figure), detail: clip(s.detail), code: s.code, cause: clip(s.cause), remedy: clip(s.remedy) },
      });
      if (res.ok) durable.push(res.durable);
      else refused.set(res.reason, (refused.get(res.reason) ?? 0) + 1);
    };
    try {
      logger.log('info', 'selftest.started', { runId, suites: suites.join(',') || 'all' });
      const run = await runSelfTest({
        config: this.options.config,
        hardware: new InUseHardware(this.options.drivers, this.options.showers),
        clock: this.options.clock,
        wallNow: this.options.wallNow,
        only: suites,
        live: this.options.live,
        onStep: journalStep,
      });
      const settled = await Promise.allSettled(durable);
      const lost = settled.filter((s) => s.status === 'rejected').length;
      const { pass, fail, skip } = run.counts;
      const failed = run.steps.filter((s) => s.status === 'fail').map((s) => `${s.component} ${s.step} (${s.category})`);
      let detail = `self-test ${runId}: ${run.steps.length} steps, ${pass} pass, ${fail} fail, ${skip} skip`;
      if (failed.length > 0) detail += `; failed: ${failed.join(', ')}`;
      const notJournalled = [...refused].map(([reason, n]) => `${n} ${reason}`);
      if (lost > 0) notJournalled.push(`${lost} journal_failed`);
      if (notJournalled.length > 0) detail += `; results not journalled: ${notJournalled.join(', ')}`;
      logger.log(fail > 0 ? 'warn' : 'info', 'selftest.done', { runId, pass, fail, skip });
      return { ran: true, failed: fail, detail: clip(detail) };
    } finally {
      this.running = null;
    }
  }
}
