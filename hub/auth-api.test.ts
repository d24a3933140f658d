/**
 * Operators logging in and out over the real HTTP API, on each back end, with the hub's clock
 * injected: tokens that work, expire and are revoked; 401 without one; the failed-login lock; a
 * generated password that must be changed first; a disabled operator; the password rules.
 */
import { strict as assert } from 'node:assert';
import { Hub } from './hub.js';
import { MemoryLogger } from '../lib/log.js';
import { api, operatorToken, startHub, tempDir } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { backendDb, type BackendDb } from './backend-fixture.js';

const HOUR_MS = 60 * 60 * 1000;

for (const backend of BACKENDS) describe(`operator sessions over HTTP (${backend})`, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: BackendDb;
  let hub: Hub;
  let logger: MemoryLogger;
  let clock: number;

  beforeEach(async () => {
    dir = await tempDir();
    store = await backendDb(backend, dir.path);
    logger = new MemoryLogger();
    clock = Date.parse('2026-03-02T08:00:00+08:00');
    hub = await startHub(dir.path, logger, { dbUrl: store.url, now: () => clock });
    assert.equal((await hub.operators.add({ operatorId: 'wang', name: 'Wang Li', roles: ['card_office'], password: 'window-password-1' })).ok, true);
  });

  afterEach(async () => {
    await hub.stop();
    await store.drop();
    await dir.remove();
  });

  const login = (operatorId: string, password: string) => api(hub, 'POST', '/api/session', { operatorId, password }, { token: null });
  const as = (token: string | null) => ({ token });

  it('logs in, calls with the bearer token, and logs out: the token is refused from then on', async () => {
    const res = await login('wang', 'window-password-1');
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(Object.keys(res.body).sort(), ['expiresAtMs', 'operator', 'token']);
    assert.equal(res.body.expiresAtMs, clock + 8 * HOUR_MS);
    assert.deepEqual([res.body.operator.operatorId, res.body.operator.roles, res.body.operator.passwordMustChange], ['wang', ['card_office'], false]);
    const { token } = res.body;
    const me = await api(hub, 'GET', '/api/session', undefined, as(token));
    assert.deepEqual([me.status, me.body.operator.operatorId, me.body.session.expiresAtMs], [200, 'wang', clock + 8 * HOUR_MS]);
    assert.equal((await api(hub, 'POST', '/api/people', { personId: 'S1', name: 'Li Hua', type: 'student' }, as(token))).status, 201);

    const out = await api(hub, 'DELETE', '/api/session', undefined, as(token));
    assert.deepEqual([out.status, out.body], [200, { result: 'logged_out' }]);
    const after = await api(hub, 'GET', '/api/session', undefined, as(token));
    assert.deepEqual([after.status, after.body.error.code], [401, 'unauthenticated']);
    assert.match(after.body.error.message, /expired or was revoked: log in again/);
  });

  it('answers 401 unauthenticated without a token, with a token that is not one, and with a scheme other than Bearer', async () => {
    const none = await api(hub, 'GET', '/api/devices', undefined, as(null));
    assert.deepEqual([none.status, none.body.error.code], [401, 'unauthenticated']);
    assert.match(none.body.error.message, /no token: log in with POST \/api\/session/);
    assert.equal((await api(hub, 'GET', '/api/devices', undefined, as('oc1_made-up-token'))).status, 401);
    const { token } = (await login('wang', 'window-password-1')).body;
    assert.equal((await api(hub, 'GET', '/api/devices', undefined, { token: null, headers: { authorization: `Basic ${token}` } })).status, 401);
    assert.equal((await api(hub, 'GET', '/api/nothing-here', undefined, as(null))).status, 401, 'no route is revealed before login');
    assert.equal((await api(hub, 'GET', '/api/health', undefined, as(null))).status, 200, 'health needs no token');
    assert.ok(logger.find('api.unauthenticated').length >= 3);
  });

  it('expires a token 8 hours after login (the hub clock)', async () => {
    const { token } = (await login('wang', 'window-password-1')).body;
    clock += 8 * HOUR_MS - 1;
    assert.equal((await api(hub, 'GET', '/api/session', undefined, as(token))).status, 200);
    clock += 1;
    const expired = await api(hub, 'GET', '/api/session', undefined, as(token));
    assert.deepEqual([expired.status, expired.body.error.code], [401, 'unauthenticated']);
    assert.equal((await login('wang', 'window-password-1')).status, 201, 'a new login works');
  });

  it('refuses a wrong password and an unknown operator alike, and locks after 5 failures: 429 login_locked with Retry-After', async () => {
    const unknown = await login('nobody', 'window-password-1');
    assert.deepEqual([unknown.status, unknown.body.error], [401, { code: 'login_failed', message: 'wrong operator id or password' }]);
    for (let i = 1; i <= 5; i++) {
      const wrong = await login('wang', `wrong-password-${i}`);
      assert.deepEqual([wrong.status, wrong.body.error], [401, { code: 'login_failed', message: 'wrong operator id or password' }]);
    }
    const locked = await login('wang', 'window-password-1');
    assert.deepEqual([locked.status, locked.body.error.code], [429, 'login_locked']);
    assert.equal(locked.headers.get('retry-after'), String(15 * 60));
    clock += 15 * 60 * 1000;
    assert.equal((await login('wang', 'window-password-1')).status, 201);
    assert.equal(logger.find('api.login_failed').filter((r) => r.fields.operatorId === 'wang').length, 6);
  });

  it('makes an operator added by an admin set their own password before anything else', async () => {
    const added = await api(hub, 'POST', '/api/operators', { operatorId: 'chen', name: 'Chen Jing', roles: ['finance'] });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.match(added.body.password, /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/, 'a generated password, shown once');
    assert.equal(added.body.operator.passwordMustChange, true);
    const session = await login('chen', added.body.password);
    assert.equal(session.status, 201);
    const token = session.body.token;
    const blocked = await api(hub, 'GET', '/api/accounts/system.cash', undefined, as(token));
    assert.deepEqual([blocked.status, blocked.body.error.code], [403, 'password_change_required']);
    assert.match(blocked.body.error.message, /POST \/api\/operators\/chen\/password/);
    assert.equal((await api(hub, 'GET', '/api/session', undefined, as(token))).status, 200, 'who am I still answers');
    assert.equal((await api(hub, 'POST', '/api/operators/wang/password', { password: 'someone-elses-1' }, as(token))).status, 403, 'not for another operator');

    const noCurrent = await api(hub, 'POST', '/api/operators/chen/password', { password: 'finance-password-1' }, as(token));
    assert.deepEqual([noCurrent.status, noCurrent.body.error.code, noCurrent.body.error.field], [400, 'invalid_body', 'currentPassword']);
    const wrongCurrent = await api(hub, 'POST', '/api/operators/chen/password', { password: 'finance-password-1', currentPassword: 'not-it-at-all' }, as(token));
    assert.deepEqual([wrongCurrent.status, wrongCurrent.body.error.field, wrongCurrent.body.error.message], [400, 'currentPassword', 'currentPassword: does not match']);
    const weak = await api(hub, 'POST', '/api/operators/chen/password', { password: 'short', currentPassword: added.body.password }, as(token));
    assert.deepEqual([weak.status, weak.body.error.field], [400, 'password']);
    const changed = await api(hub, 'POST', '/api/operators/chen/password', { password: 'finance-password-1', currentPassword: added.body.password }, as(token));
    assert.deepEqual([changed.status, changed.body.result, changed.body.operator.passwordMustChange], [200, 'changed', false]);
    assert.equal((await api(hub, 'GET', '/api/accounts/system.cash', undefined, as(token))).status, 200, 'the same session goes on');
    assert.equal((await login('chen', added.body.password)).status, 401);
    assert.equal((await login('chen', 'finance-password-1')).status, 201);
  });

  it("resets a forgotten password (admin): the operator's sessions end and the new one must be changed", async () => {
    const old = (await login('wang', 'window-password-1')).body.token;
    const reset = await api(hub, 'POST', '/api/operators/wang/password', { password: 'temporary-reset-1' });
    assert.deepEqual([reset.status, reset.body.result, reset.body.operator.passwordMustChange], [200, 'reset: to be changed at the next login', true]);
    assert.equal((await api(hub, 'GET', '/api/session', undefined, as(old))).status, 401);
    const fresh = await login('wang', 'temporary-reset-1');
    assert.equal(fresh.body.operator.passwordMustChange, true);
  });

  it('disables an operator: their token stops at once and they cannot log in; the last admin cannot be disabled', async () => {
    const token = (await login('wang', 'window-password-1')).body.token;
    const disabled = await api(hub, 'PATCH', '/api/operators/wang', { disabled: true });
    assert.equal(disabled.status, 200);
    assert.equal(typeof disabled.body.operator.disabledAtMs, 'number');
    assert.equal((await api(hub, 'GET', '/api/session', undefined, as(token))).status, 401);
    assert.deepEqual((await login('wang', 'window-password-1')).body.error.code, 'login_failed');
    const last = await api(hub, 'PATCH', '/api/operators/test-admin', { disabled: true });
    assert.deepEqual([last.status, last.body.error.code], [409, 'last_admin']);
  });

  it('validates operators: roles from the catalogue, an id, a password of 10 characters or more', async () => {
    const role = await api(hub, 'POST', '/api/operators', { operatorId: 'x1', name: 'X', roles: ['janitor'] });
    assert.deepEqual([role.status, role.body.error.field], [400, 'roles.0']);
    const none = await api(hub, 'POST', '/api/operators', { operatorId: 'x1', name: 'X', roles: [] });
    assert.deepEqual([none.status, none.body.error.field], [400, 'roles']);
    const pw = await api(hub, 'POST', '/api/operators', { operatorId: 'x1', name: 'X', roles: ['finance'], password: 'short' });
    assert.deepEqual([pw.status, pw.body.error.field], [400, 'password']);
    const id = await api(hub, 'POST', '/api/operators', { operatorId: 'has space', name: 'X', roles: ['finance'] });
    assert.deepEqual([id.status, id.body.error.field], [400, 'operatorId']);
    const dup = await api(hub, 'POST', '/api/operators', { operatorId: 'wang', name: 'X', roles: ['finance'] });
    assert.deepEqual([dup.status, dup.body.error.code], [409, 'operator_exists']);
    const list = await api(hub, 'GET', '/api/operators');
    assert.deepEqual(list.body.operators.map((o: any) => o.operatorId), ['test-admin', 'wang']);
    assert.ok(list.body.operators.every((o: any) => !('passwordHash' in o) && !JSON.stringify(o).includes('scrypt')));
  });

  it('takes a role away at once: the next request with the same token is refused', async () => {
    const token = await operatorToken(hub, 'liu', ['card_office', 'finance']);
    assert.equal((await api(hub, 'GET', '/api/accounts/system.cash/transfers', undefined, as(token))).status, 200);
    assert.equal((await api(hub, 'PATCH', '/api/operators/liu', { roles: ['card_office'] })).status, 200);
    assert.equal((await api(hub, 'GET', '/api/accounts/system.cash/transfers', undefined, as(token))).status, 200, 'card office reads statements too');
    assert.equal((await api(hub, 'PATCH', '/api/operators/liu', { roles: ['maintenance'] })).status, 200);
    const refused = await api(hub, 'GET', '/api/accounts/system.cash/transfers', undefined, as(token));
    assert.deepEqual([refused.status, refused.body.error.code], [403, 'forbidden']);
  });
});
