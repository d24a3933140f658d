/**
 * Chunked snapshots at the hub: how a snapshot is cut (hub/dataset-chunks.ts), and what a device
 * gets over the wire from a real hub: a device that names max_snapshot_chunks gets a 1,250-card
 * snapshot as 3 bounded chunks of one snapshot and answers it with one ack; a device without gets
 * it in one frame as before; a refused chunked snapshot is resent once from its first chunk; a
 * delta past a chunk's bounds goes as a chunked snapshot; a snapshot needing more chunks than the
 * device takes is not sent.
 */
import { BACKENDS } from '../test/pg.js';
import { strict as assert } from 'node:assert';
import { Hub } from './hub.js';
import { AccessReason, DatasetName, type DatasetUpdate } from '../protocol/messages.js';
import { HUB_TO_DEVICE_LIMITS, decodeFrame, encodeFrame } from '../protocol/wire.js';
import { Policy } from '../controller/policy.js';
import { MemoryLogger } from '../lib/log.js';
import { api, startHubOn, tempDir, waitFor } from '../test/helpers.js';
import { rawDevice, registerDevice, type RawDevice } from '../test/raw-device.js';
import { SNAPSHOT_CHUNK_MAX_BYTES, SNAPSHOT_CHUNK_MAX_ENTRIES, chunkSnapshot } from './dataset-chunks.js';
import { recordChange } from './dataset-log.js';

const CARDS = DatasetName.DATASET_NAME_CARDS;
const BL = DatasetName.DATASET_NAME_BLACKLIST;
/** Chunks of 500 entries, 500 and 250. */
const COUNT = 1_250;
const uid = (i: number) => (0x05000000 + i).toString(16).toUpperCase() + 'C0';

function decode(frame: Uint8Array): DatasetUpdate {
  const out = decodeFrame(frame, HUB_TO_DEVICE_LIMITS);
  assert.ok(out.ok, out.ok ? '' : out.message);
  return out.envelope.datasetUpdate!;
}

