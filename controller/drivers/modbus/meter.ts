/**
 * An electricity meter: a room's energy, power, voltage and current, and on prepaid meters the
 * supply relay.
 *
 * Contract:
 * - `read()` resolves (never rejects) to a typed result. A reading has every quantity the model
 *   has, each an integer in the unit of its name (energyWh, powerW, voltageMv, currentMa), plus
 *   `relayClosed` where the model has a relay (true = contacts closed, supply on). A reading is
 *   all or nothing: when any request fails, `read()` gives that failure (`timeout`, `crc`,
 *   `exception`, `disconnected`, `busy`) and no values.
 * - A value the meter sent that cannot be right (NaN or infinite, negative energy, outside the
 *   model's plausible range, a relay register holding neither the open nor the closed value) is
 *   the error `implausible`, never a reading, and is logged.
 * - `setRelay(closed)` writes the relay register, reads it back, and resolves ok only when the
 *   meter holds the state asked for. Calling it on a model without a relay is a programmer error
 *   (AssertionError); check `hasRelay`.
 * - A meter does not own its bus: several meters share one, which orders their requests; opening
 *   and closing the bus is its owner's job.
 */
import { AssertionError } from '../../../lib/errors.js';
import type { Logger } from '../../../lib/log.js';
import type { ModbusBus, ModbusErrorKind, ModbusResult } from './bus.js';
import { decodeValue, registerCount, type ValueType, type WordOrder } from './codec.js';
import { METER_QUANTITIES, type MeterModel, type MeterQuantity, type RegisterKind } from './meter-models.js';

export type MeterErrorKind = ModbusErrorKind | 'implausible';

export interface MeterReading {
  energyWh?: number;
  powerW?: number;
  voltageMv?: number;
  currentMa?: number;
  relayClosed?: boolean;
}

export type MeterFailure = { ok: false; error: MeterErrorKind; exceptionCode?: number; message: string };
export type MeterReadResult = { ok: true; reading: MeterReading } | MeterFailure;
export type MeterRelayResult = { ok: true; relayClosed: boolean } | MeterFailure;

export interface Meter {
  readonly name: string;
  readonly model: MeterModel;
  readonly hasRelay: boolean;
  read(): Promise<MeterReadResult>;
  setRelay(closed: boolean): Promise<MeterRelayResult>;
}

export interface ReadItem {
  name: MeterQuantity | 'relay';
  /** Registers from the start of the block. */
  offset: number;
  type: ValueType;
  wordOrder: WordOrder;
}

export interface ReadBlock {
  kind: RegisterKind;
  address: number;
  count: number;
  items: ReadItem[];
}

/**
 * The read requests for a model: fields of one kind are read together while the span from the
 * first register to the end of the last stays within `maxRegistersPerRead`; a field is always
 * read whole.
 */
export function planReads(model: MeterModel): ReadBlock[] {
  const entries: Array<{ name: MeterQuantity | 'relay'; kind: RegisterKind; address: number; type: ValueType; wordOrder: WordOrder }> = [];
  for (const q of METER_QUANTITIES) {
    const f = model.fields[q];
    if (f) entries.push({ name: q, kind: f.kind, address: f.address, type: f.type, wordOrder: f.wordOrder });
  }
  if (model.relay) entries.push({ name: 'relay', kind: 'holding', address: model.relay.address, type: 'u16', wordOrder: 'high-first' });
  const blocks: ReadBlock[] = [];
  for (const kind of ['input', 'holding'] as const) {
    const sorted = entries.filter((e) => e.kind === kind).sort((a, b) => a.address - b.address);
    let block: ReadBlock | null = null;
    for (const e of sorted) {
      const end = e.address + registerCount(e.type);
      if (block && end - block.address <= Math.max(model.maxRegistersPerRead, 1)) {
        block.count = Math.max(block.count, end - block.address);
      } else {
        block = { kind, address: e.address, count: end - e.address, items: [] };
        blocks.push(block);
      }
      block.items.push({ name: e.name, offset: e.address - block.address, type: e.type, wordOrder: e.wordOrder });
    }
  }
  return blocks;
}

