/**
 * One Firmata board on one serial port, through johnny-five, shared by every pin driver of that board
 * (see `FirmataBoards` for the sharing). It connects on the first `ready()` (a `FirmataLink`, link.ts)
 * and fails for good with a typed FirmataError when that first connection does not come up.
 *
 * Reconnection: a serial line that closes or errs once the board was ready (unplugged, reset, cable),
 * or a board that stops confirming writes (`confirmWrites`), is the `disconnected` (or
 * `not_responding`) failure: logged once, told to every pin driver, and every call on the board
 * fails fast with it while the board is away. Meanwhile the board reopens its port after
 * `reconnectMinDelayMs`, doubling after each failed attempt up to `reconnectMaxDelayMs`. Once the
 * handshake is done it restores every pin still claimed before any call works again: modes set
 * again, outputs driven to their rest level (de-energised: a door strike locked, a valve closed;
 * the point decides again whether to energise), a round trip confirming the board applied that,
 * then inputs' reporting switched on again and each input's current level waited for and handed
 * to its driver. Then it logs `firmata.board_reconnected` and calls `onReconnected` listeners.
 * Pins released while the board was away are not restored. `close()` cancels reconnection.
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
import { portMessage } from './io.js';
import { FirmataError, loadJohnnyFive, type FirmataErrorCode, type FirmataIo, type FiveModule } from './five.js';
import { FirmataLink } from './link.js';

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
  /** Wait before the first attempt to reopen a board whose line went away; doubles after each failed attempt. Default 500. */
  reconnectMinDelayMs?: number;
  /** Longest wait between two reconnection attempts. Default 30000. */
  reconnectMaxDelayMs?: number;
  logger?: Logger;
  clock?: Clock;
  /** Loads johnny-five; injectable so a missing package can be tested. */
  loadFive?: () => Promise<FiveModule>;
}

type State = 'new' | 'connecting' | 'ready' | 'reconnecting' | 'failed' | 'closed';

interface Claim {
  owner: string;
  mode: number;
  /** An output's level after a reconnection (its de-energised level); null for an input. */
  restLevel: boolean | null;
}

export class FirmataBoard {
  /** Pin drivers holding this board (managed by FirmataBoards). */
  refs = 0;
  private state: State = 'new';
  private failure: FirmataError | null = null;
  private readyPromise: Promise<void> | null = null;
  private link: FirmataLink | null = null;
  /** The port of the last link, closing or closed: the next link waits for it. */
  private released: Promise<void> = Promise.resolve();
  private connections = 0;
  private reconnectTimer: unknown = null;
  private reconnectDelayMs = 0;
  private attempts = 0;
  private downSinceMs = 0;
  private warnedAway = false;
  private readonly claims = new Map<number, Claim>();
  /** One listener per reporting pin, and the firmata.js handler feeding it on the current link. */
  private readonly pinListeners = new Map<number, (high: boolean) => void>();
  private readonly ioHandlers = new Map<number, { io: FirmataIo; handler: (value: number) => void }>();
  /** Levels reported while a reconnection restores the pins, handed over once the board is ready. */
  private readonly heldReports = new Map<number, boolean>();
  private onHeldReport: (() => void) | null = null;
  private readonly failureListeners = new Set<(err: FirmataError) => void>();
  private readonly reconnectedListeners = new Set<() => void>();
  private readonly exitLevels = new Map<number, boolean>();
  private exitLink: FirmataLink | null = null;
  private readonly onExit = (): void => this.driveExitLevels();
  readonly logger: Logger;
  readonly clock: Clock;
  readonly readTimeoutMs: number;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(readonly path: string, private readonly options: FirmataBoardOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? systemClock;
    this.readTimeoutMs = options.readTimeoutMs ?? 2000;
    this.minDelayMs = options.reconnectMinDelayMs ?? 500;
    this.maxDelayMs = Math.max(this.minDelayMs, options.reconnectMaxDelayMs ?? 30_000);
  }

