/**
 * The routes of maintenance's work (hub/api-maintenance.ts) for the route table (hub/permissions.ts),
 * with their bodies, queries and answers for the OpenAPI document (hub/openapi.ts).
 *
 * maintenance: self-test history and repair tickets (a remote self-test is the device command
 * runSelfTest, maintenance's by the command route's bodyAccess); facilities see both and move
 * tickets too; the card office takes residents' requests at the counter and follows them; the
 * auditor reads everything. A resident's name, student number and phone are personal data: masked
 * in the list and the detail, in full only with `contact` on the detail, which needs a reason.
 */
import type { z } from 'zod';
import type { RouteSpec } from './permissions.js';
import type { Role } from './roles.js';
import { maintenanceSchemas } from './api-maintenance.js';

const readers: readonly Role[] = ['maintenance', 'facilities', 'card_office', 'auditor'];
const workers: readonly Role[] = ['maintenance', 'facilities'];

export const MAINTENANCE_ROUTES: readonly RouteSpec[] = [
  { method: 'GET', path: '/api/devices/{deviceId}/selftests', action: 'device.selftests', summary: "a device's self-test runs, newest first, with their steps and a pass/fail summary", access: ['maintenance', 'facilities', 'auditor'] },
  { method: 'GET', path: '/api/tickets', action: 'ticket.list', summary: "repair tickets, newest first, by status, category, device and source, paged by beforeId (nextBeforeId); a resident's name, student number and phone masked", access: readers },
  { method: 'POST', path: '/api/tickets', action: 'ticket.request', summary: "a resident's repair request (name, student number, phone, dorm room, time, description, category)", access: ['card_office', 'maintenance'] },
  {
    method: 'GET', path: '/api/tickets/{ticketId}', action: 'ticket.show',
    summary: "a repair ticket with its steps and the events attached to it; the resident's name, student number and phone masked, in full with contact=1 (personal: needs a reason)",
    access: readers, personal: (_params, query) => query.has('contact'), target: { kind: 'ticket', from: 'path', key: 'ticketId' },
  },
  { method: 'POST', path: '/api/tickets/{ticketId}/steps', action: 'ticket.step', summary: 'move a ticket on: assigned (to an operator), in_progress, resolved, closed or rejected', access: workers, target: { kind: 'ticket', from: 'path', key: 'ticketId' } },
];

type Key = `${RouteSpec['method']} ${string}`;

export const MAINTENANCE_BODIES: Partial<Record<Key, z.ZodType>> = {
  'POST /api/tickets': maintenanceSchemas.request,
  'POST /api/tickets/{ticketId}/steps': maintenanceSchemas.step,
};

export const MAINTENANCE_QUERIES: Partial<Record<Key, z.ZodObject>> = {
  'GET /api/devices/{deviceId}/selftests': maintenanceSchemas.selfTests,
  'GET /api/tickets': maintenanceSchemas.tickets,
  'GET /api/tickets/{ticketId}': maintenanceSchemas.ticket,
};

export const MAINTENANCE_ANSWERS: Record<Key, { status: number; fields: string[] }> = {
  'GET /api/devices/{deviceId}/selftests': { status: 200, fields: ['deviceId', 'runs'] },
  'GET /api/tickets': { status: 200, fields: ['tickets', 'nextBeforeId'] },
  'POST /api/tickets': { status: 201, fields: ['ticket'] },
  'GET /api/tickets/{ticketId}': { status: 200, fields: ['ticket'] },
  'POST /api/tickets/{ticketId}/steps': { status: 200, fields: ['ticket'] },
};
