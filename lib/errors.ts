/** Thrown for a broken programming contract (a bug), never for an expected operating condition. */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/**
 * An operating error with a stable code from a catalogue (docs/errors.md): drivers throw these for
 * conditions the caller must handle (a missing chip, a silent board); the message says what to do.
 */
export class CodedError<Code extends string> extends Error {
  constructor(readonly code: Code, message: string) {
    super(message);
  }
}

/** A typed result for operating errors that callers must handle. */
export type Result<T, E = { code: string; message: string }> = ({ ok: true } & T) | ({ ok: false } & E);
