/**
 * Test fixture: a database URL for each back end a hub test runs on (test/pg.ts BACKENDS): a SQLite
 * file in the test's temp dir, or a fresh PostgreSQL database dropped afterwards.
 */
import { join } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { Database } from './db/schema.js';
import { freshPgDatabase } from '../test/pg.js';

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
