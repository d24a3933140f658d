/**
 * The routes of hub/api-activity.ts for the route table (hub/permissions.ts), with their bodies,
 * queries and answers for the OpenAPI document (hub/openapi.ts).
 *
 * Facilities look after the rooms' meters, the showers and the doors; maintenance repairs them; the
 * auditor reads everything. Card uids are shown without their holders: no personal data.
 */
import type { z } from 'zod';
import type { RouteSpec } from './permissions.js';
import type { Role } from './roles.js';
import { activitySchemas } from './api-activity.js';

type Key = `${RouteSpec['method']} ${string}`;

const readers: readonly Role[] = ['facilities', 'maintenance', 'auditor'];

export const ACTIVITY_ROUTES: readonly RouteSpec[] = [
  { method: 'GET', path: '/api/meters/history', action: 'meter.history', summary: "a room meter's readings over time (energy, power, voltage, current, relay, comm, balance, cut-off), the latest in a range, or one per time bucket (with the bucket's peak power) for a day or a week", access: readers },
  { method: 'GET', path: '/api/activity', action: 'activity.list', summary: 'recent shower sessions, access decisions (granted or denied with the reason) and alarms (open and recent)', access: readers },
];

export const ACTIVITY_QUERIES: Partial<Record<Key, z.ZodObject>> = {
  'GET /api/meters/history': activitySchemas.meterHistory,
  'GET /api/activity': activitySchemas.activity,
};

export const ACTIVITY_ANSWERS: Record<Key, { status: number; fields: string[] }> = {
  'GET /api/meters/history': { status: 200, fields: ['deviceId', 'pointId', 'meterId', 'readings', 'truncated'] },
  'GET /api/activity': { status: 200, fields: ['atMs', 'showers', 'access', 'alarms'] },
};
