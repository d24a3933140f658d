/**
 * An emulated Modbus electricity meter: the register map of a model, filled from a small physical
 * state (power, voltage, relay) with energy that advances with the power over an injected clock.
 * The relay register is writable the way the model says (FC6 or FC16); with the relay open the
 * meter sees no load (power and current 0). Fault switches make it stay silent or answer every
 * request with an exception, and (over RTU) corrupt the CRC of its next replies, for self-tests.
 *
 * This file is the device; emulators/modbus-slave-servers.ts puts it on TCP or on a serial line.
 */
import { AssertionError } from '../lib/errors.js';
import { encodeValue, rawRange, registerCount } from '../controller/drivers/modbus/codec.js';
import { METER_QUANTITIES, type MeterModel, type MeterQuantity, type RegisterKind } from '../controller/drivers/modbus/meter-models.js';
import type { SlaveRequest } from './modbus-rtu.js';

export type MeterFault = { kind: 'none' } | { kind: 'silent' } | { kind: 'exception'; code: number } | { kind: 'corrupt-crc'; replies: number };

export type SlaveAnswer = { kind: 'silent' } | { kind: 'exception'; code: number } | { kind: 'registers'; registers: number[] } | { kind: 'written' };

export interface RecordedRequest {
  unit: number;
  fn: number;
  address: number;
  count: number;
}

export interface EmulatedMeterOptions {
  model: MeterModel;
  unit: number;
  powerW?: number;
  voltageMv?: number;
  energyWh?: number;
  relayClosed?: boolean;
  /** Milliseconds; energy advances with it. Default Date.now. */
  now?: () => number;
  /** Told each time a master switches the relay (for the emulate command's output). */
  onRelay?: (closed: boolean) => void;
}

const MAX_RECORDED_REQUESTS = 10_000;
const EXCEPTION_ILLEGAL_FUNCTION = 1;
const EXCEPTION_ILLEGAL_ADDRESS = 2;
const EXCEPTION_ILLEGAL_VALUE = 3;

export class EmulatedMeter {
  readonly model: MeterModel;
  readonly unit: number;
  readonly requests: RecordedRequest[] = [];
  private powerWSet: number;
  private voltageMvSet: number;
  private energyWhExact: number;
  private relayClosed_: boolean;
  private lastMs: number;
  private fault: MeterFault = { kind: 'none' };
  private readonly forced: Record<RegisterKind, Map<number, number>> = { input: new Map(), holding: new Map() };
  private readonly now: () => number;
  private readonly onRelay: (closed: boolean) => void;
  /** Highest served address per kind; reads past it get "illegal data address". */
  private readonly lastAddress: Record<RegisterKind, number> = { input: -1, holding: -1 };

  constructor(options: EmulatedMeterOptions) {
    if (!Number.isInteger(options.unit) || options.unit < 1 || options.unit > 247) throw new AssertionError(`emulated meter: unit ${options.unit} is not 1..247`);
    this.model = options.model;
    this.unit = options.unit;
    this.now = options.now ?? Date.now;
    this.onRelay = options.onRelay ?? (() => {});
    this.powerWSet = options.powerW ?? 0;
    this.voltageMvSet = options.voltageMv ?? 230_000;
    this.energyWhExact = options.energyWh ?? 0;
    this.relayClosed_ = options.relayClosed ?? true;
    this.lastMs = this.now();
    for (const q of METER_QUANTITIES) {
      const f = this.model.fields[q];
      if (f) this.lastAddress[f.kind] = Math.max(this.lastAddress[f.kind], f.address + registerCount(f.type) - 1);
    }
    if (this.model.relay) this.lastAddress.holding = Math.max(this.lastAddress.holding, this.model.relay.address);
  }

  /** The load's power while the relay is closed. */
  setPowerW(powerW: number): void {
    this.advance();
    this.powerWSet = powerW;
  }

  /** Sets the energy register (a counter reset, a replaced meter, an implausible jump). */
  setEnergyWh(energyWh: number): void {
    this.advance();
    this.energyWhExact = energyWh;
  }

  /** Adds energy as if a load had drawn it (tests that do not wait for power x time). */
  addEnergyWh(energyWh: number): void {
    this.advance();
    this.energyWhExact += energyWh;
  }

  setVoltageMv(voltageMv: number): void {
    this.voltageMvSet = voltageMv;
  }

  setFault(fault: MeterFault): void {
    this.fault = fault;
  }

  /** Makes registers read these raw values whatever the state (a broken meter's garbage, for tests). */
  forceRegisters(kind: RegisterKind, address: number, registers: number[]): void {
    registers.forEach((r, i) => this.forced[kind].set(address + i, r & 0xffff));
  }

  clearForcedRegisters(): void {
    this.forced.input.clear();
    this.forced.holding.clear();
  }

