/**
 * Issue 6 acceptance: two (and more) concurrent clients posting to the same account never lose an
 * update, on SQLite and on PostgreSQL. The clients are separate connections to one database: the
 * test process (a hub, and for the ledger test its own connection: a pool of several clients on
 * PostgreSQL) and child processes with connections of their own (test/ledger-writer-child.ts), as
 * further hub processes would be. (SQLite is written by one process at a time: a second
 * connection in the same process would wait for the first while blocking it, so the other
 * connections are other processes.) They post at once, many transactions in flight each, to one
 * resident's account: transfers through hub/ledger.ts, top-ups through the account store and the
 * hub's HTTP API, charges from two devices through the event store. Afterwards the balance is
 * exactly the sum of what was posted, every transfer is there once and the ledger check is clean.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Kysely } from 'kysely';
import type { Hub } from '../hub/hub.js';
import { openDatabase } from '../hub/db/open.js';
import type { Database } from '../hub/db/schema.js';
import { CASH_ACCOUNT_ID, merchantAccountId, personAccountId } from '../hub/account-ids.js';
import { checkLedger, getAccount, transfer } from '../hub/ledger.js';
import { markBalancesChanged } from '../hub/balances.js';
import { MemoryLogger } from '../lib/log.js';
import { backendDb, type BackendDb } from '../hub/backend-fixture.js';
import { BACKENDS } from './pg.js';
import { api, startHub, tempDir } from './helpers.js';
import { registerDevice } from './raw-device.js';

const RESIDENT = personAccountId('C1');
const PER_WRITER = 60;
const CHILD = new URL('./ledger-writer-child.ts', import.meta.url).pathname;

interface Posted {
  result: string;
  fen: number;
}

/** A writer process, connected and waiting; `go()` starts it and resolves with what it posted. */
async function writerProcess(args: string[]): Promise<{ go: () => Promise<Posted[]>; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`writer ${args[1]} exited ${String(code)}: ${stderr}`))));
  exited.catch(() => undefined);
  const next = async () => (await Promise.race([lines.next(), exited])).value as string;
  assert.equal(await next(), 'ready', stderr);
  return {
    child,
    go: async () => {
      child.stdin!.write('go\n');
      return JSON.parse(await next()) as Posted[];
    },
  };
}

