/**
 * One Firmata board on one serial port, through johnny-five, shared by every pin driver of that board
 * (see `FirmataBoards` for the sharing). It connects on the first `ready()`, fails with a typed
 * FirmataError when the board does not answer in `readyTimeoutMs`, and turns a serial line that
 * closes or errs afterwards into the `disconnected` failure: logged once, told to every pin driver,
 * and every later call rejects with it (the outputs' real levels are unknown from then on).
 *
 * Writes: a pin write sends its port's DIGITAL_MESSAGE itself (firmata.js's own `digitalWrite` gives
 * no completion), so a write resolves once the bytes reached the serial device, or with
 * `confirmWrites` once the board answered a round trip after it. Only bits of pins in
 * OUTPUT mode are sent as 1: StandardFirmata turns on the pull-up of an INPUT pin written with 1, and
 * firmata.js would echo input levels it received back into its port writes.
 */
import { writeSync } from 'node:fs';
import { systemClock, type Clock } from '../../../lib/clock.js';
import { AssertionError } from '../../../lib/errors.js';
import { silentLogger, type Logger } from '../../../lib/log.js';
import { disposeFiveBoard, portMessage } from './io.js';
import { FirmataError, loadJohnnyFive, type FirmataErrorCode, type FirmataIo, type FiveBoard, type FiveModule } from './five.js';

export interface FirmataBoardOptions {
  /** From opening the port to the end of the Firmata handshake. firmata.js asks a board that did not announce itself after 5 s. Default 15000. */
  readyTimeoutMs?: number;
  /** Waiting for a pin's first report or a PIN_STATE answer. Default 2000. */
  readTimeoutMs?: number;
  /** Waiting for a write to reach the serial device. Default 2000. */
  writeTimeoutMs?: number;
  /**
   * Each write also waits for a round trip with the board (REPORT_VERSION), so it resolves once the
   * board applied it and a board that stopped answering fails with 'not_responding'. Costs one
   * round trip per write (a few ms on USB serial). Default false: a write resolves once sent.
   */
  confirmWrites?: boolean;
  logger?: Logger;
  clock?: Clock;
  /** Loads johnny-five; injectable so a missing package can be tested. */
  loadFive?: () => Promise<FiveModule>;
}

type State = 'new' | 'connecting' | 'ready' | 'failed' | 'closed';

export class FirmataBoard {
  /** Pin drivers holding this board (managed by FirmataBoards). */
  refs = 0;
  private state: State = 'new';
  private failure: FirmataError | null = null;
  private readyPromise: Promise<void> | null = null;
  private settle: { resolve: () => void; reject: (err: Error) => void } | null = null;
  private five: FiveBoard | null = null;
  private readyTimer: unknown = null;
  private closing: Promise<void> | null = null;
  private roundTrips: Promise<unknown> = Promise.resolve();
  private readonly claims = new Map<number, string>();
  private readonly reportingPins = new Map<number, Set<number>>();
  private readonly failureListeners = new Set<(err: FirmataError) => void>();
  private readonly exitLevels = new Map<number, boolean>();
  private readonly onExit = (): void => this.driveExitLevels();
  readonly logger: Logger;
  readonly clock: Clock;
  readonly readTimeoutMs: number;

  constructor(readonly path: string, private readonly options: FirmataBoardOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? systemClock;
    this.readTimeoutMs = options.readTimeoutMs ?? 2000;
  }

  /** True while the board can still become or is ready (not failed, not closed). */
  get usable(): boolean {
    return this.state === 'new' || this.state === 'connecting' || this.state === 'ready';
  }

  /** Connects on the first call; resolves once the Firmata handshake is done. */
  ready(): Promise<void> {
    if (this.state === 'closed') return Promise.reject(new AssertionError(`firmata board ${this.path}: ready() after close()`));
    this.readyPromise ??= this.connect();
    return this.readyPromise;
  }

  /** Throws the board's failure (or an AssertionError when it is not ready); for every pin call. */
  check(): FirmataIo {
    if (this.failure) throw this.failure;
    if (this.state !== 'ready' || !this.five?.io) throw new AssertionError(`firmata board ${this.path}: used while ${this.state}`);
    return this.five.io;
  }

  claim(pin: number, owner: string, mode: number): void {
    const io = this.check();
    const holder = this.claims.get(pin);
    if (holder !== undefined) throw new FirmataError('pin_in_use', `${owner}: pin ${pin} of ${this.path} is already used by ${holder}`);
    const record = io.pins[pin];
    if (!record || !record.supportedModes.includes(mode)) {
      const modes = record ? `it offers modes [${record.supportedModes.join(', ')}]` : `the board has pins 0-${io.pins.length - 1}`;
      throw new FirmataError('unsupported_pin', `${owner}: pin ${pin} of ${this.path} cannot be mode ${mode}: ${modes}`);
    }
    this.claims.set(pin, owner);
  }

