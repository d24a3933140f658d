import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { tempDir } from '../../../test/helpers.js';
import { findHeaderChip, sysfsNumberOf } from './sysfs-base.js';
import { GpioError } from './lines.js';
import { PI3_LEGACY_CHIPS, PI4_CHIPS, PI5_CHIPS, piHeaderLineNames, writeFakeSysfs } from './fake-sysfs.js';

describe('sysfs GPIO number discovery (Pi 4 / Pi 5 offsets)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir('onecard-sysfs-');
  });
  afterEach(async () => {
    await dir.remove();
  });

  const rejectsWith = async (p: Promise<unknown>, code: string, pattern: RegExp) => {
    await assert.rejects(p, (err: unknown) => {
      assert.ok(err instanceof GpioError, `expected a GpioError, got ${String(err)}`);
      assert.equal(err.code, code);
      assert.match(err.message, pattern);
      return true;
    });
  };

  it('maps BCM 17 to 539 on a Pi 4 whose header chip (pinctrl-bcm2711) has base 522', async () => {
    await writeFakeSysfs(dir.path, PI4_CHIPS);
    const { gpio, chip } = await sysfsNumberOf(17, { sysRoot: dir.path });
    assert.equal(gpio, 539);
    assert.equal(chip.label, 'pinctrl-bcm2711');
    assert.equal(chip.via, 'pi-label');
  });

  it('maps BCM 17 to 588 on a Pi 5 whose header chip (pinctrl-rp1) has base 571, past the SoC chips', async () => {
    await writeFakeSysfs(dir.path, PI5_CHIPS);
    const { gpio, chip } = await sysfsNumberOf(17, { sysRoot: dir.path });
    assert.equal(gpio, 588);
    assert.equal(chip.dir, 'gpiochip571');
  });

  it('maps BCM 17 to 17 on an older kernel where pinctrl-bcm2835 has base 0', async () => {
    await writeFakeSysfs(dir.path, PI3_LEGACY_CHIPS);
    assert.equal((await sysfsNumberOf(17, { sysRoot: dir.path })).gpio, 17);
  });

  it('prefers the chip whose line is named GPIO2 in debugfs, whatever its label', async () => {
    const chips = [
      { base: 512, ngpio: 32, label: 'gpio-brcmstb@107d508500', lineNames: Array.from({ length: 32 }, (_, i) => `-${i}`) },
      { base: 600, ngpio: 54, label: 'pinctrl-future', lineNames: piHeaderLineNames(54) },
    ];
    await writeFakeSysfs(dir.path, chips, { debugfs: true });
    const { gpio, chip } = await sysfsNumberOf(17, { sysRoot: dir.path });
    assert.equal(gpio, 617);
    assert.equal(chip.via, 'line-name');
  });

  it('finds the Pi 5 header through debugfs line names too', async () => {
    await writeFakeSysfs(dir.path, PI5_CHIPS.map((c) => ({ ...c, lineNames: c.label === 'pinctrl-rp1' ? piHeaderLineNames(54) : [] })), { debugfs: true });
    const chip = await findHeaderChip({ sysRoot: dir.path });
    assert.deepEqual([chip.base, chip.via], [571, 'line-name']);
  });

  it('uses chipLabel when given, for boards other than a Pi', async () => {
    await writeFakeSysfs(dir.path, [...PI4_CHIPS, { base: 700, ngpio: 16, label: 'pca9555' }]);
    assert.equal((await sysfsNumberOf(3, { sysRoot: dir.path, chipLabel: 'pca9555' })).gpio, 703);
  });

  it('says sysfs GPIO is missing, and to use gpiod, when /sys/class/gpio does not exist', async () => {
    await rejectsWith(sysfsNumberOf(17, { sysRoot: join(dir.path, 'none') }), 'unavailable', /class\/gpio does not exist.*CONFIG_GPIO_SYSFS.*driver: gpiod/);
  });

  it('lists the chips it found when none drives a Pi header', async () => {
    await writeFakeSysfs(dir.path, [{ base: 0, ngpio: 32, label: 'gpio-mxc' }, { base: 32, ngpio: 32, label: 'gpio-mxc' }]);
    await rejectsWith(sysfsNumberOf(17, { sysRoot: dir.path }), 'chip_not_found', /GPIO2.*pinctrl-rp1.*found: gpiochip0 \[gpio-mxc\] base 0 ngpio 32, gpiochip32.*set chipLabel/);
  });

  it('names the missing label when chipLabel matches no chip', async () => {
    await writeFakeSysfs(dir.path, PI5_CHIPS);
    await rejectsWith(sysfsNumberOf(17, { sysRoot: dir.path, chipLabel: 'pinctrl-bcm2711' }), 'chip_not_found', /no sysfs GPIO chip labelled "pinctrl-bcm2711".*gpiochip571 \[pinctrl-rp1\]/);
  });

  it('refuses a BCM number the header chip does not have', async () => {
    await writeFakeSysfs(dir.path, PI5_CHIPS);
    await rejectsWith(sysfsNumberOf(54, { sysRoot: dir.path }), 'line_not_found', /BCM 54 is not a line of gpiochip571 \[pinctrl-rp1\], which has 54 lines \(0\.\.53\)/);
  });
});
