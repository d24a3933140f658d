/**
 * What happened at the points, read from the events table for the console (hub/api-activity.ts):
 *
 * - a meter's history: its meter_reading events (decoded with hub/event-detail.ts) in a time range,
 *   the latest `limit` of them, in time order, or one per time bucket (a chart of a day or a week)
 *   (hub/meters.ts keeps only each meter's latest);
 * - shower sessions: the shower_session events (OPEN, PROGRESS, CLOSE) grouped by session, newest
 *   first, with what the session metered and cost and why it ended (running while no CLOSE is held);
 * - access decisions (door and shower taps): granted or denied with the reason;
 * - alarms: recent raises and clears, newest first (the open ones: hub/alarms.ts).
 *
 * Card uids are shown as the devices sent them; holders' names are not looked up here.
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from './db/schema.js';
import { eventDetail } from './event-detail.js';

/** Rows read per page while scanning for what a list needs, and at most in all. */
const PAGE_ROWS = 1000;
const MAX_SCAN_ROWS = 50_000;

export interface MeterHistoryQuery {
  deviceId: string;
  pointId: string;
  meterId?: string;
  fromMs?: number;
  toMs?: number;
  /** One reading per bucket of this many ms (aligned on unix time 0) instead of every reading; `limit` then counts buckets. */
  bucketMs?: number;
  limit: number;
}

export interface MeterHistoryPoint {
  seq: number;
  /** When the device read it (device clock, hub-corrected) and when the hub stored it. */
  deviceTimeMs: number;
  receivedAtMs: number;
  meterId: string;
  /** ok, timeout, crc, exception, ...; the values are 0 when not ok (the read gave none). */
  comm: string;
  energyWh: number;
  powerW: number;
  voltageMv: number;
  currentMa: number;
  relayClosed: boolean;
  balanceFen: number;
  cutOff: boolean;
}

/** A bucket of a thinned history: the bucket's last reading the meter answered (its last reading when it answered none), and what the bucket held. */
export interface MeterHistoryBucket extends MeterHistoryPoint {
  /** The bucket's start (device time, unix ms; a multiple of bucketMs). */
  bucketStartMs: number;
  /** Readings in the bucket, and how many of them the meter did not answer (comm not ok). */
  readingCount: number;
  failedCount: number;
  /** The highest power of the bucket's answered readings (0 when none). */
  maxPowerW: number;
}

interface EventRow {
  device_id: string;
  seq: number;
  point_id: string;
  device_time_ms: number;
  received_at_ms: number;
  card_uid: string | null;
  payload: Uint8Array;
}

type EventQuery = SelectQueryBuilder<Database, 'events', EventRow>;

/**
 * Pages through `base` newest first (by seq within one device, by received time across devices)
 * and hands each row to `take` until it says enough, the rows run out or MAX_SCAN_ROWS were read.
 * Returns true when it stopped at MAX_SCAN_ROWS with rows left unread.
 */
async function scan(
  base: EventQuery,
  oneDevice: boolean,
  take: (row: EventRow) => boolean,
): Promise<boolean> {
  let scanned = 0;
  let after: { receivedAtMs: number; deviceId: string; seq: number } | null = null;
  for (;;) {
    let q = base;
    if (after) {
      const a = after;
      q = oneDevice
        ? q.where('seq', '<', a.seq)
        : q.where((eb) =>
            eb.or([
              eb('received_at_ms', '<', a.receivedAtMs),
              eb.and([eb('received_at_ms', '=', a.receivedAtMs), eb.or([eb('device_id', '<', a.deviceId), eb.and([eb('device_id', '=', a.deviceId), eb('seq', '<', a.seq)])])]),
            ]),
          );
    }
    q = oneDevice ? q.orderBy('seq', 'desc') : q.orderBy('received_at_ms', 'desc').orderBy('device_id', 'desc').orderBy('seq', 'desc');
    const rows = await q.limit(PAGE_ROWS).execute();
    for (const r of rows) {
      const row = { ...r, seq: Number(r.seq), device_time_ms: Number(r.device_time_ms), received_at_ms: Number(r.received_at_ms) };
      if (take(row)) return false;
    }
    scanned += rows.length;
    if (rows.length < PAGE_ROWS) return false;
    if (scanned >= MAX_SCAN_ROWS) return true;
    const last = rows[rows.length - 1]!;
    after = { receivedAtMs: Number(last.received_at_ms), deviceId: last.device_id, seq: Number(last.seq) };
  }
}

