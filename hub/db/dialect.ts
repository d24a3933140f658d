/**
 * What differs between the hub's two databases, for migrations and the few queries that must know:
 * SQLite (better-sqlite3, the default) and PostgreSQL (pg). Everything else is written once in
 * Kysely and runs on both.
 */
import { PostgresAdapter, type ColumnDataType, type Expression, type Kysely } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<unknown>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** A column of raw bytes: `blob` on SQLite, `bytea` on PostgreSQL. */
export function binaryType(db: Kysely<unknown>): ColumnDataType | Expression<unknown> {
  return dialectOf(db) === 'postgres' ? 'bytea' : 'blob';
}

/** A generated integer key: `integer primary key autoincrement` on SQLite, `bigserial` on PostgreSQL. */
export function autoIdType(db: Kysely<unknown>): ColumnDataType {
  return dialectOf(db) === 'postgres' ? 'bigserial' : 'integer';
}

export function isPostgres(db: Kysely<unknown>): boolean {
  return dialectOf(db) === 'postgres';
}
