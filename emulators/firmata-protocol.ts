/**
 * Firmata 2.x, the board's side: a streaming parser for what a host (firmata.js, johnny-five) sends,
 * and encoders for what a board (StandardFirmata 2.5) answers. Pure: bytes in, values out, no I/O.
 * Protocol: https://github.com/firmata/protocol (protocol.md, capability-query.md, pin-state-query.md).
 *
 * Multi-byte numbers travel as 7-bit groups, least significant first; a digital port is 8 pins
 * (port p holds pins 8p..8p+7, bit i = pin 8p+i).
 */
import { assert } from '../lib/errors.js';

export const DIGITAL_MESSAGE = 0x90;
export const ANALOG_MESSAGE = 0xe0;
export const REPORT_ANALOG = 0xc0;
export const REPORT_DIGITAL = 0xd0;
export const START_SYSEX = 0xf0;
export const SET_PIN_MODE = 0xf4;
export const SET_DIGITAL_PIN_VALUE = 0xf5;
export const END_SYSEX = 0xf7;
export const REPORT_VERSION = 0xf9;
export const SYSTEM_RESET = 0xff;

export const ANALOG_MAPPING_QUERY = 0x69;
export const ANALOG_MAPPING_RESPONSE = 0x6a;
export const CAPABILITY_QUERY = 0x6b;
export const CAPABILITY_RESPONSE = 0x6c;
export const PIN_STATE_QUERY = 0x6d;
export const PIN_STATE_RESPONSE = 0x6e;
export const STRING_DATA = 0x71;
export const QUERY_FIRMWARE = 0x79;
export const SAMPLING_INTERVAL = 0x7a;

/** Pin modes as numbered by the protocol. */
export const PinMode = { INPUT: 0x00, OUTPUT: 0x01, ANALOG: 0x02, PWM: 0x03, SERVO: 0x04, PULLUP: 0x0b } as const;

/** What a host can send, decoded. `discarded` is a byte run that is not a valid message. */
export type HostCommand =
  | { kind: 'report-version' }
  | { kind: 'system-reset' }
  | { kind: 'set-pin-mode'; pin: number; mode: number }
  | { kind: 'set-digital-pin-value'; pin: number; value: 0 | 1 }
  | { kind: 'digital-message'; port: number; value: number }
  | { kind: 'analog-message'; pin: number; value: number }
  | { kind: 'report-digital'; port: number; enabled: boolean }
  | { kind: 'report-analog'; pin: number; enabled: boolean }
  | { kind: 'query-firmware' }
  | { kind: 'capability-query' }
  | { kind: 'analog-mapping-query' }
  | { kind: 'pin-state-query'; pin: number }
  | { kind: 'sampling-interval'; intervalMs: number }
  | { kind: 'sysex'; command: number; data: number[] }
  | { kind: 'discarded'; reason: 'stray-data' | 'interrupted' | 'unknown-command' | 'sysex-too-long' | 'malformed'; bytes: number[] };

/** Data bytes that follow each non-sysex status byte a host may send. */
function dataLength(status: number): number | null {
  const high = status & 0xf0;
  if (high === DIGITAL_MESSAGE || high === ANALOG_MESSAGE) return 2;
  if (high === REPORT_ANALOG || high === REPORT_DIGITAL) return 1;
  if (status === SET_PIN_MODE || status === SET_DIGITAL_PIN_VALUE) return 2;
  if (status === REPORT_VERSION || status === SYSTEM_RESET) return 0;
  return null;
}

/**
 * Streaming parser of host → board bytes. Messages may be split across `feed` calls. A status byte
 * arriving inside an unfinished message discards that message (the board resynchronises on it),
 * as StandardFirmata does. A sysex longer than `maxSysexBytes` is discarded up to its END_SYSEX.
 */
export class HostCommandParser {
  private message: number[] = [];
  private inSysex = false;
  private skippingSysex = false;

  constructor(private readonly maxSysexBytes = 1024) {
    assert(Number.isInteger(maxSysexBytes) && maxSysexBytes >= 3, 'maxSysexBytes must be an integer >= 3');
  }

  feed(bytes: Uint8Array | readonly number[]): HostCommand[] {
    const out: HostCommand[] = [];
    for (const byte of bytes) this.push(byte & 0xff, out);
    return out;
  }

