import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with strict checking; unknown or malformed options become a UsageError with the usage text. */
export function parse<O extends Options>(args: string[], options: O, usage: string, allowPositionals = false) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${usage}`);
  }
}

export function integerOption(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

/** Parses HOST:PORT (IPv6 in brackets). */
export function hostPort(value: string, name: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  if (!m) throw new UsageError(`--${name} must be HOST:PORT, got ${JSON.stringify(value)}`);
  const port = Number(m[3]);
  if (port > 65535) throw new UsageError(`--${name}: port ${port} is above 65535`);
  return { host: (m[1] ?? m[2])!, port };
}
