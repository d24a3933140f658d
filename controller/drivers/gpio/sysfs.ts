/**
 * GPIO backend over the deprecated sysfs interface (/sys/class/gpio) through onoff 6, for kernels
 * and boards where the character device is not usable. Loaded lazily (onoff needs the native
 * `epoll` module). Header pins are given in BCM numbering; the sysfs number is found from the
 * chip's base at each start (sysfs-base.ts), never hard-coded.
 *
 * Claiming: onoff silently reuses a line that is already exported. Within this process a second
 * claim of a line is refused (`line_busy`); a line left exported by an earlier run (a crash, a
 * `kill -9`) is taken over with a warning, because refusing would leave a valve or a lock in
 * whatever state the dead process left it. A line held through the character device makes the
 * kernel refuse the export (EBUSY), reported as `line_busy`.
 *
 * `activeLow` is applied by the drivers, so onoff is always asked for `activeLow: false`, which
 * also resets an `active_low` left set by another program.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../../lib/clock.js';
import { AssertionError } from '../../../lib/errors.js';
import { silentLogger, type Logger } from '../../../lib/log.js';
import { GpioError, gpioErrorFrom, type GpioLines, type InputLine, type OutputLine } from './lines.js';
import { findHeaderChip, numberOnChip, type HeaderChip } from './sysfs-base.js';

/** The part of onoff this backend uses. */
export interface OnoffGpio {
  readSync(): 0 | 1;
  writeSync(value: 0 | 1): void;
  watch(callback: (err: Error | null | undefined, value: 0 | 1) => void): void;
  unwatch(callback?: (err: Error | null | undefined, value: 0 | 1) => void): void;
  unexport(): void;
}
export interface OnoffModule {
  Gpio: new (
    gpio: number,
    direction: 'in' | 'out' | 'high' | 'low',
    edge?: 'none' | 'rising' | 'falling' | 'both',
    options?: { activeLow?: boolean; reconfigureDirection?: boolean },
  ) => OnoffGpio;
}

export interface SysfsAddress {
  /** Header pin in BCM numbering (GPIO17 = 17). */
  bcm: number;
  /** The label of the chip driving the pin, for boards other than a Raspberry Pi. */
  chipLabel?: string;
}

export interface SysfsLinesOptions {
  /** Loads onoff; tests inject a fake. Default: `import('onoff')`. */
  load?: () => Promise<OnoffModule>;
  /** Root of sysfs for the chip lookup. Default `/sys` (onoff itself always uses /sys/class/gpio). */
  sysRoot?: string;
  clock?: Clock;
  logger?: Logger;
}

export async function loadOnoff(): Promise<OnoffModule> {
  try {
    const mod = (await import('onoff')) as unknown as { default?: OnoffModule } & OnoffModule;
    return mod.default ?? mod;
  } catch (err) {
    throw onoffLoadError(err);
  }
}

function onoffLoadError(err: unknown): GpioError {
  if (err instanceof GpioError) return err;
  return new GpioError(
    'unavailable',
    `onoff could not be loaded (${(err as Error).message}); it needs its native module epoll, built with ` +
      'the Debian package build-essential: run `npm rebuild epoll onoff`',
  );
}

export class SysfsLines implements GpioLines<SysfsAddress> {
  readonly kind = 'sysfs';
  private module: Promise<OnoffModule> | null = null;
  private readonly headerChips = new Map<string, Promise<HeaderChip>>();
  private readonly claimed = new Set<number>();
  private readonly sysRoot: string;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(private readonly options: SysfsLinesOptions = {}) {
    this.sysRoot = options.sysRoot ?? '/sys';
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
  }

  async requestOutput(address: SysfsAddress, initialHigh: boolean): Promise<OutputLine> {
    const { gpio, description, release } = await this.claim(address, (Gpio, n) => new Gpio(n, initialHigh ? 'high' : 'low', 'none', { activeLow: false }));
    return {
      description,
      write: (high) => gpio().writeSync(high ? 1 : 0),
      read: () => gpio().readSync() === 1,
      release,
    };
  }

  async requestInput(address: SysfsAddress): Promise<InputLine> {
    const { gpio, description, release } = await this.claim(address, (Gpio, n) => new Gpio(n, 'in', 'both', { activeLow: false }));
    return {
      description,
      read: () => gpio().readSync() === 1,
      watch: (listener) => {
        const callback = (err: Error | null | undefined, value: 0 | 1) => {
          if (err) {
            this.logger.log('warn', 'gpio.watch_failed', { line: description, error: err.message });
            return;
          }
          listener(value === 1, this.clock.nowMs());
        };
        gpio().watch(callback);
        return () => {
          try {
            gpio().unwatch(callback);
          } catch {
            // already released
          }
        };
      },
      release,
    };
  }

  private async claim(
    address: SysfsAddress,
    make: (Gpio: OnoffModule['Gpio'], n: number) => OnoffGpio,
  ): Promise<{ gpio: () => OnoffGpio; description: string; release: () => void }> {
    const chip = await this.headerChip(address.chipLabel);
    const n = numberOnChip(chip, address.bcm);
    const description = `sysfs gpio${n} (BCM ${address.bcm} on ${chip.dir} [${chip.label}])`;
    if (this.claimed.has(n)) throw new GpioError('line_busy', `${description} is already claimed by this controller (two drivers name the same line)`);
    const mod = await this.load();
    if (this.claimed.has(n)) throw new GpioError('line_busy', `${description} is already claimed by this controller (two drivers name the same line)`);
    if (await exists(join(this.sysRoot, 'class', 'gpio', `gpio${n}`))) {
      this.logger.log('warn', 'gpio.sysfs_reclaimed', { line: description, reason: 'already exported (an earlier run or another program); taking it over' });
    }
    let handle: OnoffGpio | null;
    try {
      handle = make(mod.Gpio, n);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === 'EBUSY') throw new GpioError('line_busy', `${description} is held by another consumer through the character device (see \`gpioinfo\`)`);
      if (code === 'EINVAL') throw new GpioError('line_not_found', `the kernel refused to export ${description}: ${(err as Error).message}`);
      throw gpioErrorFrom(err, `cannot export ${description}`);
    }
    this.claimed.add(n);
    const gpio = () => {
      if (!handle) throw new AssertionError(`${description}: used after release`);
      return handle;
    };
    const release = () => {
      if (!handle) return;
      const h = handle;
      handle = null;
      this.claimed.delete(n);
      try {
        h.unexport();
      } catch (err) {
        this.logger.log('warn', 'gpio.release_failed', { line: description, error: (err as Error).message });
      }
    };
    return { gpio, description, release };
  }

  private headerChip(chipLabel: string | undefined): Promise<HeaderChip> {
    const key = chipLabel ?? '';
    let found = this.headerChips.get(key);
    if (!found) {
      found = findHeaderChip({ sysRoot: this.sysRoot, ...(chipLabel === undefined ? {} : { chipLabel }) });
      found.catch(() => this.headerChips.delete(key)); // look again on the next open
      this.headerChips.set(key, found);
    }
    return found;
  }

  private load(): Promise<OnoffModule> {
    this.module ??= (this.options.load ?? loadOnoff)().catch((err: unknown) => {
      this.module = null; // let a later open retry
      throw onoffLoadError(err);
    });
    return this.module;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
