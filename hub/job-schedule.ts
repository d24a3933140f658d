/**
 * The daily schedule of calendar jobs inside `onecard hub`: every day at a local time (02:00 in the
 * campus zone unless set) it runs DAILY_JOBS (hub/calendar-jobs.ts) one after the other, for that
 * instant. Started late (the hub was down at that time), it runs once at start too: runs are keyed
 * by day and period, so what was done already answers `exists` and nothing happens twice.
 *
 * Lifecycle: the constructor does nothing; start() sets the timer; stop() clears it and waits for
 * a run under way. Time comes from `now` and timers from `clock` (lib/clock.ts), so a test drives
 * days in no time with a manual clock.
 */
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import { dayBounds, localDate } from './periods.js';
import { DAILY_JOBS, type CalendarJobs, type JobName, type JobParams } from './calendar-jobs.js';

export interface JobScheduleOptions {
  jobs: Pick<CalendarJobs, 'run'>;
  clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  now: () => number;
  timeZone: string;
  /** Local minute of the day the jobs run at (default 120: 02:00). */
  atMinuteOfDay?: number;
  logger: Logger;
  /** Parameters for each job (e.g. close-expired's months). */
  params?: Partial<Record<JobName, JobParams>>;
  /** Run at start when today's time has passed (default true). */
  catchUp?: boolean;
}

export class JobSchedule {
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(private readonly options: JobScheduleOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const now = this.options.now();
    if ((this.options.catchUp ?? true) && now >= this.todayAt(now)) this.fire();
    else this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** The next instant the jobs run at, after `now`. */
  nextRunMs(now = this.options.now()): number {
    const today = this.todayAt(now);
    if (today > now) return today;
    const { endMs } = dayBounds(localDate(now, this.options.timeZone), this.options.timeZone);
    return endMs + (this.options.atMinuteOfDay ?? 120) * 60_000;
  }

  /** Runs the daily jobs now, one after the other (what the timer does). */
  async runNow(): Promise<void> {
    const at = this.options.now();
    for (const job of DAILY_JOBS) {
      try {
        const { result, run } = await this.options.jobs.run(job, at, this.options.params?.[job] ?? {});
        this.options.logger.log(run.state === 'failed' ? 'warn' : 'info', 'jobs.daily', { job, runKey: run.runKey, result, state: run.state, ...(run.error ? { error: run.error } : {}) });
      } catch (err) {
        this.options.logger.log('error', 'jobs.daily_failed', { job, error: (err as Error).message });
      }
    }
  }

  private todayAt(now: number): number {
    const { startMs } = dayBounds(localDate(now, this.options.timeZone), this.options.timeZone);
    return startMs + (this.options.atMinuteOfDay ?? 120) * 60_000;
  }

  private schedule(): void {
    if (this.stopped) return;
    const delayMs = Math.max(0, this.nextRunMs() - this.options.now());
    this.timer = this.options.clock.setTimeout(() => this.fire(), delayMs);
  }

  private fire(): void {
    this.timer = null;
    this.running = this.runNow().finally(() => {
      this.running = null;
      this.schedule();
    });
  }
}
