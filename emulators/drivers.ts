import { EmulatedCardReader } from './card-reader.js';
import { EmulatedRelay } from './relay.js';
import { EmulatedDigitalInput, EmulatedPulseCounter, EmulatedValve } from './io.js';
import { EmulatedMeter, type MeterFault } from './modbus-meter.js';
import { createEmulatedModbusBus } from './modbus-bus.js';
import { ModbusMeter } from '../controller/drivers/modbus/meter.js';
import { BUILT_IN_MODELS } from '../controller/drivers/modbus/meter-models.js';
import type { DriverFactory, MeterDevice } from '../controller/drivers/factory.js';
import { meterDevice } from '../controller/drivers/modbus/meter-device.js';
import type { MeterSpec } from '../controller/drivers/specs.js';
import { silentLogger, type Logger } from '../lib/log.js';

interface DriverSpec {
  driver: string;
  /** A fault to start with (controller/drivers/specs.ts lists them per kind). */
  fault?: string | undefined;
  /** Pulse counters: emulated water while the point's valve is open. */
  flowPulsesPerSecond?: number | undefined;
}

/** Every fault an emulator takes, by kind ('none' clears it). */
export const EMULATED_FAULTS = {
  reader: ['none', 'unplugged'],
  relay: ['none', 'stuck-open', 'stuck-closed'],
  valve: ['none', 'stuck-open', 'stuck-closed'],
  'pulse counter': ['none', 'stuck'],
  meter: ['none', 'silent', 'corrupt-crc', 'exception'],
} as const;

/** Modbus exception a meter with the `exception` fault answers: 4, slave device failure. */
const METER_FAULT_EXCEPTION = 4;

export interface EmulatedDriversOptions {
  /** Monotonic ms for the times emulators record (pulse times, edges); default performance.now(). */
  now?: () => number;
  /** Wall-clock ms for emulated meters' energy (power x time); default Date.now. */
  wallNow?: () => number;
  logger?: Logger;
}

/**
 * A driver factory that builds emulators for `driver: emulated` and keeps each instance by name
 * (`pointId/reader`, `pointId/relay`, `pointId/valve`, ...) so a test or the demo can tap a card,
 * open a door contact, count flow pulses, change a meter's energy, or look at a relay or a valve.
 *
 * The emulated world is wired as the real one: an input named `<relay or valve>/feedback` follows
 * that relay's contacts (or whether the valve passes water), and a flow sensor `<point>/flow`
 * whose spec gives `flowPulsesPerSecond` counts while `<point>/valve` passes water. Faults come
 * from the spec (`fault: stuck-closed`) or from `setFault(name, fault)`, which also applies to an
 * emulator made later under that name.
 */
export class EmulatedDrivers implements DriverFactory {
  readonly readers = new Map<string, EmulatedCardReader>();
  readonly relays = new Map<string, EmulatedRelay>();
  readonly valves = new Map<string, EmulatedValve>();
  readonly inputs = new Map<string, EmulatedDigitalInput>();
  readonly pulseCounters = new Map<string, EmulatedPulseCounter>();
  /** The register emulator behind each emulated meter, by name. */
  readonly meters = new Map<string, EmulatedMeter>();
  private readonly now: () => number;
  /** Faults set by `setFault`, by emulator name (they win over the spec's). */
  private readonly faults = new Map<string, string>();
  private readonly flowRates = new Map<string, number>();
  /** Undoes the wiring of an input or a flow sensor, by its name. */
  private readonly links = new Map<string, () => void>();

  constructor(private readonly options: EmulatedDriversOptions = {}) {
    this.now = options.now ?? (() => performance.now());
  }

  cardReader(spec: DriverSpec, name: string): EmulatedCardReader {
    expectEmulated(spec, name);
    const reader = keep(this.readers, name, new EmulatedCardReader(name));
    reader.setFault(this.faultFor(name, spec, 'reader'));
    return reader;
  }

  relay(spec: DriverSpec, name: string): EmulatedRelay {
    expectEmulated(spec, name);
    const relay = keep(this.relays, name, new EmulatedRelay(name));
    relay.setFault(this.faultFor(name, spec, 'relay'));
    this.wire(`${name}/feedback`);
    return relay;
  }

