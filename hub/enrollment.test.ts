import { strict as assert } from 'node:assert';
import type { Kysely } from 'kysely';
import { BACKENDS } from '../test/pg.js';
import { openTestDatabase } from '../test/helpers.js';
import type { Database } from './db/schema.js';
import { CODE_LENGTH, EnrollmentStore, normaliseCode } from './enrollment.js';

for (const backend of BACKENDS) describe(`device enrollment with one-time codes (${backend})`, () => {
  let db: Kysely<Database>;
  let drop: () => Promise<void>;
  let nowMs: number;
  let store: EnrollmentStore;

  beforeEach(async () => {
    ({ db, drop } = await openTestDatabase(backend));
    nowMs = 1_800_000_000_000;
    let n = 0;
    store = new EnrollmentStore(db, { now: () => nowMs, ttlMs: 60_000, maxFailedAttempts: 3, randomInt: (max) => n++ % max });
  });
  afterEach(() => drop());

  const device = (id: string) => db.selectFrom('devices').selectAll().where('device_id', '=', id).executeTakeFirst();

  it('gives a readable code once, and stores the public key when the device redeems it', async () => {
    const created = await store.create({ deviceId: 'dorm-7-north', name: 'north door' });
    assert.ok(created.ok);
    assert.match(created.code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.equal(normaliseCode(created.code).length, CODE_LENGTH);
    const stored = await db.selectFrom('device_enrollments').selectAll().executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(stored).includes(normaliseCode(created.code)), 'the code itself is not stored');
    const typed = created.code.toLowerCase().replace(/-/g, ' ');
    assert.deepEqual(await store.redeem({ deviceId: 'dorm-7-north', code: typed, publicKey: 'PUBKEY' }), { ok: true, deviceId: 'dorm-7-north' });
    assert.equal((await device('dorm-7-north'))?.public_key, 'PUBKEY');
    const again = await store.redeem({ deviceId: 'dorm-7-north', code: created.code, publicKey: 'OTHER' });
    assert.equal(!again.ok && again.code, 'enrollment_refused', 'a code is spent once');
    assert.equal((await device('dorm-7-north'))?.public_key, 'PUBKEY');
  });

  it('refuses an expired code, another device id, and voids the enrollment after too many wrong codes', async () => {
    const a = await store.create({ deviceId: 'dev-a', name: 'a' });
    assert.ok(a.ok);
    assert.equal((await store.redeem({ deviceId: 'dev-b', code: a.code, publicKey: 'K' })).ok, false, 'the code belongs to dev-a');
    for (let i = 0; i < 3; i++) assert.equal((await store.redeem({ deviceId: 'dev-a', code: 'WRONG-CODE-0000', publicKey: 'K' })).ok, false);
    assert.equal((await store.redeem({ deviceId: 'dev-a', code: a.code, publicKey: 'K' })).ok, false, 'void after 3 wrong codes');
    const b = await store.create({ deviceId: 'dev-b', name: 'b' });
    assert.ok(b.ok);
    nowMs += 60_000;
    assert.equal((await store.redeem({ deviceId: 'dev-b', code: b.code, publicKey: 'K' })).ok, false, 'expired');
    assert.equal(await device('dev-a'), undefined);
    assert.equal(await device('dev-b'), undefined);
  });

  it('enrolls a device again only after its key was revoked', async () => {
    const first = await store.create({ deviceId: 'dev-a', name: 'a' });
    assert.ok(first.ok);
    await store.redeem({ deviceId: 'dev-a', code: first.code, publicKey: 'OLD' });
    const refused = await store.create({ deviceId: 'dev-a', name: 'a' });
    assert.equal(!refused.ok && refused.code, 'device_exists');
    await db.updateTable('devices').set({ revoked_at_ms: nowMs }).where('device_id', '=', 'dev-a').execute();
    const second = await store.create({ deviceId: 'dev-a', name: 'a' });
    assert.ok(second.ok);
    await store.redeem({ deviceId: 'dev-a', code: second.code, publicKey: 'NEW' });
    const row = await device('dev-a');
    assert.deepEqual([row?.public_key, row?.revoked_at_ms], ['NEW', null]);
  });
});
