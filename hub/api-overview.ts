/**
 * The console's overview in one answer (who may call it: hub/permissions-overview.ts):
 *
 *   GET /api/overview  devices online/offline with last contact and the blacklist applied vs current;
 *                      open alarms; today's charges and top-ups (count and fen, campus day)
 *
 * No personal data: devices, alarm kinds and totals only. A revoked device is not counted as
 * lagging (it will not connect again as it is), as on the blacklist page.
 */
import { sql, type Kysely } from 'kysely';
import { ok, type Reply, type Request } from './api-http.js';
import type { Database } from './db/schema.js';
import type { DeviceStore } from './devices.js';
import type { DatasetReader } from './datasets.js';
import { openAlarms } from './alarms.js';
import { dayBounds, localDate } from './periods.js';

export interface OverviewApiDeps {
  db: Kysely<Database>;
  now: () => number;
  devices: DeviceStore;
  datasets: DatasetReader;
  onlineDeviceIds: () => string[];
  settlementTimeZone: string;
}

export async function routeOverview(deps: OverviewApiDeps, request: Request): Promise<Reply | null> {
  if (request.path !== '/api/overview' || request.method !== 'GET') return null;
  const nowMs = deps.now();
  const online = new Set(deps.onlineDeviceIds());
  const versions = await deps.datasets.versions();
  const current = versions.blacklist ?? 0;
  const devices = (await deps.devices.list()).map((d) => {
    const applied = d.datasets.blacklist;
    return {
      deviceId: d.deviceId,
      name: d.name,
      online: online.has(d.deviceId),
      lastSeenAtMs: d.lastSeenAtMs,
      revoked: d.revokedAtMs !== null,
      blacklist: { currentVersion: current, appliedVersion: applied?.appliedVersion ?? 0, appliedAtMs: applied?.appliedAtMs ?? null, lag: current - (applied?.appliedVersion ?? 0) },
    };
  });
  const date = localDate(nowMs, deps.settlementTimeZone);
  const { startMs, endMs } = dayBounds(date, deps.settlementTimeZone);
  const totals = await deps.db
    .selectFrom('transfers')
    .select(['kind', sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount_fen), 0)`.as('fen')])
    .where('created_at_ms', '>=', startMs)
    .where('created_at_ms', '<', endMs)
    .where('kind', 'in', ['charge', 'topup'])
    .groupBy('kind')
    .execute();
  const total = (kind: string) => {
    const row = totals.find((r) => r.kind === kind);
    return { count: Number(row?.n ?? 0), amountFen: Number(row?.fen ?? 0) };
  };
  return ok(200, {
    atMs: nowMs,
    devices,
    counts: { devices: devices.length, online: devices.filter((d) => d.online).length, lagging: devices.filter((d) => !d.revoked && d.blacklist.lag > 0).length },
    blacklistVersion: current,
    alarms: await openAlarms(deps.db),
    today: { date, timeZone: deps.settlementTimeZone, charges: total('charge'), topups: total('topup') },
  });
}
