/**
 * An emulated wall clock (a controller's real-time clock) with the fault a self-test must see: a
 * jump. `now()` is a base clock (Date.now by default) plus every jump so far; `jump(ms)` steps it
 * as an RTC reset, an operator's `date -s` or an NTP step would. Monotonic time is not touched.
 */
import { AssertionError } from '../lib/errors.js';

export class EmulatedWallClock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  /** Unix milliseconds as this clock reads them. */
  now(): number {
    return this.base() + this.offsetMs;
  }

  /** Steps the clock by `ms` (negative: back). */
  jump(ms: number): void {
    if (!Number.isFinite(ms)) throw new AssertionError(`wall clock jump ${ms} ms`);
    this.offsetMs += ms;
  }

  /** Sets the clock to read `unixMs` now (a reset RTC reads 1970 or its last saved time). */
  set(unixMs: number): void {
    this.offsetMs = unixMs - this.base();
  }
}
