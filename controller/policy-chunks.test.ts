/**
 * Chunked snapshots on the device (controller/policy.ts): chunks staged in the SQLite dataset store,
 * the switch to the snapshot in one transaction once the last chunk is in, and every way a snapshot
 * can break off (a chunk out of order, missing, of another snapshot, refused, past the limits, the
 * link lost, a restart). Throughout, decisions are made on the dataset held before, whole: a card
 * of the held blacklist stays denied while a snapshot without it is half staged.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Policy, type ApplyResult } from './policy.js';
import { AccessReason, DatasetName, type DatasetUpdate } from '../protocol/messages.js';
import { MemoryLogger } from '../lib/log.js';
import { tempDir } from '../test/helpers.js';

const BL = DatasetName.DATASET_NAME_BLACKLIST;
const CARDS = DatasetName.DATASET_NAME_CARDS;
const SCHEDULES = DatasetName.DATASET_NAME_SCHEDULES;
const uid = (i: number) => (0x10000000 + i).toString(16).toUpperCase();
const LOST_CARD = uid(1);
const { ACCESS_REASON_GRANTED: GRANTED, ACCESS_REASON_DENIED_BLACKLISTED: BLACKLISTED, ACCESS_REASON_DENIED_UNKNOWN_CARD: UNKNOWN } = AccessReason;

/** The chunks of a blacklist snapshot: chunk i blacklists the uids of parts[i]. */
function blacklistChunks(version: number, snapshotId: number, parts: string[][]): DatasetUpdate[] {
  return parts.map((uids, chunkIndex) => ({
    name: BL, version, fullSnapshot: true, snapshotId, chunkIndex, chunkCount: parts.length, blacklist: { addCardUids: uids },
  }));
}

function cardsChunks(version: number, snapshotId: number, count: number, perChunk: number): DatasetUpdate[] {
  const chunkCount = Math.ceil(count / perChunk);
  return Array.from({ length: chunkCount }, (_, chunkIndex) => ({
    name: CARDS, version, fullSnapshot: true, snapshotId, chunkIndex, chunkCount,
    cards: { upsert: Array.from({ length: Math.min(perChunk, count - chunkIndex * perChunk) }, (_, k) => ({ cardUid: uid(chunkIndex * perChunk + k), personId: `P${chunkIndex * perChunk + k}` })) },
  }));
}

const pending = (r: ApplyResult) => r.ok && 'pending' in r;

