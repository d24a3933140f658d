/** The first schema: devices, people, cards, events, datasets and each device's applied versions. */
import { sql, type Kysely, type Migration } from 'kysely';
import { autoIdType, binaryType, isPostgres } from '../dialect.js';

export const migration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('devices')
      .addColumn('device_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('acked_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('last_seen_at_ms', 'bigint')
      .execute();
    await db.schema
      .createTable('people')
      .addColumn('person_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('person_type', 'text', (c) => c.notNull())
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('cards')
      .addColumn('card_uid', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.person_id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('cards_person').on('cards').column('person_id').execute();
    await db.schema
      .createTable('events')
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('point_id', 'text', (c) => c.notNull())
      .addColumn('device_time_ms', 'bigint', (c) => c.notNull())
      .addColumn('received_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('card_uid', 'text')
      .addColumn('granted', 'integer')
      .addColumn('reason', 'text')
      .addColumn('payload', binaryType(db), (c) => c.notNull())
      .addPrimaryKeyConstraint('events_pk', ['device_id', 'seq'])
      .execute();
    await db.schema.createIndex('events_received').on('events').column('received_at_ms').execute();
    await db.schema
      .createTable('datasets')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('device_datasets')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .addColumn('applied_at_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_datasets_pk', ['device_id', 'name'])
      .execute();
    await db.schema
      .createTable('card_changes')
      .addColumn('id', autoIdType(db), (c) => (isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('card_uid', 'text', (c) => c.notNull())
      .addColumn('change', 'text', (c) => c.notNull())
      .addColumn('blacklist_version', 'bigint', (c) => c.notNull())
      .addColumn('at_ms', 'bigint', (c) => c.notNull())
      .execute();
    await sql`insert into datasets (name, version, updated_at_ms) values ('blacklist', 0, 0), ('cards', 0, 0)`.execute(db);
  },
};
