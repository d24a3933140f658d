/**
 * Migration 0007 on a database that already has people, cards and devices (a hub upgraded in
 * place): each person gets a personal account, each device its merchant account, and the cards
 * dataset a new version that reaches every device whole, with the accounts in its entries.
 */
import { strict as assert } from 'node:assert';
import type { Kysely } from 'kysely';
import { DatasetReader } from '../../datasets.js';
import { deltaPossible } from '../../dataset-log.js';
import { BACKENDS } from '../../../test/pg.js';
import { unmigratedDb, type UnmigratedDb } from '../../backend-fixture.js';

for (const backend of BACKENDS) describe(`migration 0007_ledger on a hub in use (${backend})`, () => {
  let fixture: UnmigratedDb;

  beforeEach(async () => {
    fixture = await unmigratedDb(backend);
  });

  afterEach(() => fixture.close());

  it('opens accounts for existing people and devices and makes every device take the cards dataset again, whole', async () => {
    const { db, migrator } = fixture;
    assert.equal((await migrator.migrateTo('0006_device_commands')).error, undefined);
    const old = db as unknown as Kysely<any>;
    await old.insertInto('people').values([
      { person_id: 'S1', name: 'Li Hua', person_type: 'student', created_at_ms: 5, groups: '[]' },
      { person_id: 'T'.repeat(64), name: 'Long Id', person_type: 'staff', created_at_ms: 6, groups: '[]' },
    ]).execute();
    await old.insertInto('cards').values({ card_uid: '04A1B2C3D4', person_id: 'S1', status: 'active', created_at_ms: 5, updated_at_ms: 5, groups: '[]' }).execute();
    await old.insertInto('devices').values({ device_id: 'shower-ctl-1', name: 'showers', public_key: 'k', created_at_ms: 7, acked_seq: 0 }).execute();
    await old.updateTable('datasets').set({ version: 4, log_floor_version: 0 }).where('name', '=', 'cards').execute();

    const { error, results } = await migrator.migrateTo('0007_ledger');
    assert.equal(error, undefined);
    assert.deepEqual(results?.map((r) => [r.migrationName, r.status]), [['0007_ledger', 'Success']]);
    const accounts = await db.selectFrom('accounts').select(['account_id', 'kind', 'owner_id', 'balance_fen', 'balance_version']).orderBy('account_id').execute();
    assert.deepEqual(accounts.map((a) => [a.account_id.replace(/\.T+\./, '.T….'), a.kind, a.owner_id?.slice(0, 2), Number(a.balance_fen), Number(a.balance_version)]), [
      ['merchant.shower-ctl-1', 'merchant', 'sh', 0, 0],
      ['person.S1', 'personal', 'S1', 0, 1],
      [accounts[2]!.account_id.replace(/\.T+\./, '.T….'), 'personal', 'TT', 0, 1],
      ['system.cash', 'system', undefined, 0, 0],
    ]);
    assert.ok(accounts[2]!.account_id.length <= 64);

    const reader = new DatasetReader(db);
    const cards = await reader.state('cards');
    assert.deepEqual([cards.version, deltaPossible(cards, 4)], [5, false], 'a device holding version 4 gets a snapshot');
    const update = await reader.updateFor('cards', 4);
    assert.deepEqual([update?.fullSnapshot, update?.cards?.upsert?.map((e) => [e.cardUid, e.accountId])], [true, [['04A1B2C3D4', 'person.S1']]]);
    const balances = await reader.updateFor('balances', 0, 'shower-ctl-1');
    assert.deepEqual(balances?.balances?.upsert?.map((b) => [b.accountId!.slice(0, 9), b.balanceFen, b.postedSeq]), [['person.S1', 0, 0], ['person.TT', 0, 0]]);
    assert.deepEqual(await reader.versions(), { blacklist: 0, cards: 5, balances: 1, tariffs: 0, schedules: 0 });
  });
});