  valve(spec: DriverSpec, name: string): EmulatedValve {
    expectEmulated(spec, name);
    const valve = keep(this.valves, name, new EmulatedValve(name, this.now));
    valve.setFault(this.faultFor(name, spec, 'valve'));
    this.wire(`${name}/feedback`);
    if (name.endsWith('/valve')) this.wire(`${name.slice(0, -'/valve'.length)}/flow`);
    return valve;
  }

  digitalInput(spec: DriverSpec, name: string): EmulatedDigitalInput {
    expectEmulated(spec, name);
    // A line keeps its level across a controller restart (the door stays open in the real world).
    const input = keep(this.inputs, name, new EmulatedDigitalInput(name, this.now), this.inputs.get(name)?.current);
    this.wire(name);
    return input;
  }

  pulseCounter(spec: DriverSpec, name: string): EmulatedPulseCounter {
    expectEmulated(spec, name);
    const counter = keep(this.pulseCounters, name, new EmulatedPulseCounter(name, this.now));
    counter.setFault(this.faultFor(name, spec, 'pulse counter'));
    if (spec.flowPulsesPerSecond === undefined) this.flowRates.delete(name);
    else this.flowRates.set(name, spec.flowPulsesPerSecond);
    this.wire(name);
    return counter;
  }

  /**
   * Injects a fault into the emulator of this name (and into any made later under it): a reader
   * `unplugged`; a relay or valve `stuck-open` or `stuck-closed`; a pulse counter `stuck`; a
   * meter `silent`, `corrupt-crc` or `exception`; `none` clears it.
   */
  setFault(name: string, fault: string): void {
    const kind = this.readers.has(name) ? 'reader' : this.relays.has(name) ? 'relay' : this.valves.has(name) ? 'valve' : this.pulseCounters.has(name) ? 'pulse counter' : this.meters.has(name) ? 'meter' : null;
    if (!kind) {
      // Not made yet: kept for when it is (checked against its kind then).
      if (!Object.values(EMULATED_FAULTS).some((faults: readonly string[]) => faults.includes(fault))) throw new Error(`${name}: no emulator takes the fault ${JSON.stringify(fault)}`);
      this.faults.set(name, fault);
      return;
    }
    const allowed: readonly string[] = EMULATED_FAULTS[kind];
    if (!allowed.includes(fault)) throw new Error(`${name}: a ${kind} takes the faults ${allowed.join(', ')}, not ${JSON.stringify(fault)}`);
    this.faults.set(name, fault);
    if (kind === 'reader') this.reader(name).setFault(fault as 'none' | 'unplugged');
    if (kind === 'relay') this.relayNamed(name).setFault(fault as 'none' | 'stuck-open' | 'stuck-closed');
    if (kind === 'valve') this.valveNamed(name).setFault(fault as 'none' | 'stuck-open' | 'stuck-closed');
    if (kind === 'pulse counter') this.pulseCounterNamed(name).setFault(fault as 'none' | 'stuck');
    if (kind === 'meter') this.meterNamed(name).setFault(meterFault(fault));
  }

  private faultFor<K extends keyof typeof EMULATED_FAULTS>(name: string, spec: DriverSpec, kind: K): (typeof EMULATED_FAULTS)[K][number] {
    const fault = this.faults.get(name) ?? spec.fault ?? 'none';
    const allowed: readonly string[] = EMULATED_FAULTS[kind];
    if (!allowed.includes(fault)) throw new Error(`${name}: a ${kind} takes the faults ${allowed.join(', ')}, not ${JSON.stringify(fault)}`);
    return fault as (typeof EMULATED_FAULTS)[K][number];
  }