  /** True while the board can still become or is ready: not failed for good, not closed (reconnecting counts). */
  get usable(): boolean {
    return this.state === 'new' || this.state === 'connecting' || this.state === 'ready' || this.state === 'reconnecting';
  }

  /** How many times the board became ready: 1 after the first handshake, one more per reconnection. */
  get connection(): number {
    return this.connections;
  }

  /** Connects on the first call; resolves once the first Firmata handshake is done (later calls: at once). */
  ready(): Promise<void> {
    if (this.state === 'closed') return Promise.reject(new AssertionError(`firmata board ${this.path}: ready() after close()`));
    this.readyPromise ??= this.connect();
    return this.readyPromise;
  }

  /** Throws the board's failure (or an AssertionError when it is not ready); for every pin call. */
  check(): FirmataIo {
    return this.readyLink().io;
  }

  /** Claims a pin for `owner` in `mode`; an output gives its `restLevel`, driven when the board reconnects. */
  claim(pin: number, owner: string, mode: number, restLevel: boolean | null = null): void {
    const io = this.check();
    const holder = this.claims.get(pin);
    if (holder !== undefined) throw new FirmataError('pin_in_use', `${owner}: pin ${pin} of ${this.path} is already used by ${holder.owner}`);
    const problem = unsupported(io, pin, mode);
    if (problem) throw new FirmataError('unsupported_pin', `${owner}: pin ${pin} of ${this.path} cannot be mode ${mode}: ${problem}`);
    this.claims.set(pin, { owner, mode, restLevel });
  }

  unclaim(pin: number): void {
    this.claims.delete(pin);
    this.exitLevels.delete(pin);
  }

  /** Sets the pin's level (true = HIGH) and resolves once its port message reached the serial device. */
  writeDigital(pin: number, high: boolean): Promise<void> {
    let link: FirmataLink;
    try {
      link = this.readyLink();
    } catch (err) {
      return Promise.reject(err as Error);
    }
    const io = link.io;
    const port = io.updateDigitalPort(pin, high ? 1 : 0);
    const sent = this.send(link, portMessage(io, port), `write pin ${pin}`);
    if (!this.options.confirmWrites) return sent;
    return sent.then(async () => {
      if (await link.roundTrip()) return;
      this.lost(link, 'not_responding', `${this.path}: the board did not confirm a write within ${this.readTimeoutMs} ms; its outputs are in an unknown state`);
      throw this.failure ?? (link.signal.reason as FirmataError);
    });
  }

  /**
   * Turns reporting on for the pin's port and calls `listener` with each level the board reports,
   * on this connection and, once restored, on every reconnection. One listener per pin.
   */
  report(pin: number, listener: (high: boolean) => void): () => void {
    const io = this.check();
    if (this.pinListeners.has(pin)) throw new AssertionError(`firmata board ${this.path}: pin ${pin} already reports`);
    this.pinListeners.set(pin, listener);
    this.listenPin(io, pin);
    io.reportDigitalPin(pin, 1);
    return () => {
      if (this.pinListeners.get(pin) !== listener) return;
      this.pinListeners.delete(pin);
      this.heldReports.delete(pin);
      this.unlistenPin(pin);
      const port = pin >> 3;
      if (this.state !== 'ready' || [...this.pinListeners.keys()].some((p) => p >> 3 === port)) return;
      this.link?.io.reportDigitalPin(pin, 0);
    };
  }

