/**
 * A `DigitalInput` on a pin of a Firmata board (johnny-five): a door contact, an exit button, a fire
 * loop, a tamper switch. Levels arrive as the board's port reports; debounce per the contract
 * (../debounce.ts, through input-line.ts). While the board is away (unplugged, reset), `read()`
 * rejects with the board's FirmataError and no edge is reported; the failure is logged once by the
 * board. When the board comes back by itself the pin reports again: `read()` works, and a level
 * that changed while it was away arrives as an edge (after the debounce window).
 */
import { systemClock, type Clock } from '../../../lib/clock.js';
import { AssertionError } from '../../../lib/errors.js';
import { silentLogger, type Logger } from '../../../lib/log.js';
import { checkDebounceMs } from '../debounce.js';
import type { DigitalInput, InputEdge } from '../digital-input.js';
import type { FirmataBoards } from './boards.js';
import { FirmataInputLine, type FirmataPinAddress } from './input-line.js';

export interface FirmataInputOptions {
  /** true when the contact is active with the pin LOW (a switch to ground with the pull-up). */
  activeLow?: boolean;
  /** PULLUP mode: the board's internal pull-up holds an open contact HIGH. */
  pullUp?: boolean;
  /** How long a new level must hold before it is reported. Default 0 (every reported change). */
  debounceMs?: number;
  clock?: Clock;
  logger?: Logger;
}

export class FirmataInput implements DigitalInput {
  private readonly line: FirmataInputLine;
  private readonly listeners = new Set<(edge: InputEdge) => void>();
  private readonly logger: Logger;

  constructor(
    readonly name: string,
    boards: FirmataBoards,
    address: FirmataPinAddress,
    options: FirmataInputOptions = {},
  ) {
    const debounceMs = checkDebounceMs(options.debounceMs ?? 0, `input ${name}: debounceMs`);
    this.logger = options.logger ?? silentLogger;
    this.line = new FirmataInputLine(
      `input ${name}`,
      boards,
      address,
      { pullUp: options.pullUp ?? false, activeLow: options.activeLow ?? false, debounceMs, clock: options.clock ?? systemClock },
      (level, atMs) => this.emit({ level, atMs }),
    );
  }

  async open(): Promise<void> {
    await this.line.open();
  }

  async read(): Promise<boolean> {
    return this.line.stable('read');
  }

  subscribe(listener: (edge: InputEdge) => void): () => void {
    if (this.line.state === 'closed') throw new AssertionError(`input ${this.name}: subscribe() after close()`);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.line.close();
  }

  private emit(edge: InputEdge): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(edge);
      } catch (err) {
        this.logger.log('error', 'firmata.input_listener_threw', { input: this.name, message: (err as Error).message });
      }
    }
  }
}
