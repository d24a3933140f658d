/**
 * The audit log over the real HTTP API, on each back end: every write with who, what, when, from
 * where, its target before and after; logins and failed logins; refused attempts; personal data
 * looked up only with a reason, which is logged; filters; and no way to change or delete an entry,
 * through the API or in the database itself.
 */
import { strict as assert } from 'node:assert';
import { sql, type Kysely } from 'kysely';
import { Hub } from './hub.js';
import { MemoryLogger } from '../lib/log.js';
import { adminToken, api, operatorToken, startHub, tempDir, TEST_ADMIN } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { backendDb, type BackendDb } from './backend-fixture.js';

const CARD = '04A1B2C3D4';

for (const backend of BACKENDS) describe(`audit log (${backend})`, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: BackendDb;
  let hub: Hub;
  let clock: number;
  let office: string;

  beforeEach(async () => {
    dir = await tempDir();
    store = await backendDb(backend, dir.path);
    clock = Date.parse('2026-03-02T09:00:00+08:00');
    hub = await startHub(dir.path, new MemoryLogger(), { dbUrl: store.url, now: () => clock });
    await adminToken(hub); // the test admin logs in now, not at the first look at the log
    office = await operatorToken(hub, 'wang', ['card_office']);
  });

  afterEach(async () => {
    await hub.stop();
    await store.drop();
    await dir.remove();
  });

  const asOffice = (reason?: string) => ({ token: office, ...(reason !== undefined ? { reason } : {}) });
  const audit = async (query = '') => {
    const res = await api(hub, 'GET', `/api/audit${query}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.entries as any[];
  };

  async function issue(): Promise<void> {
    assert.equal((await api(hub, 'POST', '/api/people', { personId: 'S1', name: 'Li Hua', type: 'student' }, asOffice())).status, 201);
    assert.equal((await api(hub, 'POST', '/api/cards', { uid: CARD.toLowerCase(), personId: 'S1' }, asOffice())).status, 201);
  }

  it('records each write: who, the action, when, from where, the target and its row before and after', async () => {
    await issue();
    clock += 60_000;
    assert.equal((await api(hub, 'POST', `/api/cards/${CARD}/lost`, undefined, asOffice())).status, 200);
    const [lost, card, person] = await audit('?operatorId=wang');
    assert.deepEqual(
      [lost.operatorId, lost.action, lost.method, lost.path, lost.remoteAddress, lost.targetKind, lost.targetId, lost.status, lost.outcome, lost.atMs],
      ['wang', 'card.lost', 'POST', `/api/cards/${CARD}/lost`, '127.0.0.1', 'card', CARD, 200, 'ok', clock],
    );
    assert.deepEqual([lost.before.status, lost.after.status, lost.before.person_id], ['active', 'lost', 'S1']);
    assert.deepEqual([card.action, card.targetId, card.before, card.after.status, card.request], ['card.issue', CARD, null, 'active', { uid: CARD.toLowerCase(), personId: 'S1' }]);
    assert.deepEqual([person.action, person.targetKind, person.targetId, person.before, person.after.name], ['person.add', 'person', 'S1', null, 'Li Hua']);
  });

  it('keeps a top-up with the balance before and after, and a refused write with its error and no after', async () => {
    await issue();
    assert.equal((await api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 5000, reference: 'CASH-1' }, asOffice())).status, 201);
    assert.equal((await api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 0, reference: 'CASH-2' }, asOffice())).status, 400);
    const [refused, topUp] = await audit('?action=account.topup');
    assert.deepEqual([topUp.before.balance_fen, topUp.after.balance_fen, topUp.request], [0, 5000, { amountFen: 5000, reference: 'CASH-1' }]);
    assert.deepEqual([refused.status, refused.outcome, refused.before.balance_fen, refused.after], [400, 'invalid_body', 5000, null]);
  });

  it('records logins, failed logins (the operator tried, why), logouts, and never a password', async () => {
    const login = (password: string) => api(hub, 'POST', '/api/session', { operatorId: 'wang', password }, { token: null });
    assert.equal((await login('wrong-password-here')).status, 401);
    const ok = await login((await hub.operators.setPassword('wang', 'right-password-1', { mustChange: false }), 'right-password-1'));
    assert.equal(ok.status, 201);
    assert.equal((await api(hub, 'POST', '/api/session', { operatorId: 'ghost', password: 'whatever-it-is' }, { token: null })).status, 401);
    assert.equal((await api(hub, 'DELETE', '/api/session', undefined, { token: ok.body.token })).status, 200);
    const entries = await audit('?action=session.');
    assert.deepEqual(entries.slice(0, 4).map((e) => [e.action, e.operatorId, e.outcome, e.remoteAddress]), [
      ['session.logout', 'wang', 'ok', '127.0.0.1'],
      ['session.login_failed', 'ghost', 'login_failed', '127.0.0.1'],
      ['session.login', 'wang', 'ok', '127.0.0.1'],
      ['session.login_failed', 'wang', 'login_failed', '127.0.0.1'],
    ]);
    assert.deepEqual([entries[1].request.why, entries[3].request.why], ['unknown_operator', 'wrong_password']);
    const added = await api(hub, 'POST', '/api/operators', { operatorId: 'chen', name: 'Chen', roles: ['finance'], password: 'initial-pw-123' });
    assert.equal(added.status, 201);
    const [add] = await audit('?action=operator.add');
    assert.deepEqual([add.request.password, add.after.operator_id, 'password_hash' in add.after], ['[redacted]', 'chen', false]);
    const everything = JSON.stringify(await audit('?limit=1000'));
    for (const secret of ['wrong-password-here', 'right-password-1', 'initial-pw-123', ok.body.token, 'scrypt$']) assert.ok(!everything.includes(secret), secret);
  });

  it('refuses personal data without a reason (400 reason_required) and logs each look-up with its reason', async () => {
    await issue();
    const bare = await api(hub, 'GET', `/api/cards/${CARD}`, undefined, asOffice());
    assert.deepEqual([bare.status, bare.body.error.code, bare.body.error.field], [400, 'reason_required', 'reason']);
    assert.equal((await api(hub, 'GET', `/api/cards/${CARD}`, undefined, asOffice('   '))).status, 400, 'a blank reason is none');
    const card = await api(hub, 'GET', `/api/cards/${CARD}`, undefined, asOffice('学生挂失后来窗口查询'));
    assert.deepEqual([card.status, card.body.card.personId], [200, 'S1']);
    // As a query parameter, beside the route's own strict query parameters.
    const statement = await api(hub, 'GET', `/api/accounts/person.S1/transfers?limit=5&reason=${encodeURIComponent('balance complaint #12')}`, undefined, asOffice());
    assert.equal(statement.status, 200, JSON.stringify(statement.body));
    assert.equal((await api(hub, 'GET', '/api/accounts/person.S1/transfers', undefined, asOffice())).status, 400);
    assert.equal((await api(hub, 'GET', '/api/accounts/system.cash/transfers', undefined, asOffice())).status, 200, 'not a person\'s account: no reason needed');
    assert.equal((await api(hub, 'GET', `/api/events?cardUid=${CARD}`, undefined, asOffice())).body.error.code, 'reason_required');
    assert.equal((await api(hub, 'GET', `/api/events?cardUid=${CARD}&reason=door+complaint`, undefined, asOffice())).status, 200);
    assert.equal((await api(hub, 'GET', `/api/cards/${CARD}?reason=${'x'.repeat(501)}`, undefined, asOffice())).body.error.field, 'reason');

    const views = (await audit('?operatorId=wang')).filter((e) => e.method === 'GET');
    assert.deepEqual(views.map((e) => [e.action, e.targetKind, e.targetId, e.reason, e.status, e.before, e.after]), [
      ['event.list', 'card', CARD, 'door complaint', 200, null, null],
      ['account.statement', 'account', 'person.S1', 'balance complaint #12', 200, null, null],
      ['card.view', 'card', CARD, '学生挂失后来窗口查询', 200, null, null],
    ]);
    assert.deepEqual(views[1].request, { limit: '5' }, 'the query as the route saw it, the reason apart');
  });

  it('records refused attempts: a role the route does not allow', async () => {
    const finance = await operatorToken(hub, 'chen', ['finance']);
    assert.equal((await api(hub, 'POST', '/api/people', { personId: 'S9', name: 'X', type: 'student' }, { token: finance })).status, 403);
    const [entry] = await audit('?operatorId=chen');
    assert.deepEqual([entry.action, entry.status, entry.outcome, entry.request], ['person.add', 403, 'forbidden', { personId: 'S9', name: 'X', type: 'student' }]);
  });

  it('filters by operator, action (or a prefix), time range, and pages newest first', async () => {
    await issue();
    const t0 = clock;
    clock += 3_600_000;
    assert.equal((await api(hub, 'PUT', '/api/tariffs/shower-hot', { basis: 'per_litre', priceMillifen: 2500 })).status, 201);
    assert.equal((await api(hub, 'DELETE', '/api/tariffs/shower-hot')).status, 200);
    const tariffs = await audit('?action=tariff.');
    assert.deepEqual(tariffs.map((e) => [e.action, e.operatorId]), [['tariff.delete', TEST_ADMIN], ['tariff.set', TEST_ADMIN]]);
    assert.deepEqual([tariffs[0].before.price_millifen, tariffs[0].after], [2500, null], 'a deleted row: before only');
    assert.deepEqual((await audit(`?from=${t0}&to=${t0 + 1}&operatorId=wang`)).map((e) => e.action), ['card.issue', 'person.add', 'session.login']);
    assert.equal((await audit(`?from=${encodeURIComponent(new Date(t0 + 1).toISOString())}`)).every((e) => e.atMs > t0), true);
    assert.deepEqual((await audit('?operatorId=wang&action=card.issue')).map((e) => e.targetId), [CARD]);
    const page1 = await api(hub, 'GET', '/api/audit?limit=2');
    assert.equal(page1.body.entries.length, 2);
    const page2 = await api(hub, 'GET', `/api/audit?limit=2&beforeId=${page1.body.nextBeforeId}`);
    assert.ok(page2.body.entries[0].id < page1.body.entries[1].id);
    assert.equal((await api(hub, 'GET', '/api/audit?action=Card')).body.error.field, 'action');
    assert.equal((await api(hub, 'GET', '/api/audit?from=yesterday')).body.error.field, 'from');
    assert.equal((await api(hub, 'GET', '/api/audit', undefined, asOffice())).status, 403, 'the card office does not read the audit log');
  });

  it('has no way to change or delete an entry: no such route, and the database refuses UPDATE and DELETE', async () => {
    await issue();
    const before = await audit();
    const entry = before[0];
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      assert.equal((await api(hub, method, '/api/audit', {})).status, 404, method);
      assert.equal((await api(hub, method, `/api/audit/${entry.id}`, {})).status, 404, method);
    }
    const raw = hub.db as unknown as Kysely<any>;
    await assert.rejects(raw.updateTable('audit_log').set({ operator_id: 'someone' }).where('id', '=', entry.id).execute(), /audit_log is append-only/);
    await assert.rejects(raw.deleteFrom('audit_log').where('id', '=', entry.id).execute(), /audit_log is append-only/);
    await assert.rejects(raw.deleteFrom('audit_log').execute(), /audit_log is append-only/);
    if (backend === 'postgres') await assert.rejects(sql`truncate audit_log`.execute(hub.db), /audit_log is append-only: TRUNCATE refused/);
    const after = await audit();
    assert.deepEqual(after.find((e) => e.id === entry.id), entry, 'the entry is as it was');
    assert.equal(after.length, before.length);
  });
});
