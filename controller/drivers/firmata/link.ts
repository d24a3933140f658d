/**
 * One connection to a Firmata board through johnny-five: opens the serial port, waits for the
 * Firmata handshake, and tells its owner once when the line goes away afterwards. FirmataBoard makes
 * one link for its first connection and a new one for each reconnection; a link is never reused.
 *
 * - `open()` resolves once the board is ready; it rejects with a FirmataError (`package_missing`,
 *   `port_failed`, `not_ready`, `disconnected`, `closed`) only after the serial port was closed again.
 * - After `open()`, a serial line that closes or errs ends the link: its port is released and
 *   `onLost` is called once (never after `close()`).
 * - `signal` is aborted when the link ends (lost or closed), with a FirmataError as its reason, so
 *   whoever waits on the board (a round trip, a write, a pin's report) stops waiting at once.
 * - `send()` and `roundTrip()` are the board's writes and confirmations on this connection.
 */
import type { Clock } from '../../../lib/clock.js';
import { AssertionError } from '../../../lib/errors.js';
import type { Logger } from '../../../lib/log.js';
import { FirmataError, type FirmataErrorCode, type FirmataIo, type FiveBoard, type FiveModule } from './five.js';
import { disposeFiveBoard, endReadsAtHangup } from './io.js';

export interface FirmataLinkOptions {
  readyTimeoutMs: number;
  /** Waiting for a round trip's answer. */
  readTimeoutMs: number;
  /** Waiting for a write to reach the serial device. */
  writeTimeoutMs: number;
  clock: Clock;
  logger: Logger;
  loadFive: () => Promise<FiveModule>;
}

type LinkState = 'new' | 'opening' | 'open' | 'ended';

export class FirmataLink {
  private state: LinkState = 'new';
  private five: FiveBoard | null = null;
  private readyTimer: unknown = null;
  private settle: { resolve: () => void; reject: (err: Error) => void } | null = null;
  private closing: Promise<void> | null = null;
  private opened = false;
  private roundTrips: Promise<unknown> = Promise.resolve();
  private readonly abort = new AbortController();

  constructor(
    readonly path: string,
    private readonly options: FirmataLinkOptions,
    private readonly onLost: (message: string) => void,
  ) {}

  /** Aborted, with a FirmataError as its reason, once the link is lost or closed. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** firmata.js's board; only between a resolved `open()` and the end of the link (kept after, for late callbacks). */
  get io(): FirmataIo {
    const io = this.five?.io;
    if (!io || !this.opened) throw new AssertionError(`firmata link ${this.path}: io used while ${this.state}`);
    return io;
  }

