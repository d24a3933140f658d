import { strict as assert } from 'node:assert';
import { z } from 'zod';
import { EmulatedGpioChip } from '../../../emulators/gpio.js';
import {
  createDigitalInput,
  createPulseCounter,
  createRelay,
  createValve,
  GpioBackends,
  GpioConfigError,
  GpioError,
  gpioInputSpec,
  gpioOutputSpec,
  gpioOutputSpecs,
  gpioPulseCounterSpec,
} from './index.js';

const configFails = (pattern: RegExp) => (err: unknown) => {
  assert.ok(err instanceof GpioConfigError, `expected a GpioConfigError, got ${String(err)}`);
  assert.match(err.message, pattern);
  return true;
};

describe('GPIO driver specs and factories', () => {
  const deps = { gpio: new GpioBackends({ emulated: new EmulatedGpioChip() }) };

  it('fills the defaults a config may leave out', () => {
    assert.deepEqual(gpioOutputSpec.parse({ driver: 'gpiod', line: 17 }), { driver: 'gpiod', chip: 'gpiochip0', line: 17, activeLow: false });
    assert.deepEqual(gpioInputSpec.parse({ driver: 'sysfs', bcm: 4 }), { driver: 'sysfs', bcm: 4, activeLow: false, debounceMs: 20 });
    assert.deepEqual(gpioInputSpec.parse({ driver: 'gpiod', line: 'GPIO4' }), { driver: 'gpiod', chip: 'gpiochip0', line: 'GPIO4', activeLow: false, debounceMs: 20, pollIntervalMs: 5 });
    assert.deepEqual(gpioPulseCounterSpec.parse({ driver: 'gpiod', line: 23, pulsesPerLitre: 450 }), {
      driver: 'gpiod', chip: 'gpiochip0', line: 23, activeLow: false, glitchFilterUs: 500, pollIntervalMs: 1, pulsesPerLitre: 450,
    });
  });

  it('names the bad field in each error', () => {
    assert.throws(() => createRelay({ driver: 'gpiod', line: -1 }, 'door-a/relay', deps), configFails(/^door-a\/relay: invalid GPIO driver spec: line: Too small: expected number to be >=0$/));
    assert.throws(() => createRelay({ driver: 'gpiod', line: true }, 'r', deps), configFails(/line: a line offset \(0-1023\) or a line name such as "GPIO17"$/));
    assert.throws(() => createRelay({ driver: 'gpiod', chip: '', line: 1 }, 'r', deps), configFails(/chip: Too small: expected string to have >=1 characters/));
    assert.throws(() => createRelay({ driver: 'sysfs', bcm: 64 }, 'r', deps), configFails(/bcm: Too big/));
    assert.throws(() => createRelay({ driver: 'gpio', line: 1 }, 'r', deps), configFails(/driver: Invalid discriminator value\. Expected 'gpiod' \| 'sysfs' \| 'emulated'/));
    assert.throws(() => createRelay({ driver: 'gpiod', line: 1, activelow: true }, 'r', deps), configFails(/Unrecognized key: "activelow"/));
    assert.throws(() => createDigitalInput({ driver: 'emulated', debounceMs: 20_000 }, 'i', deps), configFails(/debounceMs: Too big/));
    assert.throws(() => createDigitalInput({ driver: 'gpiod', line: 4, pollIntervalMs: 0 }, 'i', deps), configFails(/pollIntervalMs: Too small/));
    assert.throws(() => createPulseCounter({ driver: 'emulated', pulsesPerLitre: 0 }, 'p', deps), configFails(/pulsesPerLitre: Too small/));
    assert.throws(() => createPulseCounter({ driver: 'emulated', glitchFilterUs: 1.5 }, 'p', deps), configFails(/glitchFilterUs: /));
    assert.throws(() => createValve({ driver: 'sysfs', bcm: 22, debounceMs: 5 }, 'v', deps), configFails(/Unrecognized key: "debounceMs"/), 'outputs take no debounce');
  });

  it('lets the lead merge the per-driver schemas with other drivers in one union', () => {
    const firmataRelay = z.object({ driver: z.literal('firmata'), pin: z.number() }).strict();
    const relaySpec = z.discriminatedUnion('driver', [...gpioOutputSpecs, firmataRelay]);
    assert.equal(relaySpec.parse({ driver: 'firmata', pin: 7 }).driver, 'firmata');
    assert.equal(relaySpec.parse({ driver: 'emulated' }).driver, 'emulated');
  });

  it('names the line after the driver when an emulated spec gives none', async () => {
    const chip = new EmulatedGpioChip();
    const relay = createRelay({ driver: 'emulated' }, 'door-a/relay', { gpio: new GpioBackends({ emulated: chip }) });
    await relay.open();
    await relay.set(true);
    assert.equal(chip.level('door-a/relay'), true);
    await relay.close();
  });

  it('refuses driver emulated on a controller without an emulated chip', () => {
    assert.throws(() => createRelay({ driver: 'emulated' }, 'door-a/relay', { gpio: new GpioBackends() }), (err: unknown) => {
      assert.ok(err instanceof GpioError);
      assert.equal(err.code, 'unavailable');
      assert.match(err.message, /door-a\/relay: driver emulated needs an emulated GPIO chip/);
      return true;
    });
  });
});
