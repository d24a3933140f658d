/**
 * Builds drivers from their config spec. Points receive interfaces only; which implementation stands
 * behind them (real hardware or an emulator) is chosen here, by configuration.
 */
import type { CardReader } from './card-reader.js';
import type { DigitalInput } from './digital-input.js';
import type { Meter } from './modbus/meter.js';
import type { PulseCounter } from './pulse-counter.js';
import type { Relay } from './relay.js';
import type { Valve } from './valve.js';
import type { InputSpec, MeterSpec, PulseCounterSpec, ReaderSpec, RelaySpec, ValveSpec } from './specs.js';

/**
 * A meter a point owns: the Meter contract plus `open()` / `close()`, which open and close the bus
 * it is on (a bus shared by several meters opens with the first and closes with the last).
 */
export interface MeterDevice extends Meter {
  open(): Promise<void>;
  close(): Promise<void>;
}

export interface DriverFactory {
  cardReader(spec: ReaderSpec, name: string): CardReader;
  relay(spec: RelaySpec, name: string): Relay;
  valve(spec: ValveSpec, name: string): Valve;
  digitalInput(spec: InputSpec, name: string): DigitalInput;
  pulseCounter(spec: PulseCounterSpec, name: string): PulseCounter;
  meter(spec: MeterSpec, name: string): MeterDevice;
}
