import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { SessionEnd } from '../../protocol/messages.js';
import { tempDir } from '../../test/helpers.js';
import { SessionStateFile, type SessionRecord, type StateRecord } from './shower-session-state.js';
import { CARD, POINT_ID, kinds, makeRig, sessionEvents, type Rig } from './shower-test-rig.js';

const CLOSE = 3;

describe('shower point: restart with a session open', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let rig: Rig | null = null;

  beforeEach(async () => {
    dir = await tempDir('onecard-shower-');
  });

  afterEach(async () => {
    await rig?.close();
    rig = null;
    await dir.remove();
  });

  const statePath = () => join(dir.path, 'points', `shower-${POINT_ID}.state`);

  async function readState(): Promise<StateRecord> {
    const file = new SessionStateFile(statePath());
    try {
      return await file.open();
    } finally {
      await file.close();
    }
  }

  async function writeState(record: StateRecord): Promise<void> {
    const file = new SessionStateFile(statePath());
    await file.open();
    await file.write(record);
    await file.close();
  }

  /** A session run to its close, then the state file put back as it was at a moment of the close. */
  async function closedSession(r: Rig): Promise<{ closing: SessionRecord; chargeSeq: number }> {
    await r.tap(CARD);
    r.pulse(800);
    await r.advance(6_000);
    const before = await readState();
    assert.equal(before.phase, 'open');
    await r.tap(CARD);
    const events = await r.events();
    const charge = events.find((e) => e.charge)!;
    const close = events.find((e) => e.showerSession?.phase === CLOSE)!;
    const closing = { ...(before as SessionRecord), phase: 'closing' as const, end: SessionEnd.SESSION_END_TAP, afterSeq: (close.seq ?? 0) - 1 };
    return { closing, chargeSeq: charge.seq ?? 0 };
  }

  it('closes the valve at start and charges what the last PROGRESS metered, with end RESTART, exactly once', async () => {
    const r = await makeRig(dir.path);
    await r.tap(CARD);
    r.pulse(600); // 6 litres, in the PROGRESS at 5 s
    await r.advance(5_500);
    r.pulse(900); // after the last PROGRESS: lost with the process
    await r.advance(1_000);
    assert.equal(r.valveOpen(), true);
    const r2 = await r.restart();
    assert.equal(r2.valveOpen(), false);
    assert.deepEqual(r2.valveCalls(), [false], 'driven closed at start');
    const events = sessionEvents(await r2.events());
    const close = events.find((e) => e.phase === CLOSE)!;
    assert.deepEqual([close.end, close.pulses, close.volumeMl, close.durationMs, close.amountFen], [SessionEnd.SESSION_END_RESTART, 600, 6_000, 5_000, 15]);
    assert.deepEqual(events.filter((e) => e.kind === 'charge').map((e) => [e.sessionId, e.amountFen]), [[`${POINT_ID}-1`, 15]]);
    assert.equal(r2.wallet.balance('acc-1'), 10_000 - 15);
    assert.deepEqual(await readState(), { phase: 'idle' });
    await r2.close();
    const r3 = await makeRig(dir.path);
    rig = r3;
    assert.equal(sessionEvents(await r3.events()).filter((e) => e.kind === 'charge').length, 1, 'a second restart charges nothing more');
    assert.equal(r3.wallet.balance('acc-1'), 10_000 - 15, 'the wallet replays the one charge');
  });

  it('charges nothing metered (0 fen) for a session killed before its first PROGRESS', async () => {
    const r = await makeRig(dir.path);
    await r.tap(CARD);
    r.pulse(300);
    await r.advance(2_000);
    rig = await r.restart();
    const events = sessionEvents(await rig.events());
    assert.deepEqual(events.filter((e) => e.kind === 'charge' || e.phase === CLOSE).map((e) => [e.kind, e.amountFen]), [['session', 0], ['charge', 0]]);
    assert.equal(rig.wallet.reservedFor(CARD), 0);
  });

  it('a session closed and charged, killed before the record went idle, is not charged again', async () => {
    const r = await makeRig(dir.path);
    const { closing, chargeSeq } = await closedSession(r);
    await writeState({ ...closing, closeSeq: chargeSeq - 1, chargeSeq });
    rig = await r.restart();
    assert.equal(sessionEvents(await rig.events()).filter((e) => e.kind === 'charge').length, 1);
    assert.deepEqual(await readState(), { phase: 'idle' });
    assert.equal(rig.logger.find('shower.session_found')[0]?.fields.verdict, 'charged');
  });

  it('a Charge durable before its seq was recorded is found in the journal and not charged again', async () => {
    const r = await makeRig(dir.path);
    const { closing } = await closedSession(r);
    await writeState(closing);
    rig = await r.restart();
    assert.equal(sessionEvents(await rig.events()).filter((e) => e.kind === 'charge').length, 1);
    assert.equal(rig.logger.find('shower.session_found')[0]?.fields.verdict, 'charged');
  });

  it('a Charge the hub acknowledged is not charged again', async () => {
    const r = await makeRig(dir.path);
    const { closing, chargeSeq } = await closedSession(r);
    await writeState({ ...closing, chargeSeq });
    r.journal.markAcked(r.journal.lastSeqWritten);
    rig = await r.restart();
    assert.deepEqual(kinds(await rig.events()), []);
    assert.equal(rig.logger.find('shower.session_found')[0]?.fields.verdict, 'charged');
  });

  it('a closing session whose Charge was lost with the crash is charged at restart, with the end it closed with', async () => {
    const r = await makeRig(dir.path);
    const { closing } = await closedSession(r);
    // As if the CLOSE and Charge written after this record never reached the disk.
    const lost = r.journal.lastSeqWritten;
    await writeState({ ...closing, afterSeq: lost, closeSeq: lost + 1, chargeSeq: lost + 2 });
    rig = await r.restart();
    const closes = sessionEvents(await rig.events()).filter((e) => e.phase === CLOSE || e.kind === 'charge');
    assert.deepEqual(closes.slice(-2).map((e) => [e.kind, e.end ?? null, e.amountFen]), [['session', SessionEnd.SESSION_END_TAP, 20], ['charge', null, 20]]);
    assert.equal(rig.logger.find('shower.session_found')[0]?.fields.verdict, 'uncharged');
  });

  it('an open record whose OPEN event never became durable was never opened: nothing is charged', async () => {
    const r = await makeRig(dir.path);
    await r.close();
    await writeState({
      phase: 'open', sessionId: `${POINT_ID}-99`, openSeq: 99, cardUid: CARD, accountId: 'acc-1', allowanceFen: 100, spendRule: 1,
      tariff: { id: 'hot', basis: 'per_litre', priceMillifen: 2500, minimumChargeFen: 10, maxSessionMs: 0, maxSessionCostFen: 0, fallbackPriceMillifenPerSecond: 500 },
      counts: { pulses: 0, volumeMl: 0, durationMs: 0, timeBilled: false, billedVolumeMl: 0, billedDurationMs: 0 },
    });
    rig = await makeRig(dir.path);
    assert.deepEqual(kinds(await rig.events()), []);
    assert.equal(rig.logger.find('shower.session_found')[0]?.fields.verdict, 'not_opened');
    assert.deepEqual(await readState(), { phase: 'idle' });
    assert.equal(rig.wallet.reservedFor(CARD), 0);
  });
});