  private push(byte: number, out: HostCommand[]): void {
    if (this.skippingSysex) {
      if (byte === END_SYSEX) this.skippingSysex = false;
      else if (byte < 0x80) return;
      else {
        this.skippingSysex = false;
        this.push(byte, out);
      }
      return;
    }
    if (this.inSysex) {
      if (byte === END_SYSEX) {
        out.push(decodeSysex(this.message.slice(1)));
        this.reset();
      } else if (byte >= 0x80) {
        out.push({ kind: 'discarded', reason: 'interrupted', bytes: this.message });
        this.reset();
        this.push(byte, out);
      } else if (this.message.length >= this.maxSysexBytes) {
        out.push({ kind: 'discarded', reason: 'sysex-too-long', bytes: this.message.slice(0, 16) });
        this.reset();
        this.skippingSysex = true;
      } else {
        this.message.push(byte);
      }
      return;
    }
    if (byte >= 0x80) {
      if (this.message.length > 0) out.push({ kind: 'discarded', reason: 'interrupted', bytes: this.message });
      this.reset();
      if (byte === START_SYSEX) {
        this.inSysex = true;
        this.message = [byte];
        return;
      }
      const length = dataLength(byte);
      if (length === null) {
        out.push({ kind: 'discarded', reason: 'unknown-command', bytes: [byte] });
        return;
      }
      this.message = [byte];
      if (length === 0) this.complete(out);
      return;
    }
    if (this.message.length === 0) {
      const last = out[out.length - 1];
      if (last?.kind === 'discarded' && last.reason === 'stray-data') last.bytes.push(byte);
      else out.push({ kind: 'discarded', reason: 'stray-data', bytes: [byte] });
      return;
    }
    this.message.push(byte);
    if (this.message.length - 1 === dataLength(this.message[0]!)) this.complete(out);
  }

  private complete(out: HostCommand[]): void {
    out.push(decodeMessage(this.message));
    this.reset();
  }

  private reset(): void {
    this.message = [];
    this.inSysex = false;
  }
}

function decodeMessage(m: number[]): HostCommand {
  const status = m[0]!;
  const a = m[1] ?? 0;
  const b = m[2] ?? 0;
  const high = status & 0xf0;
  if (high === DIGITAL_MESSAGE) return { kind: 'digital-message', port: status & 0x0f, value: a | (b << 7) };
  if (high === ANALOG_MESSAGE) return { kind: 'analog-message', pin: status & 0x0f, value: a | (b << 7) };
  if (high === REPORT_DIGITAL) return { kind: 'report-digital', port: status & 0x0f, enabled: a !== 0 };
  if (high === REPORT_ANALOG) return { kind: 'report-analog', pin: status & 0x0f, enabled: a !== 0 };
  if (status === SET_PIN_MODE) return { kind: 'set-pin-mode', pin: a, mode: b };
  if (status === SET_DIGITAL_PIN_VALUE) return { kind: 'set-digital-pin-value', pin: a, value: b === 0 ? 0 : 1 };
  if (status === REPORT_VERSION) return { kind: 'report-version' };
  return { kind: 'system-reset' };
}

/** `body` is the sysex without START_SYSEX and END_SYSEX: command byte, then data. */
function decodeSysex(body: number[]): HostCommand {
  const command = body[0];
  const data = body.slice(1);
  if (command === undefined) return { kind: 'discarded', reason: 'malformed', bytes: [START_SYSEX, END_SYSEX] };
  const malformed = (): HostCommand => ({ kind: 'discarded', reason: 'malformed', bytes: [START_SYSEX, ...body, END_SYSEX] });
  switch (command) {
    case QUERY_FIRMWARE:
      return data.length === 0 ? { kind: 'query-firmware' } : { kind: 'sysex', command, data };
    case CAPABILITY_QUERY:
      return data.length === 0 ? { kind: 'capability-query' } : malformed();
    case ANALOG_MAPPING_QUERY:
      return data.length === 0 ? { kind: 'analog-mapping-query' } : malformed();
    case PIN_STATE_QUERY:
      return data.length === 1 ? { kind: 'pin-state-query', pin: data[0]! } : malformed();
    case SAMPLING_INTERVAL:
      return data.length === 2 ? { kind: 'sampling-interval', intervalMs: data[0]! | (data[1]! << 7) } : malformed();
    default:
      return { kind: 'sysex', command, data };
  }
}