  unclaim(pin: number): void {
    this.claims.delete(pin);
    this.exitLevels.delete(pin);
  }

  /** Sets the pin's level (true = HIGH) and resolves once its port message reached the serial device. */
  writeDigital(pin: number, high: boolean): Promise<void> {
    let io: FirmataIo;
    try {
      io = this.check();
    } catch (err) {
      return Promise.reject(err as Error);
    }
    const port = io.updateDigitalPort(pin, high ? 1 : 0);
    const sent = this.send(portMessage(io, port), `write pin ${pin}`);
    if (!this.options.confirmWrites) return sent;
    return sent.then(async () => {
      if (await this.roundTrip(io)) return;
      this.fail('not_responding', `${this.path}: the board did not confirm a write within ${this.readTimeoutMs} ms; its outputs are in an unknown state`);
      throw this.failure;
    });
  }

  /** Turns reporting on for the pin's port and calls `listener` with each level the board reports. */
  report(pin: number, listener: (high: boolean) => void): () => void {
    const io = this.check();
    const event = `digital-read-${pin}`;
    const handler = (value: number): void => listener(value === 1);
    io.on(event, handler);
    const port = pin >> 3;
    const pins = this.reportingPins.get(port) ?? new Set<number>();
    this.reportingPins.set(port, pins.add(pin));
    io.reportDigitalPin(pin, 1);
    return () => {
      io.removeListener(event, handler);
      pins.delete(pin);
      if (pins.size > 0 || this.state !== 'ready') return;
      this.reportingPins.delete(port);
      io.reportDigitalPin(pin, 0);
    };
  }

  /** Asks the board for a pin's mode and state (an output's level as the board holds it). */
  queryPinState(pin: number): Promise<{ mode: number; state: number }> {
    let io: FirmataIo;
    try {
      io = this.check();
    } catch (err) {
      return Promise.reject(err as Error);
    }
    return new Promise((resolve, reject) => {
      const stopFailure = this.onFailure((err) => finish(err));
      const timer = this.clock.setTimeout(() => finish(new FirmataError('read_timeout', `${this.path}: no PIN_STATE answer for pin ${pin} within ${this.readTimeoutMs} ms`)), this.readTimeoutMs);
      const finish = (err: Error | null): void => {
        this.clock.clearTimeout(timer);
        stopFailure();
        io.removeListener(`pin-state-${pin}`, answered);
        if (err) reject(err);
        else resolve({ mode: io.pins[pin]?.mode ?? -1, state: io.pins[pin]?.state ?? 0 });
      };
      const answered = (): void => finish(null);
      io.queryPinState(pin, answered);
    });
  }

  /** Level the pin is driven to if the process exits while the board is open (a valve closes); null forgets it. */
  setExitLevel(pin: number, high: boolean | null): void {
    if (high === null) this.exitLevels.delete(pin);
    else this.exitLevels.set(pin, high);
  }

