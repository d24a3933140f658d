/**
 * In-process emulators of a valve, a digital input and a pulse counter. Each enforces its
 * interface's contract (open before use, nothing after close) and records what it was told, so a
 * test or the demo drives a point exactly as the hardware would and sees what the point did.
 */
import { AssertionError } from '../lib/errors.js';
import type { DigitalInput, InputEdge } from '../controller/drivers/digital-input.js';
import type { PulseCounter } from '../controller/drivers/pulse-counter.js';
import type { Valve } from '../controller/drivers/valve.js';

type State = 'new' | 'open' | 'closed';

function expectOpen(state: State, name: string, call: string): void {
  if (state !== 'open') throw new AssertionError(`${name}: ${call} while ${state}`);
}

/** Emulated valve: records every state it was driven to (`calls`); `isOpenNow()` for tests. */
export class EmulatedValve implements Valve {
  readonly calls: Array<{ open: boolean; atMs: number }> = [];
  private state: State = 'new';
  private open_ = false;
  private failNext: Error | null = null;
  private readonly listeners = new Set<(open: boolean) => void>();

  constructor(readonly name: string, private readonly now: () => number = () => performance.now()) {}

  async open(): Promise<void> {
    if (this.state === 'closed') throw new AssertionError(`valve ${this.name}: open() after close()`);
    this.state = 'open';
    this.open_ = false;
  }

  async setOpen(open: boolean): Promise<void> {
    expectOpen(this.state, `valve ${this.name}`, 'setOpen()');
    if (this.failNext) {
      const err = this.failNext;
      this.failNext = null;
      throw err;
    }
    this.open_ = open;
    if (this.calls.length >= 100_000) this.calls.shift();
    this.calls.push({ open, atMs: this.now() });
    for (const l of this.listeners) l(open);
  }

  async isOpen(): Promise<boolean> {
    expectOpen(this.state, `valve ${this.name}`, 'isOpen()');
    return this.open_;
  }

  async close(): Promise<void> {
    this.open_ = false;
    this.state = 'closed';
    this.listeners.clear();
  }

  /** The state last driven, without a promise. */
  isOpenNow(): boolean {
    return this.open_;
  }

  /** Makes the next setOpen() reject with this error (a driver fault). */
  failNextWrite(err: Error): void {
    this.failNext = err;
  }

  watch(listener: (open: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Emulated digital input: `set(level)` changes the logical level (`activeLow` is the wiring's
 * business, already applied) and reports one edge per change, at once (a debounced line).
 */
export class EmulatedDigitalInput implements DigitalInput {
  private state: State = 'new';
  private level = false;
  private readonly listeners = new Set<(edge: InputEdge) => void>();

  constructor(readonly name: string, private readonly now: () => number = () => performance.now()) {}

  async open(): Promise<void> {
    if (this.state === 'closed') throw new AssertionError(`input ${this.name}: open() after close()`);
    this.state = 'open';
  }

  async read(): Promise<boolean> {
    expectOpen(this.state, `input ${this.name}`, 'read()');
    return this.level;
  }

  subscribe(listener: (edge: InputEdge) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.state = 'closed';
    this.listeners.clear();
  }

  /** Drives the line to a logical level (the level holds even while the input is not open). */
  set(level: boolean): void {
    if (level === this.level) return;
    this.level = level;
    if (this.state !== 'open') return;
    const edge = { level, atMs: this.now() };
    for (const l of this.listeners) l(edge);
  }

  get current(): boolean {
    return this.level;
  }
}

/** Emulated pulse counter: `pulse(n)` counts n pulses now. */
export class EmulatedPulseCounter implements PulseCounter {
  private state: State = 'new';
  private total = 0;
  private last: number | null = null;

  constructor(readonly name: string, private readonly now: () => number = () => performance.now()) {}

  async open(): Promise<void> {
    if (this.state === 'closed') throw new AssertionError(`pulse counter ${this.name}: open() after close()`);
    this.state = 'open';
    this.total = 0;
    this.last = null;
  }

  async count(): Promise<number> {
    expectOpen(this.state, `pulse counter ${this.name}`, 'count()');
    return this.total;
  }

  async lastPulseAtMs(): Promise<number | null> {
    expectOpen(this.state, `pulse counter ${this.name}`, 'lastPulseAtMs()');
    return this.last;
  }

  async close(): Promise<void> {
    this.state = 'closed';
  }

  /** Counts `n` pulses (a flow of n / pulsesPerLitre litres) at the current time. */
  pulse(n = 1): void {
    if (!Number.isInteger(n) || n < 0) throw new AssertionError(`pulse counter ${this.name}: ${n} pulses`);
    if (this.state !== 'open' || n === 0) return;
    this.total += n;
    this.last = this.now();
  }
}
