import { EmulatedCardReader } from './card-reader.js';
import { EmulatedRelay } from './relay.js';
import type { DriverFactory } from '../controller/drivers/factory.js';

interface DriverSpec {
  driver: string;
}

/**
 * A driver factory that builds emulators for `driver: emulated` and keeps each instance by name
 * (`pointId/reader`, `pointId/relay`) so a test or the demo can tap a card or look at a relay.
 */
export class EmulatedDrivers implements DriverFactory {
  readonly readers = new Map<string, EmulatedCardReader>();
  readonly relays = new Map<string, EmulatedRelay>();

  cardReader(spec: DriverSpec, name: string): EmulatedCardReader {
    expectEmulated(spec, name);
    const reader = new EmulatedCardReader(name);
    this.readers.set(name, reader);
    return reader;
  }

  relay(spec: DriverSpec, name: string): EmulatedRelay {
    expectEmulated(spec, name);
    const relay = new EmulatedRelay(name);
    this.relays.set(name, relay);
    return relay;
  }

  reader(name: string): EmulatedCardReader {
    const r = this.readers.get(name);
    if (!r) throw new Error(`no emulated reader named ${name} (have: ${[...this.readers.keys()].join(', ') || 'none'})`);
    return r;
  }

  relayNamed(name: string): EmulatedRelay {
    const r = this.relays.get(name);
    if (!r) throw new Error(`no emulated relay named ${name} (have: ${[...this.relays.keys()].join(', ') || 'none'})`);
    return r;
  }
}

function expectEmulated(spec: DriverSpec, name: string): void {
  if (spec.driver !== 'emulated') throw new Error(`${name}: driver ${spec.driver} is not available in this build`);
}
