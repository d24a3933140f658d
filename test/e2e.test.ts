/**
 * The walking skeleton end to end, in one process over a real WebSocket on loopback: a tap travels
 * from an emulated reader through a real door point, policy and journal to the hub, and a lost-card
 * report travels back as a blacklist update.
 */
import { strict as assert } from 'node:assert';
import { Hub } from '../hub/hub.js';
import { AccessReason } from '../protocol/messages.js';
import { api, makeController, startHub, tempDir, waitFor, type TestController } from './helpers.js';
import type { DoorDecision } from '../controller/points/door.js';

const CARD = '04A1B2C3D4E5F6';

describe('tap to hub and lost card back (one process, real WebSocket)', function () {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  const running: TestController[] = [];

  beforeEach(async () => {
    dir = await tempDir();
    hub = await startHub(dir.path);
    assert.equal((await api(hub, 'POST', '/api/people', { personId: 'S2026001', name: 'Li Hua', type: 'student' })).status, 201);
    assert.equal((await api(hub, 'POST', '/api/cards', { uid: CARD, personId: 'S2026001' })).status, 201);
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
    await waitFor(`${deviceId} online with the cards dataset`, () => c.controller.uplink.state === 'online' && c.controller.policy.decide(CARD).granted);
    return c;
  }

  function tap(c: TestController, uid = CARD): Promise<DoorDecision> {
    const door = c.controller.door('door-a');
    return new Promise((resolve) => {
      const off = door.onDecision((d) => {
        off();
        resolve(d);
      });
      c.drivers.reader('door-a/reader').tap(uid);
    });
  }

  async function hubEvents(deviceId: string) {
    return (await api(hub, 'GET', `/api/events?deviceId=${deviceId}&limit=1000`)).body.events as { seq: number; granted: boolean; reason: string; cardUid: string }[];
  }

  it('stores a granted tap at the hub exactly once and energises the relay', async () => {
    const c = await online('door-ctl-1');
    const decision = await tap(c);
    assert.equal(decision.granted, true);
    assert.equal(c.drivers.relayNamed('door-a/relay').calls[0]?.energised, true);
    await waitFor('event at hub', async () => (await hubEvents('door-ctl-1')).length === 1);
    await waitFor('controller sees the ack', () => c.controller.journal.ackedSeq === 1);
    const events = await hubEvents('door-ctl-1');
    assert.deepEqual(events.map((e) => [e.seq, e.cardUid, e.granted, e.reason]), [[1, CARD, true, 'granted']]);
  });

  it('denies a card reported lost within one second at every controller, and grants it again once found', async () => {
    const a = await online('door-ctl-1');
    const b = await online('door-ctl-2');
    const lost = await api(hub, 'POST', `/api/cards/${CARD}/lost`);
    assert.equal(lost.status, 200);
    const version = lost.body.blacklistVersion as number;
    const t0 = Date.now();
    await waitFor('both controllers apply the blacklist', () => [a, b].every((c) => !c.controller.policy.decide(CARD).granted), 1000);
    assert.ok(Date.now() - t0 < 1000);
    for (const c of [a, b]) {
      const d = await tap(c);
      assert.equal(d.granted, false);
      assert.equal(d.reason, AccessReason.ACCESS_REASON_DENIED_LOST);
      assert.equal(c.drivers.relayNamed('door-a/relay').calls.length, 0, 'a denied tap never drives the relay');
    }
    await waitFor('hub records each device applied the version', async () => {
      const devices = (await api(hub, 'GET', '/api/devices')).body.devices as { datasets: { blacklist: { appliedVersion: number; lag: number } } }[];
      return devices.every((d) => d.datasets.blacklist.appliedVersion === version && d.datasets.blacklist.lag === 0);
    });
    assert.equal((await api(hub, 'POST', `/api/cards/${CARD}/found`)).status, 200);
    await waitFor('found card granted again', () => a.controller.policy.decide(CARD).granted, 1000);
    assert.equal((await tap(a)).granted, true);
  });

  it('keeps every event exactly once with contiguous seqs when the controller restarts mid-stream', async () => {
    const first = await online('door-ctl-1');
    const reader = () => first.drivers.reader('door-a/reader');
    for (let i = 0; i < 50; i++) reader().tap(CARD);
    const firstJournal = first.controller.journal;
    // Stop while events are still being written and streamed.
    await first.controller.stop();
    running.splice(running.indexOf(first), 1);
    const firstWrote = firstJournal.lastSeqWritten;
    assert.equal(firstWrote, 50, 'every tap before the stop was journalled');
    const second = await online('door-ctl-1', { register: false, keyPem: first.privateKeyPem });
    const decided: number[] = [];
    second.controller.door('door-a').onDecision((d) => decided.push(d.seq ?? -1));
    for (let i = 0; i < 50; i++) second.drivers.reader('door-a/reader').tap(CARD);
    await waitFor('50 more taps decided', () => decided.length === 50);
    const total = second.controller.journal.lastSeqWritten;
    assert.equal(total, firstWrote + 50);
    assert.equal(Math.min(...decided), firstWrote + 1, 'the restarted controller continued the seq');
    await waitFor('hub acked everything written', () => second.controller.journal.ackedSeq === total);
    const events = await hubEvents('door-ctl-1');
    const seqs = events.map((e) => e.seq).sort((x, y) => x - y);
    assert.deepEqual(seqs, Array.from({ length: total }, (_, i) => i + 1), 'seqs are 1..N, each once');
  });

  it('denies a lost card after a restart while the hub is unreachable (datasets persisted)', async () => {
    const c = await online('door-ctl-1');
    await api(hub, 'POST', `/api/cards/${CARD}/lost`);
    await waitFor('blacklist applied', () => !c.controller.policy.decide(CARD).granted);
    await c.controller.stop();
    running.splice(0);
    const hubUrl = hub.deviceUrl;
    await hub.stop();
    const again = await makeController(hub, dir.path, 'door-ctl-1', { register: false, keyPem: c.privateKeyPem, hubUrl });
    running.push(again);
    await again.controller.start();
    const decision = await tap(again);
    assert.equal(decision.granted, false);
    assert.equal(decision.reason, AccessReason.ACCESS_REASON_DENIED_LOST);
    hub = await startHub(dir.path); // afterEach stops it
  });
});