describe('chunkSnapshot: a snapshot cut into bounded chunks', () => {
  const blacklist = (n: number): DatasetUpdate => ({ name: BL, version: 9, fullSnapshot: true, blacklist: { addCardUids: Array.from({ length: n }, (_, i) => uid(i)) } });

  it('leaves a snapshot that fits in one chunk as the one frame it was', () => {
    assert.equal(SNAPSHOT_CHUNK_MAX_ENTRIES, 500);
    const update = blacklist(500);
    const frames = chunkSnapshot(update, 1);
    assert.equal(frames.length, 1);
    assert.deepEqual(Buffer.from(frames[0]!), Buffer.from(encodeFrame({ datasetUpdate: update })));
  });

  it('cuts by entries: 1,001 UIDs in chunks of 500, 500 and 1 of one snapshot, in order', () => {
    const frames = chunkSnapshot(blacklist(1_001), 42);
    const chunks = frames.map(decode);
    assert.deepEqual(chunks.map((c) => [c.name, c.version, c.fullSnapshot, c.snapshotId, c.chunkIndex, c.chunkCount, c.blacklist!.addCardUids!.length]), [
      [BL, 9, true, 42, 0, 3, 500], [BL, 9, true, 42, 1, 3, 500], [BL, 9, true, 42, 2, 3, 1],
    ]);
    assert.deepEqual(chunks.flatMap((c) => c.blacklist!.addCardUids!), blacklist(1_001).blacklist!.addCardUids);
    assert.ok(frames.every((f) => f.length <= SNAPSHOT_CHUNK_MAX_BYTES));
  });

  it('cuts by bytes too, across the lists of the data (schedules and holidays), each frame within the budget', () => {
    const period = { daysMask: 0x1f, startMinute: 480, endMinute: 1320 };
    const update: DatasetUpdate = {
      name: DatasetName.DATASET_NAME_SCHEDULES, version: 3, fullSnapshot: true,
      schedules: { upsert: Array.from({ length: 30 }, (_, i) => ({ scheduleId: `dorm-${i}`, periods: [period, period] })), addHolidays: Array.from({ length: 30 }, (_, i) => `2027-01-${String(i + 1).padStart(2, '0')}`) },
    };
    const frames = chunkSnapshot(update, 7, { maxEntries: 25, maxBytes: 400 });
    const chunks = frames.map(decode);
    assert.ok(frames.every((f) => f.length <= 400), `frames of ${frames.map((f) => f.length).join(', ')} bytes`);
    assert.ok(chunks.length > 3, 'more chunks than the entries alone need');
    assert.deepEqual(chunks.map((c) => c.chunkIndex), chunks.map((_, i) => i));
    assert.ok(chunks.every((c) => c.chunkCount === chunks.length && c.snapshotId === 7));
    assert.deepEqual(chunks.flatMap((c) => c.schedules!.upsert ?? []).map((s) => s.scheduleId), update.schedules!.upsert!.map((s) => s.scheduleId));
    assert.deepEqual(chunks.flatMap((c) => c.schedules!.addHolidays ?? []), update.schedules!.addHolidays);
    assert.throws(() => chunkSnapshot(update, 7, { maxEntries: 25, maxBytes: 40 }), /schedules entry 0 alone is larger than a chunk's 40 bytes/);
  });
});

for (const backend of BACKENDS) describe(`chunked snapshots from a real hub (raw devices on loopback) (${backend})`, function () {
  this.timeout(60_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let logger: MemoryLogger;
  const devices: RawDevice[] = [];

  beforeEach(async () => {
    dir = await tempDir();
    logger = new MemoryLogger();
    hub = await startHubOn(backend, dir.path, logger);
    // A bulk import: one new version of the cards dataset (too big for its log).
    await hub.db.transaction().execute(async (trx) => {
      for (let start = 0; start < COUNT; start += 500) {
        const ids = Array.from({ length: Math.min(500, COUNT - start) }, (_, k) => start + k);
        await trx.insertInto('people').values(ids.map((i) => ({ person_id: `S${i}`, name: `Student ${i}`, person_type: 'student', created_at_ms: 0, groups: '["dorm-1"]' }))).execute();
        await trx.insertInto('cards').values(ids.map((i) => ({ card_uid: uid(i), person_id: `S${i}`, status: 'active' as const, created_at_ms: 0, updated_at_ms: 0, groups: '[]' }))).execute();
      }
      await trx.updateTable('datasets').set({ version: 1, log_floor_version: 1, updated_at_ms: 0 }).where('name', '=', 'cards').execute();
    });
  });

  afterEach(async () => {
    for (const d of devices.splice(0)) await d.close();
    await hub.stop();
    await dir.remove();
  });

  async function device(id: string, maxSnapshotChunks?: number, held: { name: number; version: number }[] = []): Promise<RawDevice> {
    const d = await rawDevice(hub, id, await registerDevice(hub, id), held, maxSnapshotChunks === undefined ? {} : { maxSnapshotChunks });
    devices.push(d);
    return d;
  }

  async function cardsLag(deviceId: string): Promise<{ currentVersion: number; appliedVersion: number; lag: number }> {
    const list = (await api(hub, 'GET', '/api/devices')).body.devices as { deviceId: string; datasets: Record<string, { currentVersion: number; appliedVersion: number; lag: number }> }[];
    return list.find((d) => d.deviceId === deviceId)!.datasets.cards!;
  }

  it('sends 1,250 cards as 3 chunks of one snapshot to a device that takes chunks, answered by one ack; in one frame to one that does not', async () => {
    const d = await device('door-ctl-1', 1000);
    await waitFor('3 chunks', () => d.updates(CARDS).length === 3);
    const chunks = d.updates(CARDS);
    const id = chunks[0]!.snapshotId!;
    assert.ok(id > 0);
    assert.deepEqual(chunks.map((c) => [c.version, c.fullSnapshot, c.snapshotId, c.chunkIndex, c.chunkCount, c.cards!.upsert!.length]), [
      [1, true, id, 0, 3, 500], [1, true, id, 1, 3, 500], [1, true, id, 2, 3, 250],
    ]);
    const built = await hub.gateway.feed.updateFor('cards', 0, undefined, undefined, true);
    assert.ok(built && built.frames.length === 3 && built.frames.every((f) => f.length <= SNAPSHOT_CHUNK_MAX_BYTES && decodeFrame(f, HUB_TO_DEVICE_LIMITS).ok));
    // What the device makes of them: the snapshot whole, once the last chunk is in.
    const policy = new Policy({ dir: null, logger: new MemoryLogger() });
    const results = [];
    for (const c of chunks) results.push(await policy.apply(c));
    assert.deepEqual(results.at(-1), { ok: true, name: CARDS, version: 1 });
    assert.deepEqual([0, COUNT - 1, COUNT].map((i) => policy.decide(uid(i)).reason), [AccessReason.ACCESS_REASON_GRANTED, AccessReason.ACCESS_REASON_GRANTED, AccessReason.ACCESS_REASON_DENIED_UNKNOWN_CARD]);
    await policy.stop();
    assert.deepEqual(await cardsLag('door-ctl-1'), { currentVersion: 1, appliedVersion: 0, lag: 1 });
    d.send({ datasetAck: { name: CARDS, version: 1 } });
    await waitFor('lag 0', async () => (await cardsLag('door-ctl-1')).lag === 0);
    assert.deepEqual(logger.find('gateway.dataset_sent').filter((r) => r.fields.dataset === 'cards').map((r) => [r.fields.deviceId, r.fields.chunks]), [['door-ctl-1', 3]]);

    const old = await device('door-ctl-2');
    await waitFor('one frame', () => old.updates(CARDS).length === 1);
    const whole = old.updates(CARDS)[0]!;
    assert.deepEqual([whole.fullSnapshot, whole.chunkCount, whole.snapshotId, whole.cards!.upsert!.length], [true, 0, 0, COUNT]);
  });

  it('resends a refused chunked snapshot once from its first chunk, and not again', async () => {
    const d = await device('door-ctl-1', 1000);
    await waitFor('3 chunks', () => d.updates(CARDS).length === 3);
    // The device lost a chunk (say): it answers the snapshot with the version it holds.
    d.send({ datasetAck: { name: CARDS, version: 0 } });
    await waitFor('sent again', () => d.updates(CARDS).length === 6);
    assert.deepEqual(d.updates(CARDS).slice(3).map((c) => c.chunkIndex), [0, 1, 2]);
    assert.deepEqual(logger.find('gateway.dataset_resent').map((r) => [r.fields.dataset, r.fields.version, r.fields.chunks]), [['cards', 1, 3]]);
    d.send({ datasetAck: { name: CARDS, version: 0 } });
    await waitFor('the second refusal logged', () => logger.find('gateway.dataset_refused').length === 2);
    assert.equal(d.updates(CARDS).length, 6, 'refused twice: not sent a third time');
    assert.deepEqual(logger.find('gateway.dataset_refused').map((r) => [r.fields.snapshot, r.fields.chunks]), [[true, 3], [true, 3]]);
  });

  it('sends a delta past a chunk (600 cards changed) as a chunked snapshot; one frame of delta to a device without chunks', async () => {
    await hub.db.transaction().execute(async (trx) => {
      await recordChange(trx, 'cards', Array.from({ length: 600 }, (_, i) => uid(i)), 0, 10_000);
    });
    const d = await device('door-ctl-1', 1000, [{ name: CARDS, version: 1 }]);
    await waitFor('3 chunks', () => d.updates(CARDS).length === 3);
    assert.deepEqual(d.updates(CARDS).map((c) => [c.version, c.fullSnapshot, c.chunkIndex, c.chunkCount]), [[2, true, 0, 3], [2, true, 1, 3], [2, true, 2, 3]]);
    const old = await device('door-ctl-2', undefined, [{ name: CARDS, version: 1 }]);
    await waitFor('one delta', () => old.updates(CARDS).length === 1);
    const delta = old.updates(CARDS)[0]!;
    assert.deepEqual([delta.fullSnapshot, delta.fromVersion, delta.version, delta.cards!.upsert!.length], [false, 1, 2, 600]);
  });

  it('sends nothing to a device that takes fewer chunks than the snapshot needs, and says so', async () => {
    const d = await device('door-ctl-1', 2);
    await waitFor('the refusal to send logged', () => logger.find('gateway.dataset_too_large').length === 1);
    assert.deepEqual(logger.find('gateway.dataset_too_large').map((r) => [r.fields.deviceId, r.fields.dataset, r.fields.chunks, r.fields.maxChunks]), [['door-ctl-1', 'cards', 3, 2]]);
    assert.equal(d.updates(CARDS).length, 0);
  });
});
