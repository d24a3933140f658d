/**
 * Migration 0008 on a hub in use: people and cards keep what they had (no org unit or contact, no
 * replacement, accounts open), the online, fees and bad-debt accounts appear at balance 0, and from
 * then on the database itself refuses a second active card for one person.
 */
import { strict as assert } from 'node:assert';
import type { Kysely } from 'kysely';
import { checkLedger } from '../../ledger.js';
import { BACKENDS } from '../../../test/pg.js';
import { unmigratedDb, type UnmigratedDb } from '../../backend-fixture.js';

for (const backend of BACKENDS) describe(`migration 0008_card_life on a hub in use (${backend})`, () => {
  let fixture: UnmigratedDb;

  beforeEach(async () => {
    fixture = await unmigratedDb(backend);
  });

  afterEach(() => fixture.close());

  it('keeps people, cards and accounts as they were, adds the system accounts, and enforces one active card per person', async () => {
    const { db, migrator } = fixture;
    assert.equal((await migrator.migrateTo('0007_ledger')).error, undefined);
    const old = db as unknown as Kysely<any>;
    await old.insertInto('people').values({ person_id: 'S1', name: 'Li Hua', person_type: 'student', created_at_ms: 5, groups: '[]' }).execute();
    await old.insertInto('accounts').values({ account_id: 'person.S1', kind: 'personal', owner_id: 'S1', name: 'Li Hua', created_at_ms: 5, balance_fen: 0 }).execute();
    await old.insertInto('cards').values([
      { card_uid: '04A1B2C3D4', person_id: 'S1', status: 'lost', created_at_ms: 5, updated_at_ms: 6, groups: '[]' },
      { card_uid: '04B1B2C3D4', person_id: 'S1', status: 'active', created_at_ms: 7, updated_at_ms: 7, groups: '[]' },
    ]).execute();

    const { error, results } = await migrator.migrateTo('0008_card_life');
    assert.equal(error, undefined);
    assert.deepEqual(results?.map((r) => [r.migrationName, r.status]), [['0008_card_life', 'Success']]);
    const person = await db.selectFrom('people').select(['name', 'org_unit', 'phone', 'email']).executeTakeFirstOrThrow();
    assert.deepEqual(person, { name: 'Li Hua', org_unit: null, phone: null, email: null });
    const cards = await db.selectFrom('cards').select(['card_uid', 'status', 'replaced_by']).orderBy('card_uid').execute();
    assert.deepEqual(cards, [{ card_uid: '04A1B2C3D4', status: 'lost', replaced_by: null }, { card_uid: '04B1B2C3D4', status: 'active', replaced_by: null }]);
    const accounts = await db.selectFrom('accounts').select(['account_id', 'kind', 'closed_at_ms']).orderBy('account_id').execute();
    assert.deepEqual(accounts.map((a) => [a.account_id, a.kind, a.closed_at_ms]), [
      ['person.S1', 'personal', null], ['system.bad_debt', 'system', null], ['system.cash', 'system', null], ['system.fees', 'system', null], ['system.online', 'system', null],
    ]);
    assert.deepEqual(await checkLedger(db), { sumFen: 0, mismatches: [] });

    await assert.rejects(
      db.insertInto('cards').values({ card_uid: '04C1B2C3D4', person_id: 'S1', status: 'active', created_at_ms: 8, updated_at_ms: 8, groups: '[]', replaced_by: null }).execute(),
      /unique|UNIQUE/,
      'a second active card for S1',
    );
    await db.insertInto('cards').values({ card_uid: '04C1B2C3D4', person_id: 'S1', status: 'lost', created_at_ms: 8, updated_at_ms: 8, groups: '[]', replaced_by: null }).execute();
  });
});
