/**
 * What the Firmata drivers need from johnny-five (and the firmata.js `io` under its Board), typed
 * here because johnny-five ships no types, plus its lazy loader and the drivers' typed error.
 */
import { CodedError } from '../../../lib/errors.js';

export type FirmataErrorCode =
  /** johnny-five (or the serialport 8 it uses) is not installed or failed to build. */
  | 'package_missing'
  /** The serial port could not be opened. */
  | 'port_failed'
  /** The board did not complete the Firmata handshake in time: no firmware, wrong baud rate, not a board. */
  | 'not_ready'
  /** The serial line closed or failed after the board was ready: unplugged, reset, cable. The board reconnects by itself. */
  | 'disconnected'
  /** The pin does not exist on this board or does not offer the mode. */
  | 'unsupported_pin'
  /** Another driver on this board holds the pin. */
  | 'pin_in_use'
  /** The board did not report a pin's level or state in time. */
  | 'read_timeout'
  /** The board stopped answering after it was ready (confirmWrites): its outputs are in an unknown state. The board reconnects by itself. */
  | 'not_responding'
  /** A write did not reach the serial device in time. */
  | 'write_timeout'
  /** The board was closed while a call waited on it. */
  | 'closed';

/** An operating error of a Firmata board or pin; `code` says which, the message says what to do. */
export class FirmataError extends CodedError<FirmataErrorCode> {
  override name = 'FirmataError';
}

// Event arguments differ per event; each handler declares what it reads.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

interface Emitter {
  on(event: string, listener: Listener): unknown;
  once(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
}

/** serialport 8's SerialPort, as firmata.js holds it in `io.transport`. */
export interface SerialTransport extends Emitter {
  readonly isOpen: boolean;
  readonly opening?: boolean;
  write(data: Buffer, callback: (err?: Error | null) => void): boolean;
  close(callback?: (err?: Error | null) => void): void;
  binding?: { fd?: number | null };
}

export interface FirmataPinRecord {
  mode?: number;
  value?: number;
  state?: number;
  supportedModes: number[];
}

/** firmata.js's Board (johnny-five's `board.io`). */
export interface FirmataIo extends Emitter {
  readonly pins: FirmataPinRecord[];
  readonly ports: number[];
  readonly transport: SerialTransport;
  reportVersionTimeoutId?: unknown;
  pinMode(pin: number, mode: number): void;
  /** Updates firmata.js's copy of the port holding `pin`; returns the port number. Sends nothing. */
  updateDigitalPort(pin: number, value: 0 | 1): number;
  reportDigitalPin(pin: number, value: 0 | 1): void;
  queryPinState(pin: number, callback: () => void): void;
}

export interface FiveBoard extends Emitter {
  readonly io: FirmataIo | null;
  /** johnny-five's own connect timeout, cleared only when the board becomes ready. */
  readonly timer: unknown;
}

export interface FiveModule {
  Board: (new (options: Record<string, unknown>) => FiveBoard) & { cache?: FiveBoard[] };
}

export const MODE = { INPUT: 0x00, OUTPUT: 0x01, PULLUP: 0x0b } as const;

/**
 * Loads johnny-five on first use (an optional dependency: the rest of onecard runs without it).
 * A failed load becomes a FirmataError naming the package and what it needs to build.
 */
export async function loadJohnnyFive(specifier = 'johnny-five'): Promise<FiveModule> {
  let mod: { default?: FiveModule } & Partial<FiveModule>;
  try {
    mod = (await import(specifier)) as typeof mod;
  } catch (err) {
    throw new FirmataError(
      'package_missing',
      `cannot load ${specifier} (${(err as Error).message}): it is an optional dependency of onecard; install it with ` +
        "`npm install johnny-five`. Its firmata uses serialport 8, whose @serialport/bindings compiles from source: " +
        'on Debian install build-essential and python3 first (apt-get install build-essential python3).',
    );
  }
  const five = (mod.default ?? mod) as Partial<FiveModule>;
  if (typeof five.Board !== 'function') throw new FirmataError('package_missing', `${specifier} has no Board class: not johnny-five 2.x`);
  return five as FiveModule;
}
