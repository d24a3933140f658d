/**
 * Repair tickets (issue 8): the tickets, each status step with its operator, and the device events
 * attached to each. `open_key` is unique: one ticket not yet resolved per (device, component,
 * category), however many failures and alarms report it.
 */
import { type Kysely, type Migration } from 'kysely';
import { autoIdType, isPostgres } from '../dialect.js';

export const migration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('repair_tickets')
      .addColumn('ticket_id', autoIdType(db), (c) => (isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text')
      .addColumn('component', 'text')
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('resident_name', 'text')
      .addColumn('student_number', 'text')
      .addColumn('phone', 'text')
      .addColumn('dorm_room', 'text')
      .addColumn('reported_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('assignee', 'text')
      .addColumn('occurrences', 'integer', (c) => c.notNull())
      .addColumn('last_seen_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('open_key', 'text', (c) => c.unique())
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('repair_tickets_status').on('repair_tickets').columns(['status', 'ticket_id']).execute();
    await db.schema.createIndex('repair_tickets_device').on('repair_tickets').columns(['device_id', 'ticket_id']).execute();
    await db.schema
      .createTable('ticket_steps')
      .addColumn('step_id', autoIdType(db), (c) => (isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('repair_tickets.ticket_id'))
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('operator_id', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('at_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ticket_steps_ticket').on('ticket_steps').columns(['ticket_id', 'step_id']).execute();
    await db.schema
      .createTable('ticket_events')
      .addColumn('ticket_id', 'bigint', (c) => c.notNull().references('repair_tickets.ticket_id'))
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('attached_at_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('ticket_events_pk', ['device_id', 'seq'])
      .execute();
    await db.schema.createIndex('ticket_events_ticket').on('ticket_events').column('ticket_id').execute();
  },
};
