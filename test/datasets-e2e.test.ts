/**
 * Versioned datasets end to end, in one process over real WebSockets on loopback: a real hub, real
 * controllers (policy on SQLite, uplink, door on emulated drivers). What an operator does at the
 * hub reaches the door as a delta, and the hub shows each device's lag.
 */
import { strict as assert } from 'node:assert';
import { Hub } from '../hub/hub.js';
import { MemoryLogger } from '../lib/log.js';
import { AccessReason } from '../protocol/messages.js';
import { api, makeController, startHub, tempDir, waitFor, type TestController } from './helpers.js';
import type { DoorDecision } from '../controller/points/door.js';

const CARD = '04A1B2C3D4E5F6';
const OTHER = '04A1B2C3D4E5F7';

describe('versioned datasets end to end (hub and controllers on loopback)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let logger: MemoryLogger;
  const running: TestController[] = [];

  beforeEach(async () => {
    dir = await tempDir();
    logger = new MemoryLogger();
    hub = await startHub(dir.path, logger);
    for (const [personId, uid] of [['S1', CARD], ['S2', OTHER]] as const) {
      assert.equal((await api(hub, 'POST', '/api/people', { personId, name: personId, type: 'student' })).status, 201);
      assert.equal((await api(hub, 'POST', '/api/cards', { uid, personId })).status, 201);
    }
  });

  afterEach(async () => {
    for (const c of running.splice(0)) await c.controller.stop();
    await hub.stop();
    await dir.remove();
  });

  async function online(deviceId: string, options: Parameters<typeof makeController>[3] = {}): Promise<TestController> {
    const c = await makeController(hub, dir.path, deviceId, options);
    running.push(c);
    await c.controller.start();
    await waitFor(`${deviceId} online with the cards`, () => c.controller.uplink.state === 'online' && c.controller.policy.decide(OTHER).granted);
    return c;
  }

  async function datasets(deviceId: string): Promise<Record<string, { currentVersion: number; appliedVersion: number; lag: number }>> {
    const list = (await api(hub, 'GET', '/api/devices')).body.devices as { deviceId: string; datasets: Record<string, { currentVersion: number; appliedVersion: number; lag: number }> }[];
    return list.find((d) => d.deviceId === deviceId)!.datasets;
  }

  const sent = (deviceId: string, dataset: string) => logger.find('gateway.dataset_sent').filter((r) => r.fields.deviceId === deviceId && r.fields.dataset === dataset).map((r) => [r.fields.fromVersion, r.fields.version, r.fields.snapshot]);

  function tap(c: TestController, uid: string): Promise<DoorDecision> {
    return new Promise((resolve) => {
      const off = c.controller.door('door-a').onDecision((d) => {
        off();
        resolve(d);
      });
      c.drivers.reader('door-a/reader').tap(uid);
    });
  }

  it('sends a lost card as a delta; the lag shown in GET /api/devices drops to 0 once the controller acks', async () => {
    const c = await online('door-ctl-1');
    await waitFor('lag 0 after the first snapshots', async () => (await datasets('door-ctl-1')).cards!.lag === 0);
    assert.deepEqual(sent('door-ctl-1', 'cards'), [[0, 2, true]], 'a new device gets a snapshot');
    // The first blacklist version reaches a device holding none as a snapshot; the next as a delta.
    assert.equal((await api(hub, 'POST', `/api/cards/${OTHER}/lost`)).status, 200);
    await waitFor('version 1 applied', async () => (await datasets('door-ctl-1')).blacklist!.appliedVersion === 1);
    assert.equal((await api(hub, 'POST', `/api/cards/${CARD}/lost`)).status, 200);
    await waitFor('the controller denies the card', () => c.controller.policy.decide(CARD).reason === AccessReason.ACCESS_REASON_DENIED_LOST, 1000);
    await waitFor('lag 0', async () => (await datasets('door-ctl-1')).blacklist!.lag === 0);
    assert.deepEqual((await datasets('door-ctl-1')).blacklist, { currentVersion: 2, appliedVersion: 2, lag: 0 });
    assert.deepEqual(sent('door-ctl-1', 'blacklist'), [[0, 1, true], [1, 2, false]]);
    assert.equal((await tap(c, CARD)).granted, false);
  });

  it('brings a controller back from a restart with one delta for everything it missed', async () => {
    const c = await online('door-ctl-1');
    await c.controller.stop();
    running.splice(0);
    await waitFor('the hub sees the controller gone', async () => !((await api(hub, 'GET', '/api/devices')).body.devices as { online: boolean }[])[0]!.online);
    for (const uid of [CARD, OTHER]) assert.equal((await api(hub, 'POST', `/api/cards/${uid}/lost`)).status, 200);
    assert.equal((await api(hub, 'POST', `/api/cards/${CARD}/found`)).status, 200);
    assert.equal((await api(hub, 'PATCH', `/api/cards/${CARD}`, { groups: ['dorm-7'] })).status, 200);
    const again = await makeController(hub, dir.path, 'door-ctl-1', { register: false, keyPem: c.privateKeyPem });
    running.push(again);
    await again.controller.start();
    await waitFor('both datasets current', async () => {
      const d = await datasets('door-ctl-1');
      return d.blacklist!.lag === 0 && d.cards!.lag === 0 && d.blacklist!.currentVersion === 3;
    });
    assert.deepEqual(sent('door-ctl-1', 'blacklist'), [[0, 3, true]], 'the first session had nothing: the blacklist came whole');
    assert.deepEqual(sent('door-ctl-1', 'cards'), [[0, 2, true], [2, 6, false]], 'the cards came as one delta after the restart (lost and found change the cards too)');
    assert.deepEqual([again.controller.policy.decide(CARD).granted, again.controller.policy.decide(OTHER).reason], [true, AccessReason.ACCESS_REASON_DENIED_LOST]);
    assert.deepEqual(again.controller.policy.card(CARD)?.groups, ['dorm-7']);
  });

  it("denies a card once its holder's validity has ended, and grants it again after the operator extends it", async () => {
    const c = await online('door-ctl-1');
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const patched = await api(hub, 'PATCH', '/api/people/S1', { validUntil: yesterday });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    await waitFor('the controller applies the cards delta', () => c.controller.policy.decide(CARD).reason === AccessReason.ACCESS_REASON_DENIED_EXPIRED, 1000);
    const denied = await tap(c, CARD);
    assert.equal(denied.granted, false);
    assert.equal(c.drivers.relayNamed('door-a/relay').calls.length, 0, 'an expired card never drives the relay');
    assert.equal((await api(hub, 'PATCH', '/api/people/S1', { validUntil: Date.now() + 365 * 86_400_000 })).status, 200);
    await waitFor('granted again', () => c.controller.policy.decide(CARD).granted, 1000);
    assert.equal((await tap(c, CARD)).granted, true);
    await waitFor('both taps at the hub', async () => ((await api(hub, 'GET', '/api/events?deviceId=door-ctl-1')).body.events as unknown[]).length === 2);
    const events = (await api(hub, 'GET', '/api/events?deviceId=door-ctl-1')).body.events as { granted: boolean; reason: string }[];
    assert.deepEqual(events.map((e) => [e.granted, e.reason]), [[false, 'denied_expired'], [true, 'granted']]);
  });

  it('drops a lost card from the cards dataset too, so a device without the blacklist still denies it', async () => {
    const c = await online('door-ctl-1');
    assert.equal((await api(hub, 'POST', `/api/cards/${CARD}/lost`)).status, 200);
    await waitFor('the card left the cards dataset', () => c.controller.policy.card(CARD) === undefined);
    assert.equal((await api(hub, 'POST', `/api/cards/${CARD}/found`)).status, 200);
    await waitFor('back in the cards dataset when found', () => c.controller.policy.card(CARD) !== undefined && c.controller.policy.decide(CARD).granted);
  });
});
