/**
 * Versioned datasets seen from the wire: a raw device on loopback says which versions it holds and
 * gets a real hub's deltas or snapshots; what it then holds is checked by applying them to a real
 * controller policy.
 */
import { BACKENDS } from '../test/pg.js';
import { strict as assert } from 'node:assert';
import { Hub } from './hub.js';
import { AccessReason, BlacklistReason, DatasetName, type DatasetUpdate } from '../protocol/messages.js';
import { Policy } from '../controller/policy.js';
import { MemoryLogger } from '../lib/log.js';
import { api, startHubOn, tempDir, waitFor } from '../test/helpers.js';
import { rawDevice, registerDevice, type RawDevice } from '../test/raw-device.js';

const BL = DatasetName.DATASET_NAME_BLACKLIST;
const CARDS = DatasetName.DATASET_NAME_CARDS;
const card = (i: number) => `04AA00${String(i).padStart(2, '0')}`;
const LOST = BlacklistReason.BLACKLIST_REASON_LOST;

/** The cards a blacklist update adds, each of which must carry the card office's reason LOST. */
function lost(u: DatasetUpdate | undefined): string[] {
  const add = u!.blacklist!.add ?? [];
  assert.deepEqual(add.filter((e) => e.reason !== LOST), [], 'every lost card is added with reason LOST');
  assert.deepEqual(u!.blacklist!.addCardUids ?? [], [], 'no card is added without a reason');
  return add.map((e) => e.cardUid!);
}

