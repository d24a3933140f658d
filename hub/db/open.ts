/**
 * Opens the hub database from a URL and brings its schema up to date.
 * `sqlite:PATH` (a file, created when missing) or `sqlite::memory:`. PostgreSQL comes with a later
 * issue; any other scheme is refused with a clear error.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { loadMigrations } from './migrations/index.js';
import type { Database } from './schema.js';

export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

export async function openDatabase(url: string): Promise<Kysely<Database>> {
  if (!url.startsWith('sqlite:')) {
    throw new DatabaseUrlError(`unsupported database URL ${JSON.stringify(url)}: use sqlite:PATH (PostgreSQL is not supported yet)`);
  }
  const path = url.slice('sqlite:'.length);
  if (path === '') throw new DatabaseUrlError('sqlite: URL names no file (use sqlite:./data/hub.sqlite or sqlite::memory:)');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  // An acknowledged event may be deleted by the device: the commit must survive power loss.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: { getMigrations: loadMigrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${(error as Error | undefined)?.message ?? 'unknown error'}`);
  }
  return db;
}
