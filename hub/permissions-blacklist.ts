/**
 * The routes of hub/api-blacklist.ts for the route table (hub/permissions.ts), with their bodies,
 * queries and answers for the OpenAPI document (hub/openapi.ts).
 *
 * The blacklist page is the card office's (it makes the changes), maintenance's (it keeps devices
 * current) and facilities' to read; the auditor reads it too. Pushing now is the card office's and
 * maintenance's. No personal data: card uids and states, never a holder.
 */
import type { z } from 'zod';
import type { RouteSpec } from './permissions.js';
import type { Role } from './roles.js';
import { blacklistSchemas } from './api-blacklist.js';

const readers: readonly Role[] = ['card_office', 'maintenance', 'facilities', 'auditor'];

type Key = `${RouteSpec['method']} ${string}`;

export const BLACKLIST_ROUTES: readonly RouteSpec[] = [
  {
    method: 'GET', path: '/api/blacklist', action: 'blacklist.show', access: readers,
    summary: "the blacklist's version and size, its recent changes (card, lost/found/replaced/cancelled, version, time) and each device's applied version with its lag",
  },
  { method: 'POST', path: '/api/blacklist/push', action: 'blacklist.push', summary: 'push the blacklist now: every online device is brought to the current version', access: ['card_office', 'maintenance'] },
];

export const BLACKLIST_BODIES: Partial<Record<Key, z.ZodType>> = {
  'POST /api/blacklist/push': blacklistSchemas.push,
};

export const BLACKLIST_QUERIES: Partial<Record<Key, z.ZodObject>> = {
  'GET /api/blacklist': blacklistSchemas.show,
};

export const BLACKLIST_ANSWERS: Record<Key, { status: number; fields: string[] }> = {
  'GET /api/blacklist': { status: 200, fields: ['atMs', 'version', 'updatedAtMs', 'size', 'threshold', 'counts', 'changes', 'devices'] },
  'POST /api/blacklist/push': { status: 200, fields: ['version', 'pushedTo', 'offline'] },
};
