/**
 * The journal's disk budget: how many events may wait for the hub, and what happens when that many
 * do. The policy (also in docs/errors.md, "Controller journal"):
 *
 * - `limit` events may wait (journal `maxUnackedEvents`, default 1,000,000). A small share of it,
 *   `reserve` (default 1 %, at least 1, at most 10,000), is kept for alarms.
 * - Charges, meter readings and self-test results are never dropped: once `limit - reserve` wait,
 *   a new one is refused (`journal_full`) so the caller knows it was not recorded (a charge point
 *   refuses the sale) until acknowledgements free room.
 * - Alarms always get in, into the reserve; they are admitted even past `limit` (the journal logs
 *   `journal.over_budget`), so an alarm is never lost to a full journal.
 * - Access events are the only ones that may be summarised: once `limit - reserve` wait, each new
 *   one is only counted, per point (`access_summarised`); when room returns the journal writes one
 *   alarm `access_events_summarised` per point with the count and the time span.
 */
import { AssertionError } from '../../lib/errors.js';

export type EventClass = 'alarm' | 'access' | 'record';
export type Admission = 'admit' | 'refuse' | 'summarise';

export interface Summary {
  pointId: string;
  count: number;
  firstUnixMs: number;
  lastUnixMs: number;
}

/** Most points counted separately while summarising; later ones share the last entry's count. */
export const MAX_SUMMARY_POINTS = 1024;

export class JournalBudget {
  readonly limit: number;
  readonly reserve: number;
  private readonly summaries = new Map<string, Summary>();

  constructor(limit: number, reserve?: number) {
    if (!Number.isSafeInteger(limit) || limit < 2) throw new AssertionError(`journal budget ${limit}: must be an integer >= 2`);
    this.limit = limit;
    this.reserve = reserve ?? Math.min(10_000, Math.max(1, Math.ceil(limit / 100)));
    if (!Number.isSafeInteger(this.reserve) || this.reserve < 1 || this.reserve >= limit) {
      throw new AssertionError(`alarm reserve ${this.reserve}: must be from 1 to ${limit - 1}`);
    }
  }

  /** Events other than alarms may be admitted while fewer than this wait. */
  get ordinaryLimit(): number {
    return this.limit - this.reserve;
  }

  hasRoom(waiting: number): boolean {
    return waiting < this.ordinaryLimit;
  }

  decide(kind: EventClass, waiting: number): Admission {
    if (kind === 'alarm' || this.hasRoom(waiting)) return 'admit';
    return kind === 'access' ? 'summarise' : 'refuse';
  }

  /** Counts one access event that was not journalled. */
  count(pointId: string, unixMs: number): void {
    let s = this.summaries.get(pointId);
    if (!s && this.summaries.size >= MAX_SUMMARY_POINTS) s = [...this.summaries.values()].pop()!;
    if (!s) {
      s = { pointId, count: 0, firstUnixMs: unixMs, lastUnixMs: unixMs };
      this.summaries.set(pointId, s);
    }
    s.count++;
    s.lastUnixMs = unixMs;
  }

  get summarising(): boolean {
    return this.summaries.size > 0;
  }

  /** The counts so far, per point; clears them. */
  take(): Summary[] {
    const out = [...this.summaries.values()];
    this.summaries.clear();
    return out;
  }
}

export function summaryDetail(s: Summary): string {
  return `count=${s.count} first_unix_ms=${s.firstUnixMs} last_unix_ms=${s.lastUnixMs}`;
}
