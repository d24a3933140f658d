/**
 * `ModbusBus` over the modbus-serial package: RTU through serialport (`connectRTUBuffered`, which
 * frames replies by their expected length) and TCP (`connectTCP`). Both packages load lazily in
 * `open()`, so the rest of onecard runs where they failed to install.
 */
import type { ModbusRTU } from 'modbus-serial/ModbusRTU.js';
import type { Logger } from '../../../lib/log.js';
import {
  DEFAULT_TIMING,
  EXCEPTION_NAMES,
  defaultInterFrameSilenceMs,
  describeTransport,
  type ModbusBus,
  type ModbusRequest,
  type ModbusTiming,
  type ModbusTransport,
} from './bus.js';
import { QueuedModbusBus, type AttemptResult, type ModbusLink } from './queued-bus.js';

type ModbusRTUClass = typeof ModbusRTU;

/** Extra time the link waits beyond modbus-serial's own timeout before it gives up on a callback. */
const CALLBACK_GUARD_MS = 50;

export class ModbusLoadError extends Error {
  override name = 'ModbusLoadError';
}

async function loadModbusSerial(transport: ModbusTransport): Promise<ModbusRTUClass> {
  if (transport.kind === 'rtu') {
    try {
      await import('serialport');
    } catch (err) {
      throw new ModbusLoadError(
        `Modbus RTU needs the npm package serialport, which did not load (${(err as Error).message}). It is an optional dependency with a native part: ` +
          'install the build tools (Debian: apt-get install build-essential python3) and run npm ci again.',
        { cause: err },
      );
    }
  }
  try {
    // index.js sets module.exports to the class; its typings describe an ES default export.
    return (await import('modbus-serial')).default as unknown as ModbusRTUClass;
  } catch (err) {
    throw new ModbusLoadError(`Modbus needs the npm package modbus-serial, which did not load (${(err as Error).message}); run npm ci.`, { cause: err });
  }
}

interface ClientPort {
  _buffer?: Buffer;
}

function exceptionOf(err: unknown): number | null {
  const code = (err as { modbusCode?: unknown } | null)?.modbusCode;
  return typeof code === 'number' ? code : null;
}

/** Sorts modbus-serial's errors into the bus's kinds. */
export function classifyModbusSerialError(err: unknown, timeoutMs: number): AttemptResult {
  const message = err instanceof Error ? err.message : String(err);
  const code = exceptionOf(err);
  if (code !== null) return { ok: false, error: 'exception', exceptionCode: code, message: `exception ${code} (${EXCEPTION_NAMES[code] ?? 'unknown'})` };
  const errno = (err as { errno?: unknown } | null)?.errno;
  if (errno === 'ETIMEDOUT' || /timed out/i.test(message)) return { ok: false, error: 'timeout', message: `no reply within ${timeoutMs} ms` };
  if (/CRC error|Data length error|Unexpected data error/.test(message)) return { ok: false, error: 'crc', message: `corrupted reply: ${message}` };
  return { ok: false, error: 'disconnected', message };
}

export class ModbusSerialLink implements ModbusLink {
  readonly description: string;
  private client: ModbusRTU | null = null;
  private ModbusRTU: ModbusRTUClass | null = null;
  private broken = false;
  private settleInFlight: ((result: AttemptResult) => void) | null = null;

  constructor(
    private readonly transport: ModbusTransport,
    private readonly connectTimeoutMs: number,
    private readonly load: (t: ModbusTransport) => Promise<ModbusRTUClass> = loadModbusSerial,
  ) {
    this.description = describeTransport(transport);
  }

  get connected(): boolean {
    return this.client !== null && !this.broken && this.client.isOpen;
  }

  /** Loads the packages; rejects with ModbusLoadError when they are missing. */
  async prepare(): Promise<void> {
    this.ModbusRTU ??= await this.load(this.transport);
  }

