import { strict as assert } from 'node:assert';
import { Policy } from './policy.js';
import { AccessReason, DatasetName } from '../protocol/messages.js';
import { MemoryLogger } from '../lib/log.js';
import { tempDir } from '../test/helpers.js';

const A = '04A1B2C3D4E5F6';
const B = '04B2C3D4E5F607';
const BL = DatasetName.DATASET_NAME_BLACKLIST;
const CARDS = DatasetName.DATASET_NAME_CARDS;

describe('policy', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  async function policyWithCards(): Promise<Policy> {
    const p = new Policy({ dir: dir.path, logger: new MemoryLogger() });
    await p.start();
    const r = await p.apply({ name: CARDS, version: 1, fullSnapshot: true, cards: { upsert: [{ cardUid: A, personId: 'P1' }, { cardUid: B, personId: 'P2' }] } });
    assert.ok(r.ok);
    return p;
  }

  it('denies every card before any dataset arrived (fail-secure)', async () => {
    const p = new Policy({ dir: dir.path, logger: new MemoryLogger() });
    await p.start();
    assert.deepEqual(p.decide(A), { granted: false, reason: AccessReason.ACCESS_REASON_DENIED_UNKNOWN_CARD });
  });

  it('lets the blacklist win over the cards list', async () => {
    const p = await policyWithCards();
    await p.apply({ name: BL, version: 1, fullSnapshot: true, blacklist: { addCardUids: [A] } });
    assert.deepEqual(p.decide(A), { granted: false, reason: AccessReason.ACCESS_REASON_DENIED_BLACKLISTED });
    assert.equal(p.decide(B).granted, true);
  });

  it('applies a delta only on top of the version it starts from', async () => {
    const p = await policyWithCards();
    await p.apply({ name: BL, version: 1, fullSnapshot: true, blacklist: { addCardUids: [A] } });
    const skipped = await p.apply({ name: BL, version: 3, fromVersion: 2, blacklist: { addCardUids: [B] } });
    assert.equal(skipped.ok, false);
    assert.equal(p.version(BL), 1);
    assert.equal(p.decide(B).granted, true, 'a refused delta changes nothing');
    const delta = await p.apply({ name: BL, version: 2, fromVersion: 1, blacklist: { addCardUids: [B], removeCardUids: [A] } });
    assert.ok(delta.ok);
    assert.deepEqual([p.decide(A).granted, p.decide(B).granted, p.version(BL)], [true, false, 2]);
  });

  it('keeps what it applied across a restart', async () => {
    const p = await policyWithCards();
    await p.apply({ name: BL, version: 4, fullSnapshot: true, blacklist: { addCardUids: [B] } });
    await p.stop();
    const again = new Policy({ dir: dir.path, logger: new MemoryLogger() });
    await again.start();
    assert.deepEqual(again.heldVersions().slice(0, 2), [{ name: BL, version: 4 }, { name: CARDS, version: 1 }]);
    assert.equal(again.decide(B).granted, false);
    assert.equal(again.decide(A).granted, true);
  });

  it('ignores an older snapshot that arrives after a newer one', async () => {
    const p = await policyWithCards();
    await p.apply({ name: BL, version: 5, fullSnapshot: true, blacklist: { addCardUids: [A] } });
    const stale = await p.apply({ name: BL, version: 4, fullSnapshot: true, blacklist: { addCardUids: [] } });
    assert.deepEqual(stale, { ok: true, name: BL, version: 5 });
    assert.equal(p.decide(A).granted, false, 'the lost card stays denied');
  });
});
