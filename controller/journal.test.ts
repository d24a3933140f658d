import { strict as assert } from 'node:assert';
import { appendFile, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { Journal, type EventDraft } from './journal.js';
import { listSegments } from './journal/segments.js';
import { MemoryLogger } from '../lib/log.js';
import { tempDir } from '../test/helpers.js';

const alarm = (kind: string): EventDraft => ({ pointId: 'door-a', alarm: { kind, active: true } });
const charge = (amountFen: number): EventDraft => ({ pointId: 'shower-1', charge: { cardUid: '04A1B2C3', amountFen } });

describe('journal', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let logger: MemoryLogger;
  const open = async (extra: Partial<ConstructorParameters<typeof Journal>[0]> = {}) => {
    const j = new Journal({ dir: dir.path, deviceId: 'dev-1', logger, now: () => 1_700_000_000_000, ...extra });
    await j.start();
    return j;
  };
  /** The journal's only segment file (these tests write far less than one segment). */
  const onlySegment = async () => {
    const segments = await listSegments(dir.path);
    assert.equal(segments.length, 1);
    return segments[0]!.path;
  };
  const appendDurable = async (j: Journal, n: number, draft: (i: number) => EventDraft = (i) => alarm(`a${i}`)) => {
    const results = Array.from({ length: n }, (_, i) => j.append(draft(i)));
    for (const r of results) {
      assert.ok(r.ok);
      await r.durable;
    }
    return results.map((r) => (r.ok ? r.seq : -1));
  };

  beforeEach(async () => {
    dir = await tempDir();
    logger = new MemoryLogger();
  });
  afterEach(() => dir.remove());

  it('numbers events 1, 2, 3 and continues after a restart', async () => {
    const j = await open();
    assert.deepEqual(await appendDurable(j, 3), [1, 2, 3]);
    await j.stop();
    const again = await open();
    assert.equal(again.lastSeqWritten, 3);
    assert.deepEqual(await appendDurable(again, 2), [4, 5]);
    assert.deepEqual(again.durableFrom(1, 10).map((e) => [e.seq, e.deviceId, e.alarm?.kind]), [
      [1, 'dev-1', 'a0'], [2, 'dev-1', 'a1'], [3, 'dev-1', 'a2'], [4, 'dev-1', 'a0'], [5, 'dev-1', 'a1'],
    ]);
    await again.stop();
  });

  it('shares one write and fsync among appends that arrive together (group commit)', async () => {
    const j = await open();
    let commits = 0;
    j.onDurable(() => commits++);
    await appendDurable(j, 100);
    assert.ok(commits < 100, `100 appends took ${commits} commits`);
    assert.equal(j.lastDurableSeq, 100);
    await j.stop();
  });

  it('truncates a torn tail left by a crash and continues after the last intact record', async () => {
    const j = await open();
    await appendDurable(j, 3);
    await j.stop();
    const path = await onlySegment();
    const size = (await stat(path)).size;
    await truncate(path, size - 3); // the last record was cut short by power loss
    const again = await open();
    // Seq 3 was never durable: it is given again, first to the journal's own report of the cut.
    assert.equal(again.lastSeqWritten, 3);
    assert.equal(logger.find('journal.tail_truncated')[0]?.fields.reason, 'torn');
    const report = again.durableFrom(3, 1)[0];
    assert.equal(report?.alarm?.kind, 'journal_tail_truncated');
    assert.match(report?.alarm?.detail ?? '', /dropped_bytes=\d+ reason=torn/);
    assert.deepEqual(await appendDurable(again, 1), [4]);
    await again.stop();
    const reopened = await open();
    assert.deepEqual(reopened.durableFrom(1, 10).map((e) => e.seq), [1, 2, 3, 4]);
    await reopened.stop();
  });

  it('truncates at a record whose checksum fails', async () => {
    const j = await open();
    await appendDurable(j, 2);
    await j.stop();
    const path = await onlySegment();
    const bytes = await readFile(path);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    await writeFile(path, bytes);
    await appendFile(path, Buffer.from('garbage after the corruption'));
    const again = await open();
    assert.deepEqual(again.durableFrom(1, 10).map((e) => [e.seq, e.alarm?.kind]), [[1, 'a0'], [2, 'journal_tail_truncated']]);
    assert.equal(logger.find('journal.tail_truncated')[0]?.fields.reason, 'corrupt');
    await again.stop();
  });

  it('forgets acknowledged events, remembers the ack across restarts and never reuses an acked seq', async () => {
    const j = await open();
    await appendDurable(j, 5);
    j.markAcked(3);
    assert.deepEqual(j.durableFrom(1, 10).map((e) => e.seq), [4, 5]);
    await j.stop();
    const again = await open();
    assert.equal(again.ackedSeq, 3);
    assert.deepEqual(again.durableFrom(1, 10).map((e) => e.seq), [4, 5]);
    // The hub acknowledges more than this journal holds (the controller was replaced, its
    // predecessor sent seqs up to 40): jump past it; the events 4 and 5 written here are not the
    // hub's 4 and 5, so they are journalled again above the floor, with an alarm saying so.
    again.markAcked(40);
    assert.deepEqual(await appendDurable(again, 1), [44]);
    assert.equal(logger.find('journal.seq_behind_hub').length, 1);
    assert.deepEqual(again.durableFrom(41, 10).map((e) => [e.seq, e.alarm?.kind]), [
      [41, 'a3'], [42, 'a4'], [43, 'journal_renumbered'], [44, 'a0'],
    ]);
    await again.stop();
  });

  it('refuses new charges with journal_full while too many wait for the hub', async () => {
    // 10 may wait, 2 of them reserved for alarms: the 9th charge is refused.
    const j = await open({ maxUnackedEvents: 10, alarmReserveEvents: 2 });
    await appendDurable(j, 8, (i) => charge(100 + i));
    const refused = j.append(charge(999));
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.reason, 'journal_full');
    j.markAcked(5);
    assert.equal(j.append(charge(1000)).ok, true);
    await j.stop();
  });

  it('refuses appends after stop', async () => {
    const j = await open();
    await j.stop();
    const r = j.append(alarm('late'));
    assert.equal(!r.ok && r.reason, 'journal_stopped');
  });

  it('reports a failed write once to its owner and refuses everything after it', async () => {
    const failures: string[] = [];
    const j = await open({ onFailure: (err) => failures.push(err.message) });
    const store = (j as unknown as { store: { write: (...args: unknown[]) => Promise<unknown> } }).store;
    store.write = async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    };
    const first = j.append(alarm('disk'));
    assert.ok(first.ok);
    await assert.rejects(first.durable, /ENOSPC/);
    assert.deepEqual(failures, ['ENOSPC: no space left on device']);
    const later = j.append(alarm('after'));
    assert.equal(!later.ok && later.reason, 'journal_failed');
    await j.stop();
  });
});
