/**
 * A digital input on one GPIO line, over any `GpioLines` backend, with the debounce the
 * `DigitalInput` contract asks for.
 *
 * Debounce: a raw change starts a `debounceMs` timer; any change back before it fires cancels it
 * (a bounce). When the timer fires the new level is the stable level and one edge is reported,
 * with `atMs` = the time of the last raw change, i.e. when the level became stable (it is reported
 * `debounceMs` later). `read()` resolves to the same debounced level the edges describe.
 */
import { AssertionError } from '../../../lib/errors.js';
import { silentLogger, type Logger } from '../../../lib/log.js';
import type { DigitalInput, InputEdge } from '../digital-input.js';
import { gpioErrorFrom, systemClock, type GpioClock, type GpioLines, type InputLine } from './lines.js';

export const MAX_DEBOUNCE_MS = 10_000;

export interface GpioInputOptions {
  /** true when the contact is active with the line LOW (a switch to ground with a pull-up). */
  activeLow?: boolean;
  /** How long a new level must hold before it is reported; 0 reports every change. Default 0. */
  debounceMs?: number;
  clock?: GpioClock;
  logger?: Logger;
}

export class GpioInput<Address> implements DigitalInput {
  private line: InputLine | null = null;
  private state: 'new' | 'opening' | 'open' | 'closed' = 'new';
  private stopWatching: (() => void) | null = null;
  private readonly listeners = new Set<(edge: InputEdge) => void>();
  /** Debounced logical level. */
  private stable = false;
  /** Last raw logical level seen. */
  private raw = false;
  private pending: unknown = null;
  private readonly clock: GpioClock;
  private readonly debounceMs: number;

  constructor(
    readonly name: string,
    private readonly lines: GpioLines<Address>,
    private readonly address: Address,
    private readonly options: GpioInputOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.debounceMs = options.debounceMs ?? 0;
    if (!Number.isFinite(this.debounceMs) || this.debounceMs < 0 || this.debounceMs > MAX_DEBOUNCE_MS) {
      throw new AssertionError(`input ${name}: debounceMs must be 0..${MAX_DEBOUNCE_MS}, got ${this.debounceMs}`);
    }
  }

  async open(): Promise<void> {
    if (this.state !== 'new') throw new AssertionError(`input ${this.name}: open() while ${this.state}`);
    this.state = 'opening';
    let line: InputLine;
    try {
      line = await this.lines.requestInput(this.address);
    } catch (err) {
      this.state = 'new';
      throw gpioErrorFrom(err, `input ${this.name}: cannot claim its ${this.lines.kind} line`);
    }
    if (this.state !== 'opening') {
      line.release();
      return;
    }
    try {
      this.stable = this.raw = this.logical(line.read());
      this.stopWatching = line.watch((high, atMs) => this.onRaw(this.logical(high), atMs));
    } catch (err) {
      line.release();
      this.state = 'new';
      throw gpioErrorFrom(err, `input ${this.name}: cannot read ${line.description}`);
    }
    this.line = line;
    this.state = 'open';
    this.sampleOnce(line);
  }

  async read(): Promise<boolean> {
    if (this.state !== 'open') throw new AssertionError(`input ${this.name}: read() while ${this.state}`);
    return this.stable;
  }

  subscribe(listener: (edge: InputEdge) => void): () => void {
    if (this.state === 'closed') throw new AssertionError(`input ${this.name}: subscribe() after close()`);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.state = 'closed';
    this.stopWatching?.();
    this.stopWatching = null;
    this.cancelPending();
    this.listeners.clear();
    const line = this.line;
    this.line = null;
    line?.release();
  }

  private onRaw(level: boolean, atMs: number): void {
    if (this.state !== 'open' || level === this.raw) return;
    this.raw = level;
    this.cancelPending();
    if (level === this.stable) return; // a bounce that came back before debounceMs
    const waitMs = this.debounceMs - (this.clock.nowMs() - atMs);
    if (waitMs <= 0) {
      this.commit(level, atMs);
      return;
    }
    this.pending = this.clock.setTimeout(() => {
      this.pending = null;
      this.commit(level, atMs);
    }, waitMs);
  }

  private commit(level: boolean, atMs: number): void {
    if (this.state !== 'open') return;
    this.stable = level;
    const edge: InputEdge = { level, atMs };
    for (const listener of this.listeners) {
      try {
        listener(edge);
      } catch (err) {
        (this.options.logger ?? silentLogger).log('error', 'gpio.listener_threw', { input: this.name, error: (err as Error).message });
      }
    }
  }

  private cancelPending(): void {
    if (this.pending !== null) this.clock.clearTimeout(this.pending);
    this.pending = null;
  }

  /** Catches a change between the first read and the start of the watch (same levels are ignored). */
  private sampleOnce(line: InputLine): void {
    try {
      this.onRaw(this.logical(line.read()), this.clock.nowMs());
    } catch {
      // the watch reports the next change anyway
    }
  }

  private logical(high: boolean): boolean {
    return high !== (this.options.activeLow ?? false);
  }
}
