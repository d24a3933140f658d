/**
 * A campus-sized cards dataset through the hub's own update builder: 100,000 cards with holder
 * type, validity window and groups make one snapshot frame that a device accepts (within
 * HUB_TO_DEVICE_LIMITS) and applies whole.
 */
import { BACKENDS } from '../test/pg.js';
import { strict as assert } from 'node:assert';
import { Hub } from './hub.js';
import { DatasetName } from '../protocol/messages.js';
import { HUB_TO_DEVICE_LIMITS, decodeFrame } from '../protocol/wire.js';
import { Policy } from '../controller/policy.js';
import { MemoryLogger } from '../lib/log.js';
import { startHubOn, tempDir } from '../test/helpers.js';

const CARDS = 100_000;
const uid = (i: number) => (0x04000000 + i).toString(16).toUpperCase() + 'A1B2';

for (const backend of BACKENDS) describe(`cards dataset at campus size (${backend})`, function () {
  this.timeout(60_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;

  before(async () => {
    dir = await tempDir();
    hub = await startHubOn(backend, dir.path, new MemoryLogger());
    const from = Date.parse('2025-09-01T00:00:00+08:00');
    const until = Date.parse('2029-07-01T00:00:00+08:00');
    // A bulk import: one transaction, one new version of the cards dataset (too big for its log).
    await hub.db.transaction().execute(async (trx) => {
      for (let start = 0; start < CARDS; start += 500) {
        const ids = Array.from({ length: Math.min(500, CARDS - start) }, (_, k) => start + k);
        await trx.insertInto('people').values(ids.map((i) => ({
          person_id: `S${String(2025000000 + i)}`, name: `Student ${i}`, person_type: i % 10 === 0 ? 'staff' : 'student', created_at_ms: 0,
          valid_from_ms: from, valid_until_ms: until, groups: JSON.stringify([`dorm-${i % 50}-north`, ...(i % 3 === 0 ? ['gym'] : [])]),
        }))).execute();
        await trx.insertInto('cards').values(ids.map((i) => ({
          card_uid: uid(i), person_id: `S${String(2025000000 + i)}`, status: 'active' as const, created_at_ms: 0, updated_at_ms: 0,
          valid_from_ms: null, valid_until_ms: null, groups: '[]',
        }))).execute();
      }
      await trx.updateTable('datasets').set({ version: 1, log_floor_version: 1, updated_at_ms: 0 }).where('name', '=', 'cards').execute();
    });
  });

  after(async () => {
    await hub.stop();
    await dir.remove();
  });

  it('builds a snapshot of 100,000 cards that a device decodes within its frame limits and applies whole', async () => {
    const built = await hub.gateway.feed.updateFor('cards', 0);
    assert.ok(built);
    assert.equal(built.snapshot, true);
    assert.equal(built.frames.length, 1, 'one frame for a device without chunked snapshots');
    const frame = built.frames[0]!;
    assert.ok(frame.length < HUB_TO_DEVICE_LIMITS.maxFrameBytes / 2, `${frame.length} bytes: half the frame limit or less leaves room to grow`);
    const decoded = decodeFrame(frame, HUB_TO_DEVICE_LIMITS);
    assert.ok(decoded.ok, decoded.ok ? '' : decoded.message);
    const update = decoded.envelope.datasetUpdate!;
    assert.equal(update.cards!.upsert!.length, CARDS);
    assert.deepEqual(
      { ...update.cards!.upsert![3], validFromUnixMs: Number(update.cards!.upsert![3]!.validFromUnixMs), validUntilUnixMs: Number(update.cards!.upsert![3]!.validUntilUnixMs) },
      { cardUid: uid(3), personId: 'S2025000003', personType: 'student', validFromUnixMs: Date.parse('2025-09-01T00:00:00+08:00'), validUntilUnixMs: Date.parse('2029-07-01T00:00:00+08:00'), groups: ['dorm-3-north', 'gym'] },
    );
    const policy = new Policy({ dir: null, logger: new MemoryLogger(), now: () => Date.parse('2026-03-01T00:00:00Z') });
    assert.deepEqual(await policy.apply(update), { ok: true, name: DatasetName.DATASET_NAME_CARDS, version: 1 });
    assert.deepEqual([policy.decide(uid(0)).granted, policy.decide(uid(CARDS - 1)).granted, policy.decide(uid(CARDS)).granted], [true, true, false]);
    assert.equal(await hub.gateway.feed.updateFor('cards', 0), built, 'the built snapshot is shared, not rebuilt for the next device');
    await policy.stop();
  });
});
