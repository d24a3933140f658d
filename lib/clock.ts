/**
 * Time and timers, injected into drivers so debounce, glitch filters, polling and timeouts are
 * deterministic in tests (a manual clock, or sinon's fake timers behind this interface).
 *
 * `Clock` is what most drivers need; `IntervalClock` adds the periodic timers a polling backend
 * (node-libgpiod) uses. `systemClock` is both.
 */
export interface Clock {
  /** Monotonic milliseconds (fractions allowed). */
  nowMs(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface IntervalClock extends Clock {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** The process clock; globals are looked up at each call so fake timers installed later apply. */
export const systemClock: IntervalClock = {
  nowMs: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
};
