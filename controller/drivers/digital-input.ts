/**
 * A digital input: a door-position contact, a request-to-exit button, a fire-alarm loop, a tamper
 * switch, a relay's feedback contact.
 *
 * Contract:
 * - `open()` must resolve before any other call; it configures the line as an input and reads its
 *   initial level. `close()` releases the line and removes every listener; after it every call rejects.
 * - `read()` resolves to the current logical level (`activeLow` already applied: true = active).
 * - Listeners receive one `InputEdge` per debounced change of the logical level: a change is reported
 *   only once the level has been stable for `debounceMs`; bounces shorter than that are not reported.
 *   Edges are reported in order; `level` is the new level and `atMs` when it became stable.
 * - A listener is called from the input's event source; it must not throw. `subscribe` returns the
 *   function that removes the listener.
 */
export interface InputEdge {
  level: boolean;
  atMs: number;
}

export interface DigitalInput {
  readonly name: string;
  open(): Promise<void>;
  read(): Promise<boolean>;
  subscribe(listener: (edge: InputEdge) => void): () => void;
  close(): Promise<void>;
}
