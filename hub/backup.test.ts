/**
 * `onecard hub backup` / `restore` (hub/backup.ts) on each back end: a round trip of a hub in use
 * (people, cards, accounts, transfers, events survive; the ledger check holds), the refusals that
 * come before anything is touched, a damaged backup that changes nothing, and what devices get
 * from a restored hub: every dataset whole, at a version above anything they held.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Hub } from './hub.js';
import { openDatabase } from './db/open.js';
import type { Database } from './db/schema.js';
import { checkLedger } from './ledger.js';
import { backupHub, restoreHub } from '../cli/hub-backup.js';
import { DatasetName, type Event } from '../protocol/messages.js';
import { MemoryLogger } from '../lib/log.js';
import { api, startHub, tempDir, waitFor } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { rawDevice, registerDevice, type RawDevice } from '../test/raw-device.js';
import { backendDb, type BackendDb } from './backend-fixture.js';

const quiet = () => undefined;
const T0 = Date.parse('2026-03-01T08:00:00+08:00');
const DATASETS = [DatasetName.DATASET_NAME_BLACKLIST, DatasetName.DATASET_NAME_CARDS, DatasetName.DATASET_NAME_BALANCES, DatasetName.DATASET_NAME_TARIFFS, DatasetName.DATASET_NAME_SCHEDULES];

/** Everything a card office and finance would miss if it did not come back, in a comparable form. */
async function holdings(db: Kysely<Database>) {
  return {
    people: await db.selectFrom('people').select(['person_id', 'name', 'person_type']).orderBy('person_id').execute(),
    cards: await db.selectFrom('cards').select(['card_uid', 'person_id', 'status']).orderBy('card_uid').execute(),
    accounts: (await db.selectFrom('accounts').select(['account_id', 'kind', 'balance_fen']).orderBy('account_id').execute()).map((a) => ({ ...a, balance_fen: Number(a.balance_fen) })),
    transfers: (await db.selectFrom('transfers').select(['transfer_id', 'debit_account_id', 'credit_account_id', 'amount_fen']).orderBy('transfer_id').execute()).map((t) => ({ ...t, amount_fen: Number(t.amount_fen) })),
    events: (await db.selectFrom('events').select(['device_id', 'seq', 'hash', 'transfer_id']).orderBy('device_id').orderBy('seq').execute()).map((e) => ({ ...e, seq: Number(e.seq), hash: Buffer.from(e.hash!).toString('hex') })),
    devices: (await db.selectFrom('devices').select(['device_id', 'acked_seq', 'public_key']).orderBy('device_id').execute()).map((d) => ({ ...d, acked_seq: Number(d.acked_seq) })),
  };
}

async function datasetVersions(db: Kysely<Database>): Promise<number[]> {
  return (await db.selectFrom('datasets').select('version').orderBy('name').execute()).map((d) => Number(d.version));
}

