/**
 * GPIO backend over the Linux character device (/dev/gpiochipN) through node-libgpiod 0.5.3, which
 * binds libgpiod 1.x. Loaded lazily: the package is optional, and a failed load becomes a
 * `GpioError('unavailable')` naming the Debian packages it needs.
 *
 * - A chip is named as libgpiod's `gpiod_chip_open_lookup` accepts: name (`gpiochip0`), path
 *   (`/dev/gpiochip0`), label (`pinctrl-rp1`, the Pi 5 header; `pinctrl-bcm2711`, the Pi 4) or number.
 * - A line is an offset (17) or a line name from the device tree (`GPIO17`).
 * - Lines are claimed with consumer "onecard", so `gpioinfo` shows who holds them.
 * - node-libgpiod 0.5.3 can request edge events but has no call to read them (its README lists
 *   "GPIO monitoring callbacks" as not done), so inputs are sampled every `pollIntervalMs`.
 * - libgpiod 1.x hands out one line object per chip and offset, and node-libgpiod releases the line
 *   when a JS wrapper is garbage-collected: every Chip and Line wrapper made here is kept for the
 *   backend's life, so a dropped wrapper can never release a line claimed through another one.
 */
import { systemClock, type IntervalClock } from '../../../lib/clock.js';
import { AssertionError } from '../../../lib/errors.js';
import { silentLogger, type Logger } from '../../../lib/log.js';
import { GpioError, gpioErrorFrom, type GpioLines, type InputLine, type OutputLine } from './lines.js';

/** The part of node-libgpiod this backend uses (its own typings are looser). */
export interface GpiodModule {
  Chip: new (identifier: number | string) => GpiodChip;
  Line: new (chip: GpiodChip, identifier: number | string) => GpiodLine;
  getChipNames(): string[];
}
export interface GpiodChip {
  readonly name: string;
  readonly label: string;
  readonly numberOfLines: number;
}
export interface GpiodLine {
  readonly offset: number;
  readonly name: string | undefined;
  readonly consumer: string | undefined;
  requestOutputMode(consumer?: string, defaultValue?: 0 | 1): void;
  requestInputMode(consumer?: string): void;
  getValue(): 0 | 1;
  setValue(value: 0 | 1): void;
  release(): void;
}

export interface GpiodAddress {
  chip: string | number;
  line: number | string;
  /** Inputs only: how often the line is sampled. Default 5 ms. */
  pollIntervalMs?: number;
}

export interface GpiodLinesOptions {
  /** Loads node-libgpiod; tests inject a fake. Default: `import('node-libgpiod')`. */
  load?: () => Promise<GpiodModule>;
  consumer?: string;
  clock?: IntervalClock;
  logger?: Logger;
}

export const DEFAULT_POLL_INTERVAL_MS = 5;
export const MIN_POLL_INTERVAL_MS = 1;
export const MAX_POLL_INTERVAL_MS = 1000;

export async function loadNodeLibgpiod(): Promise<GpiodModule> {
  try {
    const mod = (await import('node-libgpiod')) as unknown as { default?: GpiodModule } & GpiodModule;
    return mod.default ?? mod;
  } catch (err) {
    throw libgpiodLoadError(err);
  }
}

function libgpiodLoadError(err: unknown): GpioError {
  if (err instanceof GpioError) return err;
  return new GpioError(
    'unavailable',
    `node-libgpiod could not be loaded (${(err as Error).message}); it builds against libgpiod 1.x: ` +
      'install the Debian packages libgpiod-dev and gpiod, then run `npm rebuild node-libgpiod`',
  );
}

export class GpiodLines implements GpioLines<GpiodAddress> {
  readonly kind = 'gpiod';
  private module: Promise<GpiodModule> | null = null;
  /** By the identifier asked for, and by the chip's name: one handle per chip. */
  private readonly chips = new Map<string, GpiodChip>();
  /** Every wrapper ever made, kept alive (see the file comment). */
  private readonly wrappers = new Map<string, GpiodLine>();
  /** `chipname:offset` of the lines this backend holds now. */
  private readonly claimed = new Set<string>();
  private readonly consumer: string;
  private readonly clock: IntervalClock;
  private readonly logger: Logger;

  constructor(private readonly options: GpiodLinesOptions = {}) {
    this.consumer = options.consumer ?? 'onecard';
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
  }

  async requestOutput(address: GpiodAddress, initialHigh: boolean): Promise<OutputLine> {
    const { line, key, description } = await this.claim(address, (l) => l.requestOutputMode(this.consumer, initialHigh ? 1 : 0));
    let released = false;
    return {
      description,
      write: (high) => {
        if (released) throw new AssertionError(`${description}: write after release`);
        line.setValue(high ? 1 : 0);
      },
      read: () => {
        if (released) throw new AssertionError(`${description}: read after release`);
        return line.getValue() === 1;
      },
      release: () => {
        if (released) return;
        released = true;
        this.unclaim(line, key);
      },
    };
  }

