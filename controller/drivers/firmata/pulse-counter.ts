/**
 * A `PulseCounter` on a pin of a Firmata board (johnny-five): a flow sensor or an S0 meter output.
 * Counts rising edges of the logical level (activeLow inverts: an open-collector S0 output pulls
 * the pin LOW for a pulse). The glitch filter is a debounce of the level (the shared Debouncer,
 * through input-line.ts): a pulse (or a gap) shorter than `glitchFilterMs` is not seen.
 * StandardFirmata samples inputs once per loop pass (about a millisecond), and reports travel a
 * serial link; fine for flow sensors up to a few hundred Hz.
 *
 * While the board is away (unplugged, reset) every call rejects with its FirmataError. When it
 * comes back by itself the count goes on from where it was (it is kept here, not on the board):
 * pulses during the outage are unknown and not counted, so a flow meter under-reads by whatever
 * ran while the board was away. A rising level seen at reconnection (low before, high after) counts
 * as one pulse.
 */
import { systemClock, type Clock } from '../../../lib/clock.js';
import { checkDebounceMs } from '../debounce.js';
import type { PulseCounter } from '../pulse-counter.js';
import type { FirmataBoards } from './boards.js';
import { FirmataInputLine, type FirmataPinAddress } from './input-line.js';

export interface FirmataPulseCounterOptions {
  activeLow?: boolean;
  pullUp?: boolean;
  /** Pulses or gaps shorter than this are not counted. Default 0 (every reported change). */
  glitchFilterMs?: number;
  clock?: Clock;
}

export class FirmataPulseCounter implements PulseCounter {
  private readonly line: FirmataInputLine;
  private pulses = 0;
  private lastAtMs: number | null = null;

  constructor(
    readonly name: string,
    boards: FirmataBoards,
    address: FirmataPinAddress,
    options: FirmataPulseCounterOptions = {},
  ) {
    const debounceMs = checkDebounceMs(options.glitchFilterMs ?? 0, `pulse counter ${name}: glitchFilterMs`);
    this.line = new FirmataInputLine(
      `pulse counter ${name}`,
      boards,
      address,
      { pullUp: options.pullUp ?? false, activeLow: options.activeLow ?? false, debounceMs, clock: options.clock ?? systemClock },
      (level, atMs) => {
        if (!level) return;
        this.pulses += 1;
        this.lastAtMs = atMs;
      },
    );
  }

  async open(): Promise<void> {
    await this.line.open();
  }

  async count(): Promise<number> {
    this.line.check('count');
    return this.pulses;
  }

  async lastPulseAtMs(): Promise<number | null> {
    this.line.check('lastPulseAtMs');
    return this.lastAtMs;
  }

  async close(): Promise<void> {
    await this.line.close();
  }
}
