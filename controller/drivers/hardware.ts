/**
 * The driver factory of a real controller: PC/SC readers, GPIO lines (character device or sysfs) and
 * Firmata boards, with `driver: emulated` specs handed to the emulators. One instance per controller,
 * so GPIO lines and Firmata boards are shared by every driver that uses them.
 */
import type { CardReader } from './card-reader.js';
import type { Relay } from './relay.js';
import type { DriverFactory } from './factory.js';
import type { ControllerConfig, ReaderSpec, RelaySpec } from '../config.js';
import { PcscCardReader } from './pcsc-reader.js';
import { GpioBackends, createRelay as createGpioRelay } from './gpio/index.js';
import { FirmataBoards } from './firmata/boards.js';
import { createFirmataRelay, firmataBoardsOptions } from './firmata/config.js';
import type { Logger } from '../../lib/log.js';

export interface HardwareDriversOptions {
  logger: Logger;
  /** Builds `driver: emulated` readers and relays. */
  emulated: DriverFactory;
  firmata?: ControllerConfig['firmata'];
  /** GPIO backends (tests inject fakes of node-libgpiod and onoff here). */
  gpio?: GpioBackends;
}

export class HardwareDrivers implements DriverFactory {
  private gpio: GpioBackends | null;
  private boards: FirmataBoards | null = null;

  constructor(private readonly options: HardwareDriversOptions) {
    this.gpio = options.gpio ?? null;
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
        this.gpio ??= new GpioBackends({ logger: this.options.logger });
        return createGpioRelay(spec, name, { gpio: this.gpio });
      case 'firmata':
        this.boards ??= new FirmataBoards(firmataBoardsOptions(this.options.firmata, this.options.logger));
        return createFirmataRelay(spec, name, { boards: this.boards, logger: this.options.logger });
    }
  }
}
