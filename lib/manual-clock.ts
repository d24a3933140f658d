/**
 * Test support: a Clock (lib/clock.ts) that moves only when told. Timers fire in due order inside
 * `advance` (or one at a time with `fireNext`), each at its own due time, so a test drives timeouts,
 * polls and debounce windows exactly and in no wall-clock time.
 */
import type { Clock } from './clock.js';

interface Timer {
  dueMs: number;
  fn: () => void;
}

export class ManualClock implements Clock {
  private now: number;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  constructor(startMs = 0) {
    this.now = startMs;
  }

  nowMs(): number {
    return this.now;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { dueMs: this.now + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Timers set and not yet fired or cleared. */
  get pending(): number {
    return this.timers.size;
  }

  /** Fires the earliest timer due by `untilMs`, moving the time to it; false when none is due. */
  fireNext(untilMs: number): boolean {
    let next: [number, Timer] | undefined;
    for (const entry of this.timers) if (entry[1].dueMs <= untilMs && (!next || entry[1].dueMs < next[1].dueMs)) next = entry;
    if (!next) return false;
    this.timers.delete(next[0]);
    this.now = Math.max(this.now, next[1].dueMs);
    next[1].fn();
    return true;
  }

  /** Moves the time on by `ms`, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const target = this.now + ms;
    while (this.fireNext(target));
    this.now = target;
  }

  setNow(ms: number): void {
    this.now = ms;
  }
}
