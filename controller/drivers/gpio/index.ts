/**
 * GPIO drivers from config: the zod schemas of the driver specs, the shared backends, and the
 * factories the controller's driver factory calls. One implementation per kind of device
 * (`GpioRelay`, `GpioInput`, `GpioPulseCounter`, `GpioValve`); the spec's `driver` picks the backend:
 *
 * - `gpiod`: character device through node-libgpiod; `chip` by name, path, label or number
 *   (default `gpiochip0`), `line` by offset or line name (`17` or `"GPIO17"`).
 * - `sysfs`: /sys/class/gpio through onoff, for older kernels; `bcm` is the header pin (BCM
 *   numbering), its sysfs number is found at start; `chipLabel` for boards other than a Pi.
 * - `emulated`: a line of the injected emulated chip, named `line` (default: the driver's name).
 *
 * Every spec takes `activeLow` (default false). Inputs take `debounceMs` (default 20); pulse
 * counters `glitchFilterUs` (default 500) and, as data for the point, `pulsesPerLitre`; inputs
 * and pulse counters on gpiod take `pollIntervalMs` (defaults 5 and 1).
 */
import { z } from 'zod';
import { systemClock, type IntervalClock } from '../../../lib/clock.js';
import { silentLogger, type Logger } from '../../../lib/log.js';
import { MAX_DEBOUNCE_MS } from '../debounce.js';
import type { DigitalInput } from '../digital-input.js';
import type { PulseCounter } from '../pulse-counter.js';
import type { Relay } from '../relay.js';
import type { Valve } from '../valve.js';
import { GpiodLines, MAX_POLL_INTERVAL_MS, MIN_POLL_INTERVAL_MS, type GpiodAddress, type GpiodModule } from './gpiod.js';
import { GpioInput } from './input.js';
import { GpioError, processExitHooks, type ExitHooks, type GpioLines } from './lines.js';
import { GpioPulseCounter, MAX_GLITCH_FILTER_US } from './pulse-counter.js';
import { GpioRelay } from './relay.js';
import { SysfsLines, type OnoffModule, type SysfsAddress } from './sysfs.js';
import { GpioValve } from './valve.js';

export { GpioError } from './lines.js';

const activeLow = z.boolean().default(false);
const chip = z.union([z.string().min(1).max(64), z.number().int().min(0).max(1023)], {
  error: 'a chip name (gpiochip0), path (/dev/gpiochip0), label (pinctrl-rp1) or number',
});
const line = z.union([z.number().int().min(0).max(1023), z.string().regex(/^[A-Za-z0-9_.:/-]{1,63}$/)], {
  error: 'a line offset (0-1023) or a line name such as "GPIO17"',
});
const bcm = z.number().int().min(0).max(63);
const chipLabel = z.string().min(1).max(64);
const emulatedLine = z.string().min(1).max(128);
const pollIntervalMs = (fallback: number) => z.number().int().min(MIN_POLL_INTERVAL_MS).max(MAX_POLL_INTERVAL_MS).default(fallback);
const debounce = { debounceMs: z.number().int().min(0).max(MAX_DEBOUNCE_MS).default(20) };
const pulse = {
  glitchFilterUs: z.number().int().min(0).max(MAX_GLITCH_FILTER_US).default(500),
  pulsesPerLitre: z.number().positive().max(100_000).optional(),
};

export const gpiodOutputSpec = z.object({ driver: z.literal('gpiod'), chip: chip.default('gpiochip0'), line, activeLow }).strict();
export const sysfsOutputSpec = z.object({ driver: z.literal('sysfs'), bcm, chipLabel: chipLabel.optional(), activeLow }).strict();
export const emulatedOutputSpec = z.object({ driver: z.literal('emulated'), line: emulatedLine.optional(), activeLow }).strict();
/** For relays and valves. */
export const gpioOutputSpecs = [gpiodOutputSpec, sysfsOutputSpec, emulatedOutputSpec] as const;
export const gpioOutputSpec = z.discriminatedUnion('driver', [...gpioOutputSpecs]);

export const gpiodInputSpec = gpiodOutputSpec.extend({ ...debounce, pollIntervalMs: pollIntervalMs(5) }).strict();
export const sysfsInputSpec = sysfsOutputSpec.extend(debounce).strict();
export const emulatedInputSpec = emulatedOutputSpec.extend(debounce).strict();
export const gpioInputSpecs = [gpiodInputSpec, sysfsInputSpec, emulatedInputSpec] as const;
export const gpioInputSpec = z.discriminatedUnion('driver', [...gpioInputSpecs]);

export const gpiodPulseCounterSpec = gpiodOutputSpec.extend({ ...pulse, pollIntervalMs: pollIntervalMs(1) }).strict();
export const sysfsPulseCounterSpec = sysfsOutputSpec.extend(pulse).strict();
export const emulatedPulseCounterSpec = emulatedOutputSpec.extend(pulse).strict();
export const gpioPulseCounterSpecs = [gpiodPulseCounterSpec, sysfsPulseCounterSpec, emulatedPulseCounterSpec] as const;
export const gpioPulseCounterSpec = z.discriminatedUnion('driver', [...gpioPulseCounterSpecs]);

export type GpioOutputSpec = z.infer<typeof gpioOutputSpec>;
export type GpioInputSpec = z.infer<typeof gpioInputSpec>;
export type GpioPulseCounterSpec = z.infer<typeof gpioPulseCounterSpec>;

