import { strict as assert } from 'node:assert';
import { appendFile, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { Journal, type EventDraft } from '../journal.js';
import { listSegments, readJournalDir } from './segments.js';
import { STATE_FILE } from './state.js';
import { ZERO_HASH, eventHash } from '../../protocol/event-chain.js';
import { pb } from '../../protocol/messages.js';
import { MemoryLogger } from '../../lib/log.js';
import { tempDir } from '../../test/helpers.js';

const access = (i: number): EventDraft => ({
  pointId: 'door-a', access: { cardUid: (0x04000000 + i).toString(16).toUpperCase() + 'AB', granted: i % 2 === 0, reason: 1 },
});

describe('journal segments, hash chain and memory', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let logger: MemoryLogger;
  let monoMs = 5000;
  const open = async (extra: Partial<ConstructorParameters<typeof Journal>[0]> = {}) => {
    const j = new Journal({
      dir: dir.path, deviceId: 'dev-1', logger, now: () => 1_700_000_000_000, monotonicNow: () => (monoMs += 1.5), segmentMaxBytes: 1024, ...extra,
    });
    await j.start();
    return j;
  };
  const appendDurable = async (j: Journal, n: number, first = 0) => {
    const results = Array.from({ length: n }, (_, i) => j.append(access(first + i)));
    for (const r of results) {
      assert.ok(r.ok, JSON.stringify(r));
      await r.durable;
    }
  };

  beforeEach(async () => {
    dir = await tempDir();
    logger = new MemoryLogger();
  });
  afterEach(() => dir.remove());

  it('rolls to a new segment file at segmentMaxBytes and reads every event back in order after a restart', async () => {
    const j = await open();
    await appendDurable(j, 200);
    await j.stop();
    const segments = await listSegments(dir.path);
    assert.ok(segments.length >= 10, `200 events of ~40 bytes in 1 KiB segments: ${segments.length} files`);
    assert.equal(segments[0]!.firstSeq, 1);
    for (const s of segments) assert.ok((await stat(s.path)).size <= 1024 + 64, 'a segment is closed once it reaches the limit');
    const again = await open({ memoryWindowEvents: 16 });
    const read: number[] = [];
    for (let from = 1; from <= 200;) {
      const batch = again.durableFrom(from, 37);
      assert.ok(batch.length > 0);
      read.push(...batch.map((e) => e.seq ?? 0));
      from = (batch[batch.length - 1]!.seq ?? 0) + 1;
    }
    assert.deepEqual(read, Array.from({ length: 200 }, (_, i) => i + 1));
    assert.equal(again.durableFrom(150, 1)[0]?.access?.cardUid, access(149).access!.cardUid, 'the payload read back is the one written');
    await again.stop();
  });

  it('chains every event to the SHA-256 of the previous one, from 32 zero bytes, across segments and restarts', async () => {
    const j = await open();
    await appendDurable(j, 60);
    await j.stop();
    const again = await open();
    await appendDurable(again, 60, 60);
    await again.stop();
    const content = await readJournalDir(dir.path, 'dev-1');
    assert.equal(content.events.length, 120);
    assert.deepEqual(content.chainBreaks, []);
    assert.deepEqual(Buffer.from(content.events[0]!.event.prevHash!), ZERO_HASH);
    for (let i = 1; i < content.events.length; i++) {
      assert.deepEqual(Buffer.from(content.events[i]!.event.prevHash!), eventHash(content.events[i - 1]!.payload), `seq ${i + 1}`);
    }
    // An edited record whose CRC was recomputed still reads, but its successor's link breaks.
    const segments = await listSegments(dir.path);
    const data = await readFile(segments[0]!.path);
    const payload = pb.Event.decode(data.subarray(8, 8 + data.readUInt32LE(0)));
    payload.access!.cardUid = payload.access!.cardUid!.replace(/.$/, (c) => (c === 'F' ? 'E' : 'F'));
    const { encodeRecord } = await import('../../protocol/framing.js');
    const edited = encodeRecord(pb.Event.encode(payload).finish());
    assert.equal(edited.length, 8 + data.readUInt32LE(0), 'same length, so the rest of the file stays aligned');
    await writeFile(segments[0]!.path, Buffer.concat([edited, data.subarray(edited.length)]));
    assert.deepEqual((await readJournalDir(dir.path, 'dev-1')).chainBreaks, [2]);
  });

  it('sets wall time and the injected monotonic time on every event', async () => {
    monoMs = 5000;
    const j = await open();
    await appendDurable(j, 3);
    assert.deepEqual(j.durableFrom(1, 3).map((e) => [e.deviceTimeUnixMs, e.monotonicMs]), [
      [1_700_000_000_000, 5001], [1_700_000_000_000, 5003], [1_700_000_000_000, 5004],
    ]);
    await j.stop();
  });

  it('keeps only a bounded window of events in memory and serves older unacknowledged ones from disk', async () => {
    const j = await open({ memoryWindowEvents: 10, segmentMaxBytes: 64 * 1024 });
    await appendDurable(j, 500);
    assert.ok(j.eventsInMemory <= 10, `${j.eventsInMemory} events in memory`);
    const all = j.durableFrom(1, 1000);
    assert.deepEqual(all.map((e) => e.seq), Array.from({ length: 500 }, (_, i) => i + 1));
    j.markAcked(495);
    assert.deepEqual(j.durableFrom(1, 100).map((e) => e.seq), [496, 497, 498, 499, 500]);
    await j.stop();
  });

  it('deletes segments wholly acknowledged, never the one being written, and keeps the rest readable', async () => {
    const j = await open();
    await appendDurable(j, 200);
    const before = (await listSegments(dir.path)).length;
    j.markAcked(120);
    await j.stop(); // waits for the ack write and the deletions
    const left = await listSegments(dir.path);
    assert.ok(left.length < before, `${before} -> ${left.length} segments`);
    const again = await open();
    assert.equal(again.ackedSeq, 120);
    const firstKept = again.durableFrom(1, 1)[0]?.seq;
    assert.equal(firstKept, 121, 'every unacknowledged event is still there');
    assert.ok(left[0]!.firstSeq <= 121);
    again.markAcked(200);
    await again.stop();
    assert.equal((await listSegments(dir.path)).length, 1, 'only the active segment is left');
  });

  it('continues the seq and the chain after every segment file was deleted', async () => {
    const j = await open();
    await appendDurable(j, 100);
    const lastPayload = (await readJournalDir(dir.path)).events.at(-1)!.payload;
    j.markAcked(100);
    await j.stop();
    for (const s of await listSegments(dir.path)) await rm(s.path);
    assert.ok((await readdir(dir.path)).includes(STATE_FILE));
    const again = await open();
    assert.equal(again.lastSeqWritten, 100);
    await appendDurable(again, 1);
    const next = again.durableFrom(101, 1)[0]!;
    assert.equal(next.seq, 101);
    assert.deepEqual(Buffer.from(next.prevHash!), eventHash(lastPayload), 'the chain continues from the last event before the deletion');
    await again.stop();
  });

  it('cuts a corrupt record in an older segment but keeps the later segments, and reports it', async () => {
    const j = await open();
    await appendDurable(j, 200);
    await j.stop();
    const segments = await listSegments(dir.path);
    const victim = segments[2]!;
    const data = await readFile(victim.path);
    data[data.length - 2]! ^= 0x55;
    await writeFile(victim.path, data);
    const again = await open();
    const seqs = again.durableFrom(1, 1000).map((e) => e.seq ?? 0);
    const lostSeq = segments[3]!.firstSeq - 1;
    assert.ok(!seqs.includes(lostSeq), 'the corrupt record is gone');
    assert.ok(seqs.includes(lostSeq + 1) && seqs.includes(200), 'later segments are kept');
    assert.equal(logger.find('journal.tail_truncated')[0]?.fields.reason, 'corrupt');
    assert.equal(again.durableFrom(201, 1)[0]?.alarm?.kind, 'journal_tail_truncated');
    await again.stop();
  });

  it('reports the bytes it dropped from a torn tail in the journal_tail_truncated alarm', async () => {
    const j = await open();
    await appendDurable(j, 5);
    await j.stop();
    const last = (await listSegments(dir.path)).at(-1)!;
    await appendFile(last.path, Buffer.from([0x30, 0, 0, 0, 1, 2, 3])); // a header and part of a payload
    const again = await open();
    assert.equal(again.durableFrom(6, 1)[0]?.alarm?.detail, 'dropped_bytes=7 reason=torn');
    assert.equal(logger.find('journal.tail_truncated')[0]?.fields.droppedBytes, 7);
    await again.stop();
  });
});
