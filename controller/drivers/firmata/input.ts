/**
 * A `DigitalInput` on a pin of a Firmata board (johnny-five): a door contact, an exit button, a fire
 * loop, a tamper switch. Levels arrive as the board's port reports; debounce per the contract
 * (see debounce.ts). When the board disconnects, `read()` rejects with the board's FirmataError and
 * no edge is reported any more; the failure is logged once by the board.
 */
import { AssertionError } from '../../../lib/errors.js';
import type { DigitalInput, InputEdge } from '../digital-input.js';
import type { FirmataBoards } from './boards.js';
import { Debouncer, checkDebounceMs } from './debounce.js';
import { FirmataInputLine, type FirmataPinAddress } from './input-line.js';
import type { Logger } from '../../../lib/log.js';
import { silentLogger } from '../../../lib/log.js';
import { systemClock, type FirmataClock } from './five.js';

export interface FirmataInputOptions {
  /** true when the contact is active with the pin LOW (a switch to ground with the pull-up). */
  activeLow?: boolean;
  /** PULLUP mode: the board's internal pull-up holds an open contact HIGH. */
  pullUp?: boolean;
  /** How long a new level must hold before it is reported. Default 0 (every reported change). */
  debounceMs?: number;
  clock?: FirmataClock;
  logger?: Logger;
}

export class FirmataInput implements DigitalInput {
  private state: 'new' | 'opening' | 'open' | 'closed' = 'new';
  private readonly line: FirmataInputLine;
  private debouncer: Debouncer | null = null;
  private readonly listeners = new Set<(edge: InputEdge) => void>();
  private readonly debounceMs: number;
  private readonly clock: FirmataClock;
  private readonly logger: Logger;

  constructor(
    readonly name: string,
    boards: FirmataBoards,
    address: FirmataPinAddress,
    private readonly options: FirmataInputOptions = {},
  ) {
    this.debounceMs = checkDebounceMs(options.debounceMs ?? 0, `input ${name}: debounceMs`);
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.line = new FirmataInputLine(`input ${name}`, boards, address, options.pullUp ?? false);
  }

  async open(): Promise<void> {
    if (this.state !== 'new') throw new AssertionError(`input ${this.name}: open() while ${this.state}`);
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
      throw new AssertionError(`input ${this.name}: closed while opening`);
    }
    this.debouncer = new Debouncer(this.logical(high), this.debounceMs, this.clock, (level, atMs) => this.emit({ level, atMs }));
    this.state = 'open';
  }

  async read(): Promise<boolean> {
    if (this.state !== 'open' || !this.debouncer) throw new AssertionError(`input ${this.name}: read() while ${this.state}`);
    this.line.check();
    return this.debouncer.stable;
  }

  subscribe(listener: (edge: InputEdge) => void): () => void {
    if (this.state === 'closed') throw new AssertionError(`input ${this.name}: subscribe() after close()`);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.debouncer?.cancel();
    this.debouncer = null;
    this.listeners.clear();
    await this.line.close();
  }

  private logical(high: boolean): boolean {
    return high !== (this.options.activeLow ?? false);
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