  async connect(): Promise<{ ok: true } | { ok: false; message: string }> {
    await this.prepare();
    await this.dropClient();
    const client = new this.ModbusRTU!();
    client.on('error', (err: unknown) => this.lost(client, `port error: ${(err as Error)?.message ?? String(err)}`));
    client.on('close', () => this.lost(client, 'connection closed'));
    const t = this.transport;
    const opening =
      t.kind === 'rtu'
        ? client.connectRTUBuffered(t.path, { baudRate: t.baudRate, parity: t.parity, dataBits: t.dataBits, stopBits: t.stopBits })
        : client.connectTCP(t.host, { port: t.port });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.connectTimeoutMs)));
    try {
      const outcome = await Promise.race([opening.then(() => 'open' as const), timedOut]);
      if (outcome === 'timeout') {
        opening.catch(() => {});
        this.client = client;
        await this.dropClient();
        return { ok: false, message: `cannot connect: no connection within ${this.connectTimeoutMs} ms` };
      }
    } catch (err) {
      return { ok: false, message: `cannot connect: ${(err as Error).message}` };
    } finally {
      clearTimeout(timer);
    }
    this.client = client;
    this.broken = false;
    return { ok: true };
  }

  send(request: ModbusRequest, timeoutMs: number): Promise<AttemptResult> {
    const client = this.client;
    if (!client || !this.connected) return Promise.resolve({ ok: false, error: 'disconnected', message: 'not connected' });
    client.setID(request.unit);
    client.setTimeout(timeoutMs);
    return new Promise<AttemptResult>((resolve) => {
      const guard = setTimeout(() => settle({ ok: false, error: 'timeout', message: `no reply within ${timeoutMs} ms` }), timeoutMs + CALLBACK_GUARD_MS);
      const settle = (result: AttemptResult) => {
        if (this.settleInFlight !== settle) return;
        this.settleInFlight = null;
        clearTimeout(guard);
        resolve(result);
      };
      this.settleInFlight = settle;
      let call: Promise<AttemptResult>;
      try {
        call = issue(client, request);
      } catch (err) {
        call = Promise.reject(err);
      }
      call.then(settle, (err: unknown) => settle(classifyModbusSerialError(err, timeoutMs)));
    });
  }

  discardInput(): void {
    // The RTU buffered port keeps unclaimed bytes in `_buffer`; a late reply left there could be
    // taken for the next request's. TCP matches transaction ids and needs nothing.
    const port = (this.client as unknown as { _port?: ClientPort } | null)?._port;
    if (port && Buffer.isBuffer(port._buffer)) port._buffer = Buffer.alloc(0);
  }

  async close(): Promise<void> {
    this.settleInFlight?.({ ok: false, error: 'disconnected', message: 'closed while waiting for the reply' });
    await this.dropClient();
  }

  private lost(client: ModbusRTU, why: string): void {
    if (client !== this.client) return;
    this.broken = true;
    this.settleInFlight?.({ ok: false, error: 'disconnected', message: why });
  }

  private async dropClient(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    // A port that already closed (peer gone, device unplugged) never calls back from close().
    if (client.isOpen) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        try {
          client.close(() => {
            clearTimeout(timer);
            resolve();
          });
        } catch {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    // Keep an error listener: a port error after close must not crash the process.
    (client as unknown as NodeJS.EventEmitter).removeAllListeners();
    client.on('error', () => {});
  }
}

async function issue(client: ModbusRTU, r: ModbusRequest): Promise<AttemptResult> {
  switch (r.fn) {
    case 'read-holding':
    case 'read-input': {
      const res = r.fn === 'read-holding' ? await client.readHoldingRegisters(r.address, r.count) : await client.readInputRegisters(r.address, r.count);
      if (res.data.length !== r.count) return { ok: false, error: 'crc', message: `corrupted reply: ${res.data.length} registers for ${r.count} asked` };
      return { ok: true, registers: res.data };
    }
    case 'write-single': {
      const res = await client.writeRegister(r.address, r.value);
      if (res.address !== r.address || res.value !== r.value) return { ok: false, error: 'crc', message: `corrupted reply: echo ${res.address}=${res.value} for ${r.address}=${r.value}` };
      return { ok: true, registers: [res.value] };
    }
    case 'write-multiple': {
      const res = await client.writeRegisters(r.address, r.values);
      if (res.address !== r.address || res.length !== r.values.length) return { ok: false, error: 'crc', message: `corrupted reply: echo ${res.address}+${res.length} for ${r.address}+${r.values.length}` };
      return { ok: true, registers: [...r.values] };
    }
  }
}

export interface ModbusBusConfig {
  name: string;
  transport: ModbusTransport;
  timing?: Partial<ModbusTiming>;
  logger: Logger;
}

/** A bus on modbus-serial with the given timing (defaults: DEFAULT_TIMING, silence from the baud rate). */
export function createModbusBus(config: ModbusBusConfig): ModbusBus {
  const timing: ModbusTiming = { ...DEFAULT_TIMING, interFrameSilenceMs: defaultInterFrameSilenceMs(config.transport), ...config.timing };
  const link = new ModbusSerialLink(config.transport, timing.connectTimeoutMs);
  return new QueuedModbusBus({ name: config.name, link, timing, logger: config.logger });
}
