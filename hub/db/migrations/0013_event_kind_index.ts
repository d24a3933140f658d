/**
 * Events by kind and arrival (issue 9): the console's overview, alarms, showers and doors pages and
 * meter history read the newest events of one kind (alarm, shower_session, access, meter_reading);
 * without this index each such read scans the whole events table.
 */
import { type Kysely, type Migration } from 'kysely';

export const migration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('events_kind_received').on('events').columns(['kind', 'received_at_ms']).execute();
    await db.schema.createIndex('events_device_kind').on('events').columns(['device_id', 'kind', 'seq']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('events_device_kind').execute();
    await db.schema.dropIndex('events_kind_received').execute();
  },
};