  onFailure(listener: (err: FirmataError) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  /** Closes the serial port and clears every timer; idempotent. */
  close(): Promise<void> {
    if (this.state === 'closed') return this.closing ?? Promise.resolve();
    if (this.state === 'failed') {
      this.state = 'closed';
      return this.closing ?? Promise.resolve();
    }
    const io = this.state === 'ready' ? this.five?.io : null;
    if (this.state !== 'ready') this.logger.log('info', 'firmata.board_closed_connecting', { path: this.path });
    this.state = 'closed';
    this.settle?.reject(new FirmataError('closed', `firmata board ${this.path} was closed while connecting`));
    this.closing = (async () => {
      // Confirms the last writes (outputs de-energised) were applied before the line drops.
      if (io && !(await this.roundTrip(io))) this.logger.log('warn', 'firmata.close_unconfirmed', { path: this.path, waitedMs: this.readTimeoutMs });
      await this.release();
    })();
    return this.closing;
  }

  /**
   * A round trip: REPORT_VERSION, answered by the board after it applied every earlier message.
   * Round trips run one at a time so each answer belongs to its own question. Resolves false when
   * no answer came within `readTimeoutMs`.
   */
  private roundTrip(io: FirmataIo): Promise<boolean> {
    const run = (): Promise<boolean> =>
      new Promise((resolve) => {
        const timer = this.clock.setTimeout(() => {
          io.removeListener('reportversion', done);
          resolve(false);
        }, this.readTimeoutMs);
        const done = (): void => {
          this.clock.clearTimeout(timer);
          resolve(true);
        };
        io.once('reportversion', done);
        io.transport.write(Buffer.from([0xf9]), () => undefined);
      });
    const answered = this.roundTrips.then(run);
    this.roundTrips = answered;
    return answered;
  }

  private async connect(): Promise<void> {
    this.state = 'connecting';
    const readyTimeoutMs = this.options.readyTimeoutMs ?? 15_000;
    let five: FiveModule;
    try {
      five = await (this.options.loadFive ?? loadJohnnyFive)();
    } catch (err) {
      this.fail(err instanceof FirmataError ? err.code : 'package_missing', (err as Error).message);
      throw this.failure;
    }
    if (this.state !== 'connecting') throw this.failure ?? new FirmataError('closed', `firmata board ${this.path} was closed while connecting`);
    const started = this.clock.nowMs();
    return new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
      this.readyTimer = this.clock.setTimeout(
        () => this.fail('not_ready', `no Firmata handshake on ${this.path} within ${readyTimeoutMs} ms: is StandardFirmata flashed and the port a board at 57600 baud?`),
        readyTimeoutMs,
      );
      let board: FiveBoard;
      try {
        board = new five.Board({ port: this.path, repl: false, debug: false, sigint: false, timeout: readyTimeoutMs + 60_000 });
      } catch (err) {
        // johnny-five loads firmata (and serialport 8) only here; a broken build throws a bare string.
        const text = err instanceof Error ? err.message : String(err);
        this.fail('package_missing', `johnny-five could not create a board (${text}): its firmata needs serialport 8 with @serialport/bindings built; on Debian apt-get install build-essential python3, then npm rebuild @serialport/bindings`);
        return;
      }
      this.five = board;
      board.on('error', (e: { message?: string } | undefined) => this.onFiveError(e?.message ?? String(e)));
      board.once('ready', () => {
        if (this.state !== 'connecting') return;
        this.stopTimers();
        this.state = 'ready';
        process.on('exit', this.onExit);
        this.logger.log('info', 'firmata.board_ready', { path: this.path, pins: board.io?.pins.length ?? 0, readyMs: Math.round(this.clock.nowMs() - started) });
        this.settle = null;
        resolve();
      });
      board.io?.on('string', (text: string) => this.logger.log('warn', 'firmata.board_message', { path: this.path, text }));
      for (const event of ['close', 'disconnect']) {
        board.io?.on(event, () => {
          if (this.state === 'connecting' || this.state === 'ready') this.fail('disconnected', `serial line ${this.path} closed: board unplugged or reset; its outputs are in an unknown state`);
        });
      }
    });
  }

  private onFiveError(message: string): void {
    if (this.state === 'connecting') {
      const timeout = message.startsWith('A timeout occurred');
      this.fail(timeout ? 'not_ready' : 'port_failed', timeout ? `no Firmata handshake on ${this.path}: ${message}` : `cannot open ${this.path}: ${message}`);
    } else if (this.state === 'ready') {
      this.fail('disconnected', `serial line ${this.path} failed: ${message}; its outputs are in an unknown state`);
    }
  }

  private fail(code: FirmataErrorCode, message: string): void {
    if (!this.usable) return;
    const wasReady = this.state === 'ready';
    this.state = 'failed';
    this.failure = new FirmataError(code, message);
    this.logger.log('error', wasReady ? 'firmata.board_failed' : 'firmata.board_not_ready', { path: this.path, code, message });
    this.settle?.reject(this.failure);
    this.settle = null;
    this.closing = this.release();
    for (const listener of [...this.failureListeners]) listener(this.failure);
  }

  private stopTimers(): void {
    if (this.readyTimer !== null) this.clock.clearTimeout(this.readyTimer);
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
    process.removeListener('exit', this.onExit);
    if (this.five) await disposeFiveBoard(this.five);
  }

  private send(bytes: Buffer, what: string): Promise<void> {
    const io = this.check();
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimeout(() => reject(new FirmataError('write_timeout', `${this.path}: ${what} not written within ${this.options.writeTimeoutMs ?? 2000} ms`)), this.options.writeTimeoutMs ?? 2000);
      io.transport.write(bytes, (err) => {
        this.clock.clearTimeout(timer);
        if (!err) resolve();
        else reject(this.failure ?? new FirmataError('disconnected', `${this.path}: ${what}: ${err.message}`));
      });
    });
  }

  /** On process exit: writes every registered exit level synchronously (no event loop is left). */
  private driveExitLevels(): void {
    const io = this.five?.io;
    const fd = io?.transport.binding?.fd;
    if (!io || typeof fd !== 'number' || this.exitLevels.size === 0) return;
    const ports = new Set([...this.exitLevels.keys()].map((pin) => pin >> 3));
    for (const port of ports) {
      try {
        writeSync(fd, portMessage(io, port, this.exitLevels));
      } catch {
        // The process is exiting; nothing else can be done for a line that is gone.
      }
    }
  }
}
