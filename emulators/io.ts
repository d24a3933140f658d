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

/** A valve whose seat no longer follows its solenoid (for self-tests). */
export type ValveFault = 'none' | 'stuck-open' | 'stuck-closed';

/**
 * Emulated valve: records every state it was driven to (`calls`); `isOpenNow()` for tests. Water
 * passes while the valve is really open (`isPassingWater`, `watchWater`): as driven, unless a fault
 * sticks it (`setFault`), which the driver cannot tell, as with a real solenoid.
 */
export class EmulatedValve implements Valve {
  readonly calls: Array<{ open: boolean; atMs: number }> = [];
  private state: State = 'new';
  private open_ = false;
  private fault: ValveFault = 'none';
  private water = false;
  private failNext: Error | null = null;
  private readonly listeners = new Set<(open: boolean) => void>();
  private readonly waterListeners = new Set<(passing: boolean) => void>();
  private readonly restoredListeners = new Set<() => void>();

  constructor(readonly name: string, private readonly now: () => number = () => performance.now()) {}

  async open(): Promise<void> {
    if (this.state === 'closed') throw new AssertionError(`valve ${this.name}: open() after close()`);
    this.state = 'open';
    this.open_ = false;
    this.updateWater();
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
    this.updateWater();
  }

  async isOpen(): Promise<boolean> {
    expectOpen(this.state, `valve ${this.name}`, 'isOpen()');
    return this.open_;
  }

  async close(): Promise<void> {
    this.open_ = false;
    this.state = 'closed';
    this.listeners.clear();
    this.updateWater();
    this.waterListeners.clear();
    this.restoredListeners.clear();
  }

  onRestored(listener: () => void): () => void {
    this.restoredListeners.add(listener);
    return () => this.restoredListeners.delete(listener);
  }

  /** Plays the hardware behind the valve coming back from an outage (a board replugged): closed, and `onRestored` listeners told. */
  simulateRestore(): void {
    expectOpen(this.state, `valve ${this.name}`, 'simulateRestore()');
    this.open_ = false;
    this.calls.push({ open: false, atMs: this.now() });
    for (const l of this.listeners) l(false);
    this.updateWater();
    for (const l of [...this.restoredListeners]) l();
  }

  /** Sticks the valve open or closed (or lets it follow the solenoid again with 'none'). */
  setFault(fault: ValveFault): void {
    this.fault = fault;
    this.updateWater();
  }

  /** Whether water passes now: the valve is really open. */
  isPassingWater(): boolean {
    return this.water;
  }

  /** Observe whether water passes (an emulated flow sensor and feedback input follow it). */
  watchWater(listener: (passing: boolean) => void): () => void {
    this.waterListeners.add(listener);
    return () => this.waterListeners.delete(listener);
  }

  private updateWater(): void {
    const passing = this.fault === 'stuck-open' ? true : this.fault === 'stuck-closed' ? false : this.open_;
    if (passing === this.water) return;
    this.water = passing;
    for (const l of this.waterListeners) l(passing);
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

/** A flow sensor whose rotor is jammed or whose wire is cut: it counts nothing (for self-tests). */
export type PulseCounterFault = 'none' | 'stuck';

/**
 * Emulated pulse counter: `pulse(n)` counts n pulses now; `setFlow(pulsesPerSecond)` makes water
 * run (pulses accrue with the injected clock, counted when read, no timers). A `stuck` fault
 * counts nothing, told or flowing.
 */
export class EmulatedPulseCounter implements PulseCounter {
  private state: State = 'new';
  private total = 0;
  private last: number | null = null;
  private fault: PulseCounterFault = 'none';
  private flowPerMs = 0;
  private flowSinceMs = 0;
  /** Pulses of the running flow not yet whole. */
  private flowFraction = 0;

  constructor(readonly name: string, private readonly now: () => number = () => performance.now()) {}

  async open(): Promise<void> {
    if (this.state === 'closed') throw new AssertionError(`pulse counter ${this.name}: open() after close()`);
    this.state = 'open';
    this.total = 0;
    this.last = null;
    this.flowSinceMs = this.now();
    this.flowFraction = 0;
  }

  async count(): Promise<number> {
    expectOpen(this.state, `pulse counter ${this.name}`, 'count()');
    this.accrue();
    return this.total;
  }

  async lastPulseAtMs(): Promise<number | null> {
    expectOpen(this.state, `pulse counter ${this.name}`, 'lastPulseAtMs()');
    this.accrue();
    return this.last;
  }

  async close(): Promise<void> {
    this.state = 'closed';
  }

  /** Counts `n` pulses (a flow of n / pulsesPerLitre litres) at the current time. */
  pulse(n = 1): void {
    if (!Number.isInteger(n) || n < 0) throw new AssertionError(`pulse counter ${this.name}: ${n} pulses`);
    if (this.state !== 'open' || n === 0 || this.fault === 'stuck') return;
    this.accrue();
    this.total += n;
    this.last = this.now();
  }

  /** Water runs through the sensor at this many pulses a second from now (0: it stops). */
  setFlow(pulsesPerSecond: number): void {
    if (!(pulsesPerSecond >= 0) || !Number.isFinite(pulsesPerSecond)) throw new AssertionError(`pulse counter ${this.name}: flow ${pulsesPerSecond} pulses/s`);
    this.accrue();
    this.flowPerMs = pulsesPerSecond / 1000;
  }

  setFault(fault: PulseCounterFault): void {
    this.accrue();
    this.fault = fault;
  }

  private accrue(): void {
    const nowMs = this.now();
    const elapsedMs = Math.max(0, nowMs - this.flowSinceMs);
    this.flowSinceMs = nowMs;
    if (this.state !== 'open' || this.flowPerMs === 0 || this.fault === 'stuck') {
      this.flowFraction = 0;
      return;
    }
    const exact = this.flowFraction + elapsedMs * this.flowPerMs;
    const whole = Math.floor(exact);
    this.flowFraction = exact - whole;
    if (whole === 0) return;
    this.total += whole;
    this.last = nowMs - this.flowFraction / this.flowPerMs;
  }
}