function eventsOf(db: Kysely<Database>, kind: string, where: { deviceId?: string | undefined; pointId?: string | undefined }): EventQuery {
  let q = db.selectFrom('events').select(['device_id', 'seq', 'point_id', 'device_time_ms', 'received_at_ms', 'card_uid', 'payload']).where('kind', '=', kind);
  if (where.deviceId !== undefined) q = q.where('device_id', '=', where.deviceId);
  if (where.pointId !== undefined) q = q.where('point_id', '=', where.pointId);
  return q;
}

/** Readings before `fromMs` in a row (newest first) after which a meter's history stops looking further back. */
const OLDER_RUN = 100;

/**
 * The latest `limit` readings of a meter in [fromMs, toMs] (device time), oldest first; `truncated`
 * when more were there (or the scan stopped at MAX_SCAN_ROWS readings before reaching `fromMs`).
 * With `bucketMs`: one reading per bucket of device time (the latest `limit` buckets): the
 * bucket's last answered reading (energy is a counter, so its last value is the bucket's), with
 * the bucket's highest power and how many readings it held; a chart of a week gets the whole week
 * from a few hundred points instead of the last `limit` readings of it.
 *
 * `fromMs` is not a condition of the query: a device's readings come newest first by seq (its
 * index), so the database would otherwise read every older reading of the device looking for a
 * page of rows in range that are not there (each refresh of a chart of the last hour reading a
 * year of readings). Rows before `fromMs` are skipped here instead, and the scan stops after
 * OLDER_RUN of them in a row (device time follows seq; the run allows for a clock set back a little).
 */
export async function meterHistory(db: Kysely<Database>, query: MeterHistoryQuery): Promise<{ readings: MeterHistoryPoint[] | MeterHistoryBucket[]; truncated: boolean }> {
  let base = eventsOf(db, 'meter_reading', { deviceId: query.deviceId, pointId: query.pointId });
  if (query.toMs !== undefined) base = base.where('device_time_ms', '<=', query.toMs);
  const { fromMs, bucketMs } = query;
  const found: MeterHistoryPoint[] = [];
  const buckets = new Map<number, MeterHistoryBucket>();
  let truncated = false;
  let older = 0;
  const capped = await scan(base, true, (r) => {
    if (fromMs !== undefined && r.device_time_ms < fromMs) return ++older >= OLDER_RUN;
    older = 0;
    const d = eventDetail(r.payload);
    if (!('meterReading' in d)) return false;
    const m = d.meterReading;
    if (query.meterId !== undefined && m.meterId !== query.meterId) return false;
    const point: MeterHistoryPoint = {
      seq: r.seq, deviceTimeMs: r.device_time_ms, receivedAtMs: r.received_at_ms, meterId: m.meterId, comm: m.comm, energyWh: m.energyWh, powerW: m.powerW,
      voltageMv: m.voltageMv, currentMa: m.currentMa, relayClosed: m.relayClosed, balanceFen: m.balanceFen, cutOff: m.cutOff,
    };
    const answered = m.comm === 'ok';
    if (bucketMs === undefined) {
      if (found.length === query.limit) {
        truncated = true;
        return true;
      }
      found.push(point);
      return false;
    }
    const startMs = Math.floor(r.device_time_ms / bucketMs) * bucketMs;
    const bucket = buckets.get(startMs);
    if (!bucket) {
      if (buckets.size === query.limit) {
        truncated = true;
        return true;
      }
      // Newest first: the first reading seen of a bucket is its last.
      buckets.set(startMs, { ...point, bucketStartMs: startMs, readingCount: 1, failedCount: answered ? 0 : 1, maxPowerW: answered ? point.powerW : 0 });
      return false;
    }
    bucket.readingCount += 1;
    if (!answered) {
      bucket.failedCount += 1;
      return false;
    }
    bucket.maxPowerW = Math.max(bucket.maxPowerW, point.powerW);
    // The bucket's last reading was not answered: its last answered one stands for it.
    if (bucket.comm !== 'ok') Object.assign(bucket, point);
    return false;
  });
  if (capped) truncated = true;
  if (bucketMs !== undefined) return { readings: [...buckets.values()].sort((a, b) => a.bucketStartMs - b.bucketStartMs), truncated };
  found.sort((a, b) => a.deviceTimeMs - b.deviceTimeMs || a.seq - b.seq);
  return { readings: found, truncated };
}

export interface ActivityFilter {
  deviceId?: string;
  pointId?: string;
  limit: number;
}

export interface ShowerSessionView {
  deviceId: string;
  pointId: string;
  sessionId: string;
  cardUid: string;
  /** running: no CLOSE held yet (the amount is what it metered so far); closed. */
  state: 'running' | 'closed';
  /** Device times (hub-corrected) of its OPEN and CLOSE; null when not held (or not yet). */
  startedAtMs: number | null;
  endedAtMs: number | null;
  /** Why it ended: tap, timeout, funds_exhausted, max_duration, max_cost, restart, fault, shutdown; '' while running. */
  end: string;
  volumeMl: number;
  durationMs: number;
  amountFen: number;
  tariffId: string;
  /** Billed by time for want of flow pulses (a flow sensor silent while the valve was open). */
  timeBilled: boolean;
  /** The seq of its latest event. */
  seq: number;
}