describe('policy: chunked snapshots staged in the dataset store', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const open: Policy[] = [];
  let logger: MemoryLogger;

  beforeEach(async () => {
    dir = await tempDir();
    logger = new MemoryLogger();
  });
  afterEach(async () => {
    for (const p of open.splice(0)) await p.stop();
    await dir.remove();
  });

  async function policy(options: { maxSnapshotChunks?: number; maxStagedBytes?: number } = {}): Promise<Policy> {
    const p = new Policy({ dir: dir.path, logger, ...options });
    open.push(p);
    await p.start();
    return p;
  }

  /** A policy holding cards 0..9 (version 1) and a blacklist naming card 1 (version 1). */
  async function holding(options: { maxSnapshotChunks?: number; maxStagedBytes?: number } = {}): Promise<Policy> {
    const p = await policy(options);
    assert.ok((await p.apply({ name: CARDS, version: 1, fullSnapshot: true, cards: { upsert: Array.from({ length: 10 }, (_, i) => ({ cardUid: uid(i), personId: `P${i}` })) } })).ok);
    assert.ok((await p.apply({ name: BL, version: 1, fullSnapshot: true, blacklist: { addCardUids: [LOST_CARD] } })).ok);
    return p;
  }

  /** Rows in the staging table, read from the SQLite file by another connection (what is on disk). */
  function stagedOnDisk(table: string): number | null {
    const db = new Database(join(dir.path, 'datasets.sqlite'), { readonly: true });
    try {
      const exists = db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(`staged_${table}`);
      return exists ? (db.prepare(`select count(*) as n from staged_${table}`).get() as { n: number }).n : null;
    } finally {
      db.close();
    }
  }

  /** Decisions on the held blacklist (version 1): card 1 denied, cards 2 and 3 granted. */
  function decidesOnVersion1(p: Policy, when: string): void {
    assert.deepEqual([p.version(BL), p.decide(LOST_CARD).reason, p.decide(uid(2)).reason, p.decide(uid(3)).reason], [1, BLACKLISTED, GRANTED, GRANTED], when);
  }

  it('stages chunks on disk, decides on the held blacklist until the last chunk, then switches at once', async () => {
    const p = await holding();
    // Version 2 blacklists cards 2 and 3 and no longer card 1, whose chunk comes last.
    const chunks = blacklistChunks(2, 77, [[uid(2)], [uid(100), uid(101)], [uid(3)]]);
    const first = await p.apply(chunks[0]!);
    assert.deepEqual(first, { ok: true, pending: { name: BL, snapshotId: 77, chunkIndex: 0, chunkCount: 3, version: 2, staged: true } });
    decidesOnVersion1(p, 'after chunk 0');
    assert.equal(stagedOnDisk('blacklist'), 1, 'chunk 0 is in the staging table of the SQLite file');
    assert.ok(pending(await p.apply(chunks[1]!)));
    decidesOnVersion1(p, 'after chunk 1: card 1 is not in what is staged, and is still denied');
    assert.equal(stagedOnDisk('blacklist'), 3);
    assert.deepEqual(p.stagingOf(BL), { snapshotId: 77, version: 2, stagedChunks: 2, chunkCount: 3 });
    assert.deepEqual(await p.apply(chunks[2]!), { ok: true, name: BL, version: 2 });
    assert.deepEqual([p.version(BL), p.decide(LOST_CARD).reason, p.decide(uid(2)).reason, p.decide(uid(3)).reason, p.decide(uid(100)).reason], [2, GRANTED, BLACKLISTED, BLACKLISTED, BLACKLISTED]);
    assert.equal(stagedOnDisk('blacklist'), null, 'the staging table became the blacklist');
    assert.equal(p.stagingOf(BL), undefined);

    // Persisted: a restart decides on version 2.
    await p.stop();
    open.splice(0);
    const again = await policy();
    assert.deepEqual([again.version(BL), again.decide(LOST_CARD).reason, again.decide(uid(3)).reason], [2, GRANTED, BLACKLISTED]);
  });

  it('never decides on a half-staged snapshot while it is written, taps between the chunks included', async () => {
    const p = await holding();
    const chunks = cardsChunks(2, 5, 25_000, 10_000);
    const seen = new Set<number>();
    let stop = false;
    // A tap every turn of the event loop while the chunks are applied: card 20,000 is unknown at
    // version 1 (denied) and known at version 2 (granted), card 5 known in both.
    const taps = (async () => {
      while (!stop) {
        const version = p.version(CARDS);
        const reasons = [p.decide(uid(20_000)).reason, p.decide(uid(12_000)).reason];
        assert.deepEqual(reasons, version === 1 ? [UNKNOWN, UNKNOWN] : [GRANTED, GRANTED], `decisions at version ${version}`);
        seen.add(version);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    })();
    const results = [];
    for (const c of chunks) results.push(await p.apply(c));
    await new Promise<void>((resolve) => setImmediate(resolve));
    stop = true;
    await taps;
    assert.deepEqual(results.map((r) => (r.ok && 'pending' in r ? 'pending' : r.ok ? r.version : r.message)), ['pending', 'pending', 2]);
    assert.deepEqual([...seen].sort(), [1, 2], 'taps were decided while the snapshot was staged, and after');
    assert.deepEqual([p.decide(uid(24_999)).reason, p.decide(uid(25_000)).reason, p.decide(LOST_CARD).reason], [GRANTED, UNKNOWN, BLACKLISTED]);
  });

  it('discards the staging at a chunk out of order, answers the snapshot once, drops its later chunks, and applies it when sent again from scratch', async () => {
    const p = await holding();
    const chunks = blacklistChunks(2, 9, [[uid(2)], [uid(3)], [uid(4)], [uid(5)]]);
    assert.ok(pending(await p.apply(chunks[0]!)));
    const skipped = await p.apply(chunks[2]!);
    assert.deepEqual(skipped, { ok: false, code: 'chunk_out_of_order', message: 'chunk 2 of snapshot 9 came when chunk 1 was due' });
    decidesOnVersion1(p, 'after the staging was discarded');
    assert.equal(stagedOnDisk('blacklist'), null, 'the staged chunk was dropped');
    assert.deepEqual(await p.apply(chunks[3]!), { ok: true, pending: { name: BL, snapshotId: 9, chunkIndex: 3, chunkCount: 4, version: 2, staged: false } }, 'the rest of an answered snapshot gets no answer');
    decidesOnVersion1(p, 'after the rest');
    // The hub sends it again from its first chunk.
    const results = [];
    for (const c of chunks) results.push(await p.apply(c));
    assert.deepEqual(results.at(-1), { ok: true, name: BL, version: 2 });
    assert.deepEqual([p.decide(LOST_CARD).reason, p.decide(uid(5)).reason], [GRANTED, BLACKLISTED]);
  });

  it('answers a snapshot whose last chunk never came when the next update of the dataset arrives, then applies that update', async () => {
    const p = await holding();
    const chunks = blacklistChunks(3, 10, [[uid(2)], [uid(3)], [uid(4)]]);
    assert.ok(pending(await p.apply(chunks[0]!)));
    assert.ok(pending(await p.apply(chunks[1]!)));
    // A delta from the held version 1: the snapshot was cut short.
    const delta = await p.apply({ name: BL, version: 2, fromVersion: 1, blacklist: { addCardUids: [uid(6)] } });
    assert.deepEqual(delta, {
      ok: true, name: BL, version: 2,
      discarded: { name: BL, snapshotId: 10, version: 3, held: 1, stagedChunks: 2, chunkCount: 3, code: 'snapshot_interrupted', message: 'a delta of the dataset came before chunk 2 of 3' },
    });
    assert.deepEqual([p.decide(LOST_CARD).reason, p.decide(uid(6)).reason, p.decide(uid(2)).reason, p.decide(uid(3)).reason], [BLACKLISTED, BLACKLISTED, GRANTED, GRANTED]);
    assert.equal(stagedOnDisk('blacklist'), null);
    // Its last chunk coming late is dropped: the snapshot has had its one answer.
    assert.deepEqual(await p.apply(chunks[2]!), { ok: true, pending: { name: BL, snapshotId: 10, chunkIndex: 2, chunkCount: 3, version: 3, staged: false } });
    assert.equal(p.version(BL), 2);
  });

  it('discards a snapshot when a chunk of another one comes mid-way, and stages the new one', async () => {
    const p = await holding();
    const old = blacklistChunks(2, 11, [[uid(2)], [uid(3)]]);
    const newer = blacklistChunks(3, 12, [[uid(4)], [uid(5)]]);
    assert.ok(pending(await p.apply(old[0]!)));
    const started = await p.apply(newer[0]!);
    assert.equal(started.discarded?.code, 'snapshot_replaced');
    assert.deepEqual([started.discarded?.snapshotId, started.discarded?.held, started.ok && 'pending' in started && started.pending.staged], [11, 1, true]);
    decidesOnVersion1(p, 'between the snapshots');
    assert.deepEqual(await p.apply(newer[1]!), { ok: true, name: BL, version: 3 });
    assert.deepEqual([p.decide(uid(2)).reason, p.decide(uid(4)).reason, p.decide(uid(5)).reason, p.decide(LOST_CARD).reason], [GRANTED, BLACKLISTED, BLACKLISTED, GRANTED]);
    assert.deepEqual(await p.apply(old[1]!), { ok: true, pending: { name: BL, snapshotId: 11, chunkIndex: 1, chunkCount: 2, version: 2, staged: false } }, 'a stray chunk of the replaced snapshot, answered already: dropped');
    assert.equal(p.version(BL), 3);
  });

  it('refuses a snapshot whose first chunk never came, once, and drops its other chunks', async () => {
    const p = await holding();
    const chunks = blacklistChunks(2, 13, [[uid(2)], [uid(3)], [uid(4)]]);
    assert.deepEqual(await p.apply(chunks[1]!), { ok: false, code: 'chunk_without_start', message: 'chunk 1 of snapshot 13 came without the chunks before it' });
    assert.ok(pending(await p.apply(chunks[2]!)), 'its later chunks get no answer');
    decidesOnVersion1(p, 'nothing was staged');
  });

  it('refuses a chunk with a bad entry: the whole snapshot is discarded, nothing of it applied', async () => {
    const p = await holding();
    const chunks = blacklistChunks(2, 14, [[uid(2)], ['not-a-uid'], [uid(4)]]);
    assert.ok(pending(await p.apply(chunks[0]!)));
    const refused = await p.apply(chunks[1]!);
    assert.equal(refused.ok, false);
    assert.deepEqual([!refused.ok && refused.code, !refused.ok && refused.message], ['chunk_refused', 'chunk 1 of snapshot 14: blacklist.add_card_uids[0]: not 8-20 upper-case hex digits']);
    decidesOnVersion1(p, 'after the refusal');
    assert.equal(stagedOnDisk('blacklist'), null);
  });

  it('refuses a chunk naming another version or chunk count than its snapshot', async () => {
    const p = await holding();
    const chunks = blacklistChunks(2, 15, [[uid(2)], [uid(3)]]);
    assert.ok(pending(await p.apply(chunks[0]!)));
    const r = await p.apply({ ...chunks[1]!, version: 5 });
    assert.deepEqual(r, { ok: false, code: 'chunk_mismatch', message: 'chunk 1 of snapshot 15 names version 5 of 2 chunks, its first chunk version 2 of 2' });
    decidesOnVersion1(p, 'after the mismatch');
  });

  it('holds to its limits: most chunks in a snapshot and most bytes staged', async () => {
    const few = await holding({ maxSnapshotChunks: 3 });
    const many = blacklistChunks(2, 16, [[uid(2)], [uid(3)], [uid(4)], [uid(5)]]);
    assert.deepEqual(await few.apply(many[0]!), { ok: false, code: 'too_many_chunks', message: 'snapshot 16 of 4 chunks: this device takes at most 3' });
    assert.equal((await few.apply(many[1]!)).ok, true, 'its other chunks are dropped unanswered');
    decidesOnVersion1(few, 'after too many chunks');
    await few.stop();
    open.splice(0);

    // Each chunk stages 2 UIDs of 8 characters: 16 bytes; 40 bytes hold two chunks, not three.
    const small = await policy({ maxStagedBytes: 40 });
    const chunks = blacklistChunks(2, 17, [[uid(2), uid(3)], [uid(4), uid(5)], [uid(6), uid(7)]]);
    assert.ok(pending(await small.apply(chunks[0]!)));
    assert.ok(pending(await small.apply(chunks[1]!)));
    assert.deepEqual(await small.apply(chunks[2]!), { ok: false, code: 'staged_bytes_exceeded', message: "chunk 2 of snapshot 17: 48 bytes staged would pass this device's 40" });
    assert.deepEqual([small.version(BL), small.decide(LOST_CARD).reason, small.decide(uid(2)).reason], [1, BLACKLISTED, GRANTED]);
    assert.equal(stagedOnDisk('blacklist'), null);
  });

  it('answers a snapshot of a version already held at its first chunk and drops the rest', async () => {
    const p = await holding();
    const chunks = blacklistChunks(1, 18, [[uid(2)], [uid(3)]]);
    assert.deepEqual(await p.apply(chunks[0]!), { ok: true, name: BL, version: 1 });
    assert.ok(pending(await p.apply(chunks[1]!)));
    decidesOnVersion1(p, 'a version held is not staged again');
  });

  it('discards what was staged when the link is lost, and at a restart', async () => {
    const p = await holding();
    const chunks = blacklistChunks(2, 19, [[uid(2)], [uid(3)]]);
    assert.ok(pending(await p.apply(chunks[0]!)));
    const discarded = await p.discardStaging('link_lost', 'the link to the hub broke mid-snapshot');
    assert.deepEqual(discarded.map((d) => [d.snapshotId, d.code, d.stagedChunks, d.held]), [[19, 'link_lost', 1, 1]]);
    assert.equal(stagedOnDisk('blacklist'), null);
    decidesOnVersion1(p, 'after the link was lost');
    // The next session's hub starts over.
    for (const c of chunks) await p.apply(c);
    assert.equal(p.version(BL), 2);

    // A restart mid-snapshot: the staging tables left behind are dropped, the version held kept.
    assert.ok(pending(await p.apply(blacklistChunks(3, 20, [[uid(7)], [uid(8)]])[0]!)));
    assert.equal(stagedOnDisk('blacklist'), 1);
    await p.stop();
    open.splice(0);
    const again = await policy();
    assert.deepEqual(logger.find('policy.snapshot_discarded').map((r) => [r.fields.dataset, r.fields.code]), [['blacklist', 'restarted']]);
    assert.equal(stagedOnDisk('blacklist'), null);
    assert.deepEqual([again.version(BL), again.decide(uid(2)).reason, again.decide(uid(7)).reason], [2, BLACKLISTED, GRANTED]);
    assert.equal((await again.apply(blacklistChunks(3, 20, [[uid(7)], [uid(8)]])[1]!)).ok, false, 'the rest of the snapshot from before the restart is refused');
  });

  it('stages a dataset of two tables (schedules and holidays) and swaps both', async () => {
    const p = await policy();
    const period = { daysMask: 0x7f, startMinute: 0, endMinute: 1440 };
    assert.ok((await p.apply({ name: SCHEDULES, version: 1, fullSnapshot: true, schedules: { upsert: [{ scheduleId: 'old', periods: [period] }], addHolidays: ['2026-10-01'] } })).ok);
    const base = { name: SCHEDULES, version: 2, fullSnapshot: true, snapshotId: 21, chunkCount: 2 };
    assert.ok(pending(await p.apply({ ...base, chunkIndex: 0, schedules: { upsert: [{ scheduleId: 'day', periods: [period] }] } })));
    assert.deepEqual([p.schedule('old') !== undefined, p.schedule('day'), p.isHoliday('2026-10-01')], [true, undefined, true]);
    assert.deepEqual(await p.apply({ ...base, chunkIndex: 1, schedules: { addHolidays: ['2027-01-01'] } }), { ok: true, name: SCHEDULES, version: 2 });
    assert.deepEqual([p.schedule('old'), p.schedule('day')?.id, p.isHoliday('2026-10-01'), p.isHoliday('2027-01-01')], [undefined, 'day', false, true]);
  });

  it('keeps one-frame updates as they were: chunk_count 0 or 1 is a whole snapshot', async () => {
    const p = await holding();
    assert.deepEqual(await p.apply({ name: BL, version: 2, fullSnapshot: true, snapshotId: 3, chunkIndex: 0, chunkCount: 1, blacklist: { addCardUids: [uid(2)] } }), { ok: true, name: BL, version: 2 });
    assert.deepEqual(await p.apply({ name: BL, version: 3, fullSnapshot: true, chunkCount: 0, blacklist: { addCardUids: [uid(3)] } }), { ok: true, name: BL, version: 3 });
    assert.deepEqual([p.decide(uid(2)).reason, p.decide(uid(3)).reason], [GRANTED, BLACKLISTED]);
    assert.deepEqual(await p.apply({ name: BL, version: 4, fromVersion: 3, chunkIndex: 1, chunkCount: 1, blacklist: {} }), { ok: false, message: 'dataset_update.chunk_index: 1 in an update of chunk_count 1 (whole in one frame)' });
    assert.deepEqual(await p.apply({ name: BL, version: 4, fromVersion: 3, snapshotId: 1, chunkCount: 2, blacklist: {} }), { ok: false, message: 'dataset_update.chunk_count: only a full snapshot is sent in chunks' });
  });
});
