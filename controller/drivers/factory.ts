/**
 * Builds drivers from their config spec. Points receive interfaces only; which implementation stands
 * behind them (real hardware or an emulator) is chosen here, by configuration.
 */
import type { CardReader } from './card-reader.js';
import type { Relay } from './relay.js';
import type { ReaderSpec, RelaySpec } from '../config.js';

export interface DriverFactory {
  cardReader(spec: ReaderSpec, name: string): CardReader;
  relay(spec: RelaySpec, name: string): Relay;
}
