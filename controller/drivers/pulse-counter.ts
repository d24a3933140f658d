/**
 * A pulse counter: a flow sensor (pulses per litre) or an energy meter's S0 output.
 *
 * Contract:
 * - `open()` must resolve before any other call; the count starts at 0. `close()` stops counting and
 *   releases the line; after it every call rejects.
 * - `count()` resolves to the total pulses counted since `open()`, a non-negative integer that only
 *   grows (it never wraps within a session; 2^53 pulses is beyond any sensor's life).
 * - `lastPulseAtMs()` resolves to the time of the last pulse, or null when none was counted; a
 *   caller uses it to detect a stuck or disconnected sensor.
 * - Pulses shorter than the driver's glitch filter are not counted.
 */
export interface PulseCounter {
  readonly name: string;
  open(): Promise<void>;
  count(): Promise<number>;
  lastPulseAtMs(): Promise<number | null>;
  close(): Promise<void>;
}
