import { strict as assert } from 'node:assert';
import { tempDir } from '../../../test/helpers.js';
import { MemoryLogger } from '../../../lib/log.js';
import { AssertionError } from '../../../lib/errors.js';
import { EmulatedGpioChip } from '../../../emulators/gpio.js';
import { createRelay, createValve, GpioBackends, GpioError } from './index.js';
import type { ExitHooks } from './lines.js';
import { FakeLibgpiod } from './fake-node-libgpiod.js';
import { FakeOnoff } from './fake-onoff.js';
import { PI4_CHIPS, piHeaderLineNames, writeFakeSysfs } from './fake-sysfs.js';

/** Runs exit hooks on demand, as the process's `exit` event would. */
class ManualExitHooks implements ExitHooks {
  readonly hooks = new Set<() => void>();
  add(hook: () => void): () => void {
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }
  exit(): void {
    for (const h of this.hooks) h();
  }
}

interface Rig {
  backend: string;
  /** A spec for BCM pin `pin` of the header on this backend. */
  spec(pin: number, extra?: Record<string, unknown>): Record<string, unknown>;
  /** The physical level of that pin now. */
  level(pin: number): boolean;
  deps: { gpio: GpioBackends };
  exitHooks: ManualExitHooks;
  logger: MemoryLogger;
  cleanup(): Promise<void>;
}

async function emulatedRig(): Promise<Rig> {
  const chip = new EmulatedGpioChip('gpiochip0', { lines: piHeaderLineNames(54) });
  const exitHooks = new ManualExitHooks();
  const logger = new MemoryLogger();
  return {
    backend: 'emulated',
    spec: (pin, extra = {}) => ({ driver: 'emulated', line: `GPIO${pin}`, ...extra }),
    level: (pin) => chip.level(`GPIO${pin}`),
    deps: { gpio: new GpioBackends({ emulated: chip, exitHooks, logger }) },
    exitHooks,
    logger,
    cleanup: async () => {},
  };
}

async function gpiodRig(): Promise<Rig> {
  const fake = new FakeLibgpiod([{ name: 'gpiochip0', label: 'pinctrl-bcm2711', lineNames: piHeaderLineNames(58) }]);
  const exitHooks = new ManualExitHooks();
  const logger = new MemoryLogger();
  return {
    backend: 'gpiod',
    spec: (pin, extra = {}) => ({ driver: 'gpiod', chip: 'gpiochip0', line: pin, ...extra }),
    level: (pin) => fake.level('gpiochip0', pin) === 1,
    deps: { gpio: new GpioBackends({ loadGpiod: async () => fake.module, exitHooks, logger }) },
    exitHooks,
    logger,
    cleanup: async () => {},
  };
}

async function sysfsRig(): Promise<Rig> {
  const dir = await tempDir('onecard-sysfs-');
  await writeFakeSysfs(dir.path, PI4_CHIPS);
  const fake = new FakeOnoff(dir.path);
  const exitHooks = new ManualExitHooks();
  const logger = new MemoryLogger();
  return {
    backend: 'sysfs',
    spec: (pin, extra = {}) => ({ driver: 'sysfs', bcm: pin, ...extra }),
    level: (pin) => fake.level(522 + pin) === 1,
    deps: { gpio: new GpioBackends({ loadOnoff: async () => fake.module, sysRoot: dir.path, exitHooks, logger }) },
    exitHooks,
    logger,
    cleanup: () => dir.remove(),
  };
}

for (const makeRig of [emulatedRig, gpiodRig, sysfsRig]) {
  describe(`GPIO relay and valve on the ${makeRig.name.replace('Rig', '')} backend`, () => {
    let rig: Rig;
    beforeEach(async () => {
      rig = await makeRig();
    });
    afterEach(async () => {
      await rig.cleanup();
    });

    it('drives the line high when energised and low when released (active-high board)', async () => {
      const relay = createRelay(rig.spec(17), 'door-a/relay', rig.deps);
      await relay.open();
      assert.equal(rig.level(17), false, 'claimed de-energised');
      await relay.set(true);
      assert.equal(rig.level(17), true);
      assert.equal(await relay.get(), true);
      await relay.set(false);
      assert.equal(rig.level(17), false);
      await relay.close();
    });

    it('inverts the wire for an active-low relay board: off is high from the claim on, on is low', async () => {
      const relay = createRelay(rig.spec(27, { activeLow: true }), 'door-b/relay', rig.deps);
      await relay.open();
      assert.equal(rig.level(27), true, 'an active-low board is kept off while the controller starts');
      await relay.set(true);
      assert.equal(rig.level(27), false);
      assert.equal(await relay.get(), true, 'get() reports the logical state');
      await relay.close();
      assert.equal(rig.level(27), true, 'close() de-energises before releasing');
    });

    it('refuses a second driver on a line already claimed, naming the line', async () => {
      const first = createRelay(rig.spec(17), 'door-a/relay', rig.deps);
      await first.open();
      const second = createRelay(rig.spec(17), 'door-b/relay', rig.deps);
      await assert.rejects(second.open(), (err: unknown) => {
        assert.ok(err instanceof GpioError);
        assert.equal(err.code, 'line_busy');
        assert.match(err.message, /^relay door-b\/relay: cannot claim its \w+ line: .*(17|GPIO17).* already claimed/);
        return true;
      });
      await first.set(true);
      assert.equal(rig.level(17), true, 'the first driver still owns the line');
      await first.close();
      await second.open(); // free again once the first one let go
      await second.close();
    });

    it('closes a valve on close() and rejects every call after it', async () => {
      const valve = createValve(rig.spec(22), 'shower-1/valve', rig.deps);
      await valve.open();
      await valve.setOpen(true);
      assert.equal(rig.level(22), true);
      assert.equal(await valve.isOpen(), true);
      await valve.close();
      assert.equal(rig.level(22), false, 'closed');
      await assert.rejects(valve.setOpen(true), AssertionError);
      await assert.rejects(valve.isOpen(), AssertionError);
    });

    it('closes an open valve when the process exits', async () => {
      const valve = createValve(rig.spec(22, { activeLow: true }), 'shower-1/valve', rig.deps);
      await valve.open();
      await valve.setOpen(true);
      assert.equal(rig.level(22), false, 'active-low valve driver: open is low');
      rig.exitHooks.exit();
      assert.equal(rig.level(22), true, 'closed by the exit hook');
      await valve.close();
      assert.equal(rig.exitHooks.hooks.size, 0, 'close() removes its exit hook');
    });

    it('releases an energised door relay when the process exits (the door locks)', async () => {
      const relay = createRelay(rig.spec(23), 'door-a/relay', rig.deps);
      await relay.open();
      await relay.set(true);
      assert.equal(rig.level(23), true);
      rig.exitHooks.exit();
      assert.equal(rig.level(23), false, 'de-energised by the exit hook');
      await relay.close();
      assert.equal(rig.exitHooks.hooks.size, 0, 'close() removes its exit hook');
    });
  });
}
