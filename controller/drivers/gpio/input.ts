/**
 * A digital input on one GPIO line, over any `GpioLines` backend, with the debounce the
 * `DigitalInput` contract asks for (the shared `Debouncer`, ../debounce.ts).
 *
 * Debounce: a raw change starts a `debounceMs` timer; any change back before it fires cancels it
 * (a bounce). When the timer fires the new level is the stable level and one edge is reported,
 * with `atMs` = the time of the last raw change on the backend's clock, i.e. when the level became
 * stable (it is reported `debounceMs` later). `read()` resolves to the same debounced level the
 * edges describe.
 */
import { systemClock, type Clock } from '../../../lib/clock.js';
import { AssertionError } from '../../../lib/errors.js';
import { silentLogger, type Logger } from '../../../lib/log.js';
import { Debouncer, checkDebounceMs } from '../debounce.js';
import type { DigitalInput, InputEdge } from '../digital-input.js';
import { InputClaim } from './input-claim.js';
import type { GpioLines } from './lines.js';

export interface GpioInputOptions {
  /** true when the contact is active with the line LOW (a switch to ground with a pull-up). */
  activeLow?: boolean;
  /** How long a new level must hold before it is reported; 0 reports every change. Default 0. */
  debounceMs?: number;
  clock?: Clock;
  logger?: Logger;
}

export class GpioInput<Address> implements DigitalInput {
  private readonly line: InputClaim<Address>;
  private debouncer: Debouncer | null = null;
  private readonly listeners = new Set<(edge: InputEdge) => void>();
  private readonly clock: Clock;
  private readonly debounceMs: number;

  constructor(
    readonly name: string,
    lines: GpioLines<Address>,
    address: Address,
    private readonly options: GpioInputOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.debounceMs = checkDebounceMs(options.debounceMs ?? 0, `input ${name}: debounceMs`);
    this.line = new InputClaim(`input ${name}`, lines, address, options.activeLow ?? false, this.clock);
  }

  async open(): Promise<void> {
    await this.line.open(
      (level) => {
        this.debouncer = new Debouncer(level, this.debounceMs, this.clock, (stable, atMs) => this.emit({ level: stable, atMs }));
      },
      (level, atMs) => this.debouncer?.feed(level, atMs),
    );
  }

  async read(): Promise<boolean> {
    if (this.line.state !== 'open' || !this.debouncer) throw new AssertionError(`input ${this.name}: read() while ${this.line.state}`);
    return this.debouncer.stable;
  }

  subscribe(listener: (edge: InputEdge) => void): () => void {
    if (this.line.state === 'closed') throw new AssertionError(`input ${this.name}: subscribe() after close()`);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.line.close();
    this.debouncer?.cancel();
    this.listeners.clear();
  }

  private emit(edge: InputEdge): void {
    if (this.line.state !== 'open') return;
    for (const listener of this.listeners) {
      try {
        listener(edge);
      } catch (err) {
        (this.options.logger ?? silentLogger).log('error', 'gpio.listener_threw', { input: this.name, error: (err as Error).message });
      }
    }
  }
}
