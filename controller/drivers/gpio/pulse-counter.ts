/**
 * A pulse counter (a flow sensor, an energy meter's S0 output) on one GPIO line, over any
 * `GpioLines` backend.
 *
 * Glitch filter: a level counts only once it has held for `glitchFilterUs`; a pulse is counted
 * when the active level has held that long, and the line must then hold inactive that long
 * before the next pulse can count. So a spike shorter than the filter is not a pulse, and a dropout
 * shorter than the filter inside one long pulse does not split it in two. The filter needs no
 * timers: each raw change (and each query) settles the previous candidate level by its duration.
 * `lastPulseAtMs` is when the counted pulse's active level began, on the injected clock.
 *
 * The backend limits the countable rate: node-libgpiod samples the line every `pollIntervalMs`
 * (at most 1 / (2 * pollIntervalMs) pulses per second); sysfs through onoff takes interrupts.
 */
import { AssertionError } from '../../../lib/errors.js';
import type { PulseCounter } from '../pulse-counter.js';
import { gpioErrorFrom, systemClock, type GpioClock, type GpioLines, type InputLine } from './lines.js';

export const MAX_GLITCH_FILTER_US = 1_000_000;

export interface GpioPulseCounterOptions {
  /** true when a pulse pulls the line LOW (open-collector sensors with a pull-up). Default false. */
  activeLow?: boolean;
  /** Minimum duration of each level, in microseconds. Default 0 (every change counts). */
  glitchFilterUs?: number;
  clock?: GpioClock;
}

export class GpioPulseCounter<Address> implements PulseCounter {
  private line: InputLine | null = null;
  private state: 'new' | 'opening' | 'open' | 'closed' = 'new';
  private stopWatching: (() => void) | null = null;
  private pulses = 0;
  private lastPulseMs: number | null = null;
  /** Filtered logical level (true = in a pulse). */
  private stable = false;
  /** Latest raw logical level and when it began. */
  private candidate = false;
  private candidateSinceMs = 0;
  private readonly filterMs: number;
  private readonly clock: GpioClock;

  constructor(
    readonly name: string,
    private readonly lines: GpioLines<Address>,
    private readonly address: Address,
    private readonly options: GpioPulseCounterOptions = {},
  ) {
    const us = options.glitchFilterUs ?? 0;
    if (!Number.isFinite(us) || us < 0 || us > MAX_GLITCH_FILTER_US) {
      throw new AssertionError(`pulse counter ${name}: glitchFilterUs must be 0..${MAX_GLITCH_FILTER_US}, got ${us}`);
    }
    this.filterMs = us / 1000;
    this.clock = options.clock ?? systemClock;
  }

  async open(): Promise<void> {
    if (this.state !== 'new') throw new AssertionError(`pulse counter ${this.name}: open() while ${this.state}`);
    this.state = 'opening';
    let line: InputLine;
    try {
      line = await this.lines.requestInput(this.address);
    } catch (err) {
      this.state = 'new';
      throw gpioErrorFrom(err, `pulse counter ${this.name}: cannot claim its ${this.lines.kind} line`);
    }
    if (this.state !== 'opening') {
      line.release();
      return;
    }
    try {
      // A line found active at open is not a pulse: counting starts with the next one.
      this.stable = this.candidate = this.logical(line.read());
      this.candidateSinceMs = this.clock.nowMs();
      this.stopWatching = line.watch((high, atMs) => this.onRaw(this.logical(high), atMs));
    } catch (err) {
      line.release();
      this.state = 'new';
      throw gpioErrorFrom(err, `pulse counter ${this.name}: cannot read ${line.description}`);
    }
    this.line = line;
    this.pulses = 0;
    this.lastPulseMs = null;
    this.state = 'open';
    this.sampleOnce(line);
  }

  async count(): Promise<number> {
    this.assertOpen('count');
    this.settle(this.clock.nowMs());
    return this.pulses;
  }

  async lastPulseAtMs(): Promise<number | null> {
    this.assertOpen('lastPulseAtMs');
    this.settle(this.clock.nowMs());
    return this.lastPulseMs;
  }

  async close(): Promise<void> {
    this.state = 'closed';
    this.stopWatching?.();
    this.stopWatching = null;
    const line = this.line;
    this.line = null;
    line?.release();
  }

  private onRaw(level: boolean, atMs: number): void {
    if (this.state !== 'open' || level === this.candidate) return;
    this.settle(atMs);
    this.candidate = level;
    this.candidateSinceMs = atMs;
    this.settle(atMs); // with no filter the change counts at once
  }

  /** Makes the candidate level the filtered level if it has held for the filter time by `nowMs`. */
  private settle(nowMs: number): void {
    if (this.candidate === this.stable || nowMs - this.candidateSinceMs < this.filterMs) return;
    this.stable = this.candidate;
    if (this.stable) {
      this.pulses += 1;
      this.lastPulseMs = this.candidateSinceMs;
    }
  }

  private assertOpen(what: string): void {
    if (this.state !== 'open') throw new AssertionError(`pulse counter ${this.name}: ${what}() while ${this.state}`);
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
