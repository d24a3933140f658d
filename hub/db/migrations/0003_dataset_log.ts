/**
 * Versioned datasets: a change log per dataset (which cards each version changed), so the hub can
 * send a device a delta from the version it holds; validity windows and access groups on people and
 * cards (the cards dataset carries them, with the holder's type).
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const migration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const table of ['people', 'cards']) {
      // Unix ms; null means unbounded on that side. Groups: a JSON array of group ids.
      await db.schema.alterTable(table).addColumn('valid_from_ms', 'bigint').execute();
      await db.schema.alterTable(table).addColumn('valid_until_ms', 'bigint').execute();
      await db.schema.alterTable(table).addColumn('groups', 'text', (c) => c.notNull().defaultTo('[]')).execute();
    }
    await db.schema
      .createTable('dataset_log')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .addColumn('card_uid', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('dataset_log_pk', ['name', 'version', 'card_uid'])
      .execute();
    // The oldest version a delta can start from: versions up to it have left the log. Versions
    // reached before this migration have no log, so deltas start from the current version.
    await db.schema.alterTable('datasets').addColumn('log_floor_version', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    await sql`update datasets set log_floor_version = version`.execute(db);
  },
};
