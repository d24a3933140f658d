/**
 * The operator API over real HTTP on loopback, against a hub on a SQLite file in a temp dir: what an
 * operator sends and what they get back (status, error code, the field named).
 */
import { BACKENDS } from '../test/pg.js';
import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { Hub } from './hub.js';
import { generateDeviceKeyPair } from '../protocol/auth.js';
import { MemoryLogger } from '../lib/log.js';
import { api, startHubOn, tempDir } from '../test/helpers.js';

const CARD = '04A1B2C3D4';
const OTHER_CARD = '04A1B2C3D5';
/** Looking a card up shows its holder: the card office states why. */
const LOOKUP = { reason: 'checking the card at the window' };

for (const backend of BACKENDS) describe(`operator API (${backend})`, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;

  beforeEach(async () => {
    dir = await tempDir();
    hub = await startHubOn(backend, dir.path, new MemoryLogger());
  });

  afterEach(async () => {
    await hub.stop();
    await dir.remove();
  });

  async function person(personId = 'S2026001'): Promise<void> {
    const res = await api(hub, 'POST', '/api/people', { personId, name: 'Li Hua', type: 'student' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }

  function assertError(res: { status: number; body: any }, status: number, code: string, field?: string): void {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.equal(res.body.error?.code, code);
    if (field !== undefined) assert.equal(res.body.error.field, field);
    assert.equal(typeof res.body.error.message, 'string');
  }

  describe('validation errors name what is wrong', () => {
    it('refuses an unknown person type, naming the field type', async () => {
      const res = await api(hub, 'POST', '/api/people', { personId: 'S2026001', name: 'Li Hua', type: 'alien' });
      assertError(res, 400, 'invalid_body', 'type');
    });

    it('refuses a card uid that is not hex, naming the field uid', async () => {
      await person();
      assertError(await api(hub, 'POST', '/api/cards', { uid: 'xyz', personId: 'S2026001' }), 400, 'invalid_body', 'uid');
    });

    it('refuses a body that is not JSON with invalid_json', async () => {
      assertError(await api(hub, 'POST', '/api/people', '{"personId": "S2026001",'), 400, 'invalid_json');
    });

    it('refuses an unknown extra field, naming it', async () => {
      const res = await api(hub, 'POST', '/api/people', { personId: 'S2026001', name: 'Li Hua', type: 'student', nickname: 'Xiao Li' });
      assertError(res, 400, 'invalid_body', 'nickname');
      assert.match(res.body.error.message, /nickname/);
      assert.equal((await api(hub, 'POST', '/api/cards', { uid: CARD, personId: 'S2026001' })).status, 422, 'the person was not created');
    });

    it('refuses a body over 64 KiB with 413 body_too_large, however large it is', async () => {
      for (const size of [65 * 1024, 300 * 1024, 1024 * 1024, 3 * 1024 * 1024]) {
        const body = JSON.stringify({ personId: 'S2026001', name: 'x'.repeat(size), type: 'student' });
        assertError(await api(hub, 'POST', '/api/people', body), 413, 'body_too_large');
      }
      assert.equal((await api(hub, 'POST', '/api/cards', { uid: CARD, personId: 'S2026001' })).status, 422, 'the person was not created');
    });

    it('refuses a malformed escape in a card path with 400, not an internal error', async () => {
      assertError(await api(hub, 'GET', '/api/cards/%ZZ', undefined, LOOKUP), 400, 'invalid_query', 'uid');
    });

    it('refuses an events query with limit=0 with invalid_query naming limit', async () => {
      assertError(await api(hub, 'GET', '/api/events?limit=0'), 400, 'invalid_query', 'limit');
    });

    it('refuses a device publicKey that is not base64 or not an Ed25519 key, naming publicKey', async () => {
      const notBase64 = await api(hub, 'POST', '/api/devices', { deviceId: 'door-ctl-1', publicKey: 'not base64!' });
      assertError(notBase64, 400, 'invalid_body', 'publicKey');
      assert.match(notBase64.body.error.message, /base64/);
      const ecKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
      const notEd25519 = await api(hub, 'POST', '/api/devices', { deviceId: 'door-ctl-1', publicKey: ecKey });
      assertError(notEd25519, 400, 'invalid_body', 'publicKey');
      assert.match(notEd25519.body.error.message, /ed25519/);
      assert.deepEqual((await api(hub, 'GET', '/api/devices')).body.devices, [], 'nothing was registered');
    });
  });

  describe('card life', () => {
    it('issues at most one active card per person', async () => {
      await person();
      const first = await api(hub, 'POST', '/api/cards', { uid: CARD, personId: 'S2026001' });
      assert.equal(first.status, 201);
      assert.deepEqual([first.body.card.uid, first.body.card.status], [CARD, 'active']);
      assertError(await api(hub, 'POST', '/api/cards', { uid: OTHER_CARD, personId: 'S2026001' }), 409, 'person_has_active_card', 'personId');
      assertError(await api(hub, 'GET', `/api/cards/${OTHER_CARD}`, undefined, LOOKUP), 404, 'not_found');
    });

    it('refuses a card for an unknown person with 422 unknown_person', async () => {
      assertError(await api(hub, 'POST', '/api/cards', { uid: CARD, personId: 'nobody' }), 422, 'unknown_person', 'personId');
    });

    it('reports a card lost and found, each change bumping blacklistVersion by exactly one', async () => {
      await person();
      assert.equal((await api(hub, 'POST', '/api/cards', { uid: CARD, personId: 'S2026001' })).status, 201);
      const lost = await api(hub, 'POST', `/api/cards/${CARD}/lost`);
      assert.equal(lost.status, 200);
      assert.deepEqual([lost.body.card.status, lost.body.blacklistVersion], ['lost', 1]);
      assertError(await api(hub, 'POST', `/api/cards/${CARD}/lost`), 409, 'card_already_lost');

      const found = await api(hub, 'POST', `/api/cards/${CARD}/found`);
      assert.deepEqual([found.status, found.body.card.status, found.body.blacklistVersion], [200, 'active', 2]);
      assertError(await api(hub, 'POST', `/api/cards/${CARD}/found`), 409, 'card_not_lost');

      const again = await api(hub, 'POST', `/api/cards/${CARD}/lost`);
      assert.deepEqual([again.status, again.body.blacklistVersion], [200, 3], 'refused changes did not bump the version');
      assert.equal((await api(hub, 'GET', `/api/cards/${CARD}`, undefined, LOOKUP)).body.card.status, 'lost');

      // The operator's device view reports the same current version.
      assert.equal((await api(hub, 'POST', '/api/devices', { deviceId: 'door-ctl-1', publicKey: generateDeviceKeyPair().publicKeyBase64 })).status, 201);
      const [device] = (await api(hub, 'GET', '/api/devices')).body.devices;
      assert.deepEqual(device.datasets.blacklist, { currentVersion: 3, appliedVersion: 0, lag: 3 });
    });

    it('keeps a found card lost when its holder was issued another card meanwhile', async () => {
      await person();
      assert.equal((await api(hub, 'POST', '/api/cards', { uid: CARD, personId: 'S2026001' })).status, 201);
      assert.equal((await api(hub, 'POST', `/api/cards/${CARD}/lost`)).status, 200);
      assert.equal((await api(hub, 'POST', '/api/cards', { uid: OTHER_CARD, personId: 'S2026001' })).status, 201);
      assertError(await api(hub, 'POST', `/api/cards/${CARD}/found`), 409, 'person_has_active_card');
      assert.equal((await api(hub, 'GET', `/api/cards/${CARD}`, undefined, LOOKUP)).body.card.status, 'lost');
    });

    it('answers 404 not_found for losing a card that was never issued', async () => {
      assertError(await api(hub, 'POST', `/api/cards/${CARD}/lost`), 404, 'not_found', 'uid');
    });

    it('accepts a lower-case uid in the body and the path, and stores it upper-case', async () => {
      await person();
      const issued = await api(hub, 'POST', '/api/cards', { uid: CARD.toLowerCase(), personId: 'S2026001' });
      assert.deepEqual([issued.status, issued.body.card.uid], [201, CARD]);
      const lost = await api(hub, 'POST', `/api/cards/${CARD.toLowerCase()}/lost`);
      assert.deepEqual([lost.status, lost.body.card.uid, lost.body.blacklistVersion], [200, CARD, 1]);
      const card = await api(hub, 'GET', `/api/cards/${CARD.toLowerCase()}`, undefined, LOOKUP);
      assert.deepEqual([card.status, card.body.card.uid, card.body.card.status], [200, CARD, 'lost']);
    });
  });

  it('answers 200 exists when a device is registered again with the same key, 409 device_exists with another', async () => {
    const keys = generateDeviceKeyPair();
    const created = await api(hub, 'POST', '/api/devices', { deviceId: 'door-ctl-1', publicKey: keys.publicKeyBase64 });
    assert.deepEqual([created.status, created.body], [201, { deviceId: 'door-ctl-1', result: 'created' }]);
    const again = await api(hub, 'POST', '/api/devices', { deviceId: 'door-ctl-1', publicKey: keys.publicKeyBase64 });
    assert.deepEqual([again.status, again.body], [200, { deviceId: 'door-ctl-1', result: 'exists' }]);
    const otherKey = await api(hub, 'POST', '/api/devices', { deviceId: 'door-ctl-1', publicKey: generateDeviceKeyPair().publicKeyBase64 });
    assertError(otherKey, 409, 'device_exists', 'deviceId');
    assert.deepEqual((await api(hub, 'GET', '/api/devices')).body.devices.map((d: { deviceId: string }) => d.deviceId), ['door-ctl-1']);
  });

  it('answers an unknown route with 404 not_found', async () => {
    assertError(await api(hub, 'GET', '/api/nothing-here'), 404, 'not_found');
    assertError(await api(hub, 'DELETE', '/api/devices'), 404, 'not_found');
  });
});

describe('hub start-up refusals', () => {
  let hub: Hub | null = null;

  afterEach(async () => {
    await hub?.stop();
    hub = null;
  });

  it('refuses to listen on a non-loopback address', async () => {
    hub = new Hub({ dbUrl: 'sqlite::memory:', host: '0.0.0.0', port: 0, logger: new MemoryLogger() });
    await assert.rejects(hub.start(), (err: Error) => {
      assert.match(err.message, /loopback/);
      assert.match(err.message, /0\.0\.0\.0/);
      return true;
    });
    assert.throws(() => hub!.url, /not listening/);
  });

  it('refuses an unsupported database URL with a message naming what is supported', async () => {
    hub = new Hub({ dbUrl: 'mysql://x', host: '127.0.0.1', port: 0, logger: new MemoryLogger() });
    await assert.rejects(hub.start(), (err: Error) => {
      assert.match(err.message, /unsupported database URL/);
      assert.match(err.message, /mysql:\/\/x/);
      assert.match(err.message, /sqlite:PATH or postgres:/);
      return true;
    });
    assert.throws(() => hub!.url, /not listening/);
  });
});
