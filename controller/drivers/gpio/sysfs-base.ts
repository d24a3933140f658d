/**
 * Finds the sysfs GPIO number of a Raspberry Pi header pin (BCM numbering). The sysfs numbers are
 * global: header pin BCM n is `base + n`, where `base` is that of the chip driving the header, and
 * the base moved with kernels: 0 on older ones; on Raspberry Pi OS Bookworm (6.x kernels) chips are
 * numbered from 512, so a Pi 4's header is e.g. 512 or 522 + n and a Pi 5's 571 + n. Hard-coding
 * a number breaks across boards and kernel updates, so the base is looked up every start:
 *
 * 1. with `chipLabel` given, the chip of that label;
 * 2. else, where debugfs is readable (`/sys/kernel/debug/gpio`, root), the chip whose line is named
 *    `GPIO2` (the device tree names the header lines GPIO0..GPIO27 on every Pi);
 * 3. else the chip labelled as a Pi's main GPIO controller: `pinctrl-rp1` (Pi 5),
 *    `pinctrl-bcm2711` (Pi 4, 400, CM4), `pinctrl-bcm2835` (Pi 0-3).
 *
 * `sysRoot` is injectable (default `/sys`) so tests run against fake trees.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GpioError } from './lines.js';

export const PI_CHIP_LABELS = ['pinctrl-rp1', 'pinctrl-bcm2711', 'pinctrl-bcm2835'] as const;

export interface SysfsChip {
  /** The sysfs directory name, `gpiochip571`. */
  dir: string;
  base: number;
  ngpio: number;
  label: string;
}

export interface HeaderChip extends SysfsChip {
  /** How it was chosen. */
  via: 'chipLabel' | 'line-name' | 'pi-label';
}

/** Reads every `gpiochipN` under `<sysRoot>/class/gpio`. */
export async function listSysfsChips(sysRoot = '/sys'): Promise<SysfsChip[]> {
  const dir = join(sysRoot, 'class', 'gpio');
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new GpioError('unavailable', `${dir} does not exist: this kernel has no sysfs GPIO (CONFIG_GPIO_SYSFS); use driver: gpiod`);
    }
    throw new GpioError(code === 'EACCES' ? 'permission' : 'io', `cannot list ${dir}: ${(err as Error).message}`);
  }
  const chips: SysfsChip[] = [];
  for (const name of entries.filter((e) => /^gpiochip\d+$/.test(e)).sort(byNumber)) {
    const read = (file: string) => readFile(join(dir, name, file), 'utf8').then((t) => t.trim());
    try {
      const [base, ngpio, label] = await Promise.all([read('base'), read('ngpio'), read('label')]);
      const chip = { dir: name, base: Number(base), ngpio: Number(ngpio), label };
      if (Number.isSafeInteger(chip.base) && Number.isSafeInteger(chip.ngpio)) chips.push(chip);
    } catch {
      // a chip being removed, or a stray entry: not a candidate
    }
  }
  return chips;
}

/** Picks the chip that drives the header (see the file comment for the order). */
export async function findHeaderChip(options: { sysRoot?: string; chipLabel?: string } = {}): Promise<HeaderChip> {
  const sysRoot = options.sysRoot ?? '/sys';
  const chips = await listSysfsChips(sysRoot);
  const found = (): string =>
    chips.length === 0 ? 'none' : chips.map((c) => `${c.dir} [${c.label}] base ${c.base} ngpio ${c.ngpio}`).join(', ');
  if (options.chipLabel !== undefined) {
    const chip = chips.find((c) => c.label === options.chipLabel);
    if (!chip) throw new GpioError('chip_not_found', `no sysfs GPIO chip labelled ${JSON.stringify(options.chipLabel)} under ${join(sysRoot, 'class/gpio')} (found: ${found()})`);
    return { ...chip, via: 'chipLabel' };
  }
  const gpio2 = await gpio2BaseFromDebugfs(sysRoot);
  const byName = gpio2 === null ? undefined : chips.find((c) => c.base === gpio2);
  if (byName) return { ...byName, via: 'line-name' };
  for (const label of PI_CHIP_LABELS) {
    const chip = chips.find((c) => c.label === label);
    if (chip) return { ...chip, via: 'pi-label' };
  }
  throw new GpioError(
    'chip_not_found',
    `no Raspberry Pi header GPIO chip under ${join(sysRoot, 'class/gpio')}: none has a line named GPIO2 ` +
      `(debugfs) or a label ${PI_CHIP_LABELS.join(', ')} (found: ${found()}); set chipLabel to the chip that drives your pins`,
  );
}

/** The sysfs number of header pin `bcm`: base of the header chip + bcm. */
export async function sysfsNumberOf(bcm: number, options: { sysRoot?: string; chipLabel?: string } = {}): Promise<{ gpio: number; chip: HeaderChip }> {
  const chip = await findHeaderChip(options);
  return { gpio: numberOnChip(chip, bcm), chip };
}

/** `chip.base + bcm`, or a `line_not_found` error when the chip has no such line. */
export function numberOnChip(chip: SysfsChip, bcm: number): number {
  if (!Number.isInteger(bcm) || bcm < 0 || bcm >= chip.ngpio) {
    throw new GpioError('line_not_found', `BCM ${bcm} is not a line of ${chip.dir} [${chip.label}], which has ${chip.ngpio} lines (0..${chip.ngpio - 1})`);
  }
  return chip.base + bcm;
}

/**
 * Parses `<sysRoot>/kernel/debug/gpio` and returns the base of the chip with a line named GPIO2,
 * or null when debugfs is not readable or names no such line. Lines look like
 * ` gpio-514 (GPIO2               )` under a header `gpiochip0: GPIOs 512-569, parent: ...`.
 */
export async function gpio2BaseFromDebugfs(sysRoot: string): Promise<number | null> {
  let text: string;
  try {
    text = await readFile(join(sysRoot, 'kernel', 'debug', 'gpio'), 'utf8');
  } catch {
    return null; // not mounted, or not root
  }
  let chipBase: number | null = null;
  for (const line of text.split('\n')) {
    const header = /^gpiochip\d+: GPIOs (\d+)-\d+/.exec(line);
    if (header) {
      chipBase = Number(header[1]);
      continue;
    }
    const gpio = /^\s*gpio-(\d+)\s+\(([^|)]*)/.exec(line);
    if (gpio && gpio[2]!.trim() === 'GPIO2' && chipBase !== null) {
      const base = Number(gpio[1]) - 2;
      return base === chipBase ? base : null; // GPIO2 must be offset 2 of its chip
    }
  }
  return null;
}

function byNumber(a: string, b: string): number {
  return Number(a.slice('gpiochip'.length)) - Number(b.slice('gpiochip'.length));
}
