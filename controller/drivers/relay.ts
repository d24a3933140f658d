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
 */
export interface Relay {
  readonly name: string;
  open(): Promise<void>;
  set(energised: boolean): Promise<void>;
  get(): Promise<boolean>;
  close(): Promise<void>;
}
