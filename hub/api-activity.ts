/**
 * Operator API routes of the console's meters and activity pages (who may call each:
 * hub/permissions-activity.ts):
 *
 *   GET /api/meters/history?deviceId=&pointId=&meterId=&fromMs=&toMs=&bucketMs=&limit=
 *       a meter's readings (its meter_reading events) in a time range (device time, unix ms), the
 *       latest `limit` (default 500, at most 5000) in time order; `truncated` when there were more;
 *       with `bucketMs` (60000..86400000) one reading per bucket of device time (its last answered
 *       one, with bucketStartMs, readingCount, failedCount and maxPowerW), `limit` buckets
 *   GET /api/activity?kind=shower|access|alarm&deviceId=&pointId=&limit=
 *       shower sessions (newest first, with litres, seconds, amount and end reason), access
 *       decisions (granted or denied with the reason) and alarms (open ones and recent raises and
 *       clears); `kind` answers only that part, none answers all three; `limit` (default 50, at
 *       most 500) per list
 *
 * Card uids are shown, holders' names are not: no personal data, so no reason is asked.
 */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { fail, id, ok, parseQuery, type Reply, type Request } from './api-http.js';
import type { Database } from './db/schema.js';
import { openAlarms } from './alarms.js';
import { accessEvents, meterHistory, recentAlarms, showerSessions } from './activity.js';
import { failure } from './outcome.js';

export interface ActivityApiDeps {
  db: Kysely<Database>;
  now: () => number;
}

const unixMs = z.coerce.number().int('must be whole unix ms').min(0).max(8_640_000_000_000_000);

export const activitySchemas = {
  meterHistory: z
    .object({
      deviceId: id,
      pointId: id,
      meterId: z.string().min(1).max(100).optional(),
      fromMs: unixMs.optional(),
      toMs: unixMs.optional(),
      bucketMs: z.coerce.number().int('must be whole ms').min(60_000).max(86_400_000).optional(),
      limit: z.coerce.number().int().min(1).max(5000).default(500),
    })
    .strict(),
  activity: z
    .object({
      kind: z.enum(['shower', 'access', 'alarm']).optional(),
      deviceId: id.optional(),
      pointId: id.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
    })
    .strict(),
};

export async function routeActivity(deps: ActivityApiDeps, r: Request): Promise<Reply | null> {
  if (r.method !== 'GET') return null;

  if (r.path === '/api/meters/history') {
    const query = parseQuery(r.url, activitySchemas.meterHistory);
    if (!query.ok) return fail(query);
    const { deviceId, pointId, meterId, fromMs, toMs, bucketMs, limit } = query.value;
    if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) return fail(failure('invalid_query', 'fromMs must not be after toMs', 'fromMs'));
    const history = await meterHistory(deps.db, { deviceId, pointId, limit, ...(meterId !== undefined ? { meterId } : {}), ...(fromMs !== undefined ? { fromMs } : {}), ...(toMs !== undefined ? { toMs } : {}), ...(bucketMs !== undefined ? { bucketMs } : {}) });
    return ok(200, { deviceId, pointId, meterId: meterId ?? null, ...history });
  }

  if (r.path === '/api/activity') {
    const query = parseQuery(r.url, activitySchemas.activity);
    if (!query.ok) return fail(query);
    const { kind, deviceId, pointId, limit } = query.value;
    const filter = { limit, ...(deviceId !== undefined ? { deviceId } : {}), ...(pointId !== undefined ? { pointId } : {}) };
    const nowMs = deps.now();
    const wants = (k: typeof kind) => kind === undefined || kind === k;
    return ok(200, {
      atMs: nowMs,
      ...(wants('shower') ? { showers: await showerSessions(deps.db, filter) } : {}),
      ...(wants('access') ? { access: await accessEvents(deps.db, filter) } : {}),
      ...(wants('alarm') ? { alarms: { open: await openAlarms(deps.db, { deviceId, pointId }), recent: await recentAlarms(deps.db, filter) } } : {}),
    });
  }
  return null;
}
