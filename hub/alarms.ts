/**
 * Open alarms: of each alarm kind at each device and point, the latest raise or clear the hub
 * holds from the last `windowMs` (default 30 days); those whose latest says active are open. Alarms
 * are events (hub/events.ts), so this reads the events table by kind; `limit` bounds the rows read.
 */
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import { eventDetail } from './event-detail.js';

export interface OpenAlarm {
  deviceId: string;
  pointId: string;
  kind: string;
  detail: string;
  seq: number;
  /** When the device raised it (device clock, hub-corrected) and when the hub stored it. */
  deviceTimeMs: number;
  receivedAtMs: number;
}

export const DEFAULT_ALARM_WINDOW_MS = 30 * 24 * 3600 * 1000;
const MAX_ALARM_ROWS = 50_000;

export async function openAlarms(db: Kysely<Database>, nowMs: number, windowMs = DEFAULT_ALARM_WINDOW_MS): Promise<OpenAlarm[]> {
  const rows = await db
    .selectFrom('events')
    .select(['device_id', 'seq', 'point_id', 'device_time_ms', 'received_at_ms', 'payload'])
    .where('kind', '=', 'alarm')
    .where('received_at_ms', '>=', nowMs - windowMs)
    .orderBy('received_at_ms', 'desc')
    .orderBy('seq', 'desc')
    .limit(MAX_ALARM_ROWS)
    .execute();
  const seen = new Set<string>();
  const open: OpenAlarm[] = [];
  for (const r of rows) {
    const d = eventDetail(r.payload);
    if (!('alarm' in d)) continue;
    const key = `${r.device_id}\u0000${r.point_id}\u0000${d.alarm.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!d.alarm.active) continue;
    open.push({ deviceId: r.device_id, pointId: r.point_id, kind: d.alarm.kind, detail: d.alarm.detail, seq: Number(r.seq), deviceTimeMs: Number(r.device_time_ms), receivedAtMs: Number(r.received_at_ms) });
  }
  return open;
}
