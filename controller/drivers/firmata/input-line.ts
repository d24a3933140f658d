/**
 * One input pin of a shared Firmata board: claims the pin, sets INPUT (or PULLUP) mode, turns on its
 * port's reporting and waits for the board's first report of it (StandardFirmata reports a port at
 * once when reporting is switched on), then passes every reported level on. Used by FirmataInput
 * and FirmataPulseCounter, which add debounce and counting.
 */
import { AssertionError } from '../../../lib/errors.js';
import type { FirmataBoard } from './board.js';
import type { FirmataBoards } from './boards.js';
import { FirmataError, MODE } from './five.js';

export interface FirmataPinAddress {
  /** Serial port of the board, e.g. /dev/ttyACM0. */
  port: string;
  pin: number;
}

export class FirmataInputLine {
  private board: FirmataBoard | null = null;
  private stopReport: (() => void) | null = null;
  private onLevel: ((high: boolean) => void) | null = null;
  private claimed = false;

  constructor(
    private readonly owner: string,
    private readonly boards: FirmataBoards,
    private readonly address: FirmataPinAddress,
    private readonly pullUp: boolean,
  ) {}

  /** Resolves to the pin's first reported level (true = HIGH); later reports go to `onLevel`. */
  async open(onLevel: (high: boolean) => void): Promise<boolean> {
    if (this.board) throw new AssertionError(`${this.owner}: input line opened twice`);
    const board = this.boards.acquire(this.address.port);
    this.board = board;
    const { pin } = this.address;
    try {
      await board.ready();
      const mode = this.pullUp ? MODE.PULLUP : MODE.INPUT;
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
      await this.close();
      throw err;
    }
  }

  /** Throws the board's failure, if any. */
  check(): void {
    if (!this.board) throw new AssertionError(`${this.owner}: input line not open`);
    this.board.check();
  }

  /** Stops reporting (the port's, once no other input of it listens), frees the pin, releases the board. */
  async close(): Promise<void> {
    const board = this.board;
    if (!board) return;
    this.board = null;
    this.onLevel = null;
    this.stopReport?.();
    this.stopReport = null;
    if (this.claimed) board.unclaim(this.address.pin);
    this.claimed = false;
    await this.boards.release(board);
  }
}
