/**
 * Operator API routes for maintenance (who may call each: hub/permissions-maintenance.ts):
 *
 *   GET  /api/devices/:deviceId/selftests?limit=     self-test runs, newest first, with steps and summary
 *   GET  /api/tickets?status=&category=&deviceId=&source=&beforeId=&limit=   repair tickets, newest first, residents
 *        masked; nextBeforeId is the beforeId of the next (older) page, null on the last
 *   POST /api/tickets  {name, studentNumber, phone, dormRoom, reportedAt?, description, category, deviceId?, component?}
 *                      a resident's repair request (answered with the contact as entered)
 *   GET  /api/tickets/:ticketId?contact=1            a ticket with its steps and attached events; the resident
 *                      masked (李*, ******3456), with contact=1 in full: personal data, the gate wants a reason
 *   POST /api/tickets/:ticketId/steps  {status, assignee?, note?}   the next status in the workflow
 *
 * A remote self-test is a device command: POST /api/devices/:id/commands {runSelfTest: {only?}} (hub/api.ts).
 */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { decodePathPart, fail, id, ok, parseBody, parseQuery, type Reply, type Request } from './api-http.js';
import { callerOf } from './api-gate.js';
import type { Database } from './db/schema.js';
import { TICKET_CATEGORIES, TICKET_STATUSES } from './db/schema-maintenance.js';
import { failure } from './outcome.js';
import { selfTestRuns } from './selftests.js';
import type { TicketStore } from './tickets.js';
import { instant } from './validity-schema.js';

export interface MaintenanceApiDeps {
  db: Kysely<Database>;
  tickets: TicketStore;
  now: () => number;
}

const text = (max: number) => z.string().trim().min(1).max(max);

export const maintenanceSchemas = {
  selfTests: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }).strict(),
  tickets: z
    .object({
      status: z.enum(TICKET_STATUSES).optional(),
      category: z.enum(TICKET_CATEGORIES).optional(),
      deviceId: id.optional(),
      source: z.enum(['self_test', 'alarm', 'resident']).optional(),
      beforeId: z.string().regex(/^[1-9][0-9]{0,14}$/, 'must be a ticket number (a whole number from 1)').transform(Number).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    })
    .strict(),
  ticket: z.object({ contact: z.enum(['1'], { error: "must be 1 (the resident's full contact details; needs a reason)" }).optional() }).strict(),
  request: z
    .object({
      name: text(100),
      studentNumber: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, 'must be 1-32 letters, digits or -'),
      phone: z.string().regex(/^\+?[0-9 -]{5,20}$/, 'must be 5-20 digits (spaces, - and a leading + allowed)'),
      dormRoom: text(50),
      reportedAt: instant.optional(),
      description: text(2000),
      category: z.enum(TICKET_CATEGORIES),
      deviceId: id.optional(),
      component: text(100).optional(),
    })
    .strict(),
  step: z
    .object({
      status: z.enum(TICKET_STATUSES).refine((s) => s !== 'open', 'a ticket is opened by POST /api/tickets, not by a step'),
      assignee: id.optional(),
      note: z.string().max(2000).optional(),
    })
    .strict(),
};

const ticketIdOf = (part: string) => {
  const text = decodePathPart(part);
  return /^[1-9][0-9]{0,14}$/.test(text) ? Number(text) : null;
};

export async function routeMaintenance(deps: MaintenanceApiDeps, r: Request): Promise<Reply | null> {
  const { method, path, parts } = r;
  const operatorId = () => callerOf(r.req)?.operator.operatorId ?? 'unknown';

  if (parts[0] === 'api' && parts[1] === 'devices' && parts.length === 4 && parts[3] === 'selftests' && method === 'GET') {
    const deviceId = id.safeParse(decodePathPart(parts[2]!));
    if (!deviceId.success) return fail(failure('invalid_query', `device id in the path ${deviceId.error.issues[0]?.message ?? 'is invalid'}`, 'deviceId'));
    const query = parseQuery(r.url, maintenanceSchemas.selfTests);
    if (!query.ok) return fail(query);
    const device = await deps.db.selectFrom('devices').select('device_id').where('device_id', '=', deviceId.data).executeTakeFirst();
    if (!device) return fail(failure('not_found', `no device ${deviceId.data}`, 'deviceId'));
    return ok(200, { deviceId: deviceId.data, runs: await selfTestRuns(deps.db, deviceId.data, query.value.limit) });
  }

  if (path === '/api/tickets') {
    if (method === 'GET') {
      const query = parseQuery(r.url, maintenanceSchemas.tickets);
      if (!query.ok) return fail(query);
      const { status, category, deviceId, source, beforeId, limit } = query.value;
      return ok(200, await deps.tickets.page({ limit, ...(status ? { status } : {}), ...(category ? { category } : {}), ...(deviceId ? { deviceId } : {}), ...(source ? { source } : {}), ...(beforeId !== undefined ? { beforeId } : {}) }));
    }
    if (method === 'POST') {
      const body = await parseBody(r.req, maintenanceSchemas.request);
      if (!body.ok) return fail(body);
      const { reportedAt, deviceId, component, ...request } = body.value;
      const result = await deps.tickets.request(
        { ...request, reportedAtMs: reportedAt ?? deps.now(), ...(deviceId !== undefined ? { deviceId } : {}), ...(component !== undefined ? { component } : {}) },
        operatorId(),
      );
      if (!result.ok) return fail(result);
      return ok(201, { ticket: result.ticket });
    }
  }

  if (parts[0] === 'api' && parts[1] === 'tickets' && (parts.length === 3 || (parts.length === 4 && parts[3] === 'steps'))) {
    const ticketId = ticketIdOf(parts[2]!);
    if (ticketId === null) return fail(failure('invalid_query', 'ticket id in the path must be a positive whole number', 'ticketId'));
    if (parts.length === 3 && method === 'GET') {
      // With contact=1 the gate has required and logged a reason (hub/permissions-maintenance.ts).
      const query = parseQuery(r.url, maintenanceSchemas.ticket);
      if (!query.ok) return fail(query);
      const ticket = await deps.tickets.get(ticketId, { contact: query.value.contact === '1' });
      return ticket ? ok(200, { ticket }) : fail(failure('not_found', `no ticket ${ticketId}`, 'ticketId'));
    }
    if (parts.length === 4 && method === 'POST') {
      const body = await parseBody(r.req, maintenanceSchemas.step);
      if (!body.ok) return fail(body);
      const { status, assignee, note } = body.value;
      const result = await deps.tickets.transition(ticketId, status, operatorId(), { ...(assignee !== undefined ? { assignee } : {}), ...(note !== undefined ? { note } : {}) });
      if (!result.ok) return fail(result);
      return ok(200, { ticket: result.ticket });
    }
  }
  return null;
}
