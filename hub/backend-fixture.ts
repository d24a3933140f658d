/**
 * Test fixture: a database URL for each back end a hub test runs on (test/pg.ts BACKENDS): a SQLite
 * file in the test's temp dir, or a fresh PostgreSQL database dropped afterwards.
 */
import { join } from 'node:path';
import { freshPgDatabase } from '../test/pg.js';

export interface BackendDb {
  url: string;
  drop(): Promise<void>;
}

export async function backendDb(backend: 'sqlite' | 'postgres', dir: string): Promise<BackendDb> {
  if (backend === 'sqlite') return { url: `sqlite:${join(dir, 'hub.sqlite')}`, drop: async () => undefined };
  return freshPgDatabase();
}
