import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { hardwareFromStdin } from './stdin-hardware.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import type { Controller } from '../controller/controller.js';

describe('onecard controller --stdin-taps: emulated hardware driven line by line', () => {
  it('taps cards, counts flow pulses, adds meter energy and sets inputs, and says what it cannot do', async () => {
    const drivers = new EmulatedDrivers();
    const reader = drivers.cardReader({ driver: 'emulated' }, 'shower-1/reader');
    const flow = drivers.pulseCounter({ driver: 'emulated' }, 'shower-1/flow');
    const meter = drivers.meter({ driver: 'emulated', model: 'dds238', unit: 1, energyWh: 1000, powerW: 0 }, 'room-701/meter');
    const contact = drivers.digitalInput({ driver: 'emulated' }, 'door-a/contact');
    await Promise.all([reader.open(), flow.open(), meter.open(), contact.open()]);
    const controller = { config: { points: [{ kind: 'room', id: 'room-701' }, { kind: 'shower', id: 'shower-1' }] } } as unknown as Controller;
    const input = new PassThrough();
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      const lines = hardwareFromStdin(controller, drivers, input);
      input.write('04a1b2c3\npulse shower-1 450\nenergy room-701 250\ninput door-a/contact on\npulse shower-1 -3\nnowhere 04A1B2C3\n');
      await new Promise((resolve) => setTimeout(resolve, 20));
      lines.close();
    } finally {
      console.error = original;
    }
    assert.deepEqual(drivers.reader('shower-1/reader').taps, ['04A1B2C3'], 'a bare UID taps at the first point with a reader');
    assert.equal(await flow.count(), 450);
    assert.equal(drivers.meterNamed('room-701/meter').state().energyWh, 1250);
    assert.equal(await contact.read(), true);
    assert.equal(errors.length, 2);
    assert.match(errors[0]!, /pulses: "-3" is not a non-negative integer/);
    assert.match(errors[1]!, /no emulated reader named nowhere\/reader/);
  });
});