  async requestInput(address: GpiodAddress): Promise<InputLine> {
    const pollMs = address.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    if (!(pollMs >= MIN_POLL_INTERVAL_MS && pollMs <= MAX_POLL_INTERVAL_MS)) {
      throw new GpioError('io', `pollIntervalMs must be ${MIN_POLL_INTERVAL_MS}..${MAX_POLL_INTERVAL_MS}, got ${pollMs}`);
    }
    const { line, key, description } = await this.claim(address, (l) => l.requestInputMode(this.consumer));
    const pollers = new Set<unknown>();
    let released = false;
    return {
      description,
      read: () => {
        if (released) throw new AssertionError(`${description}: read after release`);
        return line.getValue() === 1;
      },
      watch: (listener) => {
        if (released) throw new AssertionError(`${description}: watch after release`);
        let last = line.getValue() === 1;
        let failing = false;
        const poller = this.clock.setInterval(() => {
          let high: boolean;
          try {
            high = line.getValue() === 1;
          } catch (err) {
            if (!failing) this.logger.log('warn', 'gpio.poll_failed', { line: description, error: (err as Error).message });
            failing = true;
            return;
          }
          if (failing) this.logger.log('info', 'gpio.poll_recovered', { line: description });
          failing = false;
          if (high === last) return;
          last = high;
          listener(high, this.clock.nowMs());
        }, pollMs);
        pollers.add(poller);
        return () => {
          if (pollers.delete(poller)) this.clock.clearInterval(poller);
        };
      },
      release: () => {
        if (released) return;
        released = true;
        for (const p of pollers) this.clock.clearInterval(p);
        pollers.clear();
        this.unclaim(line, key);
      },
    };
  }

  private async claim(address: GpiodAddress, request: (line: GpiodLine) => void): Promise<{ line: GpiodLine; key: string; description: string }> {
    const mod = await this.load();
    const chip = this.openChip(mod, address.chip);
    const line = this.lineOf(mod, chip, address.line);
    const key = `${chip.name}:${line.offset}`;
    const description = `${chip.name} [${chip.label}] line ${line.offset}${line.name ? ` (${line.name})` : ''}`;
    if (this.claimed.has(key)) throw new GpioError('line_busy', `${description} is already claimed by this controller (two drivers name the same line)`);
    try {
      request(line);
    } catch (err) {
      if ((err as { code?: unknown }).code === 'EBUSY') {
        const holder = safe(() => line.consumer);
        throw new GpioError('line_busy', `${description} is in use by ${holder ? `"${holder}"` : 'another consumer'} (see \`gpioinfo ${chip.name}\`)`);
      }
      throw gpioErrorFrom(err, `cannot claim ${description}`);
    }
    this.claimed.add(key);
    return { line, key, description };
  }

  private unclaim(line: GpiodLine, key: string): void {
    this.claimed.delete(key);
    try {
      line.release();
    } catch (err) {
      this.logger.log('warn', 'gpio.release_failed', { line: key, error: (err as Error).message });
    }
  }

  private load(): Promise<GpiodModule> {
    this.module ??= (this.options.load ?? loadNodeLibgpiod)().catch((err: unknown) => {
      this.module = null; // let a later open retry
      throw libgpiodLoadError(err);
    });
    return this.module;
  }

  private openChip(mod: GpiodModule, identifier: string | number): GpiodChip {
    const cacheKey = String(identifier);
    const cached = this.chips.get(cacheKey);
    if (cached) return cached;
    let chip: GpiodChip;
    try {
      chip = new mod.Chip(identifier);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code !== 'ENOENT' && code !== 'ENODEV' && code !== 'EINVAL') throw gpioErrorFrom(err, `cannot open GPIO chip ${JSON.stringify(identifier)}`);
      const names = safe(() => mod.getChipNames()) ?? [];
      if (names.length === 0) throw new GpioError('unavailable', `no GPIO chips on this machine (/dev/gpiochip* is missing); cannot open ${JSON.stringify(identifier)}`);
      const known = names.map((n) => `${n} [${safe(() => this.openChip(mod, n).label) ?? '?'}]`).join(', ');
      throw new GpioError('chip_not_found', `no GPIO chip named or labelled ${JSON.stringify(identifier)}; chips here: ${known}`);
    }
    const same = this.chips.get(chip.name) ?? chip; // `pinctrl-bcm2711` and `gpiochip0` are one chip
    this.chips.set(chip.name, same);
    this.chips.set(cacheKey, same);
    return same;
  }

  private lineOf(mod: GpiodModule, chip: GpiodChip, identifier: number | string): GpiodLine {
    const cacheKey = `${chip.name}:${typeof identifier}:${identifier}`;
    const cached = this.wrappers.get(cacheKey);
    if (cached) return cached;
    if (typeof identifier === 'number' && (!Number.isInteger(identifier) || identifier < 0 || identifier >= chip.numberOfLines)) {
      throw new GpioError('line_not_found', `${chip.name} [${chip.label}] has lines 0..${chip.numberOfLines - 1}; there is no line ${identifier}`);
    }
    let line: GpiodLine;
    try {
      line = new mod.Line(chip, identifier);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === 'ENOENT' || code === 'EINVAL') {
        throw new GpioError('line_not_found', `${chip.name} [${chip.label}] has no line ${JSON.stringify(identifier)} (list them with \`gpioinfo ${chip.name}\`)`);
      }
      throw gpioErrorFrom(err, `cannot get line ${JSON.stringify(identifier)} of ${chip.name}`);
    }
    this.wrappers.set(cacheKey, line);
    return line;
  }
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