export interface GpioBackendsOptions {
  logger?: Logger;
  clock?: IntervalClock;
  /** Where valves register their close-on-exit hook. Default: the process's `exit` event. */
  exitHooks?: ExitHooks;
  /** sysfs root for the sysfs chip lookup (tests). Default `/sys`. */
  sysRoot?: string;
  loadGpiod?: () => Promise<GpiodModule>;
  loadOnoff?: () => Promise<OnoffModule>;
  /** The chip behind `driver: emulated` (emulators/gpio.ts); absent in a production controller. */
  emulated?: GpioLines<string>;
}

/**
 * The backends of one controller, made on first use and shared by all its GPIO drivers (so one
 * line cannot be claimed twice unnoticed, and node-libgpiod keeps one handle per chip).
 */
export class GpioBackends {
  private gpiodLines: GpiodLines | null = null;
  private sysfsLines: SysfsLines | null = null;
  readonly clock: IntervalClock;
  readonly logger: Logger;
  readonly exitHooks: ExitHooks;

  constructor(private readonly options: GpioBackendsOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.exitHooks = options.exitHooks ?? processExitHooks;
  }

  gpiod(): GpiodLines {
    const { loadGpiod } = this.options;
    this.gpiodLines ??= new GpiodLines({ clock: this.clock, logger: this.logger, ...(loadGpiod ? { load: loadGpiod } : {}) });
    return this.gpiodLines;
  }

  sysfs(): SysfsLines {
    const { loadOnoff, sysRoot } = this.options;
    this.sysfsLines ??= new SysfsLines({ clock: this.clock, logger: this.logger, ...(loadOnoff ? { load: loadOnoff } : {}), ...(sysRoot ? { sysRoot } : {}) });
    return this.sysfsLines;
  }

  emulated(name: string): GpioLines<string> {
    if (!this.options.emulated) throw new GpioError('unavailable', `${name}: driver emulated needs an emulated GPIO chip, and this controller has none`);
    return this.options.emulated;
  }
}

export interface GpioDeps {
  gpio: GpioBackends;
}

/** A spec that fails its schema: the message names the driver and each bad field. */
export class GpioConfigError extends Error {
  override name = 'GpioConfigError';
  constructor(readonly driverName: string, readonly problems: string[]) {
    super(`${driverName}: invalid GPIO driver spec: ${problems.join('; ')}`);
  }
}

export function createRelay(spec: unknown, name: string, deps: GpioDeps): Relay {
  const s = parse(gpioOutputSpec, spec, name);
  const options = { activeLow: s.activeLow, exitHooks: deps.gpio.exitHooks };
  return onBackend<Relay>(s, name, deps, (lines, address) => new GpioRelay(name, lines, address, options));
}

export function createValve(spec: unknown, name: string, deps: GpioDeps): Valve {
  const s = parse(gpioOutputSpec, spec, name);
  const options = { activeLow: s.activeLow, exitHooks: deps.gpio.exitHooks };
  return onBackend<Valve>(s, name, deps, (lines, address) => new GpioValve(name, lines, address, options));
}

export function createDigitalInput(spec: unknown, name: string, deps: GpioDeps): DigitalInput {
  const s = parse(gpioInputSpec, spec, name);
  const options = { activeLow: s.activeLow, debounceMs: s.debounceMs, clock: deps.gpio.clock, logger: deps.gpio.logger };
  return onBackend<DigitalInput>(s, name, deps, (lines, address) => new GpioInput(name, lines, address, options));
}

export function createPulseCounter(spec: unknown, name: string, deps: GpioDeps): PulseCounter {
  const s = parse(gpioPulseCounterSpec, spec, name);
  const options = { activeLow: s.activeLow, glitchFilterUs: s.glitchFilterUs, clock: deps.gpio.clock };
  return onBackend<PulseCounter>(s, name, deps, (lines, address) => new GpioPulseCounter(name, lines, address, options));
}

type BackendSpec =
  | { driver: 'gpiod'; chip: string | number; line: number | string; pollIntervalMs?: number }
  | { driver: 'sysfs'; bcm: number; chipLabel?: string | undefined }
  | { driver: 'emulated'; line?: string | undefined };

/** Calls `make` with the backend the spec's `driver` names and the line's address on it. */
function onBackend<T>(s: BackendSpec, name: string, deps: GpioDeps, make: <Address>(lines: GpioLines<Address>, address: Address) => T): T {
  switch (s.driver) {
    case 'gpiod': {
      const address: GpiodAddress = { chip: s.chip, line: s.line, ...(s.pollIntervalMs === undefined ? {} : { pollIntervalMs: s.pollIntervalMs }) };
      return make(deps.gpio.gpiod(), address);
    }
    case 'sysfs': {
      const address: SysfsAddress = { bcm: s.bcm, ...(s.chipLabel === undefined ? {} : { chipLabel: s.chipLabel }) };
      return make(deps.gpio.sysfs(), address);
    }
    case 'emulated':
      return make(deps.gpio.emulated(name), s.line ?? name);
  }
}

function parse<T extends z.ZodType>(schema: T, spec: unknown, name: string): z.infer<T> {
  const result = schema.safeParse(spec);
  if (result.success) return result.data;
  throw new GpioConfigError(
    name,
    result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(spec)'}: ${issue.message}`),
  );
}
