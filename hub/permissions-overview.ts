/**
 * The console overview's route (hub/api-overview.ts): every role with a console page, not a
 * merchant's clerk (who may read only their own merchant's flows: hub/roles.ts), since it holds
 * every device and the campus's charges and top-ups of the day. No personal data.
 */
import type { RouteSpec } from './permissions.js';
import type { Role } from './roles.js';

type Key = `${RouteSpec['method']} ${string}`;

const readers: readonly Role[] = ['card_office', 'finance', 'facilities', 'maintenance', 'auditor'];

export const OVERVIEW_ROUTES: readonly RouteSpec[] = [
  { method: 'GET', path: '/api/overview', action: 'overview.show', summary: "the console's overview: devices online and their blacklist lag, open alarms, today's charges and top-ups", access: readers },
];

export const OVERVIEW_ANSWERS: Record<Key, { status: number; fields: string[] }> = {
  'GET /api/overview': { status: 200, fields: ['atMs', 'devices', 'counts', 'blacklistVersion', 'alarms', 'today'] },
};
