/** What an `onecard admin` subcommand sends to the hub API, and how its answer is printed. */
import { UsageError } from './args.js';

export type Json = Record<string, unknown>;

export interface Call {
  method: string;
  path: string;
  body?: Json;
  show: (body: Json) => string;
}

/** Positionals after `<object> <action>`, the option values, and a way to demand one. */
export interface CallContext {
  object: string;
  action: string | undefined;
  /** Positionals from the first argument after the action (the target id, ...). */
  args: (string | undefined)[];
  values: Record<string, string | boolean | string[] | undefined>;
  usage: string;
}

export function need(ctx: CallContext, what: string, value: string | undefined): string {
  if (!value) throw new UsageError(`${ctx.object} ${ctx.action ?? ''}: ${what} is required\n\n${ctx.usage}`);
  return value;
}

export function option(ctx: CallContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function list(ctx: CallContext, name: string): string[] {
  const v = ctx.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

/** A path segment. */
export const seg = encodeURIComponent;

/** Fen as yuan with two decimals, by integer arithmetic: -1234 -> "-12.34". */
export function yuan(fen: unknown): string {
  const n = Number(fen);
  const abs = Math.abs(n);
  return `${n < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function time(ms: unknown): string {
  return ms === null || ms === undefined ? 'never' : new Date(Number(ms)).toISOString();
}

/** A non-negative integer option (a count, fen, ms); absent: undefined. */
export function count(ctx: CallContext, name: string): number | undefined {
  const v = option(ctx, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`--${name} must be a whole number, got ${JSON.stringify(v)}`);
  return Number(v);
}

export function requiredCount(ctx: CallContext, name: string): number {
  need(ctx, `--${name}`, option(ctx, name));
  return count(ctx, name)!;
}

/** A point in time for the API: unix ms, or an ISO 8601 date-time with its zone (checked by the hub). */
export function instant(value: string): number | string {
  return /^\d+$/.test(value) ? Number(value) : value;
}
