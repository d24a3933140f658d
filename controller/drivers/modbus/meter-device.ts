import type { MeterDevice } from '../factory.js';
import type { Meter } from './meter.js';

/** A Meter plus the open/close of what it stands on (its bus), as a point owns it. */
export function meterDevice(meter: Meter, bus: { open(): Promise<void>; close(): Promise<void> }): MeterDevice {
  return {
    get name() { return meter.name; },
    get model() { return meter.model; },
    get hasRelay() { return meter.hasRelay; },
    read: () => meter.read(),
    setRelay: (closed) => meter.setRelay(closed),
    open: () => bus.open(),
    close: () => bus.close(),
  };
}
