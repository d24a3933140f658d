/**
 * Fault alarms as they stand (issue 8): one row per (device, point, alarm kind) of the fault alarms
 * tickets are opened for (hub/ticket-faults.ts FAULT_ALARMS), kept in the ingest transaction: whether
 * it is active, and the raise that began the current activity (its seq and device time). The hub's
 * periodic check (hub/persistent-alarms.ts) reads the active ones raised long enough ago. Alarms
 * stored before this migration are tracked from their next raise or clear.
 */
import { type Kysely, type Migration } from 'kysely';

export const migration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('fault_alarms')
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('point_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('raised_seq', 'bigint', (c) => c.notNull())
      .addColumn('raised_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('last_seq', 'bigint', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('fault_alarms_pk', ['device_id', 'point_id', 'kind'])
      .execute();
    await db.schema.createIndex('fault_alarms_active').on('fault_alarms').columns(['active', 'raised_at_ms']).execute();
  },
};
