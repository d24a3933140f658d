/**
 * Output pins of a Firmata board (johnny-five): `FirmataRelay` (a door strike, a breaker coil) and
 * `FirmataValve` (a shower's normally-closed solenoid), both over `FirmataOutputPin`.
 *
 * - open(): claims the pin, sets OUTPUT mode and drives it de-energised (activeLow: HIGH).
 *   Note for wiring: StandardFirmata drives every digital pin LOW from its reset until the host sets
 *   it, so an active-low relay module is energised for that moment (about 2 s after power-up).
 * - set/setOpen resolve once the port message reached the serial device; calls go out in call order.
 * - get/isOpen give the state last driven; `readBack()` asks the board (PIN_STATE_QUERY) what the
 *   pin holds, for self-tests.
 * - While the board is away (unplugged, reset) every call rejects with its FirmataError
 *   ('disconnected'): the output's real level is unknown. close() still frees the pin and the
 *   board, then rejects with it.
 * - When the board comes back (board.ts reconnects by itself) the pin is set to OUTPUT again and
 *   driven de-energised before any call works again: a door strike locks, a valve closes, whatever
 *   was driven before the outage. get()/isOpen() then say false, and the point decides again.
 * - Relays and valves register their de-energised level as the board's exit level: if the process
 *   exits with the board open, the valve is closed and the relay released by a synchronous write
 *   (DESIGN.md invariant 5).
 */
import { AssertionError } from '../../../lib/errors.js';
import type { Relay } from '../relay.js';
import type { Valve } from '../valve.js';
import type { FirmataBoard } from './board.js';
import type { FirmataBoards } from './boards.js';
import { MODE } from './five.js';
import type { FirmataPinAddress } from './input-line.js';

export interface FirmataOutputOptions {
  /** true when the relay module energises with the pin LOW (most opto-isolated relay boards). */
  activeLow?: boolean;
}

export class FirmataOutputPin {
  private state: 'new' | 'opening' | 'open' | 'closed' = 'new';
  private board: FirmataBoard | null = null;
  private energised = false;
  /** The board connection `energised` was driven on; a reconnection drove the pin de-energised since. */
  private drivenOn = 0;
  private readonly restoredListeners = new Set<() => void>();
  private offReconnected: (() => void) | null = null;

  constructor(
    private readonly owner: string,
    private readonly boards: FirmataBoards,
    private readonly address: FirmataPinAddress,
    private readonly activeLow: boolean,
    private readonly deEnergiseOnExit: boolean,
  ) {}

  async open(): Promise<void> {
    if (this.state !== 'new') throw new AssertionError(`${this.owner}: open() while ${this.state}`);
    this.state = 'opening';
    const board = this.boards.acquire(this.address.port);
    const { pin } = this.address;
    let claimed = false;
    try {
      await board.ready();
      board.claim(pin, this.owner, MODE.OUTPUT, this.level(false));
      claimed = true;
      board.check().pinMode(pin, MODE.OUTPUT);
      if (this.deEnergiseOnExit) board.setExitLevel(pin, this.level(false));
      await board.writeDigital(pin, this.level(false));
      if (this.state !== 'opening') throw new AssertionError(`${this.owner}: closed while opening`);
    } catch (err) {
      if (claimed) board.unclaim(pin);
      await this.boards.release(board);
      if (this.state === 'opening') this.state = 'new';
      throw err;
    }
    this.board = board;
    this.energised = false;
    this.drivenOn = board.connection;
    this.state = 'open';
    this.offReconnected = board.onReconnected(() => {
      for (const listener of [...this.restoredListeners]) listener();
    });
  }

  /** Called after the board came back and this pin was driven de-energised again. */
  onRestored(listener: () => void): () => void {
    this.restoredListeners.add(listener);
    return () => this.restoredListeners.delete(listener);
  }

  drive(energised: boolean): Promise<void> {
    let board: FirmataBoard;
    try {
      board = this.openBoard('set');
    } catch (err) {
      return Promise.reject(err as Error);
    }
    this.energised = energised;
    this.drivenOn = board.connection;
    return board.writeDigital(this.address.pin, this.level(energised));
  }

  async get(): Promise<boolean> {
    const board = this.openBoard('get');
    return this.energised && this.drivenOn === board.connection;
  }

  /** What the board says the pin holds, as energised / not (a welded contact or a stuck driver shows here). */
  async readBack(): Promise<boolean> {
    const { state } = await this.openBoard('readBack').queryPinState(this.address.pin);
    return (state === 1) !== this.activeLow;
  }

  async close(): Promise<void> {
    const board = this.board;
    if (this.state !== 'open' || !board) {
      this.state = 'closed';
      return;
    }
    this.state = 'closed';
    this.board = null;
    this.offReconnected?.();
    this.offReconnected = null;
    this.restoredListeners.clear();
    let failure: unknown = null;
    try {
      await board.writeDigital(this.address.pin, this.level(false));
      this.energised = false;
    } catch (err) {
      failure = err;
    } finally {
      board.unclaim(this.address.pin);
      await this.boards.release(board);
    }
    if (failure) throw failure;
  }

  private openBoard(call: string): FirmataBoard {
    if (this.state !== 'open' || !this.board) throw new AssertionError(`${this.owner}: ${call}() while ${this.state}`);
    this.board.check();
    return this.board;
  }

  private level(energised: boolean): boolean {
    return energised !== this.activeLow;
  }
}

export class FirmataRelay implements Relay {
  private readonly output: FirmataOutputPin;

  constructor(readonly name: string, boards: FirmataBoards, address: FirmataPinAddress, options: FirmataOutputOptions = {}) {
    // De-energised at process exit, as GPIO relays are: a door strike locks (fail-secure), a breaker
    // coil lets the supply back (power is never cut because a controller died).
    this.output = new FirmataOutputPin(`relay ${name}`, boards, address, options.activeLow ?? false, true);
  }

  open(): Promise<void> {
    return this.output.open();
  }
  set(energised: boolean): Promise<void> {
    return this.output.drive(energised);
  }
  get(): Promise<boolean> {
    return this.output.get();
  }
  readBack(): Promise<boolean> {
    return this.output.readBack();
  }
  close(): Promise<void> {
    return this.output.close();
  }
  onRestored(listener: () => void): () => void {
    return this.output.onRestored(listener);
  }
}

export class FirmataValve implements Valve {
  private readonly output: FirmataOutputPin;

  constructor(readonly name: string, boards: FirmataBoards, address: FirmataPinAddress, options: FirmataOutputOptions = {}) {
    this.output = new FirmataOutputPin(`valve ${name}`, boards, address, options.activeLow ?? false, true);
  }

  open(): Promise<void> {
    return this.output.open();
  }
  setOpen(open: boolean): Promise<void> {
    return this.output.drive(open);
  }
  isOpen(): Promise<boolean> {
    return this.output.get();
  }
  readBack(): Promise<boolean> {
    return this.output.readBack();
  }
  close(): Promise<void> {
    return this.output.close();
  }
  onRestored(listener: () => void): () => void {
    return this.output.onRestored(listener);
  }
}
