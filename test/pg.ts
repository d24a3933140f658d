/**
 * PostgreSQL for tests: when ONECARD_TEST_PG_URL names a server (`.ci/run` sets it when one answers
 * on this machine), each test gets a database of its own, created empty and dropped afterwards.
 * Without it, tests of the hub run on SQLite only, and say so once.
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';

export const PG_URL = process.env.ONECARD_TEST_PG_URL ?? '';

/** The back ends a hub test runs on: SQLite always, PostgreSQL when a server is given. */
export const BACKENDS: ReadonlyArray<'sqlite' | 'postgres'> = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface PgDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database on the test server; `drop()` removes it (and ends its connections). */
export async function freshPgDatabase(): Promise<PgDatabase> {
  if (!PG_URL) throw new Error('ONECARD_TEST_PG_URL is not set');
  const name = `onecard_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