/** Shower sessions, newest activity first. */
export async function showerSessions(db: Kysely<Database>, filter: ActivityFilter): Promise<ShowerSessionView[]> {
  const sessions = new Map<string, ShowerSessionView>();
  const openSeen = new Set<string>();
  await scan(eventsOf(db, 'shower_session', filter), filter.deviceId !== undefined, (r) => {
    const d = eventDetail(r.payload);
    if (!('showerSession' in d)) return false;
    const s = d.showerSession;
    const key = `${r.device_id}\u0000${s.sessionId}`;
    let view = sessions.get(key);
    if (!view) {
      // Sessions beyond the limit are not started; the listed ones are still waiting for their OPEN.
      if (sessions.size === filter.limit) return openSeen.size >= sessions.size;
      view = {
        deviceId: r.device_id, pointId: r.point_id, sessionId: s.sessionId, cardUid: r.card_uid ?? '', state: s.phase === 'close' ? 'closed' : 'running', startedAtMs: null,
        endedAtMs: s.phase === 'close' ? r.device_time_ms : null, end: s.phase === 'close' ? s.end : '', volumeMl: s.volumeMl, durationMs: s.durationMs,
        amountFen: s.amountFen, tariffId: s.tariffId, timeBilled: s.timeBilled, seq: r.seq,
      };
      sessions.set(key, view);
    }
    if (s.phase === 'open' && !openSeen.has(key)) {
      openSeen.add(key);
      view.startedAtMs = r.device_time_ms;
    }
    return sessions.size === filter.limit && openSeen.size >= sessions.size;
  });
  return [...sessions.values()];
}

export interface AccessView {
  deviceId: string;
  pointId: string;
  seq: number;
  deviceTimeMs: number;
  receivedAtMs: number;
  /** Empty for a remote opening or an exit request. */
  cardUid: string;
  granted: boolean;
  /** granted, granted_remote, granted_exit_request, denied_lost, denied_unknown_card, ... */
  reason: string;
  decisionLatencyUs: number;
}

/** Access decisions (door and shower taps, remote openings, exit requests), newest first. */
export async function accessEvents(db: Kysely<Database>, filter: ActivityFilter): Promise<AccessView[]> {
  let q = db
    .selectFrom('events')
    .select(['device_id', 'seq', 'point_id', 'device_time_ms', 'received_at_ms', 'card_uid', 'granted', 'reason', 'payload'])
    .where('kind', '=', 'access');
  if (filter.deviceId !== undefined) q = q.where('device_id', '=', filter.deviceId).orderBy('seq', 'desc');
  else q = q.orderBy('received_at_ms', 'desc').orderBy('device_id', 'desc').orderBy('seq', 'desc');
  if (filter.pointId !== undefined) q = q.where('point_id', '=', filter.pointId);
  const rows = await q.limit(filter.limit).execute();
  return rows.map((r) => {
    const d = eventDetail(r.payload);
    return {
      deviceId: r.device_id, pointId: r.point_id, seq: Number(r.seq), deviceTimeMs: Number(r.device_time_ms), receivedAtMs: Number(r.received_at_ms),
      cardUid: r.card_uid ?? '', granted: r.granted === 1, reason: r.reason ?? '', decisionLatencyUs: 'access' in d ? d.access.decisionLatencyUs : 0,
    };
  });
}

export interface AlarmEventView {
  deviceId: string;
  pointId: string;
  seq: number;
  kind: string;
  /** true: raised; false: cleared. */
  active: boolean;
  detail: string;
  deviceTimeMs: number;
  receivedAtMs: number;
}

/** Alarm raises and clears, newest first. */
export async function recentAlarms(db: Kysely<Database>, filter: ActivityFilter): Promise<AlarmEventView[]> {
  const out: AlarmEventView[] = [];
  await scan(eventsOf(db, 'alarm', filter), filter.deviceId !== undefined, (r) => {
    const d = eventDetail(r.payload);
    if (!('alarm' in d)) return false;
    out.push({ deviceId: r.device_id, pointId: r.point_id, seq: r.seq, kind: d.alarm.kind, active: d.alarm.active, detail: d.alarm.detail, deviceTimeMs: r.device_time_ms, receivedAtMs: r.received_at_ms });
    return out.length === filter.limit;
  });
  return out;
}
