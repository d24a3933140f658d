import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { tempDir } from '../../../test/helpers.js';
import { AssertionError } from '../../../lib/errors.js';
import { EmulatedGpioChip } from '../../../emulators/gpio.js';
import { createPulseCounter, GpioBackends } from './index.js';
import { fakeClock } from './fake-clock.js';
import { FakeLibgpiod } from './fake-node-libgpiod.js';
import { FakeOnoff } from './fake-onoff.js';
import { PI4_CHIPS, writeFakeSysfs } from './fake-sysfs.js';

describe('GPIO pulse counter (flow sensors)', () => {
  let clock: ReturnType<typeof fakeClock>;
  let chip: EmulatedGpioChip;
  let deps: { gpio: GpioBackends };

  beforeEach(() => {
    clock = fakeClock();
    chip = new EmulatedGpioChip('gpiochip0', { clock: clock.gpio });
    deps = { gpio: new GpioBackends({ emulated: chip, clock: clock.gpio }) };
  });
  afterEach(() => {
    sinon.restore();
  });

  it('counts every pulse and reports when the last one began', async () => {
    const counter = createPulseCounter({ driver: 'emulated', line: 'FLOW', glitchFilterUs: 1000, pulsesPerLitre: 450 }, 'shower-1/flow', deps);
    await counter.open();
    assert.equal(await counter.count(), 0);
    assert.equal(await counter.lastPulseAtMs(), null, 'no pulse yet');
    const done = chip.pulse('FLOW', 450, { widthMs: 3, gapMs: 3 }); // one litre at ~167 Hz
    await clock.sinon.tickAsync(450 * 6);
    await done;
    assert.equal(await counter.count(), 450);
    assert.equal(await counter.lastPulseAtMs(), 449 * 6, 'the 450th pulse began at 2694 ms');
    await counter.close();
  });

  it('counts pulses of an open-collector sensor that pulls the line low (activeLow)', async () => {
    chip.set('FLOW', true); // idle high through the pull-up
    const counter = createPulseCounter({ driver: 'emulated', line: 'FLOW', activeLow: true, glitchFilterUs: 500 }, 'shower-1/flow', deps);
    await counter.open();
    const done = chip.pulse('FLOW', 10, { widthMs: 2, gapMs: 2 });
    await clock.sinon.tickAsync(40);
    await done;
    assert.equal(chip.level('FLOW'), true, 'back to idle high');
    assert.equal(await counter.count(), 10);
    await counter.close();
  });

  it('does not count spikes shorter than the glitch filter, nor split a pulse at a short dropout', async () => {
    const counter = createPulseCounter({ driver: 'emulated', line: 'FLOW', glitchFilterUs: 5000 }, 'meter/s0', deps);
    await counter.open();
    const spikes = chip.pulse('FLOW', 5, { widthMs: 2, gapMs: 10 }); // 2 ms spikes: noise on a 5 ms filter
    await clock.sinon.tickAsync(60);
    await spikes;
    assert.equal(await counter.count(), 0);
    chip.set('FLOW', true); // one real pulse with a 2 ms dropout inside
    clock.sinon.tick(6);
    chip.set('FLOW', false);
    clock.sinon.tick(2);
    chip.set('FLOW', true);
    clock.sinon.tick(6);
    chip.set('FLOW', false);
    clock.sinon.tick(10);
    assert.equal(await counter.count(), 1);
    assert.equal(await counter.lastPulseAtMs(), 60, 'dated at the start of the real pulse');
    await counter.close();
  });

  it('does not count a line already active at open as a pulse', async () => {
    chip.set('FLOW', true);
    const counter = createPulseCounter({ driver: 'emulated', line: 'FLOW', glitchFilterUs: 0 }, 'shower-1/flow', deps);
    await counter.open();
    chip.set('FLOW', false);
    assert.equal(await counter.count(), 0);
    chip.set('FLOW', true);
    assert.equal(await counter.count(), 1);
    await counter.close();
    await assert.rejects(counter.count(), AssertionError, 'calls after close reject');
    assert.equal(chip.mode('FLOW'), 'free');
  });

  it('on gpiod, counts pulses by sampling the line every pollIntervalMs', async () => {
    const fake = new FakeLibgpiod([{ name: 'gpiochip0', label: 'pinctrl-bcm2711', lineNames: Array.from({ length: 58 }, (_, i) => `GPIO${i}`) }]);
    const gpio = new GpioBackends({ loadGpiod: async () => fake.module, clock: clock.gpio });
    const counter = createPulseCounter({ driver: 'gpiod', line: 'GPIO23', glitchFilterUs: 1000, pollIntervalMs: 1 }, 'shower-1/flow', { gpio });
    await counter.open();
    for (let i = 0; i < 20; i += 1) {
      fake.drive('gpiochip0', 23, 1);
      clock.sinon.tick(4);
      fake.drive('gpiochip0', 23, 0);
      clock.sinon.tick(4);
    }
    assert.equal(await counter.count(), 20);
    await counter.close();
    assert.equal(clock.sinon.countTimers(), 0);
  });

  it('on sysfs, counts pulses from the interrupt watch', async () => {
    const dir = await tempDir('onecard-sysfs-');
    try {
      await writeFakeSysfs(dir.path, PI4_CHIPS);
      const fake = new FakeOnoff(dir.path);
      const gpio = new GpioBackends({ loadOnoff: async () => fake.module, sysRoot: dir.path, clock: clock.gpio });
      const counter = createPulseCounter({ driver: 'sysfs', bcm: 23, glitchFilterUs: 1000 }, 'shower-1/flow', { gpio });
      await counter.open();
      for (let i = 0; i < 7; i += 1) {
        fake.drive(545, 1);
        clock.sinon.tick(2);
        fake.drive(545, 0);
        clock.sinon.tick(2);
      }
      assert.equal(await counter.count(), 7);
      assert.equal(await counter.lastPulseAtMs(), 24);
      await counter.close();
    } finally {
      await dir.remove();
    }
  });
});
