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
import { systemClock, type Clock } from '../../../lib/clock.js';
import { AssertionError } from '../../../lib/errors.js';
import type { PulseCounter } from '../pulse-counter.js';
import { InputClaim } from './input-claim.js';
import type { GpioLines } from './lines.js';

export const MAX_GLITCH_FILTER_US = 1_000_000;

export interface GpioPulseCounterOptions {
  /** true when a pulse pulls the line LOW (open-collector sensors with a pull-up). Default false. */
  activeLow?: boolean;
  /** Minimum duration of each level, in microseconds. Default 0 (every change counts). */
  glitchFilterUs?: number;
  clock?: Clock;
}

export class GpioPulseCounter<Address> implements PulseCounter {
  private readonly line: InputClaim<Address>;
  private pulses = 0;
  private lastPulseMs: number | null = null;
  /** Filtered logical level (true = in a pulse). */
  private stable = false;
  /** Latest raw logical level and when it began. */
  private candidate = false;
  private candidateSinceMs = 0;
  private readonly filterMs: number;
  private readonly clock: Clock;

  constructor(
    readonly name: string,
    lines: GpioLines<Address>,
    address: Address,
    options: GpioPulseCounterOptions = {},
  ) {
    const us = options.glitchFilterUs ?? 0;
    if (!Number.isFinite(us) || us < 0 || us > MAX_GLITCH_FILTER_US) {
      throw new AssertionError(`pulse counter ${name}: glitchFilterUs must be 0..${MAX_GLITCH_FILTER_US}, got ${us}`);
    }
    this.filterMs = us / 1000;
    this.clock = options.clock ?? systemClock;
    this.line = new InputClaim(`pulse counter ${name}`, lines, address, options.activeLow ?? false, this.clock);
  }

  async open(): Promise<void> {
    await this.line.open(
      (level) => {
        // A line found active at open is not a pulse: counting starts with the next one.
        this.stable = this.candidate = level;
        this.candidateSinceMs = this.clock.nowMs();
        this.pulses = 0;
        this.lastPulseMs = null;
      },
      (level, atMs) => this.onRaw(level, atMs),
    );
  }

  async count(): Promise<number> {
    this.line.assertOpen('count');
    this.settle(this.clock.nowMs());
    return this.pulses;
  }

  async lastPulseAtMs(): Promise<number | null> {
    this.line.assertOpen('lastPulseAtMs');
    this.settle(this.clock.nowMs());
    return this.lastPulseMs;
  }

  async close(): Promise<void> {
    this.line.close();
  }

  private onRaw(level: boolean, atMs: number): void {
    if (level === this.candidate) return;
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
}
