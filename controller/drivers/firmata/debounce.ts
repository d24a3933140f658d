/**
 * Debounce as the `DigitalInput` contract defines it: a raw change starts a `debounceMs` timer; a
 * change back before it fires cancels it (a bounce, never reported). When it fires the new level is
 * stable and `onStable(level, atMs)` is called once, `atMs` being the time of the last raw change
 * (when the level became stable; it is reported `debounceMs` later). With `debounceMs` 0 every
 * change is stable at once.
 *
 * Times are when the host received a level, not when the board sampled it: a serial link delivers
 * reports late and sometimes bunched, so a debounce or glitch window should be well above ~5 ms.
 */
import { AssertionError } from '../../../lib/errors.js';
import type { FirmataClock } from './five.js';

export const MAX_DEBOUNCE_MS = 10_000;

export function checkDebounceMs(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0 || value > MAX_DEBOUNCE_MS) {
    throw new AssertionError(`${what} must be 0..${MAX_DEBOUNCE_MS} ms, got ${value}`);
  }
  return value;
}

export class Debouncer {
  private raw: boolean;
  private stableLevel: boolean;
  private timer: unknown = null;

  constructor(
    initial: boolean,
    private readonly debounceMs: number,
    private readonly clock: FirmataClock,
    private readonly onStable: (level: boolean, atMs: number) => void,
  ) {
    this.raw = this.stableLevel = initial;
  }

  /** The debounced level. */
  get stable(): boolean {
    return this.stableLevel;
  }

  /** True while a change waits out its debounce window. */
  get pending(): boolean {
    return this.timer !== null;
  }

  feed(level: boolean): void {
    if (level === this.raw) return;
    this.raw = level;
    const atMs = this.clock.nowMs();
    this.cancel();
    if (level === this.stableLevel) return;
    if (this.debounceMs === 0) return this.commit(level, atMs);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.commit(level, atMs);
    }, this.debounceMs);
  }

  /** Drops a pending change (on close). */
  cancel(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private commit(level: boolean, atMs: number): void {
    this.stableLevel = level;
    this.onStable(level, atMs);
  }
}
