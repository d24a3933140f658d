/**
 * The hub's periodic check for fault alarms that stand without repeating (issue 8): every
 * `intervalMs` (a minute by default) it files a repair ticket for each fault alarm active for
 * PERSIST_MS (10 minutes) or more since its first raise and not on a ticket yet, or attaches it to
 * the open ticket of its component (hub/ticket-faults.ts `ticketStandingAlarms`: the same
 * deduplication as at ingest). Alarms are otherwise judged only when an event arrives, so a meter
 * that fell silent once and stays silent would never open a ticket.
 *
 * Lifecycle: the constructor does nothing; start() sets the timer; stop() clears it and waits for a
 * check under way. Hub time comes from `now` and timers from `clock` (lib/clock.ts), so a test
 * drives minutes in no time with a manual clock.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import type { Database } from './db/schema.js';
import { ticketStandingAlarms } from './ticket-faults.js';

export const DEFAULT_ALARM_CHECK_INTERVAL_MS = 60_000;

export interface PersistentAlarmCheckOptions {
  db: Kysely<Database>;
  /** The hub's wall clock (unix ms), compared with the alarms' device time. */
  now: () => number;
  clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  /** Between the end of one check and the next (default a minute). */
  intervalMs?: number;
  logger: Logger;
}

export class PersistentAlarmCheck {
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(private readonly options: PersistentAlarmCheckOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One check now (what the timer does): how many standing alarms were filed on tickets. */
  checkNow(): Promise<number> {
    return ticketStandingAlarms(this.options.db, this.options.now());
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.options.clock.setTimeout(() => this.fire(), this.options.intervalMs ?? DEFAULT_ALARM_CHECK_INTERVAL_MS);
  }

  private fire(): void {
    this.timer = null;
    this.running = this.checkNow()
      .then(
        (filed) => {
          if (filed > 0) this.options.logger.log('info', 'tickets.standing_alarms', { filed });
        },
        (err: Error) => this.options.logger.log('error', 'tickets.alarm_check_failed', { error: err.message }),
      )
      .finally(() => {
        this.running = null;
        this.schedule();
      });
  }
}
