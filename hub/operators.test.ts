/**
 * The operator store on each back end, with a manual clock: logins and the failed-login lock
 * (parallel guesses included), sessions that expire and end, disabled operators, and the last
 * enabled admin that cannot be removed.
 */
import { strict as assert } from 'node:assert';
import type { Kysely } from 'kysely';
import { openDatabase } from './db/open.js';
import type { Database } from './db/schema.js';
import { OperatorStore } from './operators.js';
import { tokenHash } from './sessions.js';
import { tempDir } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { backendDb, type BackendDb } from './backend-fixture.js';

const CHEAP = { N: 1024, r: 8, p: 1 };
const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

for (const backend of BACKENDS) describe(`operator store (${backend})`, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: BackendDb;
  let db: Kysely<Database>;
  let clock: number;
  let operators: OperatorStore;

  beforeEach(async () => {
    dir = await tempDir();
    store = await backendDb(backend, dir.path);
    db = await openDatabase(store.url);
    clock = Date.parse('2026-03-02T08:00:00+08:00');
    operators = new OperatorStore(db, () => clock, { scrypt: CHEAP });
    assert.equal((await operators.add({ operatorId: 'wang', name: 'Wang Li', roles: ['card_office'], password: 'window-password-1' })).ok, true);
  });

  afterEach(async () => {
    await db.destroy();
    await store.drop();
    await dir.remove();
  });

  const login = (password: string, operatorId = 'wang') => operators.login(operatorId, password, '127.0.0.1');

  it('logs in with the right password only; an unknown operator gets the same answer as a wrong password', async () => {
    const ok = await login('window-password-1');
    assert.equal(ok.ok, true);
    if (!ok.ok) return;
    assert.match(ok.token, /^oc1_[A-Za-z0-9_-]{43}$/);
    assert.equal(ok.expiresAtMs, clock + 8 * HOUR_MS, 'a session lasts 8 hours by default');
    assert.deepEqual(ok.operator.roles, ['card_office']);
    const wrong = await login('window-password-2');
    const unknown = await login('window-password-1', 'nobody');
    assert.deepEqual([wrong.ok, !wrong.ok && wrong.code, !wrong.ok && wrong.message], [false, 'login_failed', 'wrong operator id or password']);
    assert.deepEqual([unknown.ok, !unknown.ok && unknown.code, !unknown.ok && unknown.message], [false, 'login_failed', 'wrong operator id or password']);
    assert.deepEqual([!wrong.ok && wrong.why, !unknown.ok && unknown.why], ['wrong_password', 'unknown_operator'], 'the audit log is told which');
  });

  it('stores the token only as its SHA-256, and the password only as a scrypt hash', async () => {
    const ok = await login('window-password-1');
    assert.ok(ok.ok);
    const raw = db as unknown as Kysely<any>;
    const sessions = await raw.selectFrom('operator_sessions').selectAll().execute();
    assert.deepEqual(sessions.map((s: any) => s.token_sha256), [tokenHash(ok.token)]);
    assert.doesNotMatch(JSON.stringify(sessions), new RegExp(ok.token));
    const row = await raw.selectFrom('operators').select('password_hash').executeTakeFirstOrThrow();
    assert.match(row.password_hash, /^scrypt\$1024\$8\$1\$/);
    assert.doesNotMatch(row.password_hash, /window-password/);
  });

  it('locks an operator after 5 failed logins in a row for 15 minutes, refusing even the right password meanwhile', async () => {
    for (let i = 1; i <= 4; i++) assert.equal((await login(`guess-number-${i}`)).ok, false);
    const fifth = await login('guess-number-5');
    assert.ok(!fifth.ok);
    assert.deepEqual([fifth.code, fifth.lockedUntilMs], ['login_failed', clock + 15 * MINUTE_MS], 'the fifth failure sets the lock');
    const locked = await login('window-password-1');
    assert.ok(!locked.ok);
    assert.deepEqual([locked.code, locked.why, locked.lockedUntilMs], ['login_locked', 'locked', clock + 15 * MINUTE_MS]);
    assert.match(locked.message, /too many failed logins: operator wang is locked until 2026-03-02T00:15:00\.000Z/);
    assert.equal((await operators.get('wang'))!.lockedUntilMs, clock + 15 * MINUTE_MS);

    clock += 15 * MINUTE_MS - 1;
    assert.equal((await login('window-password-1')).ok, false, 'still locked a millisecond before the end');
    clock += 1;
    assert.equal((await login('window-password-1')).ok, true, 'the lock ends');
    assert.equal((await operators.get('wang'))!.lockedUntilMs, null);
  });

  it('forgets failed attempts at a successful login', async () => {
    for (let i = 0; i < 4; i++) await login('not the password');
    assert.equal((await login('window-password-1')).ok, true);
    for (let i = 0; i < 4; i++) await login('not the password');
    assert.equal((await login('window-password-1')).ok, true, 'four more failures do not lock');
  });

  it('checks no more than 5 of 20 guesses sent at once: the rest find the operator locked', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login(`parallel-guess-${i}`)));
    const why = results.map((r) => (r.ok ? 'ok' : r.why));
    assert.equal(why.filter((w) => w === 'wrong_password').length, 5, why.join(','));
    assert.equal(why.filter((w) => w === 'locked').length, 15, why.join(','));
  });

  it('ends a session at its expiry and at logout, and a token never works for another', async () => {
    const a = await login('window-password-1');
    const b = await login('window-password-1');
    assert.ok(a.ok && b.ok);
    assert.equal((await operators.authenticate(a.token))?.operator.operatorId, 'wang');
    assert.equal(await operators.authenticate(a.token.slice(0, -1) + (a.token.endsWith('A') ? 'B' : 'A')), null);
    assert.equal(await operators.sessions.revoke(a.token), true);
    assert.equal(await operators.authenticate(a.token), null, 'logged out');
    assert.equal(await operators.sessions.revoke(a.token), false, 'already revoked');
    assert.ok(await operators.authenticate(b.token), 'the other session lives on');
    clock += 8 * HOUR_MS - 1;
    assert.ok(await operators.authenticate(b.token));
    clock += 1;
    assert.equal(await operators.authenticate(b.token), null, 'expired after 8 hours');
  });

  it('refuses a disabled operator at login and ends their sessions; enabling lets them log in again', async () => {
    const s = await login('window-password-1');
    assert.ok(s.ok);
    assert.equal((await operators.update('wang', { disabled: true })).ok, true);
    assert.equal(await operators.authenticate(s.token), null);
    const refused = await login('window-password-1');
    assert.deepEqual([refused.ok, !refused.ok && refused.code, !refused.ok && refused.why], [false, 'login_failed', 'disabled']);
    assert.equal((await operators.update('wang', { disabled: false })).ok, true);
    assert.equal((await login('window-password-1')).ok, true);
  });

  it('ends every other session at a password change, keeping the one that changed it', async () => {
    const [a, b] = [await login('window-password-1'), await login('window-password-1')];
    assert.ok(a.ok && b.ok);
    assert.equal((await operators.setPassword('wang', 'window-password-2', { mustChange: false, keepToken: a.token })).ok, true);
    assert.ok(await operators.authenticate(a.token));
    assert.equal(await operators.authenticate(b.token), null);
    assert.equal((await login('window-password-1')).ok, false);
    assert.equal((await login('window-password-2')).ok, true);
  });

  it('always keeps an enabled admin: the last one can be neither disabled nor lose the role', async () => {
    assert.equal((await operators.createFirstAdmin({ operatorId: 'admin', password: 'first-admin-pw', mustChange: true })), null, 'not on a hub with operators');
    assert.equal((await operators.add({ operatorId: 'zhao', name: 'Zhao Min', roles: ['admin'], password: 'admin-password-1' })).ok, true);
    const disable = await operators.update('zhao', { disabled: true });
    assert.deepEqual([disable.ok, !disable.ok && disable.code, !disable.ok && disable.field], [false, 'last_admin', 'disabled']);
    const demote = await operators.update('zhao', { roles: ['auditor'] });
    assert.deepEqual([demote.ok, !demote.ok && demote.code], [false, 'last_admin']);
    assert.equal((await operators.update('wang', { roles: ['card_office', 'admin'] })).ok, true);
    const now = await operators.update('zhao', { roles: ['auditor'] });
    assert.deepEqual(now.ok && now.operator.roles, ['auditor']);
    assert.deepEqual((await operators.add({ operatorId: 'wang', name: 'again', roles: ['finance'], password: 'whatever-pw-1' })), { ok: false, code: 'operator_exists', message: 'operator wang exists', field: 'operatorId' });
  });

  it('makes the first admin only on a hub without operators', async () => {
    const empty = new OperatorStore(db, () => clock, { scrypt: CHEAP });
    const raw = db as unknown as Kysely<any>;
    await raw.deleteFrom('operators').execute();
    const first = await empty.createFirstAdmin({ operatorId: 'admin', password: 'first-admin-pw', mustChange: true });
    assert.deepEqual([first?.operatorId, first?.roles, first?.passwordMustChange], ['admin', ['admin'], true]);
    assert.equal(await empty.createFirstAdmin({ operatorId: 'admin2', password: 'first-admin-pw', mustChange: true }), null);
    assert.equal(await empty.count(), 1);
  });
});