  get relayClosed(): boolean {
    return this.relayClosed_;
  }

  /** What the meter measures now (the relay open means no load). */
  state(): { energyWh: number; powerW: number; voltageMv: number; currentMa: number; relayClosed: boolean } {
    this.advance();
    const powerW = this.relayClosed_ ? this.powerWSet : 0;
    const currentMa = this.voltageMvSet > 0 ? (Math.abs(powerW) * 1_000_000) / this.voltageMvSet : 0;
    return { energyWh: this.energyWhExact, powerW, voltageMv: this.voltageMvSet, currentMa, relayClosed: this.relayClosed_ };
  }

  /** For the RTU server: true when this reply's CRC is to be corrupted (counts down the fault). */
  takeCrcCorruption(): boolean {
    if (this.fault.kind !== 'corrupt-crc' || this.fault.replies <= 0) return false;
    this.fault = this.fault.replies > 1 ? { kind: 'corrupt-crc', replies: this.fault.replies - 1 } : { kind: 'none' };
    return true;
  }

  /** Answers one request addressed to this unit. */
  handle(req: SlaveRequest): SlaveAnswer {
    const count = req.kind === 'read' ? req.count : req.kind === 'write-multiple' ? req.values.length : 1;
    if (this.requests.length >= MAX_RECORDED_REQUESTS) this.requests.shift();
    this.requests.push({ unit: req.unit, fn: req.fn, address: req.kind === 'other' ? 0 : req.address, count });
    if (this.fault.kind === 'silent') return { kind: 'silent' };
    if (this.fault.kind === 'exception') return { kind: 'exception', code: this.fault.code };
    switch (req.kind) {
      case 'other':
        return { kind: 'exception', code: EXCEPTION_ILLEGAL_FUNCTION };
      case 'read':
        return this.read(req.fn === 3 ? 'holding' : 'input', req.address, req.count);
      case 'write-single':
        // Some meters (the DDS238) do not implement FC6.
        if (this.model.relay?.write !== 'single') return { kind: 'exception', code: EXCEPTION_ILLEGAL_FUNCTION };
        return this.write(req.address, [req.value]);
      case 'write-multiple':
        return this.write(req.address, req.values);
    }
  }

  private read(kind: RegisterKind, address: number, count: number): SlaveAnswer {
    if (count < 1 || count > 125 || address + count - 1 > this.lastAddress[kind]) return { kind: 'exception', code: EXCEPTION_ILLEGAL_ADDRESS };
    const image = this.image(kind);
    return { kind: 'registers', registers: Array.from({ length: count }, (_, i) => image.get(address + i) ?? 0) };
  }

  private write(address: number, values: number[]): SlaveAnswer {
    const relay = this.model.relay;
    if (!relay || address !== relay.address || values.length !== 1) return { kind: 'exception', code: EXCEPTION_ILLEGAL_ADDRESS };
    const value = values[0]!;
    if (value !== relay.closedValue && value !== relay.openValue) return { kind: 'exception', code: EXCEPTION_ILLEGAL_VALUE };
    this.advance();
    const closed = value === relay.closedValue;
    const changed = closed !== this.relayClosed_;
    this.relayClosed_ = closed;
    if (changed) this.onRelay(closed);
    return { kind: 'written' };
  }

  /** The registers of one kind, from the current state. Unmapped addresses read 0. */
  private image(kind: RegisterKind): Map<number, number> {
    const s = this.state();
    const values: Record<MeterQuantity, number> = { energyWh: s.energyWh, powerW: s.powerW, voltageMv: s.voltageMv, currentMa: s.currentMa };
    const image = new Map<number, number>();
    for (const q of METER_QUANTITIES) {
      const f = this.model.fields[q];
      if (!f || f.kind !== kind) continue;
      let raw = values[q] / f.scale;
      if (f.type !== 'float32') {
        // Counters truncate (a meter never shows energy it has not measured); the rest round.
        raw = q === 'energyWh' ? Math.floor(raw + 1e-9) : Math.round(raw);
        const [min, max] = rawRange(f.type);
        raw = Math.min(max, Math.max(min, raw));
      }
      encodeValue(raw, f.type, f.wordOrder).forEach((r, i) => image.set(f.address + i, r));
    }
    const relay = this.model.relay;
    if (relay && kind === 'holding') image.set(relay.address, s.relayClosed ? relay.closedValue : relay.openValue);
    for (const [address, value] of this.forced[kind]) image.set(address, value);
    return image;
  }

  private advance(): void {
    const nowMs = this.now();
    const elapsedMs = Math.max(0, nowMs - this.lastMs);
    this.lastMs = nowMs;
    if (this.relayClosed_ && this.powerWSet > 0) this.energyWhExact += (this.powerWSet * elapsedMs) / 3_600_000;
  }
}
