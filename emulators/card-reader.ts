import { AssertionError } from '../lib/errors.js';
import type { CardReader, CardReaderEvent } from '../controller/drivers/card-reader.js';
import { isCardUid } from '../protocol/wire.js';

/**
 * Emulated card reader: `tap(uid)` presents a card. Enforces the `CardReader` contract (only an
 * open reader emits; UIDs are 8-20 upper-case hex digits) and records every tap.
 */
export class EmulatedCardReader implements CardReader {
  readonly taps: string[] = [];
  private readonly listeners = new Set<(event: CardReaderEvent) => void>();
  private open_ = false;

  constructor(readonly name: string) {}

  async open(): Promise<void> {
    this.open_ = true;
    this.emit({ kind: 'attach', reader: this.name });
  }

  async close(): Promise<void> {
    if (this.open_) this.emit({ kind: 'detach', reader: this.name });
    this.open_ = false;
    this.listeners.clear();
  }

  subscribe(listener: (event: CardReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Presents a card with this UID (hex, any case) once. */
  tap(uid: string): void {
    const normalised = uid.toUpperCase();
    if (!isCardUid(normalised)) throw new AssertionError(`card uid ${JSON.stringify(uid)} is not 8-20 hex digits`);
    if (!this.open_) throw new AssertionError(`reader ${this.name}: tap() while not open`);
    if (this.taps.length >= 100_000) this.taps.shift();
    this.taps.push(normalised);
    this.emit({ kind: 'card', reader: this.name, uid: normalised });
  }

  private emit(event: CardReaderEvent): void {
    for (const l of this.listeners) l(event);
  }
}