/** A value as 7-bit groups, least significant first, at least `minBytes` of them. */
export function to7BitGroups(value: number, minBytes = 1): number[] {
  assert(Number.isSafeInteger(value) && value >= 0, `7-bit groups of ${value}: not a non-negative integer`);
  const out: number[] = [];
  let rest = value;
  do {
    out.push(rest & 0x7f);
    rest = Math.floor(rest / 128);
  } while (rest > 0 || out.length < minBytes);
  return out;
}

function byte7(value: number, what: string): number {
  assert(Number.isInteger(value) && value >= 0 && value <= 0x7f, `${what} ${value} is not 0-127`);
  return value;
}

export function encodeReportVersion(major: number, minor: number): Uint8Array {
  return Uint8Array.from([REPORT_VERSION, byte7(major, 'major'), byte7(minor, 'minor')]);
}

/** QUERY_FIRMWARE answer: version, then the name's UTF-8 bytes each as two 7-bit bytes. */
export function encodeFirmwareReport(major: number, minor: number, name: string): Uint8Array {
  const chars = [...Buffer.from(name, 'utf8')].flatMap((c) => [c & 0x7f, c >> 7]);
  return Uint8Array.from([START_SYSEX, QUERY_FIRMWARE, byte7(major, 'major'), byte7(minor, 'minor'), ...chars, END_SYSEX]);
}

export interface ModeCapability {
  mode: number;
  /** Bits of resolution (1 for digital, 10 for a 10-bit ADC, 8 for PWM). */
  resolutionBits: number;
}

/** CAPABILITY_RESPONSE: per pin its (mode, resolution) pairs, each pin ended by 0x7F. */
export function encodeCapabilityResponse(pins: readonly (readonly ModeCapability[])[]): Uint8Array {
  const body = pins.flatMap((modes) => [...modes.flatMap((m) => [byte7(m.mode, 'mode'), byte7(m.resolutionBits, 'resolution')]), 0x7f]);
  return Uint8Array.from([START_SYSEX, CAPABILITY_RESPONSE, ...body, END_SYSEX]);
}

/** ANALOG_MAPPING_RESPONSE: per pin its analog channel, or 0x7F for a pin without one. */
export function encodeAnalogMappingResponse(channels: readonly (number | null)[]): Uint8Array {
  const body = channels.map((c) => (c === null ? 0x7f : byte7(c, 'analog channel')));
  return Uint8Array.from([START_SYSEX, ANALOG_MAPPING_RESPONSE, ...body, END_SYSEX]);
}

/** PIN_STATE_RESPONSE: for an output the level last written, for an input whether the pull-up is on. */
export function encodePinStateResponse(pin: number, mode: number, state: number): Uint8Array {
  return Uint8Array.from([START_SYSEX, PIN_STATE_RESPONSE, byte7(pin, 'pin'), byte7(mode, 'mode'), ...to7BitGroups(state), END_SYSEX]);
}

/** DIGITAL_MESSAGE for one port: `value` is the port's 8 pin levels, bit i = pin 8*port+i. */
export function encodeDigitalMessage(port: number, value: number): Uint8Array {
  assert(Number.isInteger(port) && port >= 0 && port <= 15, `port ${port} is not 0-15`);
  assert(Number.isInteger(value) && value >= 0 && value <= 0xff, `port value ${value} is not 0-255`);
  return Uint8Array.from([DIGITAL_MESSAGE | port, value & 0x7f, value >> 7]);
}

/** ANALOG_MESSAGE for channels 0-15, value up to 14 bits. */
export function encodeAnalogMessage(channel: number, value: number): Uint8Array {
  assert(Number.isInteger(channel) && channel >= 0 && channel <= 15, `analog channel ${channel} is not 0-15`);
  assert(Number.isInteger(value) && value >= 0 && value <= 0x3fff, `analog value ${value} is not 0-16383`);
  return Uint8Array.from([ANALOG_MESSAGE | channel, value & 0x7f, value >> 7]);
}

/** STRING_DATA: a message from the board (StandardFirmata reports errors so), ASCII as 7-bit pairs. */
export function encodeStringData(text: string): Uint8Array {
  const chars = [...Buffer.from(text, 'ascii')].flatMap((c) => [c & 0x7f, c >> 7]);
  return Uint8Array.from([START_SYSEX, STRING_DATA, ...chars, END_SYSEX]);
}
