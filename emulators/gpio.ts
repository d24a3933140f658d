/**
 * Emulated GPIO chip: named lines in memory behind the same `GpioLines` backend interface as the
 * node-libgpiod and sysfs backends, so `GpioRelay`, `GpioInput`, `GpioPulseCounter` and `GpioValve`
 * run unchanged on it. It enforces what the kernel enforces (one consumer per line, no writes to an
 * input, nothing after release) and records every level written to an output with its time.
 *
 * A test drives inputs with `set(line, high)` and `pulse(line, n)`, and reads outputs with
 * `level(line)` and `writes(line)`. Levels are physical (true = high).
 */
import { systemClock, type Clock } from '../lib/clock.js';
import { AssertionError } from '../lib/errors.js';
import { GpioError, type GpioLines, type InputLine, type OutputLine } from '../controller/drivers/gpio/lines.js';

export interface EmulatedWrite {
  high: boolean;
  /** The chip clock's time when the level was driven (the claim counts as a write). */
  atMs: number;
}

export interface EmulatedGpioChipOptions {
  /** The only line names that exist; by default any name exists (created low on first use). */
  lines?: readonly string[];
  clock?: Clock;
  /** Writes kept per line; the oldest are dropped beyond it. Default 100,000. */
  maxRecordedWrites?: number;
}

export interface PulseOptions {
  /** Time at the opposite level, per pulse. Default 2 ms. */
  widthMs?: number;
  /** Time back at the idle level between pulses. Default 2 ms. */
  gapMs?: number;
}

export const MAX_PULSES_PER_CALL = 1_000_000;

interface LineState {
  high: boolean;
  mode: 'free' | 'input' | 'output';
  writes: EmulatedWrite[];
  watchers: Set<(high: boolean, atMs: number) => void>;
  /** Bumped on each claim and release, so a handle from an earlier claim is recognised as stale. */
  generation: number;
}

export class EmulatedGpioChip implements GpioLines<string> {
  readonly kind = 'emulated';
  private readonly lineStates = new Map<string, LineState>();
  private readonly clock: Clock;
  private readonly maxWrites: number;
  private readonly fixedLines: boolean;

  constructor(readonly name = 'emulated-gpiochip', options: EmulatedGpioChipOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.maxWrites = options.maxRecordedWrites ?? 100_000;
    this.fixedLines = options.lines !== undefined;
    for (const line of options.lines ?? []) this.lineStates.set(line, newLine());
  }

  async requestOutput(line: string, initialHigh: boolean): Promise<OutputLine> {
    const state = this.claim(line, 'output');
    const generation = state.generation;
    const description = `${this.name} line ${line}`;
    const live = (what: string) => {
      if (state.generation !== generation) throw new AssertionError(`${description}: ${what} after release`);
    };
    this.drive(state, initialHigh);
    return {
      description,
      write: (high) => {
        live('write');
        this.drive(state, high);
      },
      read: () => {
        live('read');
        return state.high;
      },
      release: () => this.release(state, generation),
    };
  }

  async requestInput(line: string): Promise<InputLine> {
    const state = this.claim(line, 'input');
    const generation = state.generation;
    const description = `${this.name} line ${line}`;
    const mine = new Set<(high: boolean, atMs: number) => void>();
    const live = (what: string) => {
      if (state.generation !== generation) throw new AssertionError(`${description}: ${what} after release`);
    };
    return {
      description,
      read: () => {
        live('read');
        return state.high;
      },
      watch: (listener) => {
        live('watch');
        const wrapped = (high: boolean, atMs: number) => listener(high, atMs);
        mine.add(wrapped);
        state.watchers.add(wrapped);
        return () => {
          mine.delete(wrapped);
          state.watchers.delete(wrapped);
        };
      },
      release: () => {
        for (const w of mine) state.watchers.delete(w);
        this.release(state, generation);
      },
    };
  }

  /** Drives an input line (or a free line) from outside, as a contact or sensor would. */
  set(line: string, high: boolean): void {
    const state = this.lookup(line);
    if (state.mode === 'output') throw new AssertionError(`${this.name} line ${line} is an output; set() drives inputs only`);
    if (state.high === high) return;
    state.high = high;
    const atMs = this.clock.nowMs();
    for (const watcher of [...state.watchers]) watcher(high, atMs);
  }

  /**
   * Produces `n` pulses on an input line: each leaves the idle level (the current one) for
   * `widthMs`, then returns to it for `gapMs`, on the chip's clock (tick fake timers to advance).
   * Timers have a 1 ms resolution, so shorter widths last 1 ms. Resolves after the last edge.
   */
  pulse(line: string, n: number, options: PulseOptions = {}): Promise<void> {
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_PULSES_PER_CALL) throw new AssertionError(`pulse(): n must be 0..${MAX_PULSES_PER_CALL}, got ${n}`);
    const widthMs = options.widthMs ?? 2;
    const gapMs = options.gapMs ?? 2;
    if (!(widthMs > 0) || !(gapMs > 0)) throw new AssertionError('pulse(): widthMs and gapMs must be above 0');
    const idle = this.lookup(line).high;
    return new Promise((resolve, reject) => {
      let remaining = n;
      const step = (active: boolean) => {
        try {
          if (active) {
            if (remaining === 0) return resolve();
            remaining -= 1;
            this.set(line, !idle);
            this.clock.setTimeout(() => step(false), widthMs);
          } else {
            this.set(line, idle);
            if (remaining === 0) return resolve();
            this.clock.setTimeout(() => step(true), gapMs);
          }
        } catch (err) {
          reject(err as Error);
        }
      };
      step(true);
    });
  }

  /** The physical level of a line now. */
  level(line: string): boolean {
    return this.lookup(line).high;
  }

  /** Every level written to a line as an output, oldest first. */
  writes(line: string): readonly EmulatedWrite[] {
    return this.lookup(line).writes;
  }

  /** How the line is claimed now. */
  mode(line: string): 'free' | 'input' | 'output' {
    return this.lookup(line).mode;
  }

  lineNames(): string[] {
    return [...this.lineStates.keys()];
  }

  private claim(line: string, mode: 'input' | 'output'): LineState {
    const state = this.lookup(line);
    if (state.mode !== 'free') throw new GpioError('line_busy', `${this.name} line ${line} is already claimed as an ${state.mode} by "onecard"`);
    state.mode = mode;
    state.generation += 1;
    return state;
  }

  private release(state: LineState, generation: number): void {
    if (state.generation !== generation) return; // released twice: harmless, like the kernel
    state.mode = 'free';
    state.generation += 1;
  }

  private drive(state: LineState, high: boolean): void {
    state.high = high;
    if (state.writes.length >= this.maxWrites) state.writes.shift();
    state.writes.push({ high, atMs: this.clock.nowMs() });
  }

  private lookup(line: string): LineState {
    let state = this.lineStates.get(line);
    if (!state) {
      if (this.fixedLines) {
        throw new GpioError('line_not_found', `${this.name} has no line named ${JSON.stringify(line)} (lines: ${[...this.lineStates.keys()].join(', ') || 'none'})`);
      }
      state = newLine();
      this.lineStates.set(line, state);
    }
    return state;
  }
}

function newLine(): LineState {
  return { high: false, mode: 'free', writes: [], watchers: new Set(), generation: 0 };
}
