/**
 * Test fixture: a database URL for each back end a hub test runs on (test/pg.ts BACKENDS): a SQLite
 * file in the test's temp dir, or a fresh PostgreSQL database dropped afterwards.
 */
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { Database } from './db/schema.js';
import { loadMigrations } from './db/migrations/index.js';
import { freshPgDatabase } from '../test/pg.js';
import { tempDir } from '../test/helpers.js';

export interface BackendDb {
  url: string;
  drop(): Promise<void>;
}

export async function backendDb(backend: 'sqlite' | 'postgres', dir: string): Promise<BackendDb> {
  if (backend === 'sqlite') return { url: `sqlite:${join(dir, 'hub.sqlite')}`, drop: async () => undefined };
  return freshPgDatabase();
}

/**
 * A connection to a back end's database with no migration run (for migration tests that build an
 * older schema first, then migrate): plain dialects, as a hub of that older version would have had.
 */
export function unmigratedConnection(backend: 'sqlite' | 'postgres', url: string): Kysely<Database> {
  return new Kysely<Database>({
    dialect: backend === 'sqlite'
      ? new SqliteDialect({ database: new SqliteDatabase(url.slice('sqlite:'.length)) })
      : new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
  });
}

/** A migration test's database: fresh and unmigrated, with a Migrator over the hub's migrations. */
export interface UnmigratedDb {
  db: Kysely<Database>;
  migrator: Migrator;
  /** Closes the connection, drops the database and removes the temp dir. */
  close(): Promise<void>;
}

/**
 * A fresh database of a back end with no migration run and a Migrator to take it up to a named
 * migration (`migrator.migrateTo('0013_event_kind_index')`), build the older hub's rows, then run
 * the migration under test.
 */
export async function unmigratedDb(backend: 'sqlite' | 'postgres'): Promise<UnmigratedDb> {
  const dir = await tempDir();
  const store = await backendDb(backend, dir.path);
  const db = unmigratedConnection(backend, store.url);
  const migrator = new Migrator({ db, provider: { getMigrations: loadMigrations } });
  return {
    db,
    migrator,
    close: async () => {
      await db.destroy();
      await store.drop();
      await dir.remove();
    },
  };
}