for (const backend of BACKENDS) describe(`versioned datasets: deltas and snapshots (raw device on loopback) (${backend})`, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let logger: MemoryLogger;
  const devices: RawDevice[] = [];

  async function start(extra: Partial<ConstructorParameters<typeof Hub>[0]> = {}): Promise<void> {
    logger = new MemoryLogger();
    hub = await startHubOn(backend, dir.path, logger, extra);
    for (let i = 1; i <= 10; i++) {
      assert.equal((await api(hub, 'POST', '/api/people', { personId: `P${i}`, name: `Person ${i}`, type: 'student' })).status, 201);
      assert.equal((await api(hub, 'POST', '/api/cards', { uid: card(i), personId: `P${i}` })).status, 201);
    }
  }

  async function change(action: 'lost' | 'found', i: number): Promise<number> {
    const res = await api(hub, 'POST', `/api/cards/${card(i)}/${action}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.blacklistVersion as number;
  }

  /** Blacklist versions 1..8: lost 1, lost 2, lost 3, found 1, lost 4, lost 5, found 3, lost 6. */
  async function eightVersions(): Promise<void> {
    const steps: ['lost' | 'found', number][] = [['lost', 1], ['lost', 2], ['lost', 3], ['found', 1], ['lost', 4], ['lost', 5], ['found', 3], ['lost', 6]];
    for (const [action, i] of steps) await change(action, i);
  }

  async function device(id: string, held: { name: number; version: number }[]): Promise<RawDevice> {
    const d = await rawDevice(hub, id, await registerDevice(hub, id), held);
    devices.push(d);
    return d;
  }

  async function lag(deviceId: string): Promise<{ appliedVersion: number; lag: number }> {
    const list = (await api(hub, 'GET', '/api/devices')).body.devices as { deviceId: string; datasets: Record<string, { appliedVersion: number; lag: number }> }[];
    return list.find((d) => d.deviceId === deviceId)!.datasets.blacklist!;
  }

  /** A policy holding the blacklist a device had at version 2 (cards 1 and 2 lost). */
  async function policyAtVersion2(): Promise<Policy> {
    const policy = new Policy({ dir: null, logger: new MemoryLogger() });
    assert.ok((await policy.apply({ name: BL, version: 2, fullSnapshot: true, blacklist: { add: [card(1), card(2)].map((cardUid) => ({ cardUid, reason: LOST })) } })).ok);
    return policy;
  }

  const blacklisted = (p: Policy) => Array.from({ length: 10 }, (_, i) => card(i + 1)).filter((uid) => p.decide(uid).reason === AccessReason.ACCESS_REASON_DENIED_LOST);

  beforeEach(async () => (dir = await tempDir()));

  afterEach(async () => {
    for (const d of devices.splice(0)) await d.close();
    await hub.stop();
    await dir.remove();
  });

  it('sends a device that missed versions 3..8 one delta from 2 to 8, which leaves it holding what a snapshot holds', async () => {
    await start();
    await eightVersions();
    const d = await device('door-ctl-1', [{ name: BL, version: 2 }]);
    await waitFor('a blacklist update', () => d.updates(BL).length === 1);
    const [delta] = d.updates(BL);
    assert.deepEqual(
      [delta!.fullSnapshot, delta!.fromVersion, delta!.version, lost(delta!), delta!.blacklist!.removeCardUids],
      [false, 2, 8, [card(4), card(5), card(6)], [card(1), card(3)]],
    );
    const policy = await policyAtVersion2();
    assert.deepEqual(await policy.apply(delta!), { ok: true, name: BL, version: 8 });
    const fresh = await device('door-ctl-2', []);
    await waitFor('a snapshot', () => fresh.updates(BL).length === 1);
    assert.equal(fresh.updates(BL)[0]!.fullSnapshot, true);
    assert.deepEqual(blacklisted(policy), lost(fresh.updates(BL)[0]!), 'delta on top of 2 = snapshot of 8');
  });

  it('sends a snapshot to a device older than the log retention, a delta to one just inside it', async () => {
    await start({ datasetLogRetentionVersions: 3 });
    await eightVersions();
    const behind = await device('door-ctl-1', [{ name: BL, version: 4 }]);
    const inside = await device('door-ctl-2', [{ name: BL, version: 5 }]);
    await waitFor('both get an update', () => behind.updates(BL).length === 1 && inside.updates(BL).length === 1);
    const [snapshot] = behind.updates(BL);
    assert.deepEqual([snapshot!.fullSnapshot, snapshot!.version, lost(snapshot!)], [true, 8, [card(2), card(4), card(5), card(6)]]);
    const [delta] = inside.updates(BL);
    assert.deepEqual([delta!.fullSnapshot, delta!.fromVersion, delta!.version], [false, 5, 8]);
    assert.deepEqual([lost(delta!), delta!.blacklist!.removeCardUids], [[card(5), card(6)], [card(3)]]);
  });

  it('answers a refused delta (the device acks the lower version it holds) with a full snapshot, and the lag drops to 0', async () => {
    await start();
    await change('lost', 1);
    await change('lost', 2);
    const d = await device('door-ctl-1', [{ name: BL, version: 1 }]);
    await waitFor('a delta', () => d.updates(BL).length === 1);
    assert.deepEqual([d.updates(BL)[0]!.fullSnapshot, d.updates(BL)[0]!.fromVersion], [false, 1]);
    // The device does not hold version 1 after all (say its store was rolled back): it refuses.
    d.send({ datasetAck: { name: BL, version: 0 } });
    await waitFor('a snapshot after the refusal', () => d.updates(BL).length === 2);
    const snapshot = d.updates(BL)[1]!;
    assert.deepEqual([snapshot.fullSnapshot, snapshot.version, lost(snapshot)], [true, 2, [card(1), card(2)]]);
    assert.deepEqual(logger.find('gateway.dataset_refused').map((r) => [r.fields.version, r.fields.held, r.fields.snapshot]), [[2, 0, false]]);
    assert.deepEqual(await lag('door-ctl-1'), { currentVersion: 2, appliedVersion: 0, lag: 2 });
    d.send({ datasetAck: { name: BL, version: 2 } });
    await waitFor('lag 0', async () => (await lag('door-ctl-1')).lag === 0);
    // A refused snapshot is not resent (no loop), only logged.
    await change('lost', 3);
    await waitFor('the next delta', () => d.updates(BL).length === 3);
    d.send({ datasetAck: { name: BL, version: 2 } });
    await waitFor('the refusal of that delta answered', () => d.updates(BL).length === 4);
    d.send({ datasetAck: { name: BL, version: 0 } });
    await waitFor('the refused snapshot logged', () => logger.find('gateway.dataset_refused').length === 3);
    assert.equal(d.updates(BL).length, 4, 'no snapshot after a refused snapshot');
  });

  it('pushes each change to an online device as a delta from the version it will hold, before it acks', async () => {
    await start();
    await change('lost', 1);
    const d = await device('door-ctl-1', [{ name: BL, version: 1 }]);
    await change('lost', 2);
    await waitFor('the first delta', () => d.updates(BL).length === 1);
    await change('lost', 3);
    await waitFor('the second delta', () => d.updates(BL).length === 2);
    assert.deepEqual(d.updates(BL).map((u) => [u.fullSnapshot, u.fromVersion, u.version, lost(u)]), [
      [false, 1, 2, [card(2)]],
      [false, 2, 3, [card(3)]],
    ]);
    const policy = new Policy({ dir: null, logger: new MemoryLogger() });
    await policy.apply({ name: BL, version: 1, fullSnapshot: true, blacklist: { add: [{ cardUid: card(1), reason: LOST }] } });
    for (const u of d.updates(BL)) assert.ok((await policy.apply(u)).ok);
    assert.deepEqual(blacklisted(policy), [card(1), card(2), card(3)]);
    d.send({ datasetAck: { name: BL, version: 2 } });
    d.send({ datasetAck: { name: BL, version: 3 } });
    await waitFor('lag 0', async () => (await lag('door-ctl-1')).lag === 0);
    assert.equal(logger.find('gateway.dataset_refused').length, 0);
  });

  it("carries the holder's type, validity window and groups in card entries, and a person's change as a cards delta", async () => {
    await start();
    const d = await device('door-ctl-1', []);
    await waitFor('the cards snapshot', () => d.updates(CARDS).length === 1);
    const version = d.updates(CARDS)[0]!.version!;
    const until = Date.parse('2027-07-01T00:00:00+08:00');
    const res = await api(hub, 'PATCH', '/api/people/P3', { type: 'staff', validUntil: '2027-07-01T00:00:00+08:00', groups: ['dorm-7', 'lab'] });
    assert.deepEqual([res.status, res.body.cardsVersion], [200, version + 1]);
    await waitFor('a cards delta', () => d.updates(CARDS).length === 2);
    const delta = d.updates(CARDS)[1]!;
    assert.deepEqual([delta.fullSnapshot, delta.fromVersion, delta.version], [false, version, version + 1]);
    assert.deepEqual(
      delta.cards!.upsert!.map((e) => [e.cardUid, e.personId, e.personType, Number(e.validFromUnixMs), Number(e.validUntilUnixMs), e.groups]),
      [[card(3), 'P3', 'staff', 0, until, ['dorm-7', 'lab']]],
    );
  });
});
