/**
 * A Modbus master on one bus: an RS-485 line behind a serial port (Modbus RTU) or one TCP
 * connection (Modbus TCP, to a meter or an RTU gateway). Every meter on the line shares its bus.
 *
 * Contract:
 * - `open()` must resolve before any request. It tries to connect; it rejects only when the
 *   installation is broken (modbus-serial or serialport cannot be loaded). A port that is absent
 *   or refuses is an operating condition: requests resolve `disconnected`, and a later request
 *   tries to connect again (not more often than every `reconnectIntervalMs`).
 * - One request at a time per bus. Requests are sent in call order, each only after the previous
 *   one was answered or gave up, and after `interFrameSilenceMs` of silence on the line since then.
 *   (Over RTU, overlapping requests overwrite each other and both time out: DEPENDENCIES.md.)
 * - At most `maxQueueLength` requests wait behind the one in flight; a request beyond that resolves
 *   at once with `busy` and is never sent.
 * - Each attempt waits `timeoutMs` for its reply. A timeout or a corrupted reply (`crc`: bad CRC,
 *   wrong length, another unit's or function's reply) is retried, at most `retries` times. An
 *   exception reply is never retried: the device answered, and would answer the same again. A
 *   `disconnected` attempt is not retried either; the next request reconnects. Every retry and
 *   every failure is logged with its reason.
 * - Every request resolves, never rejects, with a typed result. Only programmer errors reject, with
 *   AssertionError: a unit outside 1..247, an address or count out of range, a call before `open()`
 *   or after `close()`.
 * - `close()` resolves every waiting request and the one in flight with `disconnected` and
 *   releases the port; after it every call rejects.
 */
import { AssertionError } from '../../../lib/errors.js';

export type ModbusErrorKind = 'timeout' | 'crc' | 'exception' | 'disconnected' | 'busy';

export type ModbusResult =
  | { ok: true; registers: number[] }
  | { ok: false; error: ModbusErrorKind; exceptionCode?: number; message: string };

export type ModbusRequest =
  | { fn: 'read-holding'; unit: number; address: number; count: number }
  | { fn: 'read-input'; unit: number; address: number; count: number }
  | { fn: 'write-single'; unit: number; address: number; value: number }
  | { fn: 'write-multiple'; unit: number; address: number; values: number[] };

export interface ModbusBus {
  readonly name: string;
  open(): Promise<void>;
  /** FC3. `registers` are the `count` values read. */
  readHoldingRegisters(unit: number, address: number, count: number): Promise<ModbusResult>;
  /** FC4. */
  readInputRegisters(unit: number, address: number, count: number): Promise<ModbusResult>;
  /** FC6. `registers` is `[value]` as the device echoed it. */
  writeRegister(unit: number, address: number, value: number): Promise<ModbusResult>;
  /** FC16. `registers` are the values written. */
  writeRegisters(unit: number, address: number, values: number[]): Promise<ModbusResult>;
  close(): Promise<void>;
}

export type ModbusTransport =
  | { kind: 'rtu'; path: string; baudRate: number; parity: 'none' | 'even' | 'odd'; dataBits: 7 | 8; stopBits: 1 | 2 }
  | { kind: 'tcp'; host: string; port: number };

export interface ModbusTiming {
  /** Wait for one reply. */
  timeoutMs: number;
  /** Further attempts after a timeout or corrupted reply (0..MODBUS_LIMITS.maxRetries). */
  retries: number;
  /** Silence on the line between the end of one exchange and the next request. */
  interFrameSilenceMs: number;
  /** Requests waiting behind the one in flight (1..MODBUS_LIMITS.maxQueueLength). */
  maxQueueLength: number;
  /** Least time between two connection attempts. */
  reconnectIntervalMs: number;
  /** Give up a TCP connection attempt or a serial open after this long. */
  connectTimeoutMs: number;
}

export const MODBUS_LIMITS = {
  maxRetries: 5,
  maxQueueLength: 1024,
  /** FC3 / FC4: registers per read (Modbus application protocol, 256-byte RTU frame). */
  maxReadRegisters: 125,
  /** FC16: registers per write. */
  maxWriteRegisters: 123,
  minTimeoutMs: 10,
  maxTimeoutMs: 60_000,
  /** The inter-frame silence is never shorter than this (the spec's 1.75 ms above 19200 Bd, rounded up). */
  minSilenceMs: 2,
} as const;

/** Time on the wire for one character: start bit + data bits + parity bit + stop bits. */
export function rtuCharTimeMs(t: { baudRate: number; parity: 'none' | 'even' | 'odd'; dataBits: number; stopBits: number }): number {
  const bits = 1 + t.dataBits + (t.parity === 'none' ? 0 : 1) + t.stopBits;
  return (bits * 1000) / t.baudRate;
}

/** 3.5 character times at the line's baud rate, at least 2 ms, for RTU; 0 for TCP (the socket frames). */
export function defaultInterFrameSilenceMs(transport: ModbusTransport): number {
  if (transport.kind === 'tcp') return 0;
  return Math.max(MODBUS_LIMITS.minSilenceMs, Math.ceil(3.5 * rtuCharTimeMs(transport) * 100) / 100);
}

export const DEFAULT_TIMING: Omit<ModbusTiming, 'interFrameSilenceMs'> = {
  timeoutMs: 1000,
  retries: 2,
  maxQueueLength: 32,
  reconnectIntervalMs: 2000,
  connectTimeoutMs: 3000,
};

export function describeTransport(t: ModbusTransport): string {
  if (t.kind === 'tcp') return `tcp ${t.host}:${t.port}`;
  return `rtu ${t.path} ${t.baudRate} ${t.dataBits}${t.parity[0]!.toUpperCase()}${t.stopBits}`;
}

function checkInt(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new AssertionError(`modbus: ${what} ${value} is not an integer from ${min} to ${max}`);
}

/** Throws AssertionError for a request no device could answer (a programmer error). */
export function checkRequest(r: ModbusRequest): void {
  checkInt(r.unit, 1, 247, 'unit');
  checkInt(r.address, 0, 0xffff, 'address');
  if (r.fn === 'read-holding' || r.fn === 'read-input') {
    checkInt(r.count, 1, MODBUS_LIMITS.maxReadRegisters, 'count');
    checkInt(r.address + r.count - 1, 0, 0xffff, 'last address');
  } else if (r.fn === 'write-single') {
    checkInt(r.value, 0, 0xffff, 'value');
  } else {
    checkInt(r.values.length, 1, MODBUS_LIMITS.maxWriteRegisters, 'count');
    checkInt(r.address + r.values.length - 1, 0, 0xffff, 'last address');
    r.values.forEach((v) => checkInt(v, 0, 0xffff, 'value'));
  }
}

export function describeRequest(r: ModbusRequest): string {
  const count = r.fn === 'write-single' ? 1 : r.fn === 'write-multiple' ? r.values.length : r.count;
  return `${r.fn} unit ${r.unit} address ${r.address} count ${count}`;
}

/** Names of the exception codes of the Modbus application protocol. */
export const EXCEPTION_NAMES: Readonly<Record<number, string>> = {
  1: 'illegal function',
  2: 'illegal data address',
  3: 'illegal data value',
  4: 'server device failure',
  5: 'acknowledge',
  6: 'server device busy',
  8: 'memory parity error',
  10: 'gateway path unavailable',
  11: 'gateway target device failed to respond',
};
