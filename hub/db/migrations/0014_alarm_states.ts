/**
 * Alarms as they stand (issue 9 review): one row per (device, point, alarm kind) of every alarm
 * kind, holding the latest raise or clear the hub stored (its seq, whether active, its detail and
 * times), kept in the ingest transaction (hub/alarms.ts recordAlarm), so the console's open alarms
 * are the active rows however old they are or however many alarm events came after them.
 * (`fault_alarms` of migration 0012 stays as it is: the fault kinds tickets are opened for.)
 *
 * Backfilled here from the stored alarm events: the latest (highest seq) of each device, point and
 * kind, so an upgraded hub shows the alarms that stood before it.
 */
import { type Kysely, type Migration } from 'kysely';
import { pb } from '../../../protocol/messages.js';

/** Alarm events read per page while backfilling, and rows per insert. */
const PAGE_ROWS = 1000;
const ROWS_PER_INSERT = 200;

interface Standing {
  device_id: string;
  point_id: string;
  kind: string;
  active: number;
  seq: number;
  detail: string;
  device_time_ms: number;
  received_at_ms: number;
}

export const migration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('alarm_states')
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('point_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('device_time_ms', 'bigint', (c) => c.notNull())
      .addColumn('received_at_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('alarm_states_pk', ['device_id', 'point_id', 'kind'])
      .execute();
    await db.schema.createIndex('alarm_states_active').on('alarm_states').columns(['active', 'received_at_ms']).execute();

    // Backfill: every alarm event by device and seq (index events_device_kind of 0013), the latest of each key kept.
    const old = db as unknown as Kysely<{
      events: { device_id: string; seq: number; point_id: string; kind: string; device_time_ms: number; received_at_ms: number; payload: Uint8Array };
      alarm_states: Standing;
    }>;
    const latest = new Map<string, Standing>();
    let after: { deviceId: string; seq: number } | null = null;
    for (;;) {
      let q = old.selectFrom('events').select(['device_id', 'seq', 'point_id', 'device_time_ms', 'received_at_ms', 'payload']).where('kind', '=', 'alarm');
      if (after) {
        const a = after;
        q = q.where((eb) => eb.or([eb('device_id', '>', a.deviceId), eb.and([eb('device_id', '=', a.deviceId), eb('seq', '>', a.seq)])]));
      }
      const rows = await q.orderBy('device_id').orderBy('seq').limit(PAGE_ROWS).execute();
      for (const r of rows) {
        const alarm = pb.Event.decode(r.payload).alarm;
        if (!alarm) continue;
        const kind = alarm.kind ?? '';
        // Ascending seq within a device: a later row is the newer standing.
        latest.set(JSON.stringify([r.device_id, r.point_id, kind]), {
          device_id: r.device_id, point_id: r.point_id, kind, active: alarm.active === true ? 1 : 0, seq: Number(r.seq),
          detail: alarm.detail ?? '', device_time_ms: Number(r.device_time_ms), received_at_ms: Number(r.received_at_ms),
        });
      }
      if (rows.length < PAGE_ROWS) break;
      const last = rows[rows.length - 1]!;
      after = { deviceId: last.device_id, seq: Number(last.seq) };
    }
    const values = [...latest.values()];
    for (let i = 0; i < values.length; i += ROWS_PER_INSERT) await old.insertInto('alarm_states').values(values.slice(i, i + ROWS_PER_INSERT)).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('alarm_states').execute();
  },
};
