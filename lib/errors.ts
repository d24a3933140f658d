/** Thrown for a broken programming contract (a bug), never for an expected operating condition. */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** A typed result for operating errors that callers must handle. */
export type Result<T, E = { code: string; message: string }> = ({ ok: true } & T) | ({ ok: false } & E);
