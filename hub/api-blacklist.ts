/**
 * The console's blacklist page (who may call each: hub/permissions-blacklist.ts):
 *
 *   GET  /api/blacklist?changes=&lagVersions=&lagSeconds=
 *        the blacklist's current version and size (cards on it now); its recent changes, newest first
 *        (which card entered or left it, at which version and time, why: lost, found, replaced,
 *        cancelled; the card's state now); per device the version it applied and when, its lag, since
 *        when it has been behind, and whether it lags beyond the threshold
 *   POST /api/blacklist/push
 *        brings every online device to the current version now (the push a change makes); the devices
 *        it went to, and the devices offline (they get it when they reconnect)
 *
 * A device is `lagging` when it is behind by at least `lagVersions` versions (default 1) and has been
 * behind for at least `lagSeconds` seconds (default 60): the first version it misses was made that
 * long ago. A device applying a change a moment after it is made is not lagging; one offline through
 * a change is, a minute later. A revoked device is never lagging (it will not connect again as it is).
 *
 * No personal data: card uids, card states and devices only (never a holder's name or number).
 */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { fail, ok, parseBody, parseQuery, type Reply, type Request } from './api-http.js';
import type { Database } from './db/schema.js';
import { BLACKLISTED_STATUSES } from './dataset-log.js';
import type { DatasetKey } from './datasets.js';

export interface BlacklistApiDeps {
  db: Kysely<Database>;
  now: () => number;
  onlineDeviceIds: () => string[];
  /**
   * Brings every online device to the current version of a dataset now (the gateway's push, the
   * one a change triggers), resolving once the updates are sent; the ids of the devices online.
   */
  pushDatasetNow: (name: DatasetKey) => Promise<string[]>;
}

export const DEFAULT_LAG_VERSIONS = 1;
export const DEFAULT_LAG_SECONDS = 60;

export const blacklistSchemas = {
  show: z
    .object({
      changes: z.coerce.number().int().min(1).max(500).default(50),
      lagVersions: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_LAG_VERSIONS),
      lagSeconds: z.coerce.number().int().min(0).max(7 * 86_400).default(DEFAULT_LAG_SECONDS),
    })
    .strict(),
  push: z.object({}).strict().nullable(),
};

/** What a change did to the blacklist, by the card_changes entry (hub/cards.ts, hub/card-life.ts). */
const CHANGES: Record<string, { onList: boolean; reason: 'lost' | 'replaced' | 'cancelled' | null }> = {
  lost: { onList: true, reason: 'lost' },
  found: { onList: false, reason: null },
  replaced: { onList: true, reason: 'replaced' },
  cancelled: { onList: true, reason: 'cancelled' },
};

