import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { tempDir } from '../../../test/helpers.js';
import { MemoryLogger } from '../../../lib/log.js';
import { AssertionError } from '../../../lib/errors.js';
import { EmulatedGpioChip } from '../../../emulators/gpio.js';
import type { InputEdge } from '../digital-input.js';
import { createDigitalInput, GpioBackends } from './index.js';
import { fakeClock } from './fake-clock.js';
import { FakeLibgpiod } from './fake-node-libgpiod.js';
import { FakeOnoff } from './fake-onoff.js';
import { PI5_CHIPS, writeFakeSysfs } from './fake-sysfs.js';

describe('GPIO digital input (debounce)', () => {
  let clock: ReturnType<typeof fakeClock>;
  let chip: EmulatedGpioChip;
  let logger: MemoryLogger;
  let deps: { gpio: GpioBackends };
  let edges: InputEdge[];

  beforeEach(() => {
    clock = fakeClock();
    chip = new EmulatedGpioChip('gpiochip0', { clock: clock.gpio });
    logger = new MemoryLogger();
    deps = { gpio: new GpioBackends({ emulated: chip, clock: clock.gpio, logger }) };
    edges = [];
  });
  afterEach(() => {
    sinon.restore();
  });

  it('suppresses bounces shorter than debounceMs and reports one edge once the level is stable', async () => {
    const input = createDigitalInput({ driver: 'emulated', line: 'DOOR', debounceMs: 20 }, 'door-a/contact', deps);
    await input.open();
    input.subscribe((e) => edges.push(e));
    chip.set('DOOR', true); // t=0: the contact closes and bounces
    clock.sinon.tick(3);
    chip.set('DOOR', false);
    clock.sinon.tick(2);
    chip.set('DOOR', true); // t=5: last bounce; stable from here
    clock.sinon.tick(19);
    assert.deepEqual(edges, [], 'not yet stable for 20 ms');
    assert.equal(await input.read(), false, 'read() gives the debounced level');
    clock.sinon.tick(1);
    assert.deepEqual(edges, [{ level: true, atMs: 5 }], 'one edge, dated when the level became stable');
    assert.equal(await input.read(), true);
    await input.close();
  });

  it('reports nothing for a glitch that returns to the stable level within debounceMs', async () => {
    const input = createDigitalInput({ driver: 'emulated', line: 'EXIT', debounceMs: 20 }, 'door-a/exit-button', deps);
    await input.open();
    input.subscribe((e) => edges.push(e));
    for (let i = 0; i < 5; i += 1) {
      chip.set('EXIT', true);
      clock.sinon.tick(4);
      chip.set('EXIT', false);
      clock.sinon.tick(4);
    }
    clock.sinon.tick(1000);
    assert.deepEqual(edges, []);
    await input.close();
  });

  it('reads an active-low contact (switch to ground, pull-up) as active when the line is low', async () => {
    chip.set('FIRE', true); // pulled up: loop closed, no alarm
    const input = createDigitalInput({ driver: 'emulated', line: 'FIRE', activeLow: true, debounceMs: 50 }, 'fire-loop', deps);
    await input.open();
    input.subscribe((e) => edges.push(e));
    assert.equal(await input.read(), false);
    clock.sinon.tick(100);
    chip.set('FIRE', false);
    clock.sinon.tick(50);
    assert.deepEqual(edges, [{ level: true, atMs: 100 }]);
    chip.set('FIRE', true);
    clock.sinon.tick(50);
    assert.deepEqual(edges.map((e) => e.level), [true, false]);
    await input.close();
  });

  it('with debounceMs 0 reports every change at once', async () => {
    const input = createDigitalInput({ driver: 'emulated', line: 'X', debounceMs: 0 }, 'x', deps);
    await input.open();
    input.subscribe((e) => edges.push(e));
    chip.set('X', true);
    chip.set('X', false);
    assert.deepEqual(edges.map((e) => e.level), [true, false]);
    await input.close();
  });

  it('stops reporting after unsubscribe and close, releases the line, and rejects calls after close', async () => {
    const input = createDigitalInput({ driver: 'emulated', line: 'X', debounceMs: 10 }, 'x', deps);
    await input.open();
    const unsubscribe = input.subscribe((e) => edges.push(e));
    unsubscribe();
    chip.set('X', true);
    clock.sinon.tick(10);
    assert.deepEqual(edges, []);
    input.subscribe((e) => edges.push(e));
    chip.set('X', false);
    await input.close(); // with a debounce timer pending
    clock.sinon.tick(100);
    assert.deepEqual(edges, []);
    assert.equal(chip.mode('X'), 'free');
    assert.equal(clock.sinon.countTimers(), 0, 'no timer left behind');
    await assert.rejects(input.read(), AssertionError);
  });

  it('keeps reporting to the other listeners when one throws, and logs it', async () => {
    const input = createDigitalInput({ driver: 'emulated', line: 'X', debounceMs: 0 }, 'x', deps);
    await input.open();
    input.subscribe(() => {
      throw new Error('boom');
    });
    input.subscribe((e) => edges.push(e));
    chip.set('X', true);
    assert.equal(edges.length, 1);
    assert.equal(logger.find('gpio.listener_threw')[0]?.fields.error, 'boom');
    await input.close();
  });

  it('on gpiod, samples the line every pollIntervalMs, debounces, and stops sampling on close', async () => {
    const fake = new FakeLibgpiod([{ name: 'gpiochip0', label: 'pinctrl-rp1', lineNames: Array.from({ length: 54 }, (_, i) => `GPIO${i}`) }]);
    const gpio = new GpioBackends({ loadGpiod: async () => fake.module, clock: clock.gpio, logger });
    const input = createDigitalInput({ driver: 'gpiod', chip: 'pinctrl-rp1', line: 'GPIO5', debounceMs: 20, pollIntervalMs: 5 }, 'door-a/contact', { gpio });
    await input.open();
    assert.equal(fake.consumerOf('gpiochip0', 5), 'onecard');
    input.subscribe((e) => edges.push(e));
    clock.sinon.tick(7);
    fake.drive('gpiochip0', 5, 1); // seen by the poll at t=10
    clock.sinon.tick(3 + 19);
    assert.deepEqual(edges, []);
    clock.sinon.tick(1);
    assert.deepEqual(edges, [{ level: true, atMs: 10 }]);
    await input.close();
    assert.equal(fake.consumerOf('gpiochip0', 5), null, 'line released');
    assert.equal(clock.sinon.countTimers(), 0, 'polling stopped');
  });

  it('on sysfs, reports edges from the interrupt watch and unexports on close', async () => {
    const dir = await tempDir('onecard-sysfs-');
    try {
      await writeFakeSysfs(dir.path, PI5_CHIPS);
      const fake = new FakeOnoff(dir.path);
      const gpio = new GpioBackends({ loadOnoff: async () => fake.module, sysRoot: dir.path, clock: clock.gpio, logger });
      const input = createDigitalInput({ driver: 'sysfs', bcm: 6, debounceMs: 20 }, 'door-a/contact', { gpio });
      await input.open();
      input.subscribe((e) => edges.push(e));
      fake.drive(577, 1);
      clock.sinon.tick(20);
      assert.deepEqual(edges, [{ level: true, atMs: 0 }]);
      await input.close();
      assert.equal(fake.isExported(577), false);
    } finally {
      await dir.remove();
    }
  });
});