  /** Asks the board for a pin's mode and state (an output's level as the board holds it). */
  queryPinState(pin: number): Promise<{ mode: number; state: number }> {
    let link: FirmataLink;
    try {
      link = this.readyLink();
    } catch (err) {
      return Promise.reject(err as Error);
    }
    const io = link.io;
    return new Promise((resolve, reject) => {
      const ended = (): void => finish(this.failure ?? (link.signal.reason as FirmataError));
      const timer = this.clock.setTimeout(() => finish(new FirmataError('read_timeout', `${this.path}: no PIN_STATE answer for pin ${pin} within ${this.readTimeoutMs} ms`)), this.readTimeoutMs);
      const finish = (err: Error | null): void => {
        this.clock.clearTimeout(timer);
        link.signal.removeEventListener('abort', ended);
        io.removeListener(`pin-state-${pin}`, answered);
        if (err) reject(err);
        else resolve({ mode: io.pins[pin]?.mode ?? -1, state: io.pins[pin]?.state ?? 0 });
      };
      const answered = (): void => finish(null);
      link.signal.addEventListener('abort', ended, { once: true });
      io.queryPinState(pin, answered);
    });
  }

  /** Level the pin is driven to if the process exits while the board is open (a valve closes); null forgets it. */
  setExitLevel(pin: number, high: boolean | null): void {
    if (high === null) this.exitLevels.delete(pin);
    else this.exitLevels.set(pin, high);
  }

