/**
 * Operators (personal accounts with roles and scrypt password hashes), their sessions (bearer tokens
 * stored as SHA-256) and the audit log. The audit log is append-only in the database itself: a
 * trigger refuses every UPDATE and DELETE (and TRUNCATE on PostgreSQL).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { autoIdType, isPostgres } from '../dialect.js';

export const migration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('operators')
      .addColumn('operator_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('password_must_change', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('disabled_at_ms', 'bigint')
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until_ms', 'bigint')
      .execute();
    await db.schema
      .createTable('operator_sessions')
      .addColumn('token_sha256', 'text', (c) => c.primaryKey())
      .addColumn('operator_id', 'text', (c) => c.notNull().references('operators.operator_id'))
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at_ms', 'bigint')
      .addColumn('remote_address', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('operator_sessions_operator').on('operator_sessions').columns(['operator_id', 'expires_at_ms']).execute();
    await db.schema
      .createTable('audit_log')
      .addColumn('id', autoIdType(db), (c) => (isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('at_ms', 'bigint', (c) => c.notNull())
      .addColumn('operator_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('remote_address', 'text', (c) => c.notNull())
      .addColumn('target_kind', 'text')
      .addColumn('target_id', 'text')
      .addColumn('reason', 'text')
      .addColumn('status', 'integer', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('request_json', 'text')
      .addColumn('before_json', 'text')
      .addColumn('after_json', 'text')
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at_ms').execute();
    await db.schema.createIndex('audit_log_operator').on('audit_log').columns(['operator_id', 'at_ms']).execute();
    await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'at_ms']).execute();

    if (isPostgres(db)) {
      await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
        begin raise exception 'audit_log is append-only: % refused', tg_op; end $$`.execute(db);
      await sql`create trigger audit_log_no_change before update or delete on audit_log for each row execute function audit_log_append_only()`.execute(db);
      await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only()`.execute(db);
    } else {
      await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only: UPDATE refused'); end`.execute(db);
      await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only: DELETE refused'); end`.execute(db);
    }
  },
};
