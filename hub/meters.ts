/**
 * Room meters for facilities: the latest reading of each meter (per device, point and meter id),
 * kept as its events are stored (hub/events.ts), so GET /api/meters answers without scanning the
 * event history. A reading older (lower seq) than the one held is stored as an event but does not
 * replace the latest.
 */
import type { Kysely, Transaction } from 'kysely';
import { MeterComm, enumText, type Event } from '../protocol/messages.js';
import type { Database } from './db/schema.js';

export interface MeterView {
  deviceId: string;
  pointId: string;
  meterId: string;
  seq: number;
  /** When the device read it (device clock, hub-corrected) and when the hub stored it. */
  deviceTimeMs: number;
  receivedAtMs: number;
  /** ok, timeout, crc, exception, disconnected, busy, implausible. Values below are from the last good read when comm is not ok. */
  comm: string;
  energyWh: number;
  powerW: number;
  voltageMv: number;
  currentMa: number;
  relayClosed: boolean;
  accountId: string;
  balanceFen: number;
  cutOff: boolean;
}

/** Keeps the reading of a just-stored event as its meter's latest, unless a newer one is held. */
export async function recordReading(trx: Transaction<Database>, deviceId: string, e: Event, receivedAtMs: number): Promise<void> {
  const m = e.meterReading;
  if (!m) return;
  const row = {
    device_id: deviceId, point_id: e.pointId ?? '', meter_id: m.meterId ?? '', seq: e.seq ?? 0,
    device_time_ms: e.deviceTimeUnixMs ?? 0, received_at_ms: receivedAtMs, energy_wh: Number(m.energyWh ?? 0), power_w: m.powerW ?? 0,
    voltage_mv: m.voltageMv ?? 0, current_ma: m.currentMa ?? 0, relay_closed: m.relayClosed ? 1 : 0,
    comm: enumText(MeterComm, m.comm ?? 0, 'METER_COMM'), account_id: m.accountId ?? '', balance_fen: Number(m.balanceFen ?? 0), cut_off: m.cutOff ? 1 : 0,
  };
  const { device_id: _d, point_id: _p, meter_id: _m, ...values } = row;
  await trx
    .insertInto('meter_readings')
    .values(row)
    .onConflict((oc) => oc.columns(['device_id', 'point_id', 'meter_id']).doUpdateSet(values).where('meter_readings.seq', '<', row.seq))
    .execute();
}

export async function listMeters(db: Kysely<Database>, query: { deviceId?: string }): Promise<MeterView[]> {
  let q = db.selectFrom('meter_readings').selectAll();
  if (query.deviceId !== undefined) q = q.where('device_id', '=', query.deviceId);
  const rows = await q.orderBy('device_id').orderBy('point_id').orderBy('meter_id').execute();
  return rows.map((r) => ({
    deviceId: r.device_id, pointId: r.point_id, meterId: r.meter_id, seq: Number(r.seq), deviceTimeMs: Number(r.device_time_ms), receivedAtMs: Number(r.received_at_ms),
    comm: r.comm, energyWh: Number(r.energy_wh), powerW: Number(r.power_w), voltageMv: Number(r.voltage_mv), currentMa: Number(r.current_ma),
    relayClosed: r.relay_closed === 1, accountId: r.account_id, balanceFen: Number(r.balance_fen), cutOff: r.cut_off === 1,
  }));
}
