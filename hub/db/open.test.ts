import { strict as assert } from 'node:assert';
import { sql } from 'kysely';
import { DatabaseUrlError, openDatabase } from './open.js';
import { BACKENDS, freshPgDatabase, type PgDatabase } from '../../test/pg.js';

describe('hub database: one schema on SQLite and PostgreSQL', () => {
  for (const backend of BACKENDS) {
    describe(backend, () => {
      let pgDb: PgDatabase | null = null;
      afterEach(async () => {
        await pgDb?.drop();
        pgDb = null;
      });

      async function url(): Promise<string> {
        if (backend === 'sqlite') return 'sqlite::memory:';
        pgDb = await freshPgDatabase();
        return pgDb.url;
      }

      it('migrates an empty database to the latest schema and round-trips big integers and bytes', async () => {
        const db = await openDatabase(await url());
        try {
          const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
          assert.ok(migrations.rows.length >= 6, 'every migration applied');
          const payload = Buffer.from([0, 1, 2, 254, 255]);
          await db.insertInto('devices').values({ device_id: 'd1', name: 'd', public_key: 'k', created_at_ms: 1_800_000_000_000, acked_seq: 2 ** 40 }).execute();
          await db
            .insertInto('events')
            .values({ device_id: 'd1', seq: 2 ** 40, point_id: 'p', device_time_ms: 1_800_000_000_000, received_at_ms: 1, kind: 'alarm', card_uid: null, granted: null, reason: null, payload, hash: null, prev_hash: null, chain_ok: null })
            .execute();
          const device = await db.selectFrom('devices').select(['acked_seq', 'created_at_ms']).executeTakeFirstOrThrow();
          assert.deepEqual([device.acked_seq, device.created_at_ms], [2 ** 40, 1_800_000_000_000], 'bigints come back as numbers');
          const event = await db.selectFrom('events').select(['seq', 'payload']).executeTakeFirstOrThrow();
          assert.equal(event.seq, 2 ** 40);
          assert.deepEqual(Buffer.from(event.payload), payload);
        } finally {
          await db.destroy();
        }
      });
    });
  }

  it('refuses a URL of another kind, and an unreachable PostgreSQL, with a clear error', async () => {
    await assert.rejects(openDatabase('mysql://x'), (err: Error) => err instanceof DatabaseUrlError && /use sqlite:PATH or postgres:/.test(err.message));
    await assert.rejects(openDatabase('postgres://u:secret@127.0.0.1:1/none'), (err: Error) => /cannot connect to PostgreSQL at postgres:\/\/u:\*\*\*@127.0.0.1:1\/none/.test(err.message) && !err.message.includes('secret'));
  });
});