  async open(): Promise<void> {
    if (this.state !== 'new') throw new AssertionError(`firmata link ${this.path}: open() while ${this.state}`);
    this.state = 'opening';
    let five: FiveModule | null = null;
    try {
      five = await this.options.loadFive();
    } catch (err) {
      this.end(new FirmataError(err instanceof FirmataError ? err.code : 'package_missing', (err as Error).message));
    }
    if (this.state !== 'opening' || !five) {
      await this.closing;
      throw this.abort.signal.reason;
    }
    const { readyTimeoutMs, clock } = this.options;
    return new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
      this.readyTimer = clock.setTimeout(
        () => this.failOpen('not_ready', `no Firmata handshake on ${this.path} within ${readyTimeoutMs} ms: is StandardFirmata flashed and the port a board at 57600 baud?`),
        readyTimeoutMs,
      );
      let board: FiveBoard;
      try {
        board = new five.Board({ port: this.path, repl: false, debug: false, sigint: false, timeout: readyTimeoutMs + 60_000 });
      } catch (err) {
        // johnny-five loads firmata (and serialport 8) only here; a broken build throws a bare string.
        const text = err instanceof Error ? err.message : String(err);
        this.failOpen('package_missing', `johnny-five could not create a board (${text}): its firmata needs serialport 8 with @serialport/bindings built; on Debian apt-get install build-essential python3, then npm rebuild @serialport/bindings`);
        return;
      }
      this.five = board;
      if (board.io) endReadsAtHangup(board.io.transport);
      board.on('error', (e: { message?: string } | undefined) => this.onFiveError(e?.message ?? String(e)));
      board.once('ready', () => {
        if (this.state !== 'opening') return;
        this.stopTimers();
        this.state = 'open';
        this.opened = true;
        this.settle = null;
        resolve();
      });
      board.io?.on('string', (text: string) => this.options.logger.log('warn', 'firmata.board_message', { path: this.path, text }));
      for (const event of ['close', 'disconnect']) {
        board.io?.on(event, () => this.lineGone(`serial line ${this.path} closed: board unplugged or reset; its outputs are in an unknown state`));
      }
    });
  }

  /** Ends the link: an `open()` in progress rejects with `closed`; resolves once the serial port is closed. Idempotent. */
  close(): Promise<void> {
    if (this.state !== 'ended') this.end(new FirmataError('closed', `firmata board ${this.path} was closed`));
    return this.closing ?? Promise.resolve();
  }

  /** Resolves once `bytes` reached the serial device; rejects with write_timeout, or the link's end. */
  send(bytes: Buffer, what: string): Promise<void> {
    const { clock, writeTimeoutMs } = this.options;
    const signal = this.abort.signal;
    return new Promise((resolve, reject) => {
      const ended = (): void => finish(signal.reason as FirmataError);
      const timer = clock.setTimeout(() => finish(new FirmataError('write_timeout', `${this.path}: ${what} not written within ${writeTimeoutMs} ms`)), writeTimeoutMs);
      const finish = (err: Error | null): void => {
        clock.clearTimeout(timer);
        signal.removeEventListener('abort', ended);
        if (err) reject(err);
        else resolve();
      };
      if (signal.aborted) return ended();
      signal.addEventListener('abort', ended, { once: true });
      this.io.transport.write(bytes, (err) => finish(err ? new FirmataError('disconnected', `${this.path}: ${what}: ${err.message}`) : null));
    });
  }

  /**
   * A round trip: REPORT_VERSION, answered by the board after it applied every earlier message.
   * Round trips run one at a time so each answer belongs to its own question. Resolves false when
   * no answer came within `readTimeoutMs` or the link ended.
   */
  roundTrip(): Promise<boolean> {
    const { clock, readTimeoutMs } = this.options;
    const signal = this.abort.signal;
    const run = (): Promise<boolean> =>
      new Promise((resolve) => {
        if (signal.aborted) return resolve(false);
        const io = this.io;
        const finish = (answered: boolean): void => {
          clock.clearTimeout(timer);
          io.removeListener('reportversion', done);
          signal.removeEventListener('abort', ended);
          resolve(answered);
        };
        const timer = clock.setTimeout(() => finish(false), readTimeoutMs);
        const done = (): void => finish(true);
        const ended = (): void => finish(false);
        io.once('reportversion', done);
        signal.addEventListener('abort', ended, { once: true });
        io.transport.write(Buffer.from([0xf9]), () => undefined);
      });
    const answered = this.roundTrips.then(run);
    this.roundTrips = answered;
    return answered;
  }

  private onFiveError(message: string): void {
    if (this.state === 'opening') {
      const timeout = message.startsWith('A timeout occurred');
      this.failOpen(timeout ? 'not_ready' : 'port_failed', timeout ? `no Firmata handshake on ${this.path}: ${message}` : `cannot open ${this.path}: ${message}`);
    } else {
      this.lineGone(`serial line ${this.path} failed: ${message}; its outputs are in an unknown state`);
    }
  }

  private lineGone(message: string): void {
    if (this.state === 'opening') return this.failOpen('disconnected', message);
    if (this.state !== 'open') return;
    this.end(new FirmataError('disconnected', message));
    this.onLost(message);
  }

  private failOpen(code: FirmataErrorCode, message: string): void {
    if (this.state === 'opening') this.end(new FirmataError(code, message));
  }

  /** Marks the link ended, aborts its waits, releases the port; a pending `open()` rejects once the port is closed. */
  private end(reason: FirmataError): void {
    this.state = 'ended';
    this.abort.abort(reason);
    const settle = this.settle;
    this.settle = null;
    this.closing = this.release().then(() => settle?.reject(reason));
  }

  private stopTimers(): void {
    if (this.readyTimer !== null) this.options.clock.clearTimeout(this.readyTimer);
    this.readyTimer = null;
    const five = this.five;
    if (five) {
      clearTimeout(five.timer as NodeJS.Timeout);
      clearTimeout(five.io?.reportVersionTimeoutId as NodeJS.Timeout);
    }
  }

  /** Stops timers, forgets the johnny-five board and closes its serial port. */
  private async release(): Promise<void> {
    this.stopTimers();
    if (this.five) await disposeFiveBoard(this.five);
  }
}
