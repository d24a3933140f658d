/**
 * A contactless card reader (a PC/SC NFC reader in production, an emulator in tests and the demo).
 *
 * Contract:
 * - `open()` starts watching; it resolves once the reader is being watched (not once a reader is
 *   attached: readers come and go). `close()` stops watching and removes every listener's effect.
 * - Listeners receive `attach` / `detach` when the physical reader appears or disappears, and `card`
 *   once per presentation of a card, with its UID as upper-case hex (8 to 20 digits). A card left on
 *   the reader does not repeat.
 * - A listener is called synchronously from the reader's event source; it must not throw. The
 *   function returned by `subscribe` removes the listener.
 */
export type CardReaderEvent =
  | { kind: 'attach'; reader: string }
  | { kind: 'detach'; reader: string }
  | { kind: 'card'; reader: string; uid: string };

export interface CardReader {
  readonly name: string;
  open(): Promise<void>;
  close(): Promise<void>;
  subscribe(listener: (event: CardReaderEvent) => void): () => void;
}