const num = (v: number | string | bigint | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

export async function routeBlacklist(deps: BlacklistApiDeps, r: Request): Promise<Reply | null> {
  if (r.path === '/api/blacklist' && r.method === 'GET') {
    const query = parseQuery(r.url, blacklistSchemas.show);
    if (!query.ok) return fail(query);
    return ok(200, await showBlacklist(deps, query.value));
  }
  if (r.path === '/api/blacklist/push' && r.method === 'POST') {
    const body = await parseBody(r.req, blacklistSchemas.push);
    if (!body.ok) return fail(body);
    const before = await deps.db.selectFrom('datasets').select('version').where('name', '=', 'blacklist').executeTakeFirstOrThrow();
    const pushedTo = (await deps.pushDatasetNow('blacklist')).sort();
    const sent = new Set(pushedTo);
    const offline = (await deps.db.selectFrom('devices').select('device_id').where('revoked_at_ms', 'is', null).orderBy('device_id').execute())
      .map((d) => d.device_id)
      .filter((id) => !sent.has(id));
    return ok(200, { version: Number(before.version), pushedTo, offline });
  }
  return null;
}

async function showBlacklist(deps: BlacklistApiDeps, q: z.infer<typeof blacklistSchemas.show>) {
  const nowMs = deps.now();
  const { db } = deps;
  const dataset = await db.selectFrom('datasets').select(['version', 'updated_at_ms']).where('name', '=', 'blacklist').executeTakeFirstOrThrow();
  const version = Number(dataset.version);
  const size = await db.selectFrom('cards').select(sql<number>`count(*)`.as('n')).where('status', 'in', BLACKLISTED_STATUSES).executeTakeFirstOrThrow();
  const changeRows = await db
    .selectFrom('card_changes as ch')
    .leftJoin('cards as c', 'c.card_uid', 'ch.card_uid')
    .select(['ch.id', 'ch.card_uid', 'ch.change', 'ch.blacklist_version', 'ch.at_ms', 'c.status'])
    // Newest first: ids grow with versions (a change takes the blacklist's row lock before it inserts).
    .orderBy('ch.id', 'desc')
    .limit(q.changes)
    .execute();
  const changes = changeRows.map((c) => ({
    id: Number(c.id),
    version: Number(c.blacklist_version),
    atMs: Number(c.at_ms),
    cardUid: c.card_uid,
    change: c.change,
    onList: CHANGES[c.change]?.onList ?? null,
    reason: CHANGES[c.change]?.reason ?? null,
    cardStatus: c.status,
  }));

  const online = new Set(deps.onlineDeviceIds());
  const devices = await db
    .selectFrom('devices as d')
    .leftJoin('device_datasets as dd', (j) => j.onRef('dd.device_id', '=', 'd.device_id').on('dd.name', '=', 'blacklist'))
    .select(['d.device_id', 'd.name', 'd.created_at_ms', 'd.last_seen_at_ms', 'd.revoked_at_ms', 'dd.version', 'dd.applied_at_ms'])
    .orderBy('d.device_id')
    .execute();
  // When each device fell behind: the time of the first version it misses (every blacklist version
  // has its card_changes rows), or its registration when later (a device added after the change).
  const missed = [...new Set(devices.map((d) => (num(d.version) ?? 0) + 1).filter((v) => v <= version))];
  const firstMissedAt = new Map<number, number>();
  for (let i = 0; i < missed.length; i += 500) {
    const rows = await db
      .selectFrom('card_changes')
      .select(['blacklist_version', sql<number>`min(at_ms)`.as('at')])
      .where('blacklist_version', 'in', missed.slice(i, i + 500))
      .groupBy('blacklist_version')
      .execute();
    for (const row of rows) firstMissedAt.set(Number(row.blacklist_version), Number(row.at));
  }
  const lagMs = q.lagSeconds * 1000;
  const list = devices.map((d) => {
    const appliedVersion = num(d.version) ?? 0;
    const lag = version - appliedVersion;
    const revoked = d.revoked_at_ms !== null;
    const behindSinceMs = lag > 0 ? Math.max(firstMissedAt.get(appliedVersion + 1) ?? Number(dataset.updated_at_ms), Number(d.created_at_ms)) : null;
    return {
      deviceId: d.device_id,
      name: d.name,
      online: online.has(d.device_id),
      revoked,
      lastSeenAtMs: num(d.last_seen_at_ms),
      appliedVersion,
      appliedAtMs: num(d.applied_at_ms),
      lag,
      behindSinceMs,
      lagging: !revoked && lag >= q.lagVersions && behindSinceMs !== null && nowMs - behindSinceMs >= lagMs,
    };
  });
  return {
    atMs: nowMs,
    version,
    updatedAtMs: num(dataset.updated_at_ms),
    size: Number(size.n),
    threshold: { lagVersions: q.lagVersions, lagSeconds: q.lagSeconds },
    counts: {
      devices: list.length,
      online: list.filter((d) => d.online).length,
      current: list.filter((d) => d.lag <= 0).length,
      lagging: list.filter((d) => d.lagging).length,
    },
    changes,
    devices: list,
  };
}
