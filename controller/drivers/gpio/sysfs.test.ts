import { strict as assert } from 'node:assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../../../test/helpers.js';
import { MemoryLogger } from '../../../lib/log.js';
import { createRelay, createValve, GpioBackends, GpioError } from './index.js';
import { loadOnoff, SysfsLines } from './sysfs.js';
import { FakeOnoff } from './fake-onoff.js';
import { PI4_CHIPS, PI5_CHIPS, writeFakeSysfs } from './fake-sysfs.js';

const failsWith = (code: string, pattern: RegExp) => (err: unknown) => {
  assert.ok(err instanceof GpioError, `expected a GpioError, got ${String(err)}`);
  assert.equal(err.code, code);
  assert.match(err.message, pattern);
  return true;
};

describe('GPIO over sysfs (onoff)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let fake: FakeOnoff;
  let logger: MemoryLogger;
  let gpio: GpioBackends;

  const setup = async (chips = PI5_CHIPS) => {
    await writeFakeSysfs(dir.path, chips);
    fake = new FakeOnoff(dir.path);
    gpio = new GpioBackends({ loadOnoff: async () => fake.module, sysRoot: dir.path, logger });
  };

  beforeEach(async () => {
    dir = await tempDir('onecard-sysfs-');
    logger = new MemoryLogger();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('drives BCM 17 as sysfs gpio588 on a Pi 5 and gpio539 on a Pi 4, and unexports on close', async () => {
    await setup(PI5_CHIPS);
    const relay = createRelay({ driver: 'sysfs', bcm: 17 }, 'door-a/relay', { gpio });
    await relay.open();
    await relay.set(true);
    assert.equal(fake.level(588), 1);
    await relay.close();
    assert.equal(fake.isExported(588), false);

    await dir.remove();
    await setup(PI4_CHIPS);
    const pi4 = createRelay({ driver: 'sysfs', bcm: 17 }, 'door-a/relay', { gpio });
    await pi4.open();
    await pi4.set(true);
    assert.equal(fake.level(539), 1);
    await pi4.close();
  });

  it('claims an output with its initial level in the direction write (high/low), not as a separate write', async () => {
    await setup();
    const valve = createValve({ driver: 'sysfs', bcm: 22, activeLow: true }, 'shower-1/valve', { gpio });
    await valve.open();
    assert.deepEqual(fake.calls, ['new Gpio(593, high, none, {"activeLow":false})']);
    assert.equal(fake.level(593), 1, 'active-low valve claimed closed (high)');
    await valve.close();
  });

  it('takes over a line left exported by a crashed run, resets its active_low, and logs it', async () => {
    await setup();
    fake.exportElsewhere(588, 'out', 1); // the valve was left open
    await writeFile(join(dir.path, 'class/gpio/gpio588/active_low'), '1');
    const valve = createValve({ driver: 'sysfs', bcm: 17 }, 'shower-1/valve', { gpio });
    await valve.open();
    assert.equal(fake.level(588), 0, 'closed at once on restart');
    assert.equal(logger.find('gpio.sysfs_reclaimed').length, 1);
    assert.match(String(logger.find('gpio.sysfs_reclaimed')[0]?.fields.line), /gpio588 \(BCM 17 on gpiochip571 \[pinctrl-rp1\]\)/);
    await valve.close();
  });

  it('reports a line held through the character device as busy', async () => {
    await setup();
    fake.heldByChardev.add(588);
    const relay = createRelay({ driver: 'sysfs', bcm: 17 }, 'door-a/relay', { gpio });
    await assert.rejects(relay.open(), failsWith('line_busy', /gpio588 .* held by another consumer through the character device/));
  });

  it('explains how to build onoff when it cannot be loaded, and only when a line is claimed', async () => {
    await writeFakeSysfs(dir.path, PI5_CHIPS);
    let loads = 0;
    const lines = new SysfsLines({
      sysRoot: dir.path,
      load: async () => {
        loads += 1;
        throw new Error('Cannot find module epoll');
      },
    });
    assert.equal(loads, 0);
    await assert.rejects(lines.requestOutput({ bcm: 17 }, false), failsWith('unavailable', /onoff could not be loaded \(Cannot find module epoll\).*npm rebuild epoll onoff/));
  });

  it('reports a kernel without sysfs GPIO (as on this machine) before loading onoff', async () => {
    let loads = 0;
    const lines = new SysfsLines({ sysRoot: join(dir.path, 'no-sysfs'), load: async () => {
        loads += 1;
        throw new Error('onoff must not be loaded');
      },
    });
    await assert.rejects(lines.requestInput({ bcm: 17 }), failsWith('unavailable', /CONFIG_GPIO_SYSFS.*driver: gpiod/));
    assert.equal(loads, 0);
  });

  it('loads the real onoff lazily, or says how to build it', async () => {
    try {
      const onoff = await loadOnoff();
      assert.equal(typeof onoff.Gpio, 'function');
    } catch (err) {
      failsWith('unavailable', /onoff could not be loaded.*npm rebuild epoll onoff/)(err);
    }
  });
});
