/**
 * One input pin of a shared Firmata board, debounced: what FirmataInput and FirmataPulseCounter
 * share. It claims the pin, sets INPUT (or PULLUP) mode, turns on its port's reporting and waits
 * for the board's first report of it (StandardFirmata reports a port at once when reporting is
 * switched on); from then on every reported level, made logical (`activeLow` applied), goes
 * through the shared `Debouncer` (../debounce.ts), which calls `onStable` once per stable change.
 *
 * Times are when the host received a level, not when the board sampled it: a serial link delivers
 * reports late and sometimes bunched, so a debounce or glitch window should be well above ~5 ms.
 *
 * While the board is away (board.ts reconnects by itself) every call throws the board's failure and
 * a change still inside its debounce window is dropped. Once the board is back it reports the pin
 * again and its current level goes through the debouncer like any report: a contact that changed
 * while the board was away gives its edge then.
 *
 * `owner` prefixes every message (`input door-a/contact`, `pulse counter shower-1/flow`). Calls
 * out of order are programming errors (AssertionError); board failures are FirmataErrors.
 */
import type { Clock } from '../../../lib/clock.js';
import { AssertionError } from '../../../lib/errors.js';
import { Debouncer } from '../debounce.js';
import type { FirmataBoard } from './board.js';
import type { FirmataBoards } from './boards.js';
import { FirmataError, MODE } from './five.js';

export interface FirmataPinAddress {
  /** Serial port of the board, e.g. /dev/ttyACM0. */
  port: string;
  pin: number;
}

export interface FirmataInputLineOptions {
  /** PULLUP mode: the board's internal pull-up holds an open contact HIGH. */
  pullUp: boolean;
  /** true when the pin is active LOW. */
  activeLow: boolean;
  /** How long a new level must hold before it is stable (checked by the caller). */
  debounceMs: number;
  clock: Clock;
}

export type FirmataInputLineState = 'new' | 'opening' | 'open' | 'closed';

export class FirmataInputLine {
  private currentState: FirmataInputLineState = 'new';
  private board: FirmataBoard | null = null;
  private stopReport: (() => void) | null = null;
  private stopFailure: (() => void) | null = null;
  private onLevel: ((high: boolean) => void) | null = null;
  private claimed = false;
  private debouncer: Debouncer | null = null;

  constructor(
    private readonly owner: string,
    private readonly boards: FirmataBoards,
    private readonly address: FirmataPinAddress,
    private readonly options: FirmataInputLineOptions,
    private readonly onStable: (level: boolean, atMs: number) => void,
  ) {}

  get state(): FirmataInputLineState {
    return this.currentState;
  }

  /** Opens the pin; its first reported level is the stable level (not a change). */
  async open(): Promise<void> {
    if (this.currentState !== 'new') throw new AssertionError(`${this.owner}: open() while ${this.currentState}`);
    this.currentState = 'opening';
    let high: boolean;
    try {
      high = await this.openPin((level) => this.debouncer?.feed(this.logical(level)));
    } catch (err) {
      if (this.currentState === 'opening') this.currentState = 'new';
      throw err;
    }
    if (this.currentState !== 'opening') {
      await this.closePin();
      throw new AssertionError(`${this.owner}: closed while opening`);
    }
    const debouncer = new Debouncer(this.logical(high), this.options.debounceMs, this.options.clock, this.onStable);
    this.debouncer = debouncer;
    // Feeding the stable level back drops a pending change: the level reported after reconnection decides.
    this.stopFailure = this.board?.onFailure(() => debouncer.feed(debouncer.stable)) ?? null;
    this.currentState = 'open';
  }

  /** Throws an AssertionError naming `call` unless open, then the board's failure, if any. */
  check(call: string): void {
    this.debouncerFor(call);
  }

  /** The debounced logical level; throws as `check` does. */
  stable(call: string): boolean {
    return this.debouncerFor(call).stable;
  }

  /** Drops a pending change, stops reporting (the port's, once no other input of it listens), frees the pin, releases the board. */
  async close(): Promise<void> {
    if (this.currentState === 'closed') return;
    this.currentState = 'closed';
    this.debouncer?.cancel();
    this.debouncer = null;
    await this.closePin();
  }

  /** Resolves to the pin's first reported level (true = HIGH); later reports go to `onLevel`. */
  private async openPin(onLevel: (high: boolean) => void): Promise<boolean> {
    const board = this.boards.acquire(this.address.port);
    this.board = board;
    const { pin } = this.address;
    try {
      await board.ready();
      const mode = this.options.pullUp ? MODE.PULLUP : MODE.INPUT;
      board.claim(pin, this.owner, mode);
      this.claimed = true;
      board.check().pinMode(pin, mode);
      return await new Promise<boolean>((resolve, reject) => {
        const timer = board.clock.setTimeout(() => {
          stopFailure();
          reject(new FirmataError('read_timeout', `${this.owner}: ${board.path} did not report pin ${pin} within ${board.readTimeoutMs} ms`));
        }, board.readTimeoutMs);
        const stopFailure = board.onFailure((err) => {
          board.clock.clearTimeout(timer);
          reject(err);
        });
        this.stopReport = board.report(pin, (high) => {
          if (this.onLevel) return this.onLevel(high);
          board.clock.clearTimeout(timer);
          stopFailure();
          this.onLevel = onLevel;
          resolve(high);
        });
      });
    } catch (err) {
      await this.closePin();
      throw err;
    }
  }

  private async closePin(): Promise<void> {
    const board = this.board;
    if (!board) return;
    this.board = null;
    this.onLevel = null;
    this.stopFailure?.();
    this.stopFailure = null;
    this.stopReport?.();
    this.stopReport = null;
    if (this.claimed) board.unclaim(this.address.pin);
    this.claimed = false;
    await this.boards.release(board);
  }

  private debouncerFor(call: string): Debouncer {
    if (this.currentState !== 'open' || !this.debouncer || !this.board) throw new AssertionError(`${this.owner}: ${call}() while ${this.currentState}`);
    this.board.check();
    return this.debouncer;
  }

  private logical(high: boolean): boolean {
    return high !== this.options.activeLow;
  }
}
