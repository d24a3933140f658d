/**
 * Chunked snapshots end to end, over real WebSockets on loopback: a real hub and a real controller
 * (policy on SQLite, uplink, a door on emulated drivers). A bulk import makes 60,000 cards, which reach
 * the controller as a snapshot of 120 chunks, staged and applied whole, answered by one ack; a link cut
 * mid-snapshot discards what was staged and the hub sends it again from its first chunk in the next
 * session. Until the snapshot is applied the door decides on the cards it held before.
 */
import { BACKENDS } from './pg.js';
import { strict as assert } from 'node:assert';
import { Hub } from '../hub/hub.js';
import { MemoryLogger } from '../lib/log.js';
import { AccessReason, DatasetName } from '../protocol/messages.js';
import type { DatasetStore } from '../controller/dataset-store.js';
import type { DoorDecision } from '../controller/points/door.js';
import { api, makeController, startHubOn, tempDir, waitFor, type TestController } from './helpers.js';

const CARDS = DatasetName.DATASET_NAME_CARDS;
/** With the early card: 60,000 cards, 120 chunks of 500. */
const BULK = 59_999;
const EARLY = '04E0000000000001';
const uid = (i: number) => (0x06000000 + i).toString(16).toUpperCase() + 'B0';

for (const backend of BACKENDS) describe(`chunked snapshots end to end (hub and controller on loopback) (${backend})`, function () {
  this.timeout(60_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let logger: MemoryLogger;
  const running: TestController[] = [];
  /** Lets a held-back chunk go if a test failed before it did (the controller stops after it). */
  let releaseAfter: (() => void) | null = null;

  beforeEach(async () => {
    dir = await tempDir();
    logger = new MemoryLogger();
    hub = await startHubOn(backend, dir.path, logger);
    assert.equal((await api(hub, 'POST', '/api/people', { personId: 'E1', name: 'Early', type: 'student' })).status, 201);
    assert.equal((await api(hub, 'POST', '/api/cards', { uid: EARLY, personId: 'E1' })).status, 201);
  });

  afterEach(async () => {
    releaseAfter?.();
    releaseAfter = null;
    for (const c of running.splice(0)) await c.controller.stop();
    await hub.stop();
    await dir.remove();
  });

  /** A controller online holding the cards dataset of one card (EARLY). */
  async function online(): Promise<TestController> {
    const c = await makeController(hub, dir.path, 'door-ctl-1');
    running.push(c);
    await c.controller.start();
    await waitFor('online with the early card', () => c.controller.uplink.state === 'online' && c.controller.policy.decide(EARLY).granted);
    return c;
  }

  /** 59,999 cards imported in one transaction: a new cards version older ones cannot reach by a delta. */
  async function bulkImport(): Promise<number> {
    return hub.db.transaction().execute(async (trx) => {
      for (let start = 0; start < BULK; start += 500) {
        const ids = Array.from({ length: Math.min(500, BULK - start) }, (_, k) => start + k);
        await trx.insertInto('people').values(ids.map((i) => ({ person_id: `B${i}`, name: `Bulk ${i}`, person_type: 'student', created_at_ms: 0, groups: '[]' }))).execute();
        await trx.insertInto('cards').values(ids.map((i) => ({ card_uid: uid(i), person_id: `B${i}`, status: 'active' as const, created_at_ms: 0, updated_at_ms: 0, groups: '[]' }))).execute();
      }
      const row = await trx.selectFrom('datasets').select('version').where('name', '=', 'cards').executeTakeFirstOrThrow();
      const version = Number(row.version) + 1;
      await trx.updateTable('datasets').set({ version, log_floor_version: version, updated_at_ms: 0 }).where('name', '=', 'cards').execute();
      return version;
    });
  }

  async function cardsLag(): Promise<{ currentVersion: number; appliedVersion: number; lag: number }> {
    const list = (await api(hub, 'GET', '/api/devices')).body.devices as { deviceId: string; datasets: Record<string, { currentVersion: number; appliedVersion: number; lag: number }> }[];
    return list.find((d) => d.deviceId === 'door-ctl-1')!.datasets.cards!;
  }

  function tap(c: TestController, card: string): Promise<DoorDecision> {
    return new Promise((resolve) => {
      const off = c.controller.door('door-a').onDecision((d) => {
        off();
        resolve(d);
      });
      c.drivers.reader('door-a/reader').tap(card);
    });
  }

  const sent = () => logger.find('gateway.dataset_sent').filter((r) => r.fields.dataset === 'cards').map((r) => [r.fields.version, r.fields.snapshot, r.fields.chunks]);

  it('brings 60,000 cards to a controller as 120 chunks, applied whole and acknowledged once', async () => {
    const c = await online();
    const held = c.controller.policy.version(CARDS);
    const version = await bulkImport();
    await hub.gateway.pushDataset('cards');
    await waitFor('the snapshot applied', () => c.controller.policy.version(CARDS) === version, 30_000);
    assert.deepEqual(sent(), [[held, true, undefined], [version, true, 120]], 'the early card whole, then 60,000 cards in 120 chunks');
    await waitFor('lag 0', async () => (await cardsLag()).lag === 0);
    assert.deepEqual(c.logger.find('uplink.dataset_applied').filter((r) => r.fields.dataset === 'cards').map((r) => [r.fields.version, r.fields.chunks]), [[held, undefined], [version, 120]]);
    assert.equal(c.logger.find('uplink.snapshot_chunk_staged').length, 119, 'chunks 0-118 staged, the last applied the snapshot');
    assert.equal(c.controller.policy.stagingOf(CARDS), undefined);
    assert.deepEqual([(await tap(c, uid(0))).granted, (await tap(c, uid(BULK - 1))).granted, (await tap(c, EARLY)).granted], [true, true, true]);
  });

  it('discards the staged chunks when the link breaks mid-snapshot; the door decides on the cards held before until the snapshot sent again is applied', async () => {
    const c = await online();
    const held = c.controller.policy.version(CARDS);
    // Chunk 1 waits until the test lets it go, so the link can be cut with chunk 0 staged.
    const store = (c.controller.policy as unknown as { store: DatasetStore }).store;
    const stage = store.stage.bind(store);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    releaseAfter = release;
    let staged = 0;
    store.stage = async (rows) => {
      if (++staged === 2) await gate;
      return stage(rows);
    };
    const version = await bulkImport();
    await hub.gateway.pushDataset('cards');
    await waitFor('chunk 0 staged, chunk 1 held back', () => staged === 2);
    assert.deepEqual(c.controller.policy.stagingOf(CARDS)?.stagedChunks, 1);
    assert.deepEqual([(await tap(c, EARLY)).reason, (await tap(c, uid(0))).reason], [AccessReason.ACCESS_REASON_GRANTED, AccessReason.ACCESS_REASON_DENIED_UNKNOWN_CARD], 'decided on the cards held');
    // The link breaks on the controller's side (as when it finds the hub silent): the chunks not
    // read yet are lost with it.
    (c.controller.uplink as unknown as { ws: { terminate(): void } }).ws.terminate();
    await waitFor('the controller offline', () => c.controller.uplink.state !== 'online');
    release();
    await waitFor('the snapshot applied in the next session', () => c.controller.policy.version(CARDS) === version, 30_000);
    assert.ok(c.logger.find('uplink.disconnected').length >= 1 && c.logger.find('uplink.online').length === 2, 'applied in a second session');
    const discarded = c.logger.find('uplink.snapshot_discarded');
    assert.deepEqual(discarded.map((r) => [r.fields.code, r.fields.version, r.fields.held, r.fields.chunkCount]), [['link_lost', version, held, 120]]);
    // Chunk 1 and any chunk read before the socket paused were staged, then dropped.
    assert.ok((discarded[0]!.fields.stagedChunks as number) >= 2);
    assert.deepEqual(sent(), [[held, true, undefined], [version, true, 120], [version, true, 120]], 'sent again whole, from its first chunk');
    await waitFor('lag 0', async () => (await cardsLag()).lag === 0);
    assert.deepEqual([(await tap(c, uid(BULK - 1))).granted, (await tap(c, EARLY)).granted], [true, true]);
  });

  it('takes its chunk limits from the controller config (datasets.maxSnapshotChunks, maxStagedSnapshotBytes): the hub does not send it a snapshot of more chunks', async () => {
    const c = await makeController(hub, dir.path, 'door-ctl-1', { datasets: { maxSnapshotChunks: 100, maxStagedSnapshotBytes: 8 * 1024 * 1024 } });
    running.push(c);
    await c.controller.start();
    await waitFor('online with the early card', () => c.controller.uplink.state === 'online' && c.controller.policy.decide(EARLY).granted);
    assert.deepEqual([c.controller.policy.maxSnapshotChunks, c.controller.policy.maxStagedBytes], [100, 8 * 1024 * 1024]);
    const version = await bulkImport();
    await hub.gateway.pushDataset('cards');
    await waitFor('the hub declining to send', () => logger.find('gateway.dataset_too_large').length === 1);
    assert.deepEqual(logger.find('gateway.dataset_too_large').map((r) => [r.fields.deviceId, r.fields.version, r.fields.chunks, r.fields.maxChunks]), [['door-ctl-1', version, 120, 100]]);
    assert.equal(c.controller.policy.decide(uid(0)).granted, false, 'the bulk cards not sent');
  });
});
