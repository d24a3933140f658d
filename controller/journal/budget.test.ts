import { strict as assert } from 'node:assert';
import { Journal, type AppendResult, type EventDraft } from '../journal.js';
import { JournalBudget } from './budget.js';
import { MemoryLogger } from '../../lib/log.js';
import { tempDir } from '../../test/helpers.js';

const charge = (amountFen: number): EventDraft => ({ pointId: 'shower-1', charge: { cardUid: '04A1B2C3', amountFen } });
const access = (pointId: string): EventDraft => ({ pointId, access: { cardUid: '04A1B2C3', granted: true, reason: 1 } });
const alarm = (kind: string): EventDraft => ({ pointId: 'door-a', alarm: { kind, active: true } });

describe('journal disk budget', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let logger: MemoryLogger;
  let clockMs = 1_700_000_000_000;
  let journal: Journal;

  const durable = async (r: AppendResult) => {
    assert.ok(r.ok, JSON.stringify(r));
    await r.durable;
    return r.seq;
  };
  /** Resolves once everything appended so far is durable. */
  const settled = () => new Promise<void>((resolve) => {
    const target = journal.lastSeqWritten;
    if (journal.lastDurableSeq >= target) return resolve();
    journal.onDurable((s) => s >= target && resolve());
  });
  const alarms = (from: number) => journal.durableFrom(from, 1000).filter((e) => e.alarm).map((e) => [e.pointId, e.alarm!.kind, e.alarm!.active, e.alarm!.detail]);

  beforeEach(async () => {
    dir = await tempDir();
    logger = new MemoryLogger();
    // 20 may wait; 4 of them only alarms may use.
    journal = new Journal({ dir: dir.path, deviceId: 'dev-1', logger, now: () => clockMs, maxUnackedEvents: 20, alarmReserveEvents: 4 });
    await journal.start();
    for (let i = 0; i < 16; i++) await durable(journal.append(charge(i)));
  });
  afterEach(async () => {
    await journal.stop();
    await dir.remove();
  });

  it('defaults to a reserve of 1 % of the budget for alarms', () => {
    const b = new JournalBudget(1_000_000);
    assert.equal(b.reserve, 10_000);
    assert.equal(b.decide('record', 989_999), 'admit');
    assert.equal(b.decide('record', 990_000), 'refuse');
    assert.equal(b.decide('access', 990_000), 'summarise');
    assert.equal(b.decide('alarm', 2_000_000), 'admit');
  });

  it('refuses a new charge with journal_full without using a seq, and journals that it is full', async () => {
    const before = journal.lastSeqWritten;
    const r = journal.append(charge(99));
    assert.equal(!r.ok && r.reason, 'journal_full');
    assert.match(!r.ok ? r.message : '', /16 events wait for the hub \(limit 16/);
    assert.equal(journal.append(charge(100)).ok, false, 'still refused');
    assert.equal(journal.lastSeqWritten, before + 1, 'only the journal_full alarm took a seq');
    await settled();
    assert.deepEqual(alarms(1), [['journal', 'journal_full', true, 'waiting=16 limit=16']]);
    assert.equal(logger.find('journal.full').length, 1);
  });

  it('lets alarms in through the reserve and even past the budget', async () => {
    for (let i = 0; i < 10; i++) await durable(journal.append(alarm(`door_forced_${i}`)));
    assert.equal(journal.waitingCount, 26);
    assert.equal(logger.find('journal.over_budget').length, 1);
  });

  it('counts access events per point while full and journals one summary alarm per point when room returns', async () => {
    clockMs += 1000;
    const first = journal.append(access('door-a'));
    assert.equal(!first.ok && first.reason, 'access_summarised');
    clockMs += 1000;
    journal.append(access('door-a'));
    journal.append(access('door-b'));
    clockMs += 5000;
    journal.append(access('door-a'));
    const seqBefore = journal.lastSeqWritten; // 16 charges + the journal_full alarm
    assert.equal(seqBefore, 17);
    journal.markAcked(10);
    await settled();
    assert.deepEqual(alarms(11), [
      ['journal', 'journal_full', true, 'waiting=16 limit=16'],
      ['journal', 'journal_full', false, 'waiting=7'],
      ['door-a', 'access_events_summarised', false, `count=3 first_unix_ms=${1_700_000_001_000} last_unix_ms=${1_700_000_007_000}`],
      ['door-b', 'access_events_summarised', false, `count=1 first_unix_ms=${1_700_000_002_000} last_unix_ms=${1_700_000_002_000}`],
    ]);
    assert.equal(await durable(journal.append(access('door-a'))), 21, 'access events are journalled again');
    assert.equal(await durable(journal.append(charge(5))), 22, 'and charges');
  });

  it('journals the counts at stop even while still full, so a restart loses none', async () => {
    journal.append(access('door-c'));
    journal.append(access('door-c'));
    await journal.stop();
    const again = new Journal({ dir: dir.path, deviceId: 'dev-1', logger, maxUnackedEvents: 20, alarmReserveEvents: 4 });
    await again.start();
    const last = again.durableFrom(again.lastSeqWritten, 1)[0];
    assert.equal(last?.alarm?.kind, 'access_events_summarised');
    assert.match(last?.alarm?.detail ?? '', /^count=2 /);
    journal = again;
  });
});
