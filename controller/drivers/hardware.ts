/**
 * The driver factory of a real controller: PC/SC readers, GPIO lines (character device or sysfs),
 * Firmata boards and Modbus meters, with `driver: emulated` specs handed to the emulators. One
 * instance per controller, so GPIO lines, Firmata boards and Modbus buses are shared by every
 * driver that uses them.
 */
import type { CardReader } from './card-reader.js';
import type { DigitalInput } from './digital-input.js';
import type { PulseCounter } from './pulse-counter.js';
import type { Relay } from './relay.js';
import type { Valve } from './valve.js';
import type { DriverFactory, MeterDevice } from './factory.js';
import type { InputSpec, MeterSpec, PulseCounterSpec, ReaderSpec, RelaySpec, ValveSpec } from './specs.js';
import type { FirmataBoardsSpec } from './firmata/config.js';
import { PcscCardReader } from './pcsc-reader.js';
import { GpioBackends, createDigitalInput, createPulseCounter, createRelay as createGpioRelay, createValve as createGpioValve } from './gpio/index.js';
import { FirmataBoards } from './firmata/boards.js';
import { createFirmataInput, createFirmataPulseCounter, createFirmataRelay, createFirmataValve, firmataBoardsOptions } from './firmata/config.js';
import { createBuses, modelFor, type ModbusConfig } from './modbus/config.js';
import type { ModbusBus } from './modbus/bus.js';
import { ModbusMeter } from './modbus/meter.js';
import { meterDevice } from './modbus/meter-device.js';
import type { Logger } from '../../lib/log.js';

export interface HardwareDriversOptions {
  logger: Logger;
  /** Builds `driver: emulated` drivers. */
  emulated: DriverFactory;
  firmata?: Partial<FirmataBoardsSpec>;
  /** The controller's Modbus buses and meter models. */
  modbus?: ModbusConfig;
  /** GPIO backends (tests inject fakes of node-libgpiod and onoff here). */
  gpio?: GpioBackends;
}

export class HardwareDrivers implements DriverFactory {
  private gpio_: GpioBackends | null;
  private boards_: FirmataBoards | null = null;
  private buses_: Map<string, ModbusBus> | null = null;
  /** Meters open on each bus: the bus opens with the first and closes with the last. */
  private readonly busUsers = new Map<string, number>();

  constructor(private readonly options: HardwareDriversOptions) {
    this.gpio_ = options.gpio ?? null;
  }

  private get gpio(): GpioBackends {
    this.gpio_ ??= new GpioBackends({ logger: this.options.logger });
    return this.gpio_;
  }

  private get boards(): FirmataBoards {
    this.boards_ ??= new FirmataBoards(firmataBoardsOptions(this.options.firmata, this.options.logger));
    return this.boards_;
  }

  cardReader(spec: ReaderSpec, name: string): CardReader {
    switch (spec.driver) {
      case 'emulated':
        return this.options.emulated.cardReader(spec, name);
      case 'pcsc':
        return new PcscCardReader({
          name,
          logger: this.options.logger,
          ...(spec.reader === undefined ? {} : { reader: spec.reader }),
          ...(spec.socketPath === undefined ? {} : { socketPath: spec.socketPath }),
        });
    }
  }

  relay(spec: RelaySpec, name: string): Relay {
    switch (spec.driver) {
      case 'emulated':
        return this.options.emulated.relay(spec, name);
      case 'gpiod':
      case 'sysfs':
        return createGpioRelay(spec, name, { gpio: this.gpio });
      case 'firmata':
        return createFirmataRelay(spec, name, { boards: this.boards, logger: this.options.logger });
    }
  }

  valve(spec: ValveSpec, name: string): Valve {
    switch (spec.driver) {
      case 'emulated':
        return this.options.emulated.valve(spec, name);
      case 'gpiod':
      case 'sysfs':
        return createGpioValve(spec, name, { gpio: this.gpio });
      case 'firmata':
        return createFirmataValve(spec, name, { boards: this.boards, logger: this.options.logger });
    }
  }

  digitalInput(spec: InputSpec, name: string): DigitalInput {
    switch (spec.driver) {
      case 'emulated':
        return this.options.emulated.digitalInput(spec, name);
      case 'gpiod':
      case 'sysfs':
        return createDigitalInput(spec, name, { gpio: this.gpio });
      case 'firmata':
        return createFirmataInput(spec, name, { boards: this.boards, logger: this.options.logger });
    }
  }

  pulseCounter(spec: PulseCounterSpec, name: string): PulseCounter {
    switch (spec.driver) {
      case 'emulated':
        return this.options.emulated.pulseCounter(spec, name);
      case 'gpiod':
      case 'sysfs':
        return createPulseCounter(spec, name, { gpio: this.gpio });
      case 'firmata':
        return createFirmataPulseCounter(spec, name, { boards: this.boards, logger: this.options.logger });
    }
  }

  meter(spec: MeterSpec, name: string): MeterDevice {
    if (spec.driver === 'emulated') return this.options.emulated.meter(spec, name);
    const modbus = this.options.modbus ?? { buses: [], models: [] };
    this.buses_ ??= createBuses(modbus, this.options.logger);
    const bus = this.buses_.get(spec.bus);
    const model = modelFor(modbus, spec.model);
    // The config schema checks both; reaching here without them is a programmer error.
    if (!bus) throw new Error(`${name}: no Modbus bus ${spec.bus} in the configuration`);
    if (!model) throw new Error(`${name}: unknown meter model ${spec.model}`);
    const meter = new ModbusMeter({ name, bus, unit: spec.unit, model, logger: this.options.logger });
    return meterDevice(meter, {
      open: async () => {
        const users = this.busUsers.get(spec.bus) ?? 0;
        this.busUsers.set(spec.bus, users + 1);
        if (users === 0) await bus.open();
      },
      close: async () => {
        const users = (this.busUsers.get(spec.bus) ?? 1) - 1;
        this.busUsers.set(spec.bus, users);
        if (users === 0) await bus.close();
      },
    });
  }
}
