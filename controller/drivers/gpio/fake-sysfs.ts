/**
 * Fake sysfs trees (for tests) reproducing what Raspberry Pi boards show under /sys/class/gpio:
 * one `gpiochipN` directory per chip with `base`, `ngpio` and `label`, and optionally the debugfs
 * listing /sys/kernel/debug/gpio that names each line.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface FakeSysfsChip {
  base: number;
  ngpio: number;
  label: string;
  /** Line names for the debugfs listing, by offset. */
  lineNames?: string[];
}

/** Raspberry Pi 5, Bookworm (6.6 kernel): two SoC chips first, the RP1 header chip at 571. */
export const PI5_CHIPS: FakeSysfsChip[] = [
  { base: 512, ngpio: 32, label: 'gpio-brcmstb@107d508500' },
  { base: 544, ngpio: 27, label: 'gpio-brcmstb@107d517c00' },
  { base: 571, ngpio: 54, label: 'pinctrl-rp1' },
];

/** Raspberry Pi 4, Bookworm: the firmware's expander chips first, the header chip at 522. */
export const PI4_CHIPS: FakeSysfsChip[] = [
  { base: 512, ngpio: 8, label: 'raspberrypi-exp-gpio' },
  { base: 520, ngpio: 2, label: 'brcmvirt-gpio' },
  { base: 522, ngpio: 58, label: 'pinctrl-bcm2711' },
];

/** Raspberry Pi 3 on an older kernel: the header chip at 0. */
export const PI3_LEGACY_CHIPS: FakeSysfsChip[] = [
  { base: 0, ngpio: 54, label: 'pinctrl-bcm2835' },
  { base: 100, ngpio: 8, label: 'brcmexp-gpio' },
];

/** Header line names as the Pi device trees give them: ID_SDA, ID_SCL, GPIO2..GPIO27, then SoC names. */
export function piHeaderLineNames(ngpio: number): string[] {
  return Array.from({ length: ngpio }, (_, i) => (i === 0 ? 'ID_SDA' : i === 1 ? 'ID_SCL' : i <= 27 ? `GPIO${i}` : `SOC_${i}`));
}

/** Writes `<root>/class/gpio/gpiochipN/{base,ngpio,label}` (and `export`), plus debugfs when asked. */
export async function writeFakeSysfs(root: string, chips: FakeSysfsChip[], options: { debugfs?: boolean } = {}): Promise<void> {
  const gpioDir = join(root, 'class', 'gpio');
  await mkdir(gpioDir, { recursive: true });
  await writeFile(join(gpioDir, 'export'), '');
  await writeFile(join(gpioDir, 'unexport'), '');
  for (const chip of chips) {
    const dir = join(gpioDir, `gpiochip${chip.base}`);
    await mkdir(dir);
    await writeFile(join(dir, 'base'), `${chip.base}\n`);
    await writeFile(join(dir, 'ngpio'), `${chip.ngpio}\n`);
    await writeFile(join(dir, 'label'), `${chip.label}\n`);
  }
  if (!options.debugfs) return;
  const lines: string[] = [];
  chips.forEach((chip, i) => {
    lines.push(`gpiochip${i}: GPIOs ${chip.base}-${chip.base + chip.ngpio - 1}, parent: platform/${chip.label}, ${chip.label}:`);
    (chip.lineNames ?? []).forEach((name, offset) => lines.push(` gpio-${chip.base + offset} (${name.padEnd(20)})`));
    lines.push('');
  });
  await mkdir(join(root, 'kernel', 'debug'), { recursive: true });
  await writeFile(join(root, 'kernel', 'debug', 'gpio'), lines.join('\n'));
}
