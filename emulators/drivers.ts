import { EmulatedCardReader } from './card-reader.js';
import { EmulatedRelay } from './relay.js';
import { EmulatedDigitalInput, EmulatedPulseCounter, EmulatedValve } from './io.js';
import { EmulatedMeter } from './modbus-meter.js';
import { createEmulatedModbusBus } from './modbus-bus.js';
import { ModbusMeter } from '../controller/drivers/modbus/meter.js';
import { BUILT_IN_MODELS } from '../controller/drivers/modbus/meter-models.js';
import type { DriverFactory, MeterDevice } from '../controller/drivers/factory.js';
import { meterDevice } from '../controller/drivers/modbus/meter-device.js';
import type { MeterSpec } from '../controller/drivers/specs.js';
import { silentLogger, type Logger } from '../lib/log.js';

interface DriverSpec {
  driver: string;
}

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

  constructor(private readonly options: EmulatedDriversOptions = {}) {
    this.now = options.now ?? (() => performance.now());
  }

  cardReader(spec: DriverSpec, name: string): EmulatedCardReader {
    expectEmulated(spec, name);
    return keep(this.readers, name, new EmulatedCardReader(name));
  }

  relay(spec: DriverSpec, name: string): EmulatedRelay {
    expectEmulated(spec, name);
    return keep(this.relays, name, new EmulatedRelay(name));
  }

  valve(spec: DriverSpec, name: string): EmulatedValve {
    expectEmulated(spec, name);
    return keep(this.valves, name, new EmulatedValve(name, this.now));
  }

  digitalInput(spec: DriverSpec, name: string): EmulatedDigitalInput {
    expectEmulated(spec, name);
    // A line keeps its level across a controller restart (the door stays open in the real world).
    return keep(this.inputs, name, new EmulatedDigitalInput(name, this.now), this.inputs.get(name)?.current);
  }

  pulseCounter(spec: DriverSpec, name: string): EmulatedPulseCounter {
    expectEmulated(spec, name);
    return keep(this.pulseCounters, name, new EmulatedPulseCounter(name, this.now));
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
