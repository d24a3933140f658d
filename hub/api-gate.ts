/**
 * The gate every HTTP request passes before a route handler: the route must be listed in
 * hub/permissions.ts (else 404); a non-public route needs `Authorization: Bearer <token>` of a live
 * session (else 401 unauthenticated) and a role the table allows (else 403 forbidden, naming the
 * roles, and logged); personal data needs a stated reason (else 400 reason_required). Then the
 * handler runs, and the gate writes the audit log: every write with the target row before and
 * after, every look-up of personal data with its reason, every refused attempt.
 *
 * The reason travels as the query parameter `reason` (removed before the handler sees the query)
 * or the header `X-Onecard-Reason` (percent-encoded for text beyond ASCII).
 */
import type { IncomingMessage } from 'node:http';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { AuditLog } from './audit.js';
import type { OperatorStore, OperatorView } from './operators.js';
import type { Session } from './sessions.js';
import { fail, notFound, readBody, type Reply } from './api-http.js';
import { failure } from './outcome.js';
import { matchRoute, needsReason, permits, rolesFor, type RouteMatch, type RouteSpec } from './permissions.js';
import { loadTarget, normaliseTargetId } from './audit-targets.js';
import type { Logger } from '../lib/log.js';

export interface GateDeps {
  db: Kysely<Database>;
  operators: OperatorStore;
  audit: AuditLog;
  logger: Logger;
}

/** Who is calling: set by the gate for the handlers of the session and operator routes. */
export interface Caller {
  operator: OperatorView;
  session: Session;
  token: string;
  remoteAddress: string;
}

const callers = new WeakMap<IncomingMessage, Caller>();

export function callerOf(req: IncomingMessage): Caller | null {
  return callers.get(req) ?? null;
}

export function remoteAddressOf(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? '';
}

const MAX_REASON_LENGTH = 500;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function gate(deps: GateDeps, req: IncomingMessage, handle: () => Promise<Reply>): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://hub');
  const method = req.method ?? 'GET';
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const match = matchRoute(method, path);
  if (match?.route.access === 'public') return handle();

  const remoteAddress = remoteAddressOf(req);
  const token = bearerToken(req);
  const auth = token === null ? null : await deps.operators.authenticate(token);
  if (!auth) {
    // Only a logged-in operator learns which routes exist.
    if (!match && !path.startsWith('/api/') && path !== '/api') return notFound(method, path);
    deps.logger.log('warn', 'api.unauthenticated', { method, path, remote: remoteAddress, token: token === null ? 'none' : 'not live' });
    return fail(failure('unauthenticated', token === null ? 'no token: log in with POST /api/session (onecard admin login) and send Authorization: Bearer <token>' : 'the token has expired or was revoked: log in again'));
  }
  if (!match) return notFound(method, path);
  const { operator } = auth;
  const caller: Caller = { ...auth, token: token!, remoteAddress };
  callers.set(req, caller);
  const { route, params } = match;

  if (operator.passwordMustChange && !(route.beforePasswordChange && (route.self === undefined || params[route.self] === operator.operatorId))) {
    return fail(failure('password_change_required', `set your own password first: POST /api/operators/${operator.operatorId}/password (onecard admin operator password ${operator.operatorId})`));
  }

  const write = WRITE_METHODS.has(method);
  const body = write ? await lenientBody(req) : undefined;
  const base = { operatorId: operator.operatorId, action: route.action, method, path, remoteAddress };

  if (!permits(match, operator, body)) {
    const roles = rolesFor(route, body) ?? [];
    const refusal = failure('forbidden', `${method} ${route.path} needs the role ${roles.join(' or ')} (you have: ${operator.roles.join(', ') || 'no role'})`);
    deps.logger.log('warn', 'api.forbidden', { operatorId: operator.operatorId, method, path, remote: remoteAddress });
    await deps.audit.append({ ...base, status: 403, outcome: 'forbidden', request: write ? requestForAudit(route, body) : query(url) });
    return fail(refusal);
  }

  const reason = statedReason(req, url);
  if (!reason.ok) return fail(reason);
  if (reason.value !== null || url.searchParams.has('reason')) {
    url.searchParams.delete('reason');
    req.url = url.pathname + url.search;
  }
  const personal = needsReason(match, url.searchParams);
  if (personal && reason.value === null) {
    return fail(failure('reason_required', `${route.path} shows personal data: state why, as the query parameter reason or the header X-Onecard-Reason (onecard admin --reason TEXT)`, 'reason'));
  }
  if (!write && !personal) return handle();
  if (route.auditedByHandler) return handle();

  // A look-up names whose data it showed; a write keeps the row before and after.
  const target = targetOf(match, body, url);
  const before = target && write ? await loadTarget(deps.db, target.kind, target.id) : null;
  const reply = await handle();
  const succeeded = reply.status < 400;
  const after = target && write && succeeded ? await loadTarget(deps.db, target.kind, target.id) : null;
  await deps.audit.append({
    ...base,
    targetKind: target?.kind ?? null,
    targetId: target?.id ?? null,
    reason: reason.value,
    status: reply.status,
    outcome: succeeded ? 'ok' : String((reply.body.error as { code?: unknown } | undefined)?.code ?? reply.status),
    request: write ? requestForAudit(route, body) : query(url),
    before,
    after,
  });
  return reply;
}

function bearerToken(req: IncomingMessage): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m ? m[1]! : null;
}

function statedReason(req: IncomingMessage, url: URL): { ok: true; value: string | null } | ReturnType<typeof failure> {
  const header = req.headers['x-onecard-reason'];
  let text = url.searchParams.get('reason') ?? (Array.isArray(header) ? header[0] : header) ?? null;
  if (text !== null && url.searchParams.get('reason') === null) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // Not percent-encoded: taken as it is.
    }
  }
  text = text?.trim() ?? null;
  if (text === null || text === '') return { ok: true, value: null };
  if (text.length > MAX_REASON_LENGTH) return failure('invalid_query', `reason: must be at most ${MAX_REASON_LENGTH} characters`, 'reason');
  return { ok: true, value: text };
}

/** The body as JSON when it is JSON (the handler validates it), else undefined. */
async function lenientBody(req: IncomingMessage): Promise<unknown> {
  const { text } = await readBody(req);
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function targetOf(match: RouteMatch, body: unknown, url: URL): { kind: NonNullable<RouteMatch['route']['target']>['kind']; id: string } | null {
  const spec = match.route.target;
  if (!spec) return null;
  const raw =
    spec.from === 'path' ? match.params[spec.key]
    : spec.from === 'query' ? url.searchParams.get(spec.key)
    : body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[spec.key]
    : undefined;
  return typeof raw === 'string' && raw !== '' && raw.length <= 200 ? { kind: spec.kind, id: normaliseTargetId(spec.kind, raw) } : null;
}

function query(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams);
}

function requestForAudit(route: RouteSpec, body: unknown): unknown {
  return route.auditRequest ? route.auditRequest(body) : redact(body);
}

/** The body for the audit log: any field named like a password is replaced. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, /password|secret|token/i.test(k) ? '[redacted]' : redact(v)]));
}
