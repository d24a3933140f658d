import { AssertionError } from '../lib/errors.js';
import type { CardReader, CardReaderEvent } from '../controller/drivers/card-reader.js';
import { isCardUid } from '../protocol/wire.js';

/** A reader whose USB cable is out (for self-tests): no `attach`, and no card can be read. */
export type CardReaderFault = 'none' | 'unplugged';

/**
 * Emulated card reader: `tap(uid)` presents a card. Enforces the `CardReader` contract (only an
 * open reader emits; UIDs are 8-20 upper-case hex digits) and records every tap. `setFault
 * ('unplugged')` pulls its cable: a `detach` if it was attached, no `attach` at open, until
 * `setFault('none')` plugs it back (an `attach`).
 */
export class EmulatedCardReader implements CardReader {
  readonly taps: string[] = [];
  private readonly listeners = new Set<(event: CardReaderEvent) => void>();
  private open_ = false;
  private fault: CardReaderFault = 'none';

  constructor(readonly name: string) {}

  async open(): Promise<void> {
    this.open_ = true;
    if (this.fault === 'none') this.emit({ kind: 'attach', reader: this.name });
  }

  async close(): Promise<void> {
    if (this.open_ && this.fault === 'none') this.emit({ kind: 'detach', reader: this.name });
    this.open_ = false;
    this.listeners.clear();
  }

  subscribe(listener: (event: CardReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Unplugs the reader, or plugs it back with 'none'. */
  setFault(fault: CardReaderFault): void {
    if (fault === this.fault) return;
    this.fault = fault;
    if (this.open_) this.emit({ kind: fault === 'none' ? 'attach' : 'detach', reader: this.name });
  }

  /** Whether the reader is plugged in. */
  get plugged(): boolean {
    return this.fault === 'none';
  }

  /** Presents a card with this UID (hex, any case) once. */
  tap(uid: string): void {
    const normalised = uid.toUpperCase();
    if (!isCardUid(normalised)) throw new AssertionError(`card uid ${JSON.stringify(uid)} is not 8-20 hex digits`);
    if (!this.open_) throw new AssertionError(`reader ${this.name}: tap() while not open`);
    if (this.fault === 'unplugged') throw new AssertionError(`reader ${this.name}: tap() while unplugged`);
    if (this.taps.length >= 100_000) this.taps.shift();
    this.taps.push(normalised);
    this.emit({ kind: 'card', reader: this.name, uid: normalised });
  }

  private emit(event: CardReaderEvent): void {
    for (const l of this.listeners) l(event);
  }
}
