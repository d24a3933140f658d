/**
 * Card life at a real door (hub and controllers in one process over WebSockets on loopback, on
 * SQLite and PostgreSQL): an expired card is denied as expired; a replaced card is denied with
 * DENIED_REPLACED at once, for ever (also at a controller that joins later and gets the blacklist
 * whole) while its replacement opens the door; a cancelled card is denied with DENIED_CANCELLED.
 * The hub's event log shows each decision.
 */
import { strict as assert } from 'node:assert';
import { Hub } from '../hub/hub.js';
import { MemoryLogger } from '../lib/log.js';
import { AccessReason } from '../protocol/messages.js';
import type { DoorDecision } from '../controller/points/door.js';
import { backendDb, type BackendDb } from '../hub/backend-fixture.js';
import { checkLedger } from '../hub/ledger.js';
import { api, makeController, startHub, tempDir, waitFor, type TestController } from './helpers.js';
import { BACKENDS } from './pg.js';

const OLD = '04A1B2C3D4E5F6';
const NEW = '04A1B2C3D4E5F7';
const EXPIRED = '04EEEEEEEE';

for (const backend of BACKENDS) describe(`card life at a real door (${backend})`, function () {
  this.timeout(30_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: BackendDb;
  let hub: Hub;
  const running: TestController[] = [];

  beforeEach(async () => {
    dir = await tempDir();
    store = await backendDb(backend, dir.path);
    hub = await startHub(dir.path, new MemoryLogger(), { dbUrl: store.url });
    for (const [path, body] of [
      ['/api/people', { personId: 'S1', name: '李华', type: 'student' }],
      ['/api/cards', { uid: OLD, personId: 'S1' }],
      ['/api/accounts/person.S1/topups', { amountFen: 2000, reference: 'CASH-1' }],
      ['/api/people', { personId: 'T1', name: '赵师傅', type: 'temporary', validUntil: Date.now() - 86_400_000 }],
      ['/api/cards', { uid: EXPIRED, personId: 'T1' }],
    ] as const) {
      const res = await api(hub, 'POST', path, body);
      assert.ok(res.status < 300, `${path}: ${JSON.stringify(res.body)}`);
    }
  });

  afterEach(async () => {
    for (const c of running.splice(0)) await c.controller.stop();
    const ledger = await checkLedger(hub.db);
    await hub.stop();
    await store.drop();
    await dir.remove();
    assert.deepEqual(ledger, { sumFen: 0, mismatches: [] });
  });

  async function online(deviceId: string): Promise<TestController> {
    const c = await makeController(hub, dir.path, deviceId);
    running.push(c);
    await c.controller.start();
    await waitFor(`${deviceId} online with the datasets`, () => c.controller.uplink.state === 'online' && c.controller.policy.card(EXPIRED) !== undefined);
    return c;
  }

  function tap(c: TestController, uid: string): Promise<DoorDecision> {
    return new Promise((resolve) => {
      const off = c.controller.door('door-a').onDecision((d) => {
        off();
        resolve(d);
      });
      c.drivers.reader('door-a/reader').tap(uid);
    });
  }

  it('denies an expired card, and a replaced card for ever with DENIED_REPLACED while the new card opens the door', async () => {
    const c = await online('door-ctl-1');
    const expired = await tap(c, EXPIRED);
    assert.deepEqual([expired.granted, expired.reason], [false, AccessReason.ACCESS_REASON_DENIED_EXPIRED]);
    assert.equal((await tap(c, OLD)).granted, true);

    const replaced = await api(hub, 'POST', `/api/cards/${OLD}/replace`, { newUid: NEW });
    assert.deepEqual([replaced.status, replaced.body.feeFen, replaced.body.account.balanceFen], [201, 1000, 1000], JSON.stringify(replaced.body));
    await waitFor('the controller denies the old card', () => c.controller.policy.decide(OLD).reason === AccessReason.ACCESS_REASON_DENIED_REPLACED, 2000);
    await waitFor('the controller knows the new card', () => c.controller.policy.decide(NEW).granted, 2000);
    const relayCalls = c.drivers.relayNamed('door-a/relay').calls.length;
    const old = await tap(c, OLD);
    assert.deepEqual([old.granted, old.reason], [false, AccessReason.ACCESS_REASON_DENIED_REPLACED]);
    assert.equal(c.drivers.relayNamed('door-a/relay').calls.length, relayCalls, 'the old card never drives the relay');
    assert.equal((await tap(c, NEW)).granted, true);
    await waitFor('the fee reaches the device as the new balance', () => c.controller.wallet.balance('person.S1') === 1000, 2000);

    // For ever: the card office cannot bring it back, and a controller joining later denies it too.
    assert.equal((await api(hub, 'POST', `/api/cards/${OLD}/found`)).body.error.code, 'card_replaced');
    const later = await online('door-ctl-2');
    assert.deepEqual(later.controller.policy.decide(OLD), { granted: false, reason: AccessReason.ACCESS_REASON_DENIED_REPLACED });
    const late = await tap(later, OLD);
    assert.deepEqual([late.granted, late.reason], [false, AccessReason.ACCESS_REASON_DENIED_REPLACED]);

    await waitFor('the taps at the hub', async () => ((await api(hub, 'GET', '/api/events?deviceId=door-ctl-1')).body.events as unknown[]).length === 4);
    const events = (await api(hub, 'GET', '/api/events?deviceId=door-ctl-1')).body.events as { cardUid: string; reason: string }[];
    assert.deepEqual(events.map((e) => [e.cardUid, e.reason]), [[EXPIRED, 'denied_expired'], [OLD, 'granted'], [OLD, 'denied_replaced'], [NEW, 'granted']]);
  });

  it('denies a cancelled card with DENIED_CANCELLED once its holder left', async () => {
    const c = await online('door-ctl-1');
    assert.equal((await tap(c, OLD)).granted, true);
    const cancelled = await api(hub, 'POST', '/api/people/S1/cancel');
    assert.deepEqual([cancelled.status, cancelled.body.settlement, cancelled.body.settledFen], [200, 'refund', 2000], JSON.stringify(cancelled.body));
    await waitFor('the controller denies the card', () => c.controller.policy.decide(OLD).reason === AccessReason.ACCESS_REASON_DENIED_CANCELLED, 2000);
    const denied = await tap(c, OLD);
    assert.deepEqual([denied.granted, denied.reason], [false, AccessReason.ACCESS_REASON_DENIED_CANCELLED]);
    await waitFor('the refunded balance reaches the device', () => c.controller.wallet.balance('person.S1') === 0, 2000);
  });
});
