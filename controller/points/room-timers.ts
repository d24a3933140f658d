/**
 * A room point's named one-shot timers on its clock (`ctx.clock`): the poll, the end of the no-cut
 * window, the end of an override. Setting a name again replaces its timer; a timer fires only while
 * the point runs.
 *
 * No timer waits longer than MAX_TIMER_MS (a timer holds at most about 24.8 days): one due later
 * fires early, and its callback, which decides again, sets it anew for the rest of the way.
 */
import type { Clock } from '../../lib/clock.js';

/** The longest a timer waits before its callback runs (and re-arms it when it is not due yet). */
export const MAX_TIMER_MS = 3_600_000;

export type RoomTimerName = 'poll' | 'window' | 'override';

export class NamedTimers<Name extends string = RoomTimerName> {
  private readonly handles = new Map<Name, unknown>();

  constructor(private readonly clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>, private readonly running: () => boolean) {}

  /** Runs `fn` in `ms` (at most MAX_TIMER_MS, at least 0), replacing the timer of that name. */
  set(name: Name, ms: number, fn: () => void): void {
    this.clear(name);
    const handle = this.clock.setTimeout(() => {
      if (this.handles.get(name) !== handle) return;
      this.handles.delete(name);
      if (this.running()) fn();
    }, Math.max(0, Math.min(ms, MAX_TIMER_MS)));
    this.handles.set(name, handle);
  }

  clear(name: Name): void {
    if (!this.handles.has(name)) return;
    this.clock.clearTimeout(this.handles.get(name));
    this.handles.delete(name);
  }

  clearAll(): void {
    for (const name of [...this.handles.keys()]) this.clear(name);
  }
}
