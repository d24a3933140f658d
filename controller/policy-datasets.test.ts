/**
 * The policy's datasets as a device keeps them: validity windows and groups, all-or-nothing
 * updates, persistence across restarts at full scale (100,000 cards and 100,000 blacklisted UIDs),
 * and the move from the JSON files of earlier versions.
 */
import { strict as assert } from 'node:assert';
import { writeFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import { Policy } from './policy.js';
import { DatasetStore } from './dataset-store.js';
import { AccessReason, DatasetName } from '../protocol/messages.js';
import { MemoryLogger } from '../lib/log.js';
import { tempDir } from '../test/helpers.js';

const BL = DatasetName.DATASET_NAME_BLACKLIST;
const CARDS = DatasetName.DATASET_NAME_CARDS;
const A = '04A1B2C3D4E5F6';
const B = '04B2C3D4E5F607';
const uid = (i: number) => (0x10000000 + i).toString(16).toUpperCase();
const DAY_MS = 86_400_000;

describe('policy datasets', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let nowMs: number;
  const open: Policy[] = [];
  beforeEach(async () => {
    dir = await tempDir();
    nowMs = Date.parse('2026-10-01T08:00:00Z');
  });
  afterEach(async () => {
    for (const p of open.splice(0)) await p.stop();
    await dir.remove();
  });

  async function policy(path: string | null = dir.path): Promise<Policy> {
    const p = new Policy({ dir: path, logger: new MemoryLogger(), now: () => nowMs });
    open.push(p);
    await p.start();
    return p;
  }

  it('denies a card before its window opens and from the moment it closes, saying which', async () => {
    const p = await policy();
    const from = nowMs + DAY_MS;
    const until = nowMs + 30 * DAY_MS;
    await p.apply({ name: CARDS, version: 1, fullSnapshot: true, cards: { upsert: [{ cardUid: A, personId: 'T1', personType: 'temporary', validFromUnixMs: from, validUntilUnixMs: until }] } });
    assert.deepEqual(p.decide(A), { granted: false, reason: AccessReason.ACCESS_REASON_DENIED_NOT_YET_VALID });
    nowMs = from;
    assert.deepEqual(p.decide(A), { granted: true, reason: AccessReason.ACCESS_REASON_GRANTED });
    nowMs = until - 1;
    assert.equal(p.decide(A).granted, true);
    nowMs = until;
    assert.deepEqual(p.decide(A), { granted: false, reason: AccessReason.ACCESS_REASON_DENIED_EXPIRED });
    assert.equal(p.card(A)?.personType, 'temporary');
  });

  it('admits at a point naming groups only holders in one of them', async () => {
    const p = await policy();
    await p.apply({ name: CARDS, version: 1, fullSnapshot: true, cards: { upsert: [{ cardUid: A, personId: 'P1', groups: ['dorm-7', 'gym'] }, { cardUid: B, personId: 'P2' }] } });
    assert.equal(p.decide(A, { groups: ['gym'] }).granted, true);
    assert.deepEqual(p.decide(B, { groups: ['gym'] }), { granted: false, reason: AccessReason.ACCESS_REASON_DENIED_NOT_IN_GROUP });
    assert.equal(p.decide(B).granted, true, 'a point naming no groups admits every valid card');
  });

  it('refuses a delta with one bad entry as a whole: nothing of it is applied', async () => {
    const p = await policy();
    await p.apply({ name: CARDS, version: 1, fullSnapshot: true, cards: { upsert: [{ cardUid: A, personId: 'P1' }] } });
    const bad = await p.apply({ name: CARDS, version: 2, fromVersion: 1, cards: { upsert: [{ cardUid: B, personId: 'P2' }, { cardUid: A, personId: 'P1', groups: ['no spaces'] }], removeCardUids: [A] } });
    assert.equal(bad.ok, false);
    assert.match((bad as { message: string }).message, /groups/);
    assert.deepEqual([p.version(CARDS), p.decide(A).granted, p.decide(B).granted], [1, true, false]);
  });

  it('rolls back a write that fails half way, and decisions never see it half applied', async () => {
    const store = new DatasetStore({ path: join(dir.path, 'store.sqlite'), rowsPerChunk: 10 });
    try {
      await store.writeBlacklist(1, true, [{ uid: A, reason: '' }], []);
      const seen: boolean[] = [];
      const rows = Array.from({ length: 100 }, (_, i) => ({ uid: uid(i), personId: 'P', personType: '', validFromMs: 0, validUntilMs: 0, groups: [], accountId: '', dailyLimitFen: 0, offlineDailyLimitFen: 0 }));
      await store.writeCards(1, true, rows.slice(0, 50), []);
      // Row 80 breaks a NOT NULL constraint: the 30 rows before it were written in the same transaction.
      rows[80] = { ...rows[80]!, personId: null as unknown as string };
      const failing = store.writeCards(2, false, rows.slice(50), []);
      // The write yields to the event loop every 10 rows: look between the chunks.
      seen.push(store.card(uid(50)) !== undefined);
      for (let i = 0; i < 2; i++) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        seen.push(store.card(uid(50)) !== undefined, store.card(uid(60)) !== undefined);
      }
      await assert.rejects(failing, /NOT NULL/);
      assert.deepEqual([store.versions().cards, store.count('cards'), store.card(uid(60))], [1, 50, undefined]);
      assert.ok(!seen.includes(true), 'no decision saw an uncommitted row');
    } finally {
      store.close();
    }
  });

  it('decides correctly after a restart without the hub, with 100,000 cards and 100,000 blacklisted UIDs persisted', async function () {
    this.timeout(60_000);
    const p = await policy();
    const upsert = Array.from({ length: 100_000 }, (_, i) => ({ cardUid: uid(i), personId: `P${i}`, personType: 'student', validUntilUnixMs: i % 1000 === 7 ? nowMs - DAY_MS : 0 }));
    assert.ok((await p.apply({ name: CARDS, version: 3, fullSnapshot: true, cards: { upsert } })).ok);
    // Half the blacklist are known cards (lost), half UIDs the device never knew.
    const addCardUids = Array.from({ length: 100_000 }, (_, i) => uid(i % 2 === 0 ? i : 200_000 + i));
    assert.ok((await p.apply({ name: BL, version: 9, fullSnapshot: true, blacklist: { addCardUids } })).ok);
    assert.ok((await p.apply({ name: BL, version: 10, fromVersion: 9, blacklist: { removeCardUids: [uid(0)], addCardUids: [uid(1)] } })).ok);
    await p.stop();
    open.splice(0);

    const again = await policy();
    assert.deepEqual(again.heldVersions().slice(0, 2), [{ name: BL, version: 10 }, { name: CARDS, version: 3 }]);
    const reason = (u: string) => again.decide(u).reason;
    assert.equal(reason(uid(0)), AccessReason.ACCESS_REASON_GRANTED, 'removed from the blacklist by the delta');
    assert.equal(reason(uid(1)), AccessReason.ACCESS_REASON_DENIED_BLACKLISTED, 'added by the delta');
    assert.equal(reason(uid(3)), AccessReason.ACCESS_REASON_GRANTED);
    assert.equal(reason(uid(4)), AccessReason.ACCESS_REASON_DENIED_BLACKLISTED);
    assert.equal(reason(uid(200_003)), AccessReason.ACCESS_REASON_DENIED_BLACKLISTED, 'blacklisted though never a known card');
    assert.equal(again.decide(uid(1007)).reason, AccessReason.ACCESS_REASON_DENIED_EXPIRED);
    assert.equal(reason(uid(150_000)), AccessReason.ACCESS_REASON_DENIED_UNKNOWN_CARD);
    let granted = 0;
    for (let i = 0; i < 100_000; i += 97) if (again.decide(uid(i)).granted) granted++;
    const expected = Array.from({ length: 100_000 }, (_, i) => i).filter((i) => i % 97 === 0 && (i % 2 === 1 ? i !== 1 : i === 0) && i % 1000 !== 7).length;
    assert.equal(granted, expected);
  });

  it('moves datasets from the JSON files of earlier versions into its database once', async () => {
    await writeFile(join(dir.path, 'blacklist.json'), JSON.stringify({ version: 4, blacklist: [B] }));
    await writeFile(join(dir.path, 'cards.json'), JSON.stringify({ version: 2, cards: [[A, 'P1'], [B, 'P2']] }));
    const p = await policy();
    assert.deepEqual(p.heldVersions().slice(0, 2), [{ name: BL, version: 4 }, { name: CARDS, version: 2 }]);
    assert.deepEqual([p.decide(A).granted, p.decide(B).reason], [true, AccessReason.ACCESS_REASON_DENIED_BLACKLISTED]);
    await assert.rejects(access(join(dir.path, 'cards.json')), /ENOENT/);
    await p.stop();
    open.splice(0);
    assert.deepEqual((await policy()).heldVersions().slice(0, 2), [{ name: BL, version: 4 }, { name: CARDS, version: 2 }]);
  });
});