export interface ModbusMeterOptions {
  name: string;
  bus: ModbusBus;
  /** Modbus unit id (slave address) of the meter, 1..247. */
  unit: number;
  model: MeterModel;
  logger: Logger;
}

export class ModbusMeter implements Meter {
  readonly name: string;
  readonly model: MeterModel;
  private readonly plan: ReadBlock[];

  constructor(private readonly options: ModbusMeterOptions) {
    if (!Number.isInteger(options.unit) || options.unit < 1 || options.unit > 247) throw new AssertionError(`meter ${options.name}: unit ${options.unit} is not 1..247`);
    this.name = options.name;
    this.model = options.model;
    this.plan = planReads(options.model);
    if (this.plan.length === 0) throw new AssertionError(`meter ${options.name}: model ${options.model.id} has no fields`);
  }

  get hasRelay(): boolean {
    return this.model.relay !== undefined;
  }

  async read(): Promise<MeterReadResult> {
    const { bus, unit } = this.options;
    const reading: MeterReading = {};
    for (const block of this.plan) {
      const res = block.kind === 'input' ? await bus.readInputRegisters(unit, block.address, block.count) : await bus.readHoldingRegisters(unit, block.address, block.count);
      if (!res.ok) return this.failed(res);
      for (const item of block.items) {
        const registers = res.registers.slice(item.offset, item.offset + registerCount(item.type));
        const problem = item.name === 'relay' ? this.takeRelay(registers[0]!, reading) : this.takeValue(item.name, registers, reading);
        if (problem) return this.implausible(problem);
      }
    }
    return { ok: true, reading };
  }

  async setRelay(closed: boolean): Promise<MeterRelayResult> {
    const relay = this.model.relay;
    if (!relay) throw new AssertionError(`meter ${this.name}: model ${this.model.id} has no relay`);
    const { bus, unit, logger } = this.options;
    const value = closed ? relay.closedValue : relay.openValue;
    const written = relay.write === 'single' ? await bus.writeRegister(unit, relay.address, value) : await bus.writeRegisters(unit, relay.address, [value]);
    if (!written.ok) return this.failed(written);
    const back = await bus.readHoldingRegisters(unit, relay.address, 1);
    if (!back.ok) return this.failed({ ...back, message: `relay written, but reading it back failed: ${back.message}` });
    if (back.registers[0] !== value) return this.implausible(`relay register ${relay.address} reads ${back.registers[0]} after ${value} was written`);
    logger.log('info', 'meter.relay', { meter: this.name, closed });
    return { ok: true, relayClosed: closed };
  }

  private takeValue(name: MeterQuantity, registers: number[], reading: MeterReading): string | null {
    const field = this.model.fields[name]!;
    const raw = decodeValue(registers, field.type, field.wordOrder);
    const value = raw * field.scale;
    if (!Number.isFinite(value)) return `${name}: register ${field.address} holds ${raw}`;
    if (name === 'energyWh' && value < 0) return `energyWh: negative energy ${value} (register ${field.address} raw ${raw})`;
    if (value < field.min || value > field.max) return `${name}: ${value} is outside ${field.min}..${field.max} (register ${field.address} raw ${raw})`;
    reading[name] = Math.round(value) || 0;
    return null;
  }

  private takeRelay(raw: number, reading: MeterReading): string | null {
    const relay = this.model.relay!;
    if (raw === relay.closedValue) reading.relayClosed = true;
    else if (raw === relay.openValue) reading.relayClosed = false;
    else return `relay: register ${relay.address} holds ${raw}, neither closed (${relay.closedValue}) nor open (${relay.openValue})`;
    return null;
  }

  private failed(res: Extract<ModbusResult, { ok: false }>): MeterFailure {
    return { ok: false, error: res.error, ...(res.exceptionCode === undefined ? {} : { exceptionCode: res.exceptionCode }), message: `meter ${this.name}: ${res.message}` };
  }

  private implausible(problem: string): MeterFailure {
    this.options.logger.log('warn', 'meter.implausible', { meter: this.name, model: this.model.id, problem });
    return { ok: false, error: 'implausible', message: `meter ${this.name}: implausible reading: ${problem}` };
  }
}
