/**
 * Operator API routes for sessions, operators, the audit log and the API's own description. Who
 * may call each is in hub/permissions.ts (the gate has checked it before these run).
 *
 *   POST   /api/session        {operatorId, password} -> 201 {token, expiresAtMs, operator}
 *   GET    /api/session        the operator and session of this token
 *   DELETE /api/session        this token revoked
 *   GET    /api/openapi.json
 *   GET    /api/operators
 *   POST   /api/operators      {operatorId, name, roles, password?} -> the password, when generated, once
 *   GET    /api/operators/:id
 *   PATCH  /api/operators/:id  {name?, roles?, disabled?}
 *   POST   /api/operators/:id/password  {password, currentPassword?}
 *   GET    /api/audit?operatorId=&action=&from=&to=&beforeId=&limit=
 */
import { z } from 'zod';
import { fail, id, ok, parseBody, parseQuery, pathPart, type Reply, type Request } from './api-http.js';
import { callerOf, remoteAddressOf } from './api-gate.js';
import type { AuditLog } from './audit.js';
import type { OperatorStore } from './operators.js';
import { failure } from './outcome.js';
import { MAX_PASSWORD_LENGTH, generatePassword, passwordProblem } from './passwords.js';
import { ROLES } from './roles.js';
import { instant } from './validity-schema.js';
import type { Logger } from '../lib/log.js';

export interface OperatorApiDeps {
  operators: OperatorStore;
  audit: AuditLog;
  logger: Logger;
  now: () => number;
  /** The OpenAPI document, built once. */
  openapi: () => Record<string, unknown>;
}

const password = z.string().max(MAX_PASSWORD_LENGTH).superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const roles = z
  .array(z.enum(ROLES))
  .min(1, 'must name at least one role')
  .refine((r) => new Set(r).size === r.length, 'must not repeat a role');
const name = z.string().trim().min(1).max(200);
/** Unix ms in a query: digits, or an ISO date-time with its zone. */
const queryInstant = z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), instant);

export const operatorSchemas = {
  login: z.object({ operatorId: z.string().min(1).max(64), password: z.string().min(1).max(MAX_PASSWORD_LENGTH) }).strict(),
  operator: z.object({ operatorId: id, name, roles, password: password.optional() }).strict(),
  operatorPatch: z.object({ name: name.optional(), roles: roles.optional(), disabled: z.boolean().optional() }).strict(),
  password: z.object({ password, currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH).optional() }).strict(),
  audit: z
    .object({
      operatorId: z.string().min(1).max(64).optional(),
      action: z.string().regex(/^[a-z_]+(\.[a-z_]*)?$/, "must be an action (card.lost) or a prefix ending in '.' (card.)").optional(),
      from: queryInstant.optional(),
      to: queryInstant.optional(),
      beforeId: z.coerce.number().int().min(1).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    })
    .strict(),
};

export async function routeOperators(deps: OperatorApiDeps, r: Request): Promise<Reply | null> {
  const { method, path, parts } = r;
  if (path === '/api/session') {
    if (method === 'POST') return login(deps, r);
    const caller = callerOf(r.req);
    if (!caller) return null;
    if (method === 'GET') return ok(200, { operator: caller.operator, session: { createdAtMs: caller.session.createdAtMs, expiresAtMs: caller.session.expiresAtMs } });
    if (method === 'DELETE') {
      await deps.operators.sessions.revoke(caller.token);
      deps.logger.log('info', 'api.logout', { operatorId: caller.operator.operatorId });
      await deps.audit.append({ operatorId: caller.operator.operatorId, action: 'session.logout', method, path, remoteAddress: caller.remoteAddress, targetKind: 'operator', targetId: caller.operator.operatorId, status: 200, outcome: 'ok' });
      return ok(200, { result: 'logged_out' });
    }
  }
  if (path === '/api/openapi.json' && method === 'GET') return ok(200, deps.openapi());
  if (path === '/api/audit' && method === 'GET') {
    const q = parseQuery(r.url, operatorSchemas.audit);
    if (!q.ok) return fail(q);
    const { operatorId, action, from, to, beforeId, limit } = q.value;
    const entries = await deps.audit.list({
      limit,
      ...(operatorId !== undefined ? { operatorId } : {}),
      ...(action !== undefined ? { action } : {}),
      ...(from !== undefined ? { fromMs: from } : {}),
      ...(to !== undefined ? { toMs: to } : {}),
      ...(beforeId !== undefined ? { beforeId } : {}),
    });
    return ok(200, { entries, nextBeforeId: entries.length === limit ? entries[entries.length - 1]!.id : null });
  }
  if (path === '/api/operators') {
    if (method === 'GET') return ok(200, { operators: await deps.operators.list() });
    if (method === 'POST') {
      const body = await parseBody(r.req, operatorSchemas.operator);
      if (!body.ok) return fail(body);
      const generated = body.value.password === undefined ? generatePassword() : null;
      // Whoever set this password is not its owner: it is changed at the first login.
      const result = await deps.operators.add({ ...body.value, password: body.value.password ?? generated!, mustChange: true });
      if (!result.ok) return fail(result);
      deps.logger.log('info', 'api.operator_added', { operatorId: result.operator.operatorId, roles: result.operator.roles.join(',') });
      return ok(201, { operator: result.operator, ...(generated ? { password: generated } : {}) });
    }
  }
  if (parts[0] === 'api' && parts[1] === 'operators' && (parts.length === 3 || (parts.length === 4 && parts[3] === 'password'))) {
    const operatorId = pathPart(parts[2]!, id, 'operatorId', 'operator id');
    if (!operatorId.ok) return fail(operatorId);
    if (parts.length === 3 && method === 'GET') {
      const operator = await deps.operators.get(operatorId.value);
      return operator ? ok(200, { operator }) : fail(failure('not_found', `no operator ${operatorId.value}`, 'operatorId'));
    }
    if (parts.length === 3 && method === 'PATCH') {
      const body = await parseBody(r.req, operatorSchemas.operatorPatch);
      if (!body.ok) return fail(body);
      const result = await deps.operators.update(operatorId.value, body.value);
      if (!result.ok) return fail(result);
      deps.logger.log('info', 'api.operator_updated', { operatorId: operatorId.value, roles: result.operator.roles.join(','), disabled: result.operator.disabledAtMs !== null });
      return ok(200, { operator: result.operator });
    }
    if (parts.length === 4 && method === 'POST') return setPassword(deps, r, operatorId.value);
  }
  return null;
}

