/**
 * Debounce as the `DigitalInput` contract (digital-input.ts) defines it, shared by the GPIO and
 * Firmata inputs (and the Firmata pulse counter's glitch filter):
 *
 * - a raw change starts a `debounceMs` timer; a change back before it fires cancels it (a bounce,
 *   never reported);
 * - when it fires the new level is stable and `onStable(level, atMs)` is called once, `atMs` being
 *   the time of the last raw change (when the level became stable; it is reported `debounceMs`
 *   later);
 * - with `debounceMs` 0 every change is stable at once.
 *
 * A raw change may be dated in the past (a polling backend passes when it sampled the line): the
 * timer then waits only what is left of `debounceMs`, and a change already old enough is stable at
 * once.
 */
import { AssertionError } from '../../lib/errors.js';
import type { Clock } from '../../lib/clock.js';

export const MAX_DEBOUNCE_MS = 10_000;

/** Returns `value` if it is a valid debounce window, else throws an AssertionError naming `what`. */
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
    private readonly clock: Clock,
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

  /** A raw level, seen at `atMs` on the clock (default: now). Repeats of the last raw level are ignored. */
  feed(level: boolean, atMs?: number): void {
    if (level === this.raw) return;
    this.raw = level;
    const nowMs = this.clock.nowMs();
    const changedAtMs = atMs ?? nowMs;
    this.cancel();
    if (level === this.stableLevel) return; // a bounce that came back before debounceMs
    const waitMs = this.debounceMs - (nowMs - changedAtMs);
    if (waitMs <= 0) return this.commit(level, changedAtMs);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.commit(level, changedAtMs);
    }, waitMs);
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
