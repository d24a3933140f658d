/**
 * A water valve (a shower's solenoid), normally closed.
 *
 * Contract:
 * - `open()` must resolve before any other call; it leaves the valve closed (de-energised).
 * - `setOpen(true)` opens, `setOpen(false)` closes; each resolves once the output has been driven.
 * - `isOpen()` resolves to the state last driven.
 * - `close()` closes the valve and releases it; after it every call rejects. A valve closes on any
 *   fault, restart or session timeout (DESIGN.md invariant 5): callers close it on every error path,
 *   and an implementation closes it when its process exits if the hardware allows.
 */
export interface Valve {
  readonly name: string;
  open(): Promise<void>;
  setOpen(open: boolean): Promise<void>;
  isOpen(): Promise<boolean>;
  close(): Promise<void>;
  /**
   * Optional (hardware that can go away and come back, a Firmata board on USB): listeners are
   * called after it came back and the valve was driven closed again; the owner ends what it had
   * running (a shower session). Listeners are removed by `close()`.
   */
  onRestored?(listener: () => void): () => void;
}
