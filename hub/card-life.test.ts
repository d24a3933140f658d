/**
 * Card life with the regulations' numbers, over the real HTTP API, on SQLite and PostgreSQL:
 * replacement (10 yuan fee from the balance, refused at 5 yuan with nothing changed, free for a
 * defective card, the old card denied for ever), cancellation (balance refunded in cash or written
 * off by the policy setting, account closed to top-ups), online top-ups, and the ledger invariants
 * after each (sum zero, every balance the sum of its transfers).
 */
import { strict as assert } from 'node:assert';
import { Hub } from './hub.js';
import { MemoryLogger } from '../lib/log.js';
import { BlacklistReason } from '../protocol/messages.js';
import { api, startHub, tempDir } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { backendDb, type BackendDb } from './backend-fixture.js';
import { checkLedger, createAccount, transfer } from './ledger.js';

const A = '04A1B2C3D4';
const B = '04B1B2C3D4';
const C = '04C1B2C3D4';

for (const backend of BACKENDS) describe(`card life: replace and cancel (${backend})`, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: BackendDb;
  let hub: Hub;

  beforeEach(async () => {
    dir = await tempDir();
    store = await backendDb(backend, dir.path);
    hub = await startHub(dir.path, new MemoryLogger(), { dbUrl: store.url });
  });

  afterEach(async () => {
    const ledger = await checkLedger(hub.db);
    await hub.stop();
    await store.drop();
    await dir.remove();
    assert.deepEqual(ledger, { sumFen: 0, mismatches: [] }, 'the ledger balances after every test');
  });

  function assertError(res: { status: number; body: any }, status: number, code: string, field?: string): void {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.equal(res.body.error?.code, code, JSON.stringify(res.body));
    if (field !== undefined) assert.equal(res.body.error.field, field, JSON.stringify(res.body));
  }

  /** A student with card A and `balanceFen` paid in at the cash window. */
  async function holder(balanceFen: number, personId = 'S1', uid = A): Promise<void> {
    assert.equal((await api(hub, 'POST', '/api/people', { personId, name: '李华', type: 'student' })).status, 201);
    assert.equal((await api(hub, 'POST', '/api/cards', { uid, personId, groups: ['dorm-7'], dailyLimitFen: 5000 })).status, 201);
    if (balanceFen > 0) assert.equal((await api(hub, 'POST', `/api/accounts/person.${personId}/topups`, { amountFen: balanceFen, reference: `CASH-${personId}` })).status, 201);
  }

  const balance = async (accountId: string) => (await api(hub, 'GET', `/api/accounts/${accountId}`)).body.account.balanceFen as number;
  const card = async (uid: string) => (await api(hub, 'GET', `/api/cards/${uid}`, undefined, { reason: 'card office counter' })).body.card;
  const replace = (uid: string, body: unknown) => api(hub, 'POST', `/api/cards/${uid}/replace`, body);

  async function blacklist(): Promise<[string, number][]> {
    const update = await hub.datasets.updateFor('blacklist', 0);
    return (update?.blacklist?.add ?? []).map((e) => [e.cardUid!, e.reason!]);
  }

  async function cardsDataset(): Promise<string[]> {
    const update = await hub.datasets.updateFor('cards', 0);
    return (update?.cards?.upsert ?? []).map((e) => e.cardUid!);
  }

  it('replaces a card for the 10 yuan fee taken from the balance: the new card on the same account, the old one blacklisted REPLACED', async () => {
    await holder(2000);
    const res = await replace(A, { newUid: B });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual([res.body.result, res.body.feeFen, res.body.feeTransferId, res.body.account.balanceFen], ['created', 1000, `fee:replace:${A}`, 1000]);
    assert.deepEqual([res.body.oldCard.status, res.body.oldCard.replacedByUid], ['replaced', B]);
    const fresh = await card(B);
    assert.deepEqual([fresh.status, fresh.personId, fresh.accountId, fresh.groups, fresh.dailyLimitFen], ['active', 'S1', 'person.S1', ['dorm-7'], 5000], 'same account, same rights');
    assert.equal(await balance('person.S1'), 1000);
    assert.equal(await balance('system.fees'), 1000);
    const statement = (await api(hub, 'GET', '/api/accounts/person.S1/transfers', undefined, { reason: 'statement asked at the counter' })).body.transfers;
    assert.deepEqual([statement[0].kind, statement[0].amountFen, statement[0].counterpartyAccountId], ['fee', -1000, 'system.fees']);
    assert.deepEqual(await blacklist(), [[A, BlacklistReason.BLACKLIST_REASON_REPLACED]]);
    assert.deepEqual(await cardsDataset(), [B]);
    assert.equal(typeof res.body.blacklistVersion, 'number');
    assert.equal(typeof res.body.balancesVersion, 'number');
  });

  it('refuses a replacement at a balance of 5 yuan, changing nothing', async () => {
    await holder(500);
    const versions = await hub.datasets.versions();
    assertError(await replace(A, { newUid: B }), 409, 'balance_short');
    const refused = await replace(A, { newUid: B });
    assert.match(refused.body.error.message, /5\.00 yuan, short of the 10\.00 yuan replacement fee/);
    assert.equal((await card(A)).status, 'active');
    assert.equal((await api(hub, 'GET', `/api/cards/${B}`, undefined, { reason: 'card office counter' })).status, 404, 'no new card');
    assert.equal(await balance('person.S1'), 500);
    assert.equal(await balance('system.fees'), 0);
    assert.deepEqual(await hub.datasets.versions(), versions, 'no dataset changed');
    // Exactly the fee is enough.
    assert.equal((await api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 500, reference: 'CASH-2' })).status, 201);
    assert.equal((await replace(A, { newUid: B })).status, 201);
    assert.equal(await balance('person.S1'), 0);
  });

  it('replaces a defective card free, even at a balance of 0', async () => {
    await holder(0);
    const res = await replace(A, { newUid: B, defective: true });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual([res.body.feeFen, res.body.feeTransferId, res.body.account.balanceFen, res.body.balancesVersion], [0, null, 0, undefined]);
    assert.equal(await balance('system.fees'), 0);
    assert.equal((await card(B)).status, 'active');
  });

  it('takes the fee the card office set, and refuses settings that are not whole fen or a known policy, naming the field', async () => {
    assert.deepEqual((await api(hub, 'GET', '/api/settings/card-life')).body.settings, { replacementFeeFen: 1000, cancelBalance: 'refund' });
    const set = await api(hub, 'PUT', '/api/settings/card-life', { replacementFeeFen: 500 });
    assert.deepEqual([set.status, set.body.settings], [200, { replacementFeeFen: 500, cancelBalance: 'refund' }]);
    assertError(await api(hub, 'PUT', '/api/settings/card-life', { replacementFeeFen: 2.5 }), 400, 'invalid_body', 'replacementFeeFen');
    assertError(await api(hub, 'PUT', '/api/settings/card-life', { replacementFeeFen: -1 }), 400, 'invalid_body', 'replacementFeeFen');
    assertError(await api(hub, 'PUT', '/api/settings/card-life', { cancelBalance: 'keep' }), 400, 'invalid_body', 'cancelBalance');
    await holder(500);
    const res = await replace(A, { newUid: B });
    assert.deepEqual([res.status, res.body.feeFen, res.body.account.balanceFen], [201, 500, 0]);
  });

  it('denies the old card for ever: no found, no lost, no second replacement; the same replacement asked again changes nothing', async () => {
    await holder(3000);
    assert.equal((await replace(A, { newUid: B })).status, 201);
    assertError(await api(hub, 'POST', `/api/cards/${A}/found`), 409, 'card_replaced', 'uid');
    assertError(await api(hub, 'POST', `/api/cards/${A}/lost`), 409, 'card_replaced', 'uid');
    assertError(await replace(A, { newUid: C }), 409, 'card_replaced', 'uid');
    const again = await replace(A, { newUid: B });
    assert.deepEqual([again.status, again.body.result, again.body.feeFen, again.body.account.balanceFen], [200, 'exists', 1000, 2000], 'one fee only');
    assert.equal(await balance('person.S1'), 2000);
    await api(hub, 'POST', '/api/people', { personId: 'S2', name: '王芳', type: 'student' });
    assertError(await api(hub, 'POST', '/api/cards', { uid: A, personId: 'S2' }), 409, 'card_exists', 'uid');
    assertError(await replace(B, { newUid: A }), 409, 'card_exists', 'newUid');
    assertError(await replace(B, { newUid: B }), 400, 'invalid_body', 'newUid');
    assertError(await replace(B, { newUid: 'zz' }), 400, 'invalid_body', 'newUid');
    assertError(await replace(C, { newUid: '04D1B2C3D4' }), 404, 'not_found', 'uid');
    assert.deepEqual(await blacklist(), [[A, BlacklistReason.BLACKLIST_REASON_REPLACED]]);
  });

  it('replaces a lost card: its blacklist reason turns from LOST to REPLACED', async () => {
    await holder(1000);
    assert.equal((await api(hub, 'POST', `/api/cards/${A}/lost`)).status, 200);
    assert.deepEqual(await blacklist(), [[A, BlacklistReason.BLACKLIST_REASON_LOST]]);
    const held = (await hub.datasets.versions()).blacklist;
    const res = await replace(A, { newUid: B });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(await blacklist(), [[A, BlacklistReason.BLACKLIST_REASON_REPLACED]]);
    const delta = await hub.datasets.updateFor('blacklist', held);
    assert.deepEqual(delta?.blacklist?.add?.map((e) => [e.cardUid, e.reason]), [[A, BlacklistReason.BLACKLIST_REASON_REPLACED]], 'devices get the new reason as a delta');
    assert.deepEqual(await cardsDataset(), [B]);
  });

  it('refuses to replace a lost card whose holder was issued another card since: one active card per person', async () => {
    await holder(2000);
    assert.equal((await api(hub, 'POST', `/api/cards/${A}/lost`)).status, 200);
    assert.equal((await api(hub, 'POST', '/api/cards', { uid: B, personId: 'S1' })).status, 201);
    assertError(await replace(A, { newUid: C }), 409, 'person_has_active_card', 'uid');
    assert.equal(await balance('person.S1'), 2000, 'no fee taken');
    assertError(await api(hub, 'POST', '/api/cards', { uid: C, personId: 'S1' }), 409, 'person_has_active_card', 'personId');
  });

  it('cancels with a refund: cards CANCELLED, the balance handed back in cash, the account closed to top-ups and new cards', async () => {
    await holder(1234);
    const res = await api(hub, 'POST', `/api/cards/${A}/cancel`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([res.body.personId, res.body.settlement, res.body.settledFen, res.body.transferId, res.body.cancelledUids], ['S1', 'refund', 1234, 'cancel:S1', [A]]);
    assert.deepEqual([res.body.account.balanceFen, typeof res.body.account.closedAtMs], [0, 'number']);
    assert.equal(await balance('system.cash'), 0, 'the 12.34 yuan paid in went back out');
    const statement = (await api(hub, 'GET', '/api/accounts/person.S1/transfers', undefined, { reason: 'statement asked at the counter' })).body.transfers;
    assert.deepEqual([statement[0].kind, statement[0].amountFen, statement[0].counterpartyAccountId], ['refund', -1234, 'system.cash']);
    assert.equal((await card(A)).status, 'cancelled');
    assert.deepEqual(await blacklist(), [[A, BlacklistReason.BLACKLIST_REASON_CANCELLED]]);
    assert.deepEqual(await cardsDataset(), []);
    assertError(await api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 100, reference: 'CASH-9' }), 409, 'account_closed', 'accountId');
    assertError(await api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 100, reference: 'PAY-9', channel: 'online' }), 409, 'account_closed', 'accountId');
    assertError(await api(hub, 'POST', '/api/cards', { uid: B, personId: 'S1' }), 409, 'account_closed', 'personId');
    assertError(await api(hub, 'POST', `/api/cards/${A}/found`), 409, 'card_cancelled', 'uid');
    assertError(await replace(A, { newUid: B }), 409, 'card_cancelled', 'uid');
    assertError(await api(hub, 'POST', '/api/people/S1/cancel'), 409, 'account_closed', 'personId');
    assert.equal(await balance('person.S1'), 0);
  });

  it('cancels with a write-off by policy: the balance goes to bad debt; a lost card of the holder is cancelled too', async () => {
    assert.equal((await api(hub, 'PUT', '/api/settings/card-life', { cancelBalance: 'write_off' })).status, 200);
    await holder(1234);
    assert.equal((await api(hub, 'POST', `/api/cards/${A}/lost`)).status, 200);
    assert.equal((await api(hub, 'POST', '/api/cards', { uid: B, personId: 'S1' })).status, 201, 'a lost card is not active: a new card may be issued');
    const res = await api(hub, 'POST', '/api/people/S1/cancel');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([res.body.settlement, res.body.settledFen, res.body.cancelledUids], ['write_off', 1234, [A, B]]);
    assert.equal(await balance('system.bad_debt'), 1234);
    assert.equal(await balance('system.cash'), -1234, 'no cash handed back');
    assert.deepEqual(await blacklist(), [[A, BlacklistReason.BLACKLIST_REASON_CANCELLED], [B, BlacklistReason.BLACKLIST_REASON_CANCELLED]]);
    assertError(await api(hub, 'POST', `/api/cards/${A}/found`), 409, 'card_cancelled', 'uid');
  });

  it('refuses to refund an overdrawn account (the holder pays first) and writes the overdraft off under write-off', async () => {
    await holder(300);
    // A charge posted after the balance ran out (an offline spend, DESIGN.md "Money offline").
    await hub.db.transaction().execute(async (trx) => {
      await createAccount(trx, { accountId: 'merchant.canteen-1', kind: 'merchant', ownerId: 'canteen-1', name: 'canteen', atMs: 1 });
      await transfer(trx, { transferId: 'canteen-1:1', debitAccountId: 'person.S1', creditAccountId: 'merchant.canteen-1', amountFen: 800, kind: 'charge', deviceId: 'canteen-1', seq: 1, atMs: 2 });
    });
    const owed = await api(hub, 'POST', '/api/people/S1/cancel');
    assertError(owed, 409, 'balance_owed');
    assert.match(owed.body.error.message, /overdrawn by 5\.00 yuan/);
    assert.equal((await card(A)).status, 'active', 'nothing changed');
    assert.equal((await api(hub, 'PUT', '/api/settings/card-life', { cancelBalance: 'write_off' })).status, 200);
    const res = await api(hub, 'POST', '/api/people/S1/cancel');
    assert.deepEqual([res.status, res.body.settlement, res.body.settledFen, res.body.account.balanceFen], [200, 'write_off', -500, 0]);
    assert.equal(await balance('system.bad_debt'), -500, 'the overdraft is the loss written off');
  });

  it('lets one of two concurrent replacements of a card win, taking one fee', async () => {
    await holder(3000);
    const results = await Promise.all([replace(A, { newUid: B }), replace(A, { newUid: C })]);
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409], JSON.stringify(results.map((r) => r.body)));
    assert.equal(results.find((r) => r.status === 409)!.body.error.code, 'card_replaced');
    assert.deepEqual([await balance('person.S1'), await balance('system.fees')], [2000, 1000]);
  });

  it('never leaves money on an account closed while a top-up was on its way', async () => {
    await holder(1000);
    const [cancelled, topUp] = await Promise.all([
      api(hub, 'POST', '/api/people/S1/cancel'),
      api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 500, reference: 'WX-1', channel: 'online' }),
    ]);
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    if (topUp.status === 201) assert.equal(cancelled.body.settledFen, 1500, 'the top-up came first and was refunded with the rest');
    else assert.deepEqual([topUp.status, topUp.body.error.code, cancelled.body.settledFen], [409, 'account_closed', 1000]);
    assert.equal(await balance('person.S1'), 0);
  });

  it('cancels a person without cards and one with a zero balance, moving no money', async () => {
    await api(hub, 'POST', '/api/people', { personId: 'T1', name: 'Wang Wu', type: 'temporary' });
    const res = await api(hub, 'POST', '/api/people/T1/cancel');
    assert.deepEqual([res.status, res.body.settlement, res.body.transferId, res.body.cancelledUids], [200, 'none', null, []]);
    assertError(await api(hub, 'POST', '/api/people/nobody/cancel'), 404, 'not_found', 'personId');
    assertError(await api(hub, 'POST', `/api/cards/${C}/cancel`), 404, 'not_found', 'uid');
    assertError(await api(hub, 'POST', '/api/people/T1/cancel', { policy: 'refund' }), 400, 'invalid_body', 'policy');
  });

  it('takes online top-ups once per channel reference, from system.online; cash stays as it is', async () => {
    await holder(0);
    const online = await api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 3000, reference: 'WX-20260901-0001', channel: 'online' });
    assert.deepEqual([online.status, online.body.result, online.body.topUp.transferId, online.body.topUp.channel], [201, 'created', 'topup:online:WX-20260901-0001', 'online']);
    const again = await api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 3000, reference: 'WX-20260901-0001', channel: 'online' });
    assert.deepEqual([again.status, again.body.result], [200, 'exists']);
    assertError(await api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 100, reference: 'WX-20260901-0001', channel: 'online' }), 409, 'exists_with_different_amount', 'amountFen');
    const cash = await api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 3000, reference: 'WX-20260901-0001' });
    assert.deepEqual([cash.status, cash.body.topUp.transferId], [201, 'topup:cash:WX-20260901-0001'], 'a reference is unique on its own channel');
    assertError(await api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 100, reference: 'X', channel: 'cheque' }), 400, 'invalid_body', 'channel');
    assert.deepEqual([await balance('person.S1'), await balance('system.online'), await balance('system.cash')], [6000, -3000, -3000]);
  });

  it('keeps org unit and contact fields of a person, refusing bad ones by field', async () => {
    const res = await api(hub, 'POST', '/api/people', { personId: 'E1', name: '张伟', type: 'staff', orgUnit: '计算机学院', phone: '+86 138-0013-8000', email: 'zhangwei@example.edu.cn' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const row = await hub.db.selectFrom('people').select(['org_unit', 'phone', 'email']).where('person_id', '=', 'E1').executeTakeFirstOrThrow();
    assert.deepEqual(row, { org_unit: '计算机学院', phone: '+86 138-0013-8000', email: 'zhangwei@example.edu.cn' });
    const patched = await api(hub, 'PATCH', '/api/people/E1', { phone: null, orgUnit: '信息中心' });
    assert.deepEqual([patched.status, patched.body.cardsVersion], [200, null], 'contact fields change no dataset');
    const after = await hub.db.selectFrom('people').select(['org_unit', 'phone']).where('person_id', '=', 'E1').executeTakeFirstOrThrow();
    assert.deepEqual(after, { org_unit: '信息中心', phone: null });
    assertError(await api(hub, 'POST', '/api/people', { personId: 'E2', name: 'X', type: 'staff', phone: 'call me' }), 400, 'invalid_body', 'phone');
    assertError(await api(hub, 'POST', '/api/people', { personId: 'E2', name: 'X', type: 'staff', email: 'nobody' }), 400, 'invalid_body', 'email');
    assertError(await api(hub, 'POST', '/api/people', { personId: 'E2', name: 'X', type: 'staff', orgUnit: '' }), 400, 'invalid_body', 'orgUnit');
  });
});
