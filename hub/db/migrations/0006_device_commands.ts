/** Commands sent from the hub to devices, with their results. */
import type { Kysely, Migration } from 'kysely';

export const migration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('device_commands')
      .addColumn('command_id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('args_json', 'text', (c) => c.notNull())
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('sent_at_ms', 'bigint')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('result_at_ms', 'bigint')
      .execute();
    await db.schema.createIndex('device_commands_device').on('device_commands').columns(['device_id', 'created_at_ms']).execute();
  },
};
