/**
 * Puts emulated meters on the wire: Modbus TCP through modbus-serial's ServerTCP, and Modbus RTU
 * on a serial device (a socat pty in tests) with this project's own RTU slave framing
 * (emulators/modbus-rtu.ts). modbus-serial's ServerSerial is not used: it overwrites the CRC of
 * each received request with a computed one (so it never rejects a corrupted request), frames
 * requests by a fixed 30 ms pause, and cannot send a corrupted reply for fault tests.
 *
 * Several meters may share one server (different unit ids behind one gateway or on one RS-485
 * line); a request for a unit no meter has gets no answer, as on a real line.
 */
import { createServer } from 'node:net';
import type { IServiceVector, ServerTCP } from 'modbus-serial/ServerTCP.js';
import type { Logger } from '../lib/log.js';
import { silentLogger } from '../lib/log.js';
import { AssertionError } from '../lib/errors.js';
import type { EmulatedMeter, SlaveAnswer } from './modbus-meter.js';
import { decodeRequest, encodeExceptionReply, hasValidCrc, encodeReadReply, encodeWriteReply, scanRequestFrame, type SlaveRequest } from './modbus-rtu.js';

export interface MeterServer {
  /** Where it listens, e.g. `tcp 127.0.0.1:5020` or `rtu /dev/pts/3 9600 8N1`. */
  readonly where: string;
  close(): Promise<void>;
}

/** Bytes a serial slave buffers before it drops them as noise. */
const RTU_MAX_BUFFERED_BYTES = 1024;
/** A partial frame older than this is dropped (the line went quiet mid-frame). */
const RTU_STALE_PARTIAL_MS = 50;

function byUnit(meters: readonly EmulatedMeter[]): Map<number, EmulatedMeter> {
  const map = new Map<number, EmulatedMeter>();
  for (const m of meters) {
    if (map.has(m.unit)) throw new AssertionError(`two emulated meters with unit ${m.unit} on one server`);
    map.set(m.unit, m);
  }
  return map;
}

async function freePort(host: string): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, host, resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error(`cannot find a free port on ${host}`);
  return address.port;
}

/** ServerTCP's callbacks; `value` is a register, a register array or nothing, by vector function. */
type Callback = (err: Error | null, value: never) => void;

/**
 * Modbus TCP on HOST:PORT (port 0: a free port, printed in `where`). ServerTCP treats port 0 as
 * 502, so a free port is found first; it is retried a few times if someone takes it meanwhile.
 */
