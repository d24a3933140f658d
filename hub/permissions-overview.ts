/** The console overview's route (hub/api-overview.ts): any operator; it holds no personal data. */
import type { RouteSpec } from './permissions.js';

type Key = `${RouteSpec['method']} ${string}`;

export const OVERVIEW_ROUTES: readonly RouteSpec[] = [
  { method: 'GET', path: '/api/overview', action: 'overview.show', summary: "the console's overview: devices online and their blacklist lag, open alarms, today's charges and top-ups", access: 'operator' },
];

export const OVERVIEW_ANSWERS: Record<Key, { status: number; fields: string[] }> = {
  'GET /api/overview': { status: 200, fields: ['atMs', 'devices', 'counts', 'blacklistVersion', 'alarms', 'today'] },
};