  /** (Re)wires an input named `<relay or valve>/feedback`, or a flow sensor `<point>/flow`, to what it senses. */
  private wire(name: string): void {
    this.links.get(name)?.();
    this.links.delete(name);
    const input = this.inputs.get(name);
    if (input && name.endsWith('/feedback')) {
      const source = name.slice(0, -'/feedback'.length);
      const relay = this.relays.get(source);
      const valve = this.valves.get(source);
      if (relay) {
        input.set(relay.contactsClosed());
        this.links.set(name, relay.watchContacts((closed) => input.set(closed)));
      } else if (valve) {
        input.set(valve.isPassingWater());
        this.links.set(name, valve.watchWater((passing) => input.set(passing)));
      }
      return;
    }
    const counter = this.pulseCounters.get(name);
    const rate = this.flowRates.get(name);
    const valve = name.endsWith('/flow') ? this.valves.get(`${name.slice(0, -'/flow'.length)}/valve`) : undefined;
    if (!counter || rate === undefined || !valve) return;
    counter.setFlow(valve.isPassingWater() ? rate : 0);
    this.links.set(name, valve.watchWater((passing) => counter.setFlow(passing ? rate : 0)));
  }

  /**
   * The real ModbusMeter over an in-memory bus to a register emulator of the spec's model. The
   * emulator survives a controller restart under the same name (the meter in the wall keeps counting).
   */
  meter(spec: MeterSpec, name: string): MeterDevice {
    if (spec.driver !== 'emulated') throw new Error(`${name}: driver ${spec.driver} is not available in this build`);
    const model = BUILT_IN_MODELS[spec.model];
    if (!model) throw new Error(`${name}: unknown meter model ${spec.model} (have: ${Object.keys(BUILT_IN_MODELS).join(', ')})`);
    let emulator = this.meters.get(name);
    if (!emulator) {
      emulator = new EmulatedMeter({ model, unit: spec.unit, energyWh: spec.energyWh, powerW: spec.powerW, ...(this.options.wallNow ? { now: this.options.wallNow } : {}) });
      this.meters.set(name, emulator);
    }
    // Only a fault named (by setFault or the spec) is applied: one a test set on the emulator
    // itself stays across a controller restart.
    if (this.faults.has(name) || spec.fault !== undefined) emulator.setFault(meterFault(this.faultFor(name, spec, 'meter')));
    const logger = this.options.logger ?? silentLogger;
    const bus = createEmulatedModbusBus([emulator], { name: `${name}/bus`, logger });
    const meter = new ModbusMeter({ name, bus, unit: spec.unit, model, logger });
    return meterDevice(meter, { open: () => bus.open(), close: () => bus.close() });
  }

  reader(name: string): EmulatedCardReader {
    return named(this.readers, name, 'reader');
  }

  relayNamed(name: string): EmulatedRelay {
    return named(this.relays, name, 'relay');
  }

  valveNamed(name: string): EmulatedValve {
    return named(this.valves, name, 'valve');
  }

  input(name: string): EmulatedDigitalInput {
    return named(this.inputs, name, 'input');
  }

  pulseCounterNamed(name: string): EmulatedPulseCounter {
    return named(this.pulseCounters, name, 'pulse counter');
  }

  meterNamed(name: string): EmulatedMeter {
    return named(this.meters, name, 'meter');
  }
}

function meterFault(fault: string): MeterFault {
  switch (fault) {
    case 'silent':
      return { kind: 'silent' };
    case 'corrupt-crc':
      // Every reply, so the bus's retries cannot hide it.
      return { kind: 'corrupt-crc', replies: Number.MAX_SAFE_INTEGER };
    case 'exception':
      return { kind: 'exception', code: METER_FAULT_EXCEPTION };
    default:
      return { kind: 'none' };
  }
}

function keep<T>(map: Map<string, T>, name: string, value: T, level?: boolean): T {
  if (level !== undefined && value instanceof EmulatedDigitalInput) value.set(level);
  map.set(name, value);
  return value;
}

function named<T>(map: Map<string, T>, name: string, what: string): T {
  const value = map.get(name);
  if (!value) throw new Error(`no emulated ${what} named ${name} (have: ${[...map.keys()].join(', ') || 'none'})`);
  return value;
}

function expectEmulated(spec: DriverSpec, name: string): void {
  if (spec.driver !== 'emulated') throw new Error(`${name}: driver ${spec.driver} is not available in this build`);
}
