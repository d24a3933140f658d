/**
 * A `PulseCounter` on a pin of a Firmata board (johnny-five): a flow sensor or an S0 meter output.
 * Counts rising edges of the logical level (activeLow inverts: an open-collector S0 output pulls
 * the pin LOW for a pulse). The glitch filter is a debounce of the level: a pulse (or a gap) shorter
 * than `glitchFilterMs` is not seen. StandardFirmata samples inputs once per loop pass (about a
 * millisecond), and reports travel a serial link; fine for flow sensors up to a few hundred Hz.
 * When the board disconnects, every call rejects with its FirmataError.
 */
import { AssertionError } from '../../../lib/errors.js';
import type { PulseCounter } from '../pulse-counter.js';
import type { FirmataBoards } from './boards.js';
import { Debouncer, checkDebounceMs } from './debounce.js';
import { systemClock, type FirmataClock } from './five.js';
import { FirmataInputLine, type FirmataPinAddress } from './input-line.js';

export interface FirmataPulseCounterOptions {
  activeLow?: boolean;
  pullUp?: boolean;
  /** Pulses or gaps shorter than this are not counted. Default 0 (every reported change). */
  glitchFilterMs?: number;
  clock?: FirmataClock;
}

export class FirmataPulseCounter implements PulseCounter {
  private state: 'new' | 'opening' | 'open' | 'closed' = 'new';
  private readonly line: FirmataInputLine;
  private debouncer: Debouncer | null = null;
  private pulses = 0;
  private lastAtMs: number | null = null;
  private readonly glitchFilterMs: number;
  private readonly clock: FirmataClock;

  constructor(
    readonly name: string,
    boards: FirmataBoards,
    address: FirmataPinAddress,
    private readonly options: FirmataPulseCounterOptions = {},
  ) {
    this.glitchFilterMs = checkDebounceMs(options.glitchFilterMs ?? 0, `pulse counter ${name}: glitchFilterMs`);
    this.clock = options.clock ?? systemClock;
    this.line = new FirmataInputLine(`pulse counter ${name}`, boards, address, options.pullUp ?? false);
  }

  async open(): Promise<void> {
    if (this.state !== 'new') throw new AssertionError(`pulse counter ${this.name}: open() while ${this.state}`);
    this.state = 'opening';
    let high: boolean;
    try {
      high = await this.line.open((level) => this.debouncer?.feed(this.logical(level)));
    } catch (err) {
      if (this.state === 'opening') this.state = 'new';
      throw err;
    }
    if (this.state !== 'opening') {
      await this.line.close();
      throw new AssertionError(`pulse counter ${this.name}: closed while opening`);
    }
    this.debouncer = new Debouncer(this.logical(high), this.glitchFilterMs, this.clock, (level, atMs) => {
      if (!level) return;
      this.pulses += 1;
      this.lastAtMs = atMs;
    });
    this.state = 'open';
  }

  async count(): Promise<number> {
    this.check('count');
    return this.pulses;
  }

  async lastPulseAtMs(): Promise<number | null> {
    this.check('lastPulseAtMs');
    return this.lastAtMs;
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.debouncer?.cancel();
    this.debouncer = null;
    await this.line.close();
  }

  private check(call: string): void {
    if (this.state !== 'open') throw new AssertionError(`pulse counter ${this.name}: ${call}() while ${this.state}`);
    this.line.check();
  }

  private logical(high: boolean): boolean {
    return high !== (this.options.activeLow ?? false);
  }
}
