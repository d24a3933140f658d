/**
 * Alarms as they stand: of each alarm kind at each device and point, the latest raise or clear the
 * hub holds, kept in `alarm_states` (migration 0014) as its event is stored, in the ingest
 * transaction (hub/events.ts); those whose latest event raises them are open. However old an open
 * alarm is, and however many alarm events came after it, it stays open until its clear is stored.
 * A device's events arrive in seq order, but an event older (lower seq) than the one held, a gap
 * filled late, never replaces it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Event } from '../protocol/messages.js';
import type { Database } from './db/schema.js';

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

/** Keeps an alarm event just stored as its alarm's standing, unless a newer (higher seq) one is held. */
export async function recordAlarm(trx: Transaction<Database>, deviceId: string, e: Event, seq: number, receivedAtMs: number): Promise<void> {
  const a = e.alarm;
  if (!a) return;
  const row = {
    device_id: deviceId, point_id: e.pointId ?? '', kind: a.kind ?? '', active: a.active === true ? 1 : 0, seq,
    detail: a.detail ?? '', device_time_ms: Number(e.deviceTimeUnixMs ?? 0), received_at_ms: receivedAtMs,
  };
  const { device_id: _d, point_id: _p, kind: _k, ...values } = row;
  await trx
    .insertInto('alarm_states')
    .values(row)
    .onConflict((oc) => oc.columns(['device_id', 'point_id', 'kind']).doUpdateSet(values).where('alarm_states.seq', '<', seq))
    .execute();
}

/** The open alarms (of one device, one point), the latest stored first: each with its latest raise (detail, seq and times). */
export async function openAlarms(db: Kysely<Database>, where: { deviceId?: string | undefined; pointId?: string | undefined } = {}): Promise<OpenAlarm[]> {
  let q = db
    .selectFrom('alarm_states')
    .select(['device_id', 'point_id', 'kind', 'detail', 'seq', 'device_time_ms', 'received_at_ms'])
    .where('active', '=', 1);
  if (where.deviceId !== undefined) q = q.where('device_id', '=', where.deviceId);
  if (where.pointId !== undefined) q = q.where('point_id', '=', where.pointId);
  const rows = await q
    .orderBy('received_at_ms', 'desc')
    .orderBy('device_id')
    .orderBy('seq', 'desc')
    .execute();
  return rows.map((r) => ({
    deviceId: r.device_id, pointId: r.point_id, kind: r.kind, detail: r.detail, seq: Number(r.seq), deviceTimeMs: Number(r.device_time_ms), receivedAtMs: Number(r.received_at_ms),
  }));
}
