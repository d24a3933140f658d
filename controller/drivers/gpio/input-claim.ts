/**
 * The life cycle `GpioInput` and `GpioPulseCounter` share: claim one input line on a `GpioLines`
 * backend, read its first level, watch it, and pass each raw change of the LOGICAL level
 * (`activeLow` applied) to the driver while it is open; release everything on close.
 *
 * `owner` prefixes every message (`input door-a/contact`, `pulse counter shower-1/flow`).
 * Calls out of order are programming errors (AssertionError); a line that cannot be claimed or read
 * is a GpioError. A `close()` while the claim is pending wins: the line is released as it arrives
 * and `open()` resolves without opening.
 */
import type { Clock } from '../../../lib/clock.js';
import { AssertionError } from '../../../lib/errors.js';
import { gpioErrorFrom, type GpioLines, type InputLine } from './lines.js';

export type InputClaimState = 'new' | 'opening' | 'open' | 'closed';

export class InputClaim<Address> {
  private line: InputLine | null = null;
  private stopWatching: (() => void) | null = null;
  private currentState: InputClaimState = 'new';

  constructor(
    private readonly owner: string,
    private readonly lines: GpioLines<Address>,
    private readonly address: Address,
    private readonly activeLow: boolean,
    private readonly clock: Clock,
  ) {}

  get state(): InputClaimState {
    return this.currentState;
  }

  /**
   * Claims the line and gives its first logical level to `start`, before any change reaches
   * `onChange`. Changes are passed only while open; repeats of a level may be passed (the driver
   * ignores them).
   */
  async open(start: (level: boolean) => void, onChange: (level: boolean, atMs: number) => void): Promise<void> {
    if (this.currentState !== 'new') throw new AssertionError(`${this.owner}: open() while ${this.currentState}`);
    this.currentState = 'opening';
    let line: InputLine;
    try {
      line = await this.lines.requestInput(this.address);
    } catch (err) {
      this.currentState = 'new';
      throw gpioErrorFrom(err, `${this.owner}: cannot claim its ${this.lines.kind} line`);
    }
    if (this.currentState !== 'opening') {
      line.release();
      return;
    }
    const changed = (high: boolean, atMs: number): void => {
      if (this.currentState === 'open') onChange(this.logical(high), atMs);
    };
    try {
      start(this.logical(line.read()));
      this.stopWatching = line.watch(changed);
    } catch (err) {
      line.release();
      this.currentState = 'new';
      throw gpioErrorFrom(err, `${this.owner}: cannot read ${line.description}`);
    }
    this.line = line;
    this.currentState = 'open';
    // Catches a change between the first read and the start of the watch (same levels are ignored).
    try {
      changed(line.read(), this.clock.nowMs());
    } catch {
      // the watch reports the next change anyway
    }
  }

  /** Throws an AssertionError naming `call` unless open. */
  assertOpen(call: string): void {
    if (this.currentState !== 'open') throw new AssertionError(`${this.owner}: ${call}() while ${this.currentState}`);
  }

  /** Stops watching and releases the line; safe in any state and twice. */
  close(): void {
    this.currentState = 'closed';
    this.stopWatching?.();
    this.stopWatching = null;
    const line = this.line;
    this.line = null;
    line?.release();
  }

  private logical(high: boolean): boolean {
    return high !== this.activeLow;
  }
}
