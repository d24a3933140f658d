import { strict as assert } from 'node:assert';
import { MemoryLogger } from '../../../lib/log.js';
import { createRelay, GpioBackends, GpioError } from './index.js';
import { GpiodLines } from './gpiod.js';
import { FakeLibgpiod } from './fake-node-libgpiod.js';
import { piHeaderLineNames } from './fake-sysfs.js';

/** A Pi 5 as libgpiod 1.x sees it on a 6.6 kernel: SoC chips first, the header on pinctrl-rp1. */
function pi5(): FakeLibgpiod {
  return new FakeLibgpiod([
    { name: 'gpiochip0', label: 'gpio-brcmstb@107d508500', lineNames: Array.from({ length: 32 }, () => undefined) },
    { name: 'gpiochip1', label: 'gpio-brcmstb@107d517c00', lineNames: Array.from({ length: 27 }, () => undefined) },
    { name: 'gpiochip4', label: 'pinctrl-rp1', lineNames: piHeaderLineNames(54) },
  ]);
}

const failsWith = (code: string, pattern: RegExp) => (err: unknown) => {
  assert.ok(err instanceof GpioError, `expected a GpioError, got ${String(err)}`);
  assert.equal(err.code, code);
  assert.match(err.message, pattern);
  return true;
};

describe('GPIO over node-libgpiod (character device)', () => {
  it('finds the header by chip label and line name, and claims it as consumer "onecard"', async () => {
    const fake = pi5();
    const gpio = new GpioBackends({ loadGpiod: async () => fake.module });
    const relay = createRelay({ driver: 'gpiod', chip: 'pinctrl-rp1', line: 'GPIO17' }, 'door-a/relay', { gpio });
    await relay.open();
    assert.equal(fake.consumerOf('gpiochip4', 17), 'onecard');
    await relay.set(true);
    assert.equal(fake.level('gpiochip4', 17), 1);
    await relay.close();
    assert.equal(fake.consumerOf('gpiochip4', 17), null);
    assert.ok(fake.calls.includes('::requestOutputMode gpiochip4:17 onecard 0'), fake.calls.join('\n'));
  });

  it('claims an active-low output high in the request itself, so the relay never clicks at start', async () => {
    const fake = pi5();
    const gpio = new GpioBackends({ loadGpiod: async () => fake.module });
    const relay = createRelay({ driver: 'gpiod', chip: '/dev/gpiochip4', line: 27, activeLow: true }, 'door-a/relay', { gpio });
    await relay.open();
    assert.deepEqual(fake.calls.filter((c) => c.includes('gpiochip4:27')), ['::requestOutputMode gpiochip4:27 onecard 1'], 'no write between claim and first set');
    await relay.close();
  });

  it('sees one line whether it is named by offset or by name, through one chip handle', async () => {
    const fake = pi5();
    const gpio = new GpioBackends({ loadGpiod: async () => fake.module });
    await createRelay({ driver: 'gpiod', chip: 'gpiochip4', line: 17 }, 'a', { gpio }).open();
    await assert.rejects(
      createRelay({ driver: 'gpiod', chip: 'pinctrl-rp1', line: 'GPIO17' }, 'b', { gpio }).open(),
      failsWith('line_busy', /^relay b: .*gpiochip4 \[pinctrl-rp1\] line 17 \(GPIO17\) is already claimed by this controller/),
    );
  });

  it('names the consumer that holds a line in another process', async () => {
    const fake = pi5();
    fake.holdElsewhere('gpiochip4', 17, 'gpioset');
    const relay = createRelay({ driver: 'gpiod', chip: 'gpiochip4', line: 17 }, 'door-a/relay', { gpio: new GpioBackends({ loadGpiod: async () => fake.module }) });
    await assert.rejects(relay.open(), failsWith('line_busy', /line 17 \(GPIO17\) is in use by "gpioset".*gpioinfo gpiochip4/));
  });

  it('lists the chips there are when the chip named does not exist', async () => {
    const relay = createRelay({ driver: 'gpiod', chip: 'pinctrl-bcm2711', line: 17 }, 'r', { gpio: new GpioBackends({ loadGpiod: async () => pi5().module }) });
    await assert.rejects(relay.open(), failsWith('chip_not_found', /"pinctrl-bcm2711".*gpiochip0 \[gpio-brcmstb@107d508500\].*gpiochip4 \[pinctrl-rp1\]/));
  });

  it('says there are no GPIO chips at all on a machine without /dev/gpiochip*', async () => {
    const relay = createRelay({ driver: 'gpiod', line: 17 }, 'r', { gpio: new GpioBackends({ loadGpiod: async () => new FakeLibgpiod([]).module }) });
    await assert.rejects(relay.open(), failsWith('unavailable', /no GPIO chips on this machine/));
  });

  it('refuses a line name or offset the chip does not have', async () => {
    const gpio = new GpioBackends({ loadGpiod: async () => pi5().module });
    await assert.rejects(createRelay({ driver: 'gpiod', chip: 'gpiochip4', line: 'GPIO99' }, 'r', { gpio }).open(), failsWith('line_not_found', /gpiochip4 \[pinctrl-rp1\] has no line "GPIO99"/));
    await assert.rejects(createRelay({ driver: 'gpiod', chip: 'gpiochip4', line: 54 }, 'r', { gpio }).open(), failsWith('line_not_found', /has lines 0\.\.53; there is no line 54/));
  });

  it('loads node-libgpiod only when a line is first claimed, and explains a failed load', async () => {
    let loads = 0;
    const gpio = new GpioBackends({
      loadGpiod: async () => {
        loads += 1;
        throw new GpioError('unavailable', 'node-libgpiod could not be loaded (x); install the Debian packages libgpiod-dev and gpiod');
      },
    });
    const relay = createRelay({ driver: 'gpiod', line: 17 }, 'r', { gpio });
    assert.equal(loads, 0, 'creating a driver loads nothing');
    await assert.rejects(relay.open(), failsWith('unavailable', /libgpiod-dev and gpiod/));
    await assert.rejects(relay.open(), failsWith('unavailable', /libgpiod-dev/));
    assert.equal(loads, 2, 'a failed load is retried on the next open');
  });

  it('with the real node-libgpiod, a chip that does not exist is a clear error (never touches a real line)', async () => {
    const lines = new GpiodLines({ logger: new MemoryLogger() });
    await assert.rejects(lines.requestOutput({ chip: 'onecard-test-no-such-chip', line: 0 }, false), (err: unknown) => {
      assert.ok(err instanceof GpioError);
      // here: no /dev/gpiochip*; on a Pi: the chip list; where the package did not build: how to build it
      assert.match(`${err.code} ${err.message}`, /^(unavailable no GPIO chips on this machine|chip_not_found no GPIO chip named or labelled "onecard-test-no-such-chip"|unavailable node-libgpiod could not be loaded.*libgpiod-dev)/);
      return true;
    });
  });
});
