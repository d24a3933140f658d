/**
 * The device's half of chunked snapshots, against a scripted hub on loopback: the hello names the
 * chunks the device takes, a snapshot is answered by one ack after its last chunk (none per chunk),
 * a broken-off snapshot by one ack of the version still held, and a link lost mid-snapshot
 * discards what was staged. An update of another dataset sent after the chunks shows, by its ack,
 * that the chunks before it were handled (updates are applied in order).
 */
import { strict as assert } from 'node:assert';
import { AccessReason, DatasetName, type DatasetUpdate } from '../protocol/messages.js';
import { waitFor } from '../test/helpers.js';
import { useScriptedHub } from '../test/scripted-hub.js';

const BL = DatasetName.DATASET_NAME_BLACKLIST;
const TARIFFS = DatasetName.DATASET_NAME_TARIFFS;
const uid = (i: number) => (0x04a10000 + i).toString(16).toUpperCase() + 'F0';
const { ACCESS_REASON_DENIED_BLACKLISTED: BLACKLISTED, ACCESS_REASON_DENIED_UNKNOWN_CARD: UNKNOWN } = AccessReason;

function chunks(version: number, snapshotId: number, parts: string[][]): DatasetUpdate[] {
  return parts.map((uids, chunkIndex) => ({ name: BL, version, fullSnapshot: true, snapshotId, chunkIndex, chunkCount: parts.length, blacklist: { addCardUids: uids } }));
}