for (const backend of BACKENDS) describe(`ledger under concurrent writers (${backend})`, function () {
  this.timeout(60_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: BackendDb;
  let hub: Hub;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    dir = await tempDir();
    store = await backendDb(backend, dir.path);
    hub = await startHub(dir.path, new MemoryLogger(), { dbUrl: store.url });
    const person = await api(hub, 'POST', '/api/people', { personId: 'C1', name: 'Chen Jing', type: 'student' });
    assert.equal(person.status, 201, JSON.stringify(person.body));
    for (const deviceId of ['shower-1', 'shower-2']) await registerDevice(hub, deviceId);
  });

  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
    await hub.stop();
    await store.drop();
    await dir.remove();
  });

  const spawnWriter = async (args: string[]) => {
    const w = await writerProcess([store.url, ...args]);
    children.push(w.child);
    return w;
  };
  const amountOf = (writer: number, i: number) => 100 + writer * 1000 + i; // as the child's: every amount differs

  it('transfers through hub/ledger.ts from two clients at once, many in flight on each, all land: balance = their sum, ledger clean', async () => {
    const other = await spawnWriter(['transfers', '1', String(PER_WRITER), RESIDENT, merchantAccountId('shower-2')]);
    // This process's own client: a second connection (a pool of several on PostgreSQL) besides the hub's.
    const db: Kysely<Database> = await openDatabase(store.url);
    try {
      const ours = Array.from({ length: PER_WRITER }, (_, i) =>
        db.transaction().execute(async (trx) => {
          // Charges from the resident and top-ups to them, interleaved.
          const charge = i % 2 === 0;
          const outcome = await transfer(trx, {
            transferId: `w0:${i}`, amountFen: amountOf(0, i), kind: charge ? 'charge' : 'topup', atMs: i,
            debitAccountId: charge ? RESIDENT : CASH_ACCOUNT_ID, creditAccountId: charge ? merchantAccountId('shower-1') : RESIDENT,
          });
          await markBalancesChanged(trx, outcome.changed, i);
          return { result: outcome.result, fen: charge ? -amountOf(0, i) : amountOf(0, i) };
        }),
      );
      const all = [...(await Promise.all([Promise.all(ours), other.go()])).flat()];
      assert.deepEqual([...new Set(all.map((p) => p.result))], ['created'], JSON.stringify(all.filter((p) => p.result !== 'created').slice(0, 3)));
      const expected = all.reduce((sum, p) => sum + p.fen, 0);
      assert.equal((await getAccount(hub.db, RESIDENT))!.balanceFen, expected, 'no update lost');
      assert.equal(await countTransfers(hub.db), 2 * PER_WRITER);
      assert.deepEqual(await checkLedger(hub.db), { sumFen: 0, mismatches: [] });
    } finally {
      await db.destroy();
    }
  });

  it('top-ups through the HTTP API and the account store, and charges from two devices, all at once from three processes: nothing lost, nothing twice', async () => {
    const topUps = await spawnWriter(['topups', '1', String(PER_WRITER), RESIDENT]);
    const charges = await spawnWriter(['charges', '2', String(PER_WRITER), RESIDENT, 'shower-2']);
    const viaHttp = Array.from({ length: PER_WRITER }, async (_, i) => {
      const res = await api(hub, 'POST', `/api/accounts/${RESIDENT}/topups`, { amountFen: amountOf(0, i), reference: `http-${i}` });
      return { result: res.status === 201 ? 'created' : JSON.stringify(res.body), fen: amountOf(0, i) };
    });
    // The hub's own device charges (shower-1), as its gateway posts them, in batches of 4 at once.
    const viaGateway = Array.from({ length: PER_WRITER / 4 }, async (_, b) => {
      const batch = Array.from({ length: 4 }, (_, k) => {
        const seq = b * 4 + k + 1;
        return { deviceId: 'shower-1', seq, pointId: 'shower', deviceTimeUnixMs: 1_700_000_000_000, charge: { accountId: RESIDENT, amountFen: amountOf(3, seq) } };
      });
      const outcome = await hub.events.ingest('shower-1', batch);
      return { result: outcome.held.length > 0 ? 'held' : [...new Set(outcome.results)].join(','), fen: batch.reduce((sum, e) => sum - e.charge.amountFen, 0) };
    });
    const all = (await Promise.all([Promise.all(viaHttp), Promise.all(viaGateway), topUps.go(), charges.go()])).flat();
    assert.deepEqual([...new Set(all.map((p) => p.result))], ['created'], JSON.stringify(all.filter((p) => p.result !== 'created').slice(0, 3)));
    const expected = all.reduce((sum, p) => sum + p.fen, 0);
    const account = await api(hub, 'GET', `/api/accounts/${RESIDENT}`);
    assert.equal(account.status, 200, JSON.stringify(account.body));
    assert.equal(account.body.account.balanceFen, expected, 'no update lost');
    assert.equal(await countTransfers(hub.db), 4 * PER_WRITER, 'every top-up and charge once');
    assert.deepEqual(await checkLedger(hub.db), { sumFen: 0, mismatches: [] });
    for (const deviceId of ['shower-1', 'shower-2']) {
      const device = await hub.db.selectFrom('devices').select('acked_seq').where('device_id', '=', deviceId).executeTakeFirstOrThrow();
      assert.equal(Number(device.acked_seq), PER_WRITER, `${deviceId}: every batch acknowledged`);
    }
  });
});

async function countTransfers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('transfers').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
