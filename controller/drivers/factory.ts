/**
 * Builds drivers from their config spec. Points receive interfaces only; which implementation stands
 * behind them (real hardware or an emulator) is chosen here, by configuration.
 */
import type { CardReader } from './card-reader.js';
import type { Relay } from './relay.js';

export interface DriverSpec {
  driver: string;
}

export interface DriverFactory {
  cardReader(spec: DriverSpec, name: string): CardReader;
  relay(spec: DriverSpec, name: string): Relay;
}