  /** Called with the failure when the first connection fails or the board goes away (once per outage). */
  onFailure(listener: (err: FirmataError) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  /** Called once the board is back after an outage, its pins restored (outputs de-energised). */
  onReconnected(listener: () => void): () => void {
    this.reconnectedListeners.add(listener);
    return () => this.reconnectedListeners.delete(listener);
  }

  /** Cancels any reconnection, closes the serial port and clears every timer; idempotent. */
  close(): Promise<void> {
    if (this.state === 'closed') return this.released;
    const state = this.state;
    const link = this.link;
    this.state = 'closed';
    this.link = null;
    if (this.reconnectTimer !== null) this.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.failureListeners.clear();
    this.reconnectedListeners.clear();
    if (state === 'connecting') this.logger.log('info', 'firmata.board_closed_connecting', { path: this.path });
    if (state === 'reconnecting') this.logger.log('info', 'firmata.reconnect_cancelled', { path: this.path, attempts: this.attempts });
    const previous = this.released;
    this.released = (async () => {
      // Confirms the last writes (outputs de-energised) were applied before the line drops.
      if (state === 'ready' && link && !(await link.roundTrip())) this.logger.log('warn', 'firmata.close_unconfirmed', { path: this.path, waitedMs: this.readTimeoutMs });
      this.disarmExit();
      this.unlistenAll();
      await Promise.all([previous, link?.close()]);
    })();
    return this.released;
  }

  private readyLink(): FirmataLink {
    if (this.failure) throw this.failure;
    if (this.state !== 'ready' || !this.link) throw new AssertionError(`firmata board ${this.path}: used while ${this.state}`);
    return this.link;
  }

  private newLink(): FirmataLink {
    const { readyTimeoutMs = 15_000, writeTimeoutMs = 2000, loadFive = loadJohnnyFive } = this.options;
    const link: FirmataLink = new FirmataLink(
      this.path,
      { readyTimeoutMs, readTimeoutMs: this.readTimeoutMs, writeTimeoutMs, clock: this.clock, logger: this.logger, loadFive },
      (message) => this.lost(link, 'disconnected', message),
    );
    this.link = link;
    return link;
  }

  /** Writes through `link`; a failure of the board (why the link ended) wins over the link's own error. */
  private send(link: FirmataLink, bytes: Buffer, what: string): Promise<void> {
    return link.send(bytes, what).catch((err: unknown) => {
      throw this.failure ?? err;
    });
  }

  private async connect(): Promise<void> {
    this.state = 'connecting';
    const link = this.newLink();
    const started = this.clock.nowMs();
    try {
      await link.open();
    } catch (err) {
      if (this.state !== 'connecting') throw err;
      this.state = 'failed';
      this.link = null;
      this.failure = err instanceof FirmataError ? err : new FirmataError('port_failed', (err as Error).message);
      this.logger.log('error', 'firmata.board_not_ready', { path: this.path, code: this.failure.code, message: this.failure.message });
      for (const listener of [...this.failureListeners]) listener(this.failure);
      throw this.failure;
    }
    if (this.state !== 'connecting') throw new FirmataError('closed', `firmata board ${this.path} was closed while connecting`);
    this.state = 'ready';
    this.connections += 1;
    this.armExit(link);
    this.logger.log('info', 'firmata.board_ready', { path: this.path, pins: link.io.pins.length, readyMs: Math.round(this.clock.nowMs() - started) });
  }

  /** The ready board's line went away or stopped answering: calls fail fast from now, reconnection starts. */
  private lost(link: FirmataLink, code: FirmataErrorCode, message: string): void {
    if (link !== this.link || this.state !== 'ready') return;
    this.state = 'reconnecting';
    this.failure = new FirmataError(code, message);
    this.downSinceMs = this.clock.nowMs();
    this.attempts = 0;
    this.warnedAway = false;
    this.reconnectDelayMs = this.minDelayMs;
    this.disarmExit();
    this.dropLink();
    this.logger.log('error', 'firmata.board_failed', { path: this.path, code, message, reconnectInMs: this.reconnectDelayMs });
    for (const listener of [...this.failureListeners]) listener(this.failure);
    this.scheduleReconnect();
  }

  private dropLink(): void {
    const link = this.link;
    this.link = null;
    this.unlistenAll();
    if (link) this.released = link.close();
  }

  /** Schedules the next attempt; returns its delay. */
  private scheduleReconnect(): number {
    const delayMs = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(delayMs * 2, this.maxDelayMs);
    this.reconnectTimer = this.clock.setTimeout(() => {
      this.reconnectTimer = null;
      void this.reconnect();
    }, delayMs);
    return delayMs;
  }

  private async reconnect(): Promise<void> {
    this.attempts += 1;
    await this.released; // the old port is closed before the path is opened again
    if (this.state !== 'reconnecting') return;
    const link = this.newLink();
    let restored: { outputs: number; inputs: number };
    try {
      await link.open();
      if (this.link !== link) return;
      restored = await this.restore(link);
      if (link.signal.aborted) throw link.signal.reason; // lost again while restoring
    } catch (err) {
      if (this.link !== link || this.state !== 'reconnecting') return; // closed meanwhile
      this.dropLink();
      const failure = err instanceof FirmataError ? err : new FirmataError('port_failed', (err as Error).message);
      const nextAttemptInMs = this.scheduleReconnect();
      const atCap = nextAttemptInMs === this.maxDelayMs;
      // Each attempt at info while the wait grows; at the cap one warning, then debug: an unplugged board does not flood the log.
      this.logger.log(atCap && this.warnedAway ? 'debug' : 'info', 'firmata.reconnect_failed', { path: this.path, attempt: this.attempts, code: failure.code, message: failure.message, nextAttemptInMs });
      if (atCap && !this.warnedAway) {
        this.warnedAway = true;
        this.logger.log('warn', 'firmata.board_still_away', { path: this.path, attempts: this.attempts, downMs: Math.round(this.clock.nowMs() - this.downSinceMs), retryEveryMs: this.maxDelayMs });
      }
      return;
    }
    if (this.link !== link || this.state !== 'reconnecting') return;
    this.state = 'ready';
    this.failure = null;
    this.connections += 1;
    this.armExit(link);
    this.logger.log('info', 'firmata.board_reconnected', { path: this.path, attempts: this.attempts, downMs: Math.round(this.clock.nowMs() - this.downSinceMs), ...restored });
    const held = [...this.heldReports];
    this.heldReports.clear();
    for (const [pin, high] of held) this.pinListeners.get(pin)?.(high);
    for (const listener of [...this.reconnectedListeners]) listener();
  }

  /**
   * On a new link: every claimed pin's mode again, outputs at their rest level (confirmed by a round
   * trip), then reporting again and each reporting pin's current level, held until the board is ready.
   */
  private async restore(link: FirmataLink): Promise<{ outputs: number; inputs: number }> {
    const io = link.io;
    for (const [pin, claim] of this.claims) {
      const problem = unsupported(io, pin, claim.mode);
      if (problem) throw new FirmataError('unsupported_pin', `${claim.owner}: after reconnecting, pin ${pin} of ${this.path} cannot be mode ${claim.mode}: ${problem} (another board plugged in?)`);
    }
    const outputPorts = new Set<number>();
    for (const [pin, claim] of this.claims) {
      io.pinMode(pin, claim.mode);
      if (claim.restLevel === null) continue;
      io.updateDigitalPort(pin, claim.restLevel ? 1 : 0);
      outputPorts.add(pin >> 3);
    }
    for (const port of outputPorts) await this.send(link, portMessage(io, port), `restore port ${port}`);
    if (!(await link.roundTrip())) {
      throw (link.signal.reason as FirmataError | undefined) ?? new FirmataError('not_responding', `${this.path}: the board did not confirm its restored pins within ${this.readTimeoutMs} ms`);
    }
    this.heldReports.clear();
    const reporting = [...this.pinListeners.keys()];
    for (const pin of reporting) this.listenPin(io, pin);
    for (const port of new Set(reporting.map((pin) => pin >> 3))) io.reportDigitalPin(port * 8, 1);
    await this.heldReportsOf(link, reporting);
    return { outputs: [...this.claims.values()].filter((c) => c.restLevel !== null).length, inputs: reporting.length };
  }

  /** Resolves once every pin in `pins` reported a level on `link`; read_timeout after readTimeoutMs. */
  private heldReportsOf(link: FirmataLink, pins: number[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (pins.every((pin) => this.heldReports.has(pin) || !this.pinListeners.has(pin))) finish(null);
      };
      const ended = (): void => finish(link.signal.reason as FirmataError);
      const timer = this.clock.setTimeout(() => finish(new FirmataError('read_timeout', `${this.path}: after reconnecting, the board did not report pins ${pins.join(', ')} within ${this.readTimeoutMs} ms`)), this.readTimeoutMs);
      const finish = (err: Error | null): void => {
        this.clock.clearTimeout(timer);
        link.signal.removeEventListener('abort', ended);
        this.onHeldReport = null;
        if (err) reject(err);
        else resolve();
      };
      link.signal.addEventListener('abort', ended, { once: true });
      this.onHeldReport = check;
      check();
    });
  }

  private listenPin(io: FirmataIo, pin: number): void {
    this.unlistenPin(pin);
    const handler = (value: number): void => {
      if (this.state === 'ready') {
        this.pinListeners.get(pin)?.(value === 1);
        return;
      }
      this.heldReports.set(pin, value === 1);
      this.onHeldReport?.();
    };
    io.on(`digital-read-${pin}`, handler);
    this.ioHandlers.set(pin, { io, handler });
  }

  private unlistenPin(pin: number): void {
    const entry = this.ioHandlers.get(pin);
    if (!entry) return;
    entry.io.removeListener(`digital-read-${pin}`, entry.handler);
    this.ioHandlers.delete(pin);
  }

  private unlistenAll(): void {
    for (const pin of [...this.ioHandlers.keys()]) this.unlistenPin(pin);
    this.heldReports.clear();
  }

  /** Drives the exit levels through `link` if the process exits (while the board is ready, and while it closes). */
  private armExit(link: FirmataLink): void {
    this.exitLink = link;
    process.on('exit', this.onExit);
  }

  private disarmExit(): void {
    this.exitLink = null;
    process.removeListener('exit', this.onExit);
  }

  /** On process exit: writes every registered exit level synchronously (no event loop is left). */
  private driveExitLevels(): void {
    const io = this.exitLink?.io;
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

/** Why `pin` cannot take `mode` on this board, or null when it can. */
function unsupported(io: FirmataIo, pin: number, mode: number): string | null {
  const record = io.pins[pin];
  if (record?.supportedModes.includes(mode)) return null;
  return record ? `it offers modes [${record.supportedModes.join(', ')}]` : `the board has pins 0-${io.pins.length - 1}`;
}
