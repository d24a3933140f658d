/**
 * A relay output: a door strike, a valve solenoid or a breaker coil.
 *
 * Contract:
 * - `open()` must resolve before any other call; it leaves the relay de-energised.
 * - `set(true)` energises, `set(false)` de-energises; the promise resolves once the output has
 *   been driven (not once a mechanism has moved). Setting the current state again is allowed.
 * - `get()` resolves to the state last driven (or read back from hardware where it can be).
 * - `close()` de-energises the output and releases it; after it every call rejects.
 * - Calls are not queued by the caller: an implementation applies them in call order.
 * - `onRestored` (optional: drivers whose hardware can go away and come back, a Firmata board on
 *   USB): its listeners are called after the hardware came back from an outage and the output was
 *   driven de-energised again; the owner re-drives the state it wants (a door held open for a fire
 *   release, a breaker that was cut). Listeners are removed by `close()`.
 */
export interface Relay {
  readonly name: string;
  open(): Promise<void>;
  set(energised: boolean): Promise<void>;
  get(): Promise<boolean>;
  close(): Promise<void>;
  onRestored?(listener: () => void): () => void;
}