for (const backend of BACKENDS) describe(`hub backup and restore (${backend})`, function () {
  this.timeout(60_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let source: BackendDb;
  let target: BackendDb;
  let hub: Hub | null = null;
  const devices: RawDevice[] = [];

  beforeEach(async () => {
    dir = await tempDir();
    source = await backendDb(backend, dir.path);
    await mkdir(join(dir.path, 'restored'));
    target = await backendDb(backend, join(dir.path, 'restored'));
  });

  afterEach(async () => {
    for (const d of devices.splice(0)) await d.close();
    await hub?.stop();
    hub = null;
    await source.drop();
    await target.drop();
    await dir.remove();
  });

  const ok = async (res: Promise<{ status: number; body: unknown }>, status = 201) => {
    const r = await res;
    assert.equal(r.status, status, JSON.stringify(r.body));
  };

  /** A hub in use: two residents with cards and money, a lost card, a shower controller's charges. */
  async function hubInUse(): Promise<{ keyPem: string }> {
    hub = await startHub(dir.path, new MemoryLogger(), { dbUrl: source.url });
    for (const [personId, uid] of [['S1', '04A1B2C3'], ['S2', '04A1B2C4']] as const) {
      await ok(api(hub, 'POST', '/api/people', { personId, name: `Resident ${personId}`, type: 'student' }));
      await ok(api(hub, 'POST', '/api/cards', { uid, personId }));
      await ok(api(hub, 'POST', `/api/accounts/person.${personId}/topups`, { amountFen: 5000, reference: `R-${personId}` }));
    }
    await ok(api(hub, 'POST', '/api/cards/04A1B2C4/lost'), 200);
    const keyPem = await registerDevice(hub, 'shower-1');
    const d = await rawDevice(hub, 'shower-1', keyPem);
    devices.push(d);
    d.send({ events: { events: [1, 2, 3].map((seq) => charge(seq, 100 * seq)) } });
    await waitFor('ack 3', () => d.frames.some((f) => f.body === 'ack' && Number(f.ack!.ackedSeq) === 3));
    await d.close();
    devices.pop();
    return { keyPem };
  }

  function charge(seq: number, amountFen: number): Event {
    return { deviceId: 'shower-1', seq, pointId: 'shower', deviceTimeUnixMs: T0 + seq * 1000, charge: { cardUid: '04A1B2C3', accountId: 'person.S1', amountFen } };
  }

  it('round trip while the hub runs: people, cards, accounts, transfers and events come back, the ledger check holds, and a hub runs on the restored database', async () => {
    await hubInUse();
    const file = join(dir.path, 'hub.backup');
    const lines: string[] = [];
    const backup = await backupHub(source.url, file, (l) => lines.push(l));
    assert.ok(backup.ok, JSON.stringify(backup));
    assert.deepEqual([backup.contents.people, backup.contents.cards, backup.contents.devices, backup.contents.transfers, backup.contents.events], [2, 2, 1, 5, 3]);
    assert.ok(lines.length > 0, 'progress was reported');
    const before = await holdings(hub!.db);
    const versionsBefore = await datasetVersions(hub!.db);

    const restored = await restoreHub(target.url, file, { force: false }, quiet);
    assert.ok(restored.ok, JSON.stringify(restored));
    assert.deepEqual(restored.ledger, { sumFen: 0, mismatches: [] });
    assert.deepEqual(restored.contents, backup.contents);
    const db = await openDatabase(target.url);
    try {
      assert.deepEqual(await holdings(db), before);
      assert.deepEqual(await checkLedger(db), { sumFen: 0, mismatches: [] });
      const versions = await datasetVersions(db);
      assert.ok(versions.every((v) => v === restored.datasetVersion && v > Math.max(...versionsBefore)), `every dataset at ${restored.datasetVersion}: ${versions.join(', ')}`);
    } finally {
      await db.destroy();
    }
    const second = await startHub(join(dir.path, 'restored'), new MemoryLogger(), { dbUrl: target.url });
    try {
      const account = await api(second, 'GET', '/api/accounts/person.S1');
      assert.equal(account.body.account.balanceFen, 5000 - 600, 'top-up less the three charges');
    } finally {
      await second.stop();
    }
  });

  it('refuses, touching nothing: a database that holds tables (until forced), one in use, a backup file that is taken, a file that is no hub backup, one of the other kind', async () => {
    await hubInUse();
    const file = join(dir.path, 'hub.backup');
    assert.ok((await backupHub(source.url, file, quiet)).ok);
    const again = await backupHub(source.url, file, quiet);
    assert.deepEqual([again.ok, !again.ok && again.code], [false, 'out_exists']);

    // The target already has a hub with a resident of its own.
    const other = await startHub(join(dir.path, 'restored'), new MemoryLogger(), { dbUrl: target.url });
    await ok(api(other, 'POST', '/api/people', { personId: 'X9', name: 'Someone Else', type: 'staff' }));
    const busy = await restoreHub(target.url, file, { force: true }, quiet);
    assert.deepEqual([busy.ok, !busy.ok && busy.code], [false, 'in_use'], JSON.stringify(busy));
    assert.match(!busy.ok ? busy.message : '', /stop the hub first/);
    await other.stop();

    const full = await restoreHub(target.url, file, { force: false }, quiet);
    assert.deepEqual([full.ok, !full.ok && full.code], [false, 'not_empty']);
    assert.match(!full.ok ? full.message : '', /already holds a onecard hub database \(1 people, 0 cards, 0 devices, \d+ accounts, 0 transfers, 0 events; schema \d{4}_\w+\); restoring replaces all of it: add --force/);

    const text = join(dir.path, 'notes.txt');
    await writeFile(text, 'not a backup at all\n');
    const notBackup = await restoreHub(target.url, text, { force: true }, quiet);
    assert.deepEqual([notBackup.ok, !notBackup.ok && notBackup.code], [false, 'not_a_hub_backup']);
    const otherKind = join(dir.path, 'other-kind.backup');
    await writeFile(otherKind, backend === 'sqlite' ? 'PGDMP\u0001\u000e\u0000' : 'SQLite format 3\u0000');
    const wrong = await restoreHub(target.url, otherKind, { force: true }, quiet);
    assert.deepEqual([wrong.ok, !wrong.ok && wrong.code], [false, 'wrong_kind']);

    let db = await openDatabase(target.url);
    try {
      assert.deepEqual((await holdings(db)).people.map((p) => p.person_id), ['X9'], 'every refusal left the target as it was');
    } finally {
      await db.destroy();
    }
    const forced = await restoreHub(target.url, file, { force: true }, quiet);
    assert.ok(forced.ok, JSON.stringify(forced));
    db = await openDatabase(target.url);
    try {
      assert.deepEqual((await holdings(db)).people.map((p) => p.person_id), ['S1', 'S2'], 'forced: replaced whole');
    } finally {
      await db.destroy();
    }
  });

  it('refuses a backup made by a newer onecard and a database that is no onecard hub', async () => {
    await hubInUse();
    await hub!.db.insertInto('kysely_migration' as never).values({ name: '9999_from_the_future', timestamp: new Date().toISOString() } as never).execute();
    const file = join(dir.path, 'future.backup');
    const refused = await backupHub(source.url, file, quiet);
    assert.deepEqual([refused.ok, !refused.ok && refused.code], [false, 'newer_backup'], 'this onecard does not back up a database it cannot run');
    // Made by the newer onecard itself:
    await rawBackup(backend, source.url, file);
    const newer = await restoreHub(target.url, file, { force: true }, quiet);
    assert.deepEqual([newer.ok, !newer.ok && newer.code], [false, 'newer_backup']);
    assert.match(!newer.ok ? newer.message : '', /migration 9999_from_the_future is unknown to this one/);

    await hub!.stop();
    hub = null;
    const plain = backend === 'sqlite' ? `sqlite:${join(dir.path, 'plain.sqlite')}` : target.url;
    if (backend === 'sqlite') new SqliteDatabase(join(dir.path, 'plain.sqlite')).exec('create table notes (t text)').close();
    const notHub = await backupHub(plain, join(dir.path, 'plain.backup'), quiet);
    assert.deepEqual([notHub.ok, !notHub.ok && notHub.code], [false, 'not_a_hub_database']);
  });

  it('changes nothing when the backup turns out damaged half way', async () => {
    await hubInUse();
    const file = join(dir.path, 'hub.backup');
    assert.ok((await backupHub(source.url, file, quiet)).ok);
    await hub!.stop();
    hub = null;
    // The target holds the hub as it is now; the backup file is cut short.
    assert.ok((await restoreHub(target.url, file, { force: false }, quiet)).ok);
    const db0 = await openDatabase(target.url);
    const before = await holdings(db0);
    await db0.destroy();
    const unchanged = async (why: string) => {
      const db = await openDatabase(target.url);
      try {
        assert.deepEqual(await holdings(db), before, why);
      } finally {
        await db.destroy();
      }
    };
    const bytes = await readFile(file);
    if (backend === 'postgres') {
      // Its table of contents and migrations still read well; the data of its last table does not:
      // pg_restore fails once psql has dropped the old tables and loaded most of the new.
      const damaged = join(dir.path, 'damaged.backup');
      await writeFile(damaged, Buffer.concat([bytes.subarray(0, bytes.length - 40), Buffer.alloc(32, 0x41), bytes.subarray(bytes.length - 8)]));
      const failed = await restoreHub(target.url, damaged, { force: true }, quiet);
      assert.deepEqual([failed.ok, !failed.ok && failed.code], [false, 'tool_failed'], JSON.stringify(failed));
      assert.match(!failed.ok ? failed.message : '', /nothing was changed \(the transaction was rolled back\)/);
      await unchanged('a restore failing half way left the target as it was');
      // pg_restore stopping between two statements, as when killed: psql would have a whole script
      // to run, only shorter. Without the COMMIT it rolls back all the same.
      const tools = join(dir.path, 'tools');
      await mkdir(tools);
      const real = await which('pg_restore');
      await writeFile(join(tools, 'pg_restore'), [
        '#!/bin/sh',
        'case "$*" in *--verbose*) ;; *) exec ' + real + ' "$@" ;; esac',
        real + ' "$@" | awk \'/^COPY public.transfers /{exit} {print}\'',
        'exit 1',
      ].join('\n'), { mode: 0o755 });
      const path = process.env.PATH;
      process.env.PATH = `${tools}:${path ?? ''}`;
      try {
        const stopped = await restoreHub(target.url, file, { force: true }, quiet);
        assert.deepEqual([stopped.ok, !stopped.ok && stopped.code], [false, 'tool_failed'], JSON.stringify(stopped));
      } finally {
        process.env.PATH = path;
      }
      await unchanged('a restore whose pg_restore stopped between statements left the target as it was');
    }
    await truncate(file, Math.floor(bytes.length * 0.6));
    const cut = await restoreHub(target.url, file, { force: true }, quiet);
    assert.deepEqual([cut.ok, !cut.ok && cut.code], [false, 'not_a_hub_backup'], JSON.stringify(cut));
    await unchanged('a backup cut short is refused before anything is touched');
  });

  if (backend === 'postgres') {
    it('says which package to install when pg_dump, pg_restore or psql is missing', async () => {
      await hubInUse();
      const path = process.env.PATH;
      process.env.PATH = join(dir.path, 'no-tools-here');
      try {
        const r = await backupHub(source.url, join(dir.path, 'x.backup'), quiet);
        assert.deepEqual([r.ok, !r.ok && r.code], [false, 'tool_missing']);
        assert.match(!r.ok ? r.message : '', /pg_dump was not found: install Debian's postgresql-client/);
      } finally {
        process.env.PATH = path;
      }
    });
  }

  it('devices after a restore: each gets every dataset whole, at a version above anything it held, as the backup had it', async () => {
    const { keyPem } = await hubInUse();
    const file = join(dir.path, 'hub.backup');
    assert.ok((await backupHub(source.url, file, quiet)).ok);
    // After the backup: a card reported lost, a top-up. A device takes both in.
    await ok(api(hub!, 'POST', '/api/cards/04A1B2C3/lost'), 200);
    await ok(api(hub!, 'POST', '/api/accounts/person.S1/topups', { amountFen: 700, reference: 'R-after' }));
    const before = await rawDevice(hub!, 'shower-1', keyPem);
    devices.push(before);
    const versions = await hub!.datasets.versions();
    await waitFor('every dataset at the device', () => before.updates(DatasetName.DATASET_NAME_BLACKLIST).at(-1)?.version === versions.blacklist && before.updates(DatasetName.DATASET_NAME_BALANCES).at(-1)?.version === versions.balances);
    const held: Record<number, number> = {};
    for (const name of DATASETS) held[name] = Number(before.updates(name).at(-1)?.version ?? 0);
    assert.ok(before.updates(DatasetName.DATASET_NAME_BLACKLIST).at(-1)!.blacklist!.add!.some((e) => e.cardUid === '04A1B2C3'), 'the device holds the card as lost');
    await before.close();
    devices.pop();
    await hub!.stop();
    hub = null;

    const restored = await restoreHub(source.url, file, { force: true }, quiet);
    assert.ok(restored.ok, JSON.stringify(restored));
    hub = await startHub(dir.path, new MemoryLogger(), { dbUrl: source.url });
    const after = await rawDevice(hub, 'shower-1', keyPem, DATASETS.map((name) => ({ name, version: held[name]! })));
    devices.push(after);
    await waitFor('every dataset sent again', () => DATASETS.every((n) => after.updates(n).length > 0));
    for (const name of DATASETS) {
      const u = after.updates(name)[0]!;
      assert.equal(u.fullSnapshot, true, `dataset ${name} whole`);
      assert.ok(Number(u.version) === restored.datasetVersion && Number(u.version) > held[name]!, `dataset ${name} at ${String(u.version)}, above the ${held[name]} held`);
    }
    const blacklist = after.updates(DatasetName.DATASET_NAME_BLACKLIST)[0]!.blacklist!.add!.map((e) => e.cardUid);
    assert.deepEqual(blacklist, ['04A1B2C4'], 'the card lost after the backup is not lost in the restored hub');
    const balance = after.updates(DatasetName.DATASET_NAME_BALANCES)[0]!.balances!.upsert!.find((b) => b.accountId === 'person.S1');
    assert.equal(Number(balance?.balanceFen), 5000 - 600, 'the balance as the backup had it, without the later top-up');
  });
});

async function which(tool: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `command -v ${tool}`], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`${tool} not found`))));
  });
}

/** A backup as a newer onecard would write it (the tools directly, without this build's checks). */
async function rawBackup(backend: 'sqlite' | 'postgres', url: string, file: string): Promise<void> {
  if (backend === 'sqlite') {
    await new SqliteDatabase(url.slice('sqlite:'.length)).backup(file);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn('pg_dump', ['--format=custom', '--no-owner', '--no-acl', '--file', file, '--dbname', url], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`pg_dump exit ${String(code)}`))));
  });
}
