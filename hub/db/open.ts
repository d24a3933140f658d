/**
 * Opens the hub database from a URL and brings its schema up to date:
 * `sqlite:PATH` (a file, created when missing), `sqlite::memory:`, or `postgres://USER@HOST:PORT/DB`
 * (also `postgresql://`). Any other scheme is refused with a clear error.
 *
 * PostgreSQL returns int8 (bigint) columns as strings; they are parsed into numbers here, and a
 * value beyond 2^53 is an error rather than a silently rounded number (fen, seqs and times all fit).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { loadMigrations } from './migrations/index.js';
import { HubSqliteDialect } from './sqlite-dialect.js';
import type { Database } from './schema.js';

export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

/** Most connections a hub process holds to PostgreSQL. */
const PG_POOL_SIZE = 10;

let int8ParserInstalled = false;

function installInt8Parser(): void {
  if (int8ParserInstalled) return;
  int8ParserInstalled = true;
  pg.types.setTypeParser(pg.types.builtins.INT8, (text: string) => {
    const n = Number(text);
    if (!Number.isSafeInteger(n)) throw new RangeError(`database integer ${text} is beyond 2^53`);
    return n;
  });
}

export async function openDatabase(url: string): Promise<Kysely<Database>> {
  if (/^postgres(ql)?:\/\//.test(url)) return migrate(await openPostgres(url));
  if (!url.startsWith('sqlite:')) {
    throw new DatabaseUrlError(`unsupported database URL ${JSON.stringify(url)}: use sqlite:PATH or postgres://USER@HOST:PORT/DATABASE`);
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
  return migrate(new Kysely<Database>({ dialect: new HubSqliteDialect(sqlite) }));
}

async function openPostgres(url: string): Promise<Kysely<Database>> {
  installInt8Parser();
  const pool = new pg.Pool({ connectionString: url, max: PG_POOL_SIZE });
  // An idle client that errs (the server restarted) must not take the hub down; the pool replaces it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUrlError(`cannot connect to PostgreSQL at ${redact(url)}: ${(err as Error).message}`);
  }
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

async function migrate(db: Kysely<Database>): Promise<Kysely<Database>> {
  const migrator = new Migrator({ db, provider: { getMigrations: loadMigrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${(error as Error | undefined)?.message ?? 'unknown error'}`);
  }
  return db;
}
