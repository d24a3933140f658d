/**
 * An emulated Modbus bus: the real queue (QueuedModbusBus: one request at a time, bounded queue,
 * retries, logging) over an in-memory link to emulated meters instead of a serial line or socket.
 * No bytes and no waiting: a silent meter or a unit no meter has gives `timeout` at once, a meter
 * with the corrupt-crc fault gives `crc`. For points, the demo and tests that need a `Meter`
 * without a line; the wire itself is emulated by emulators/modbus-slave-servers.ts.
 */
import type { Logger } from '../lib/log.js';
import { DEFAULT_TIMING, EXCEPTION_NAMES, type ModbusBus, type ModbusRequest, type ModbusTiming } from '../controller/drivers/modbus/bus.js';
import { QueuedModbusBus, type AttemptResult, type ModbusLink } from '../controller/drivers/modbus/queued-bus.js';
import type { EmulatedMeter } from './modbus-meter.js';
import type { SlaveRequest } from './modbus-rtu.js';

function toSlaveRequest(r: ModbusRequest): SlaveRequest {
  switch (r.fn) {
    case 'read-holding':
      return { kind: 'read', unit: r.unit, fn: 3, address: r.address, count: r.count };
    case 'read-input':
      return { kind: 'read', unit: r.unit, fn: 4, address: r.address, count: r.count };
    case 'write-single':
      return { kind: 'write-single', unit: r.unit, fn: 6, address: r.address, value: r.value };
    case 'write-multiple':
      return { kind: 'write-multiple', unit: r.unit, fn: 16, address: r.address, values: r.values };
  }
}

export class EmulatedModbusLink implements ModbusLink {
  readonly description = 'emulated';
  /** Requests sent, in order (for tests). */
  readonly sent: ModbusRequest[] = [];
  private readonly meters = new Map<number, EmulatedMeter>();
  private open = false;

  constructor(meters: readonly EmulatedMeter[]) {
    for (const m of meters) this.meters.set(m.unit, m);
  }

  get connected(): boolean {
    return this.open;
  }

  async prepare(): Promise<void> {}

  async connect(): Promise<{ ok: true }> {
    this.open = true;
    return { ok: true };
  }

  async send(request: ModbusRequest, timeoutMs: number): Promise<AttemptResult> {
    if (this.sent.length >= 10_000) this.sent.shift();
    this.sent.push(request);
    const meter = this.meters.get(request.unit);
    const timeout: AttemptResult = { ok: false, error: 'timeout', message: `no reply within ${timeoutMs} ms (emulated)` };
    if (!meter) return timeout;
    const answer = meter.handle(toSlaveRequest(request));
    if (answer.kind === 'silent') return timeout;
    if (meter.takeCrcCorruption()) return { ok: false, error: 'crc', message: 'corrupted reply: CRC error (emulated)' };
    if (answer.kind === 'exception') return { ok: false, error: 'exception', exceptionCode: answer.code, message: `exception ${answer.code} (${EXCEPTION_NAMES[answer.code] ?? 'unknown'})` };
    if (answer.kind === 'registers') return { ok: true, registers: answer.registers };
    return { ok: true, registers: request.fn === 'write-single' ? [request.value] : request.fn === 'write-multiple' ? [...request.values] : [] };
  }

  discardInput(): void {}

  async close(): Promise<void> {
    this.open = false;
  }
}

export function createEmulatedModbusBus(meters: readonly EmulatedMeter[], options: { name: string; logger: Logger; timing?: Partial<ModbusTiming> }): ModbusBus & { link: EmulatedModbusLink } {
  const link = new EmulatedModbusLink(meters);
  const bus = new QueuedModbusBus({ name: options.name, link, logger: options.logger, timing: { ...DEFAULT_TIMING, interFrameSilenceMs: 0, ...options.timing } });
  return Object.assign(bus, { link });
}