export async function serveMetersTcp(meters: readonly EmulatedMeter[], opts: { host: string; port: number; replyDelayMs?: number; logger?: Logger }): Promise<MeterServer & { port: number }> {
  const units = byUnit(meters);
  const logger = opts.logger ?? silentLogger;
  const ServerTCPClass = ((await import('modbus-serial')).default as unknown as { ServerTCP: typeof ServerTCP }).ServerTCP;
  const deliver = (fn: () => void) => (opts.replyDelayMs ? setTimeout(fn, opts.replyDelayMs) : fn());
  const respond = (req: SlaveRequest, cb: Callback, single: boolean) => {
    const meter = units.get(req.unit);
    if (!meter) return;
    const answer: SlaveAnswer = meter.handle(req);
    if (answer.kind === 'silent') return;
    deliver(() => {
      // ServerTCP's FC4 path indexes the values even on an error: give it an empty array.
      if (answer.kind === 'exception') cb(Object.assign(new Error(`exception ${answer.code}`), { modbusErrorCode: answer.code }), (single ? undefined : []) as never);
      else if (answer.kind === 'registers') cb(null, (single ? answer.registers[0] : answer.registers) as never);
      else cb(null, undefined as never);
    });
  };
  const vector: IServiceVector = {
    getInputRegister: (address: number, unit: number, cb: Callback) => respond({ kind: 'read', unit, fn: 4, address, count: 1 }, cb, true),
    getMultipleInputRegisters: (address: number, count: number, unit: number, cb: Callback) => respond({ kind: 'read', unit, fn: 4, address, count }, cb, false),
    getHoldingRegister: (address: number, unit: number, cb: Callback) => respond({ kind: 'read', unit, fn: 3, address, count: 1 }, cb, true),
    getMultipleHoldingRegisters: (address: number, count: number, unit: number, cb: Callback) => respond({ kind: 'read', unit, fn: 3, address, count }, cb, false),
    setRegister: (address: number, value: number, unit: number, cb: Callback) => respond({ kind: 'write-single', unit, fn: 6, address, value }, cb, false),
    setRegisterArray: (address: number, values: number[], unit: number, cb: Callback) => respond({ kind: 'write-multiple', unit, fn: 16, address, values }, cb, false),
  };
  for (let attempt = 1; ; attempt++) {
    const port = opts.port === 0 ? await freePort(opts.host) : opts.port;
    const server = new ServerTCPClass(vector, { host: opts.host, port, unitID: 255 });
    server.on('socketError', (err: Error | null) => logger.log('debug', 'emulator.modbus_tcp.socket_error', { message: err?.message }));
    server.on('error', (err: Error | null) => logger.log('warn', 'emulator.modbus_tcp.error', { message: err?.message }));
    const started = await new Promise<Error | null>((resolve) => {
      server.once('initialized', () => resolve(null));
      server.once('serverError', (err: Error | null) => resolve(err ?? new Error('server error')));
    });
    if (!started) {
      const where = `tcp ${opts.host}:${port}`;
      return { where, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
    }
    if (opts.port !== 0 || attempt >= 5 || (started as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
      throw new Error(`cannot listen on ${opts.host}:${port}: ${started.message}`);
    }
  }
}

export interface RtuLineOptions {
  path: string;
  baudRate?: number;
  parity?: 'none' | 'even' | 'odd';
  dataBits?: 7 | 8;
  stopBits?: 1 | 2;
  replyDelayMs?: number;
  logger?: Logger;
}

/** Counters of what the slave saw on the line. */
export interface RtuLineStats {
  frames: number;
  noiseBytes: number;
  /** Requests that arrived while a reply to an earlier one was still pending: a master that does not wait. */
  overlapped: number;
}

/** Modbus RTU slave on a serial device, with this project's framing (length by function code, CRC checked). */
export async function serveMetersRtu(meters: readonly EmulatedMeter[], opts: RtuLineOptions): Promise<MeterServer & { stats: RtuLineStats }> {
  const units = byUnit(meters);
  const logger = opts.logger ?? silentLogger;
  const { SerialPort } = await import('serialport');
  const settings = { baudRate: opts.baudRate ?? 9600, parity: opts.parity ?? 'none', dataBits: opts.dataBits ?? 8, stopBits: opts.stopBits ?? 1 } as const;
  const port = new SerialPort({ path: opts.path, ...settings, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(new Error(`cannot open ${opts.path}: ${err.message}`)) : resolve())));
  const stats: RtuLineStats = { frames: 0, noiseBytes: 0, overlapped: 0 };
  const timers = new Set<NodeJS.Timeout>();
  let pending = 0;
  let buffer: Buffer = Buffer.alloc(0);
  let staleTimer: NodeJS.Timeout | null = null;

  const reply = (bytes: Buffer) => {
    pending++;
    const send = () => {
      pending--;
      if (port.isOpen) port.write(bytes);
    };
    if (!opts.replyDelayMs) return send();
    const t = setTimeout(() => {
      timers.delete(t);
      send();
    }, opts.replyDelayMs);
    timers.add(t);
  };

  const onFrame = (frame: Buffer) => {
    stats.frames++;
    const req = decodeRequest(frame);
    if (!req) return;
    const meter = units.get(req.unit);
    if (!meter) return;
    if (pending > 0) stats.overlapped++;
    const answer = meter.handle(req);
    let bytes: Buffer;
    if (answer.kind === 'silent') return;
    if (answer.kind === 'exception') bytes = encodeExceptionReply(req.unit, req.fn, answer.code);
    else if (answer.kind === 'registers' && req.kind === 'read') bytes = encodeReadReply(req.unit, req.fn, answer.registers);
    else if (req.kind === 'write-multiple') bytes = encodeWriteReply(req.unit, 16, req.address, req.values.length);
    else if (req.kind === 'write-single') bytes = encodeWriteReply(req.unit, 6, req.address, req.value);
    else return;
    if (meter.takeCrcCorruption()) bytes[bytes.length - 1]! ^= 0xff;
    reply(bytes);
  };

  const scan = () => {
    for (;;) {
      if (buffer.length === 0) return;
      const found = scanRequestFrame(buffer);
      if (found.kind === 'frame') {
        buffer = found.rest;
        onFrame(found.frame);
      } else if (found.kind === 'garbage') {
        stats.noiseBytes += found.skip;
        buffer = buffer.subarray(found.skip);
      } else {
        // Wait for the rest; a frame of unknown length ends with the line going quiet.
        if (staleTimer) clearTimeout(staleTimer);
        staleTimer = setTimeout(() => {
          staleTimer = null;
          if (!found.lengthKnown && buffer.length >= 4) {
            const frame = buffer;
            buffer = Buffer.alloc(0);
            if (hasValidCrc(frame)) onFrame(frame);
            else stats.noiseBytes += frame.length;
            return;
          }
          stats.noiseBytes += buffer.length;
          buffer = Buffer.alloc(0);
        }, RTU_STALE_PARTIAL_MS);
        return;
      }
    }
  };

  port.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (buffer.length > RTU_MAX_BUFFERED_BYTES) {
      stats.noiseBytes += buffer.length;
      buffer = Buffer.alloc(0);
    }
    scan();
  });
  port.on('error', (err: Error) => logger.log('warn', 'emulator.modbus_rtu.error', { path: opts.path, message: err.message }));

  const where = `rtu ${opts.path} ${settings.baudRate} ${settings.dataBits}${settings.parity[0]!.toUpperCase()}${settings.stopBits}`;
  return {
    where,
    stats,
    close: async () => {
      if (staleTimer) clearTimeout(staleTimer);
      for (const t of timers) clearTimeout(t);
      timers.clear();
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    },
  };
}