async function login(deps: OperatorApiDeps, r: Request): Promise<Reply> {
  const remoteAddress = remoteAddressOf(r.req);
  const body = await parseBody(r.req, operatorSchemas.login);
  if (!body.ok) return fail(body);
  const { operatorId } = body.value;
  const result = await deps.operators.login(operatorId, body.value.password, remoteAddress);
  const base = { operatorId, method: r.method, path: r.path, remoteAddress, targetKind: 'operator', targetId: operatorId };
  if (!result.ok) {
    deps.logger.log('warn', 'api.login_failed', { operatorId, why: result.why, remote: remoteAddress, ...(result.lockedUntilMs !== null ? { lockedUntilMs: result.lockedUntilMs } : {}) });
    await deps.audit.append({ ...base, action: 'session.login_failed', status: result.code === 'login_locked' ? 429 : 401, outcome: result.code, request: { operatorId, why: result.why, lockedUntilMs: result.lockedUntilMs } });
    const reply = fail(result);
    if (result.code === 'login_locked' && result.lockedUntilMs !== null) {
      return { ...reply, headers: { 'retry-after': String(Math.max(1, Math.ceil((result.lockedUntilMs - deps.now()) / 1000))) } };
    }
    return reply;
  }
  deps.logger.log('info', 'api.login', { operatorId, remote: remoteAddress });
  await deps.audit.append({ ...base, action: 'session.login', status: 201, outcome: 'ok', request: { operatorId, expiresAtMs: result.expiresAtMs } });
  return ok(201, { token: result.token, expiresAtMs: result.expiresAtMs, operator: result.operator });
}

async function setPassword(deps: OperatorApiDeps, r: Request, operatorId: string): Promise<Reply> {
  const caller = callerOf(r.req)!;
  const body = await parseBody(r.req, operatorSchemas.password);
  if (!body.ok) return fail(body);
  const self = caller.operator.operatorId === operatorId;
  if (self) {
    // One's own password: the current one proves it is the operator, not a token left on a desk.
    if (body.value.currentPassword === undefined) return fail(failure('invalid_body', 'currentPassword: required to change your own password', 'currentPassword'));
    const check = await deps.operators.checkPassword(operatorId, body.value.currentPassword);
    if (!check.ok) {
      deps.logger.log('warn', 'api.password_change_refused', { operatorId, why: check.why });
      return check.code === 'login_locked' ? fail(check) : fail(failure('invalid_body', 'currentPassword: does not match', 'currentPassword'));
    }
    if (body.value.currentPassword === body.value.password) return fail(failure('invalid_body', 'password: must differ from the current one', 'password'));
  }
  const result = await deps.operators.setPassword(operatorId, body.value.password, self ? { mustChange: false, keepToken: caller.token } : { mustChange: true });
  if (!result.ok) return fail(result);
  deps.logger.log('info', 'api.password_set', { operatorId, by: caller.operator.operatorId });
  return ok(200, { operator: result.operator, result: self ? 'changed' : 'reset: to be changed at the next login' });
}
