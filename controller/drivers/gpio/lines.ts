/**
 * The small backend interface every GPIO driver stands on. `GpioRelay`, `GpioInput`,
 * `GpioPulseCounter` and `GpioValve` are written once against `GpioLines`; what differs between the
 * real hardware and its emulator is only which backend is injected:
 *
 * - `GpiodLines` (gpiod.ts): the Linux GPIO character device through node-libgpiod (libgpiod 1.x);
 * - `SysfsLines` (sysfs.ts): the deprecated sysfs interface through onoff, for older kernels;
 * - `EmulatedGpioChip` (emulators/gpio.ts): named lines in memory, driven by tests.
 *
 * Levels here are PHYSICAL (true = high, 3.3 V); `activeLow` is applied by the drivers above, so
 * every backend is asked for the same physical level and tests can check the wire.
 *
 * Contract of a backend:
 * - `requestOutput` / `requestInput` claim one line for this process (consumer "onecard") and reject
 *   with a `GpioError` when the line does not exist, is taken (`line_busy`), or the backend cannot
 *   be used (`unavailable`, `permission`). An output is driven to `initialHigh` as it is claimed,
 *   so there is no glitch between claiming and the first write.
 * - Line operations are synchronous (each is one syscall) so a process-exit hook can still drive
 *   an output. Using a released line is a programming error (AssertionError).
 * - `watch` reports raw physical level changes in order, each with the time it was seen on the
 *   backend's clock; repeated reports of the same level are allowed (drivers ignore them).
 */
import { CodedError } from '../../../lib/errors.js';

/** Physical line operations on a claimed output. */
export interface OutputLine {
  /** Who and what, for messages: `gpiochip0 line 17 (GPIO17)`. */
  readonly description: string;
  write(high: boolean): void;
  /** The level last written (read back from the hardware where the backend can). */
  read(): boolean;
  release(): void;
}

export interface InputLine {
  readonly description: string;
  read(): boolean;
  /** Reports raw level changes; returns the function that stops watching. */
  watch(listener: (high: boolean, atMs: number) => void): () => void;
  release(): void;
}

export interface GpioLines<Address> {
  /** Backend name for logs: `gpiod`, `sysfs`, `emulated`. */
  readonly kind: string;
  requestOutput(address: Address, initialHigh: boolean): Promise<OutputLine>;
  requestInput(address: Address): Promise<InputLine>;
}

export type GpioErrorCode =
  /** The backend cannot run here: package not built, no /dev/gpiochip*, no /sys/class/gpio. */
  | 'unavailable'
  | 'chip_not_found'
  | 'line_not_found'
  /** Another consumer (this process or another) holds the line. */
  | 'line_busy'
  | 'permission'
  /** Any other failure of the kernel or the library. */
  | 'io';

/** An operating error of a GPIO backend: a bad config, a missing chip, a line held elsewhere. */
export class GpioError extends CodedError<GpioErrorCode> {
  override name = 'GpioError';
}

/** Maps an errno-style error of a library to a GpioError whose message says what was being done. */
export function gpioErrorFrom(err: unknown, doing: string): GpioError {
  if (err instanceof GpioError) return new GpioError(err.code, `${doing}: ${err.message}`);
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const text = typeof e?.message === 'string' ? e.message : String(err);
  const map: Record<string, GpioErrorCode> = { EBUSY: 'line_busy', EACCES: 'permission', EPERM: 'permission', ENOENT: 'chip_not_found' };
  const hint = code === 'EACCES' || code === 'EPERM' ? ' (add the user to the gpio group, or check the udev rules for /dev/gpiochip* and /sys/class/gpio)' : '';
  return new GpioError(map[code] ?? 'io', `${doing}: ${text}${hint}`);
}

/**
 * Registers work to run synchronously when the process exits (a valve closes, DESIGN.md invariant 5).
 * Returns the function that removes it.
 */
export interface ExitHooks {
  add(hook: () => void): () => void;
}

const exitHooks = new Set<() => void>();
let exitListenerInstalled = false;

/** One `exit` listener for all hooks (so many valves do not trip Node's max-listeners warning). */
export const processExitHooks: ExitHooks = {
  add(hook) {
    exitHooks.add(hook);
    if (!exitListenerInstalled) {
      exitListenerInstalled = true;
      process.on('exit', () => {
        for (const h of exitHooks) h();
      });
    }
    return () => exitHooks.delete(hook);
  },
};