describe('uplink: chunked snapshots answered once (scripted hub)', () => {
  const hub = useScriptedHub();
  const { send, acks } = hub;
  let tariffVersion: number;

  beforeEach(() => {
    tariffVersion = 0;
  });

  const blacklistAcks = () => acks().filter(([name]) => name === BL);

  /** Sends a one-frame tariffs snapshot and waits for its ack: every frame sent before it was handled. */
  async function barrier(): Promise<void> {
    tariffVersion++;
    send({ datasetUpdate: { name: TARIFFS, version: tariffVersion, fullSnapshot: true, tariffs: { upsert: [] } } });
    await waitFor(`the tariffs ack ${tariffVersion}`, () => acks().some(([name, v]) => name === TARIFFS && v === tariffVersion));
  }

  it('names the chunks it takes in its hello and answers a snapshot of 3 chunks with one ack, after the last', async () => {
    const { controller } = await hub.online();
    const hello = hub.received.find((e) => e.body === 'hello')!.hello!;
    assert.equal(hello.maxSnapshotChunks, controller.policy.maxSnapshotChunks);
    assert.ok(hello.maxSnapshotChunks! > 1);
    send({ datasetUpdate: { name: BL, version: 1, fullSnapshot: true, blacklist: { addCardUids: [uid(0)] } } });
    const snapshot = chunks(4, 501, [[uid(1)], [uid(2)], [uid(3)]]);
    send({ datasetUpdate: snapshot[0]! });
    send({ datasetUpdate: snapshot[1]! });
    await barrier();
    assert.deepEqual(blacklistAcks(), [[BL, 1]], 'no ack for a chunk');
    assert.deepEqual([controller.policy.decide(uid(0)).reason, controller.policy.decide(uid(1)).reason], [BLACKLISTED, UNKNOWN], 'decided on version 1 meanwhile');
    send({ datasetUpdate: snapshot[2]! });
    await waitFor('the snapshot acked', () => blacklistAcks().length === 2);
    assert.deepEqual(blacklistAcks(), [[BL, 1], [BL, 4]]);
    assert.deepEqual([1, 2, 3].map((i) => controller.policy.decide(uid(i)).reason), [BLACKLISTED, BLACKLISTED, BLACKLISTED]);
    assert.equal(controller.policy.decide(uid(0)).reason, UNKNOWN, 'the snapshot replaced version 1 whole');
  });

  it('answers a snapshot cut by a chunk out of order with the version held, once, and ignores its other chunks', async () => {
    const { controller, logger } = await hub.online();
    send({ datasetUpdate: { name: BL, version: 1, fullSnapshot: true, blacklist: { addCardUids: [uid(0)] } } });
    const snapshot = chunks(2, 502, [[uid(1)], [uid(2)], [uid(3)], [uid(4)]]);
    for (const i of [0, 2, 3]) send({ datasetUpdate: snapshot[i]! });
    await barrier();
    assert.deepEqual(blacklistAcks(), [[BL, 1], [BL, 1]], 'one refusal for the snapshot');
    assert.deepEqual(logger.find('uplink.dataset_refused').map((r) => [r.fields.code, r.fields.snapshotId, r.fields.chunkIndex]), [['chunk_out_of_order', 502, 2]]);
    assert.deepEqual([controller.policy.version(BL), controller.policy.decide(uid(0)).reason, controller.policy.decide(uid(1)).reason], [1, BLACKLISTED, UNKNOWN]);
    // The hub sends it again from its first chunk.
    for (const u of snapshot) send({ datasetUpdate: u });
    await waitFor('the snapshot applied', () => blacklistAcks().length === 3);
    assert.deepEqual(blacklistAcks()[2], [BL, 2]);
  });

  it('answers a snapshot cut short by another update first, then that update', async () => {
    const { controller, logger } = await hub.online();
    send({ datasetUpdate: { name: BL, version: 1, fullSnapshot: true, blacklist: { addCardUids: [uid(0)] } } });
    const snapshot = chunks(3, 503, [[uid(1)], [uid(2)]]);
    send({ datasetUpdate: snapshot[0]! });
    send({ datasetUpdate: { name: BL, version: 2, fromVersion: 1, blacklist: { addCardUids: [uid(5)] } } });
    await waitFor('two answers', () => blacklistAcks().length === 3);
    assert.deepEqual(blacklistAcks(), [[BL, 1], [BL, 1], [BL, 2]]);
    assert.deepEqual(logger.find('uplink.snapshot_discarded').map((r) => [r.fields.code, r.fields.snapshotId, r.fields.stagedChunks, r.fields.held]), [['snapshot_interrupted', 503, 1, 1]]);
    assert.deepEqual([controller.policy.decide(uid(5)).reason, controller.policy.decide(uid(1)).reason], [BLACKLISTED, UNKNOWN]);
  });

  it('discards the staged chunks when the link breaks mid-snapshot; the next session starts over', async () => {
    const { controller, logger } = await hub.online();
    send({ datasetUpdate: { name: BL, version: 1, fullSnapshot: true, blacklist: { addCardUids: [uid(0)] } } });
    const snapshot = chunks(5, 504, [[uid(1)], [uid(2)]]);
    send({ datasetUpdate: snapshot[0]! });
    await barrier();
    assert.equal(controller.policy.stagingOf(BL)?.snapshotId, 504);
    hub.hubSide!.terminate();
    await waitFor('the staging discarded', () => logger.find('uplink.snapshot_discarded').length === 1);
    assert.deepEqual(logger.find('uplink.snapshot_discarded').map((r) => [r.fields.code, r.fields.snapshotId]), [['link_lost', 504]]);
    await waitFor('online again', () => hub.received.filter((e) => e.body === 'hello').length === 2 && controller.uplink.state === 'online');
    const hello = hub.received.filter((e) => e.body === 'hello')[1]!.hello!;
    assert.deepEqual(hello.datasets!.filter((d) => d.name === BL).map((d) => Number(d.version)), [1], 'the hello names the version held');
    assert.equal(controller.policy.stagingOf(BL), undefined);
    // A stray chunk of the old snapshot is refused; then the snapshot sent whole from its first chunk applies.
    send({ datasetUpdate: snapshot[1]! });
    for (const u of snapshot) send({ datasetUpdate: u });
    await waitFor('two answers in the new session', () => blacklistAcks().length === 3);
    assert.deepEqual(blacklistAcks(), [[BL, 1], [BL, 1], [BL, 5]]);
    assert.deepEqual([controller.policy.decide(uid(0)).reason, controller.policy.decide(uid(2)).reason], [UNKNOWN, BLACKLISTED]);
  });

  it('applies a snapshot of 40 chunks sent back to back', async () => {
    const { controller } = await hub.online();
    const parts = Array.from({ length: 40 }, (_, k) => Array.from({ length: 500 }, (_, j) => uid(k * 500 + j)));
    for (const u of chunks(7, 505, parts)) send({ datasetUpdate: u });
    await waitFor('the snapshot acked', () => blacklistAcks().length === 1, 20_000);
    assert.deepEqual(blacklistAcks(), [[BL, 7]]);
    assert.deepEqual([controller.policy.decide(uid(0)).reason, controller.policy.decide(uid(19_999)).reason, controller.policy.decide(uid(20_000)).reason], [BLACKLISTED, BLACKLISTED, UNKNOWN]);
  });
});
