/** What every route module of the operator API shares: replies, body parsing, path ids, error shapes. */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { FAILURE_STATUS, failure, type Failure } from './outcome.js';

export type Json = Record<string, unknown>;
/** A JSON answer; with `text`, that text is sent instead (a CSV file, a printable page: `headers` name its content-type). */
export type Reply = { status: number; body: Json; headers?: Record<string, string>; text?: string };

/** A request as the route modules see it. */
export interface Request {
  req: IncomingMessage;
  method: string;
  path: string;
  /** Path segments after the leading slash, e.g. ['api', 'accounts', 'person.S1']. */
  parts: string[];
  url: URL;
}

const MAX_BODY_BYTES = 64 * 1024;
const DISCARD_LIMIT_BYTES = 4 * 1024 * 1024;

export const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "must be 1-64 letters, digits, '.', '_' or '-'");
export const cardUid = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[0-9A-F]{8,20}$/, 'must be 8-20 hex digits'));

export function ok(status: number, body: Json): Reply {
  return { status, body };
}

export function fail(f: Failure): Reply {
  const error: Json = { code: f.code, message: f.message };
  if (f.field !== undefined) error.field = f.field;
  return { status: FAILURE_STATUS[f.code], body: { error } };
}

export function notFound(method: string, path: string): Reply {
  return { status: 404, body: { error: { code: 'not_found', message: `no route ${method} ${path}` } } };
}

/** decodeURIComponent without the exception: a malformed escape yields text the validator refuses. */
export function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Validates a path segment; a failure names `field` (e.g. `accountId`). */
export function pathPart<T extends z.ZodType>(part: string, schema: T, field: string, what: string): { ok: true; value: z.infer<T> } | Failure {
  const parsed = schema.safeParse(decodePathPart(part));
  if (!parsed.success) return failure('invalid_query', `${what} in the path ${parsed.error.issues[0]?.message ?? 'is invalid'}`, field);
  return { ok: true, value: parsed.data };
}

export function zodFailure(error: z.ZodError, code: 'invalid_body' | 'invalid_query'): Failure {
  const issue = error.issues[0];
  // An unknown key is reported on the object holding it: name the key itself.
  const path = issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : (issue?.path ?? []);
  const field = path.map(String).join('.');
  return failure(code, field ? `${field}: ${issue?.message ?? 'invalid'}` : (issue?.message ?? 'invalid'), field || undefined);
}

export function parseQuery<T extends z.ZodType>(url: URL, schema: T): { ok: true; value: z.infer<T> } | Failure {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return zodFailure(parsed.error, 'invalid_query');
  return { ok: true, value: parsed.data };
}

/** A request body as read: its bytes (up to the limit) and its full size. */
export interface RawBody {
  text: string;
  sizeBytes: number;
}

const bodies = new WeakMap<IncomingMessage, Promise<RawBody>>();

/**
 * Reads a request's body once (the gate reads it before the route does: hub/api-gate.ts). Past
 * MAX_BODY_BYTES it reads on and discards (up to DISCARD_LIMIT_BYTES) so the client, still
 * sending, gets to read the 413 instead of a reset connection.
 */
export function readBody(req: IncomingMessage): Promise<RawBody> {
  let body = bodies.get(req);
  if (!body) {
    body = (async () => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > DISCARD_LIMIT_BYTES) break;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      }
      return { text: size > MAX_BODY_BYTES ? '' : Buffer.concat(chunks).toString('utf8'), sizeBytes: size };
    })();
    bodies.set(req, body);
  }
  return body;
}

export async function parseBody<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<{ ok: true; value: z.infer<T> } | Failure> {
  const { text, sizeBytes } = await readBody(req);
  if (sizeBytes > MAX_BODY_BYTES) return failure('body_too_large', `body larger than ${MAX_BODY_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text || 'null');
  } catch (err) {
    return failure('invalid_json', `body is not JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return zodFailure(parsed.error, 'invalid_body');
  return { ok: true, value: parsed.data };
}
