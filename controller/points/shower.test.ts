import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AccessReason, ChargeBasis, SessionEnd, SpendRule } from '../../protocol/messages.js';
import { tempDir } from '../../test/helpers.js';
import { SessionStateFile } from './shower-session-state.js';
import { ShowerPoint } from './shower.js';
import { showerPointSpec } from './shower-config.js';
import { CARD, EXPIRED, LIMITED, LOST, NO_ACCOUNT, OTHER, PER_LITRE, PER_SECOND, POINT_ID, POOR, kinds, makeRig, sessionEvents, type Rig, type RigOptions } from './shower-test-rig.js';

const OPEN = 1;
const CLOSE = 3;

describe('shower point: sessions and charges', () => {
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

  const start = async (options: RigOptions = {}) => (rig = await makeRig(dir.path, options));
  const charges = async (r: Rig) => sessionEvents(await r.events()).filter((e) => e.kind === 'charge');
  const closes = async (r: Rig) => sessionEvents(await r.events()).filter((e) => e.kind === 'session' && e.phase === CLOSE);

  it('opens the valve only once the OPEN event and the state record are durable, with the allowance and its rule', async () => {
    const r = await start();
    const statePath = join(dir.path, 'points', `shower-${POINT_ID}.state`);
    const seen: Array<{ durableSeq: number; written: number; record: string }> = [];
    r.drivers.valveNamed(`${POINT_ID}/valve`).watch((open) => {
      if (open) seen.push({ durableSeq: r.journal.lastDurableSeq, written: r.journal.lastSeqWritten, record: readFileSync(statePath, 'latin1') });
    });
    await r.tap(CARD);
    assert.equal(r.valveOpen(), true);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.durableSeq, seen[0]!.written, 'every event appended before the valve opened was durable');
    assert.match(seen[0]!.record, new RegExp(`"phase":"open","sessionId":"${POINT_ID}-1"`), 'the state record was written');
    const events = sessionEvents(await r.events());
    assert.deepEqual(events.map((e) => [e.kind, e.phase, e.sessionId, e.allowanceFen, e.spendRule]), [
      ['session', OPEN, `${POINT_ID}-1`, 5_000, SpendRule.SPEND_RULE_DAILY_LIMIT],
    ]);
    const state = new SessionStateFile(statePath);
    const record = await state.open();
    await state.close();
    assert.equal(record.phase, 'open');
    assert.equal(record.phase === 'open' && record.sessionId, `${POINT_ID}-1`);
    assert.equal(r.wallet.reservedFor(CARD), 5_000);
  });

  it('closes the valve on a second tap of the same card and charges the litres metered', async () => {
    const r = await start();
    await r.tap(CARD);
    r.pulse(1_000); // 10 litres at 100 pulses per litre
    await r.advance(20_000);
    await r.tap(CARD);
    assert.equal(r.valveOpen(), false);
    assert.deepEqual(r.valveCalls(), [false, true, false]);
    const events = sessionEvents(await r.events());
    const close = events.find((e) => e.phase === CLOSE)!;
    assert.deepEqual([close.end, close.pulses, close.volumeMl, close.durationMs, close.amountFen], [SessionEnd.SESSION_END_TAP, 1_000, 10_000, 20_000, 25]);
    const charge = events.find((e) => e.kind === 'charge')!;
    assert.deepEqual(
      [charge.amountFen, charge.basis, charge.volumeMl, charge.durationMs, charge.accountId, charge.sessionId, charge.minimumApplied],
      [25, ChargeBasis.CHARGE_BASIS_VOLUME, 10_000, 0, 'acc-1', `${POINT_ID}-1`, false],
    );
    assert.equal(r.wallet.reservedFor(CARD), 0, 'reservation released');
    assert.equal(r.wallet.balance('acc-1'), 10_000 - 25);
    assert.deepEqual(r.wallet.spentToday(CARD), { spentFen: 25, offlineSpentFen: 0 });
  });

  it('prices in millifen and rounds the total up to whole fen once', async () => {
    const r = await start({ tariff: { ...PER_LITRE, minimumChargeFen: 0 } });
    await r.tap(CARD);
    for (let i = 0; i < 3; i++) {
      r.pulse(111); // 1.11 litres each: 2.775 fen each, 8.325 fen in all
      await r.advance(1_000);
    }
    await r.tap(CARD);
    assert.deepEqual((await charges(r)).map((c) => [c.amountFen, c.volumeMl]), [[9, 3_330]]);
  });

  it('applies the minimum charge to a session that used water, and charges nothing for one that used none', async () => {
    const r = await start();
    await r.tap(CARD);
    r.pulse(100); // 1 litre: 2.5 fen -> 3, raised to the minimum of 10
    await r.advance(1_000);
    await r.tap(CARD);
    await r.tap(CARD);
    await r.advance(1_000);
    await r.tap(CARD);
    assert.deepEqual((await charges(r)).map((c) => [c.amountFen, c.minimumApplied]), [[10, true], [0, false]]);
  });

  it('refuses with the reason that decided, journals each refusal, and never opens the valve', async () => {
    const r = await start();
    for (const uid of [LOST, '0A0B0C0D', EXPIRED, NO_ACCOUNT, POOR]) await r.tap(uid);
    assert.deepEqual(r.valveCalls(), [false]);
    const refusals = sessionEvents(await r.events()).map((e) => [e.kind, e.cardUid, e.granted, e.reason]);
    assert.deepEqual(refusals, [
      ['access', LOST, false, AccessReason.ACCESS_REASON_DENIED_LOST],
      ['access', '0A0B0C0D', false, AccessReason.ACCESS_REASON_DENIED_UNKNOWN_CARD],
      ['access', EXPIRED, false, AccessReason.ACCESS_REASON_DENIED_EXPIRED],
      ['access', NO_ACCOUNT, false, AccessReason.ACCESS_REASON_DENIED_NO_ACCOUNT],
      ['access', POOR, false, AccessReason.ACCESS_REASON_DENIED_INSUFFICIENT_BALANCE],
    ]);
  });

  it('a card\'s own daily limit sets its allowance (rule DAILY_LIMIT); once spent, DENIED_DAILY_LIMIT', async () => {
    const r = await start();
    await r.tap(LIMITED);
    r.pulse(1_000);
    await r.advance(500);
    assert.equal(r.valveOpen(), false, 'closed when the 10 fen were used');
    await r.tap(LIMITED);
    const events = sessionEvents(await r.events());
    assert.deepEqual([events[0]!.allowanceFen, events[0]!.spendRule], [10, SpendRule.SPEND_RULE_DAILY_LIMIT]);
    assert.deepEqual(events.filter((e) => e.kind === 'charge').map((e) => e.amountFen), [10]);
    assert.deepEqual(events.filter((e) => e.kind === 'access').map((e) => e.reason), [AccessReason.ACCESS_REASON_DENIED_DAILY_LIMIT]);
  });

  it('refuses with DENIED_NO_TARIFF when the tariff is not held', async () => {
    const r = await start({ tariff: null });
    await r.tap(CARD);
    assert.equal(r.valveOpen(), false);
    assert.deepEqual(sessionEvents(await r.events()).map((e) => e.reason), [AccessReason.ACCESS_REASON_DENIED_NO_TARIFF]);
    assert.match(String(r.logger.find('shower.no_tariff')[0]?.fields.reason), /tariff hot is not held/);
  });

  it('refuses with DENIED_NO_TARIFF a per-litre tariff without a fallback price at a shower with no flow sensor', async () => {
    const r = await start({ flowSensor: false, tariff: { ...PER_LITRE, fallbackPriceMillifenPerSecond: 0 } });
    await r.tap(CARD);
    assert.equal(r.valveOpen(), false);
    assert.deepEqual(sessionEvents(await r.events()).map((e) => e.reason), [AccessReason.ACCESS_REASON_DENIED_NO_TARIFF]);
  });

  it('refuses another card while a session runs (DENIED_SESSION_OPEN), and the same card at a second shower', async () => {
    const r = await start();
    await r.tap(CARD);
    await r.tap(OTHER);
    const config = showerPointSpec.parse({ kind: 'shower', id: 'shower-3g', tariff: 'hot', reader: { driver: 'emulated' }, valve: { driver: 'emulated' } });
    const second = new ShowerPoint(config, { drivers: r.drivers, policy: r.policy, wallet: r.wallet, journal: r.journal, logger: r.logger, wallNow: () => r.wallMs.now, clock: r.clock, timeZone: 'Asia/Shanghai', dataDir: join(dir.path, 'points') });
    await second.start();
    try {
      r.drivers.reader('shower-3g/reader').tap(CARD);
      await second.settled();
      assert.equal(r.drivers.valveNamed('shower-3g/valve').isOpenNow(), false);
      r.drivers.reader('shower-3g/reader').tap(OTHER);
      await second.settled();
      assert.equal(r.drivers.valveNamed('shower-3g/valve').isOpenNow(), true, 'the other card showers next door');
    } finally {
      await second.stop();
    }
    const refusals = sessionEvents(await r.events()).filter((e) => e.kind === 'access').map((e) => [e.cardUid, e.reason]);
    assert.deepEqual(refusals, [
      [OTHER, AccessReason.ACCESS_REASON_DENIED_SESSION_OPEN],
      [CARD, AccessReason.ACCESS_REASON_DENIED_SESSION_OPEN],
    ]);
    assert.equal(r.valveOpen(), true, 'the first session runs on');
  });

  it('caps the allowance at the tariff maximum session cost and closes with MAX_COST, charging no more', async () => {
    const r = await start({ tariff: { ...PER_LITRE, maxSessionCostFen: 20 } });
    await r.tap(CARD);
    r.pulse(900); // 9 litres: 22.5 fen
    await r.advance(500);
    assert.equal(r.valveOpen(), false);
    const [close] = await closes(r);
    assert.deepEqual([close!.end, close!.amountFen, close!.allowanceFen, close!.spendRule], [SessionEnd.SESSION_END_MAX_COST, 20, 20, SpendRule.SPEND_RULE_MAX_SESSION_COST]);
    assert.deepEqual((await charges(r)).map((c) => [c.amountFen, c.spendRule]), [[20, SpendRule.SPEND_RULE_MAX_SESSION_COST]]);
  });

  it('closes with FUNDS_EXHAUSTED when the money runs out mid-session, never charging above the balance', async () => {
    const r = await start({ balanceFen: 30 });
    await r.tap(CARD);
    r.pulse(600); // 15 fen
    await r.advance(500);
    assert.equal(r.valveOpen(), true);
    r.pulse(900); // 37.5 fen in all
    await r.advance(500);
    assert.equal(r.valveOpen(), false);
    const [close] = await closes(r);
    assert.deepEqual([close!.end, close!.amountFen, close!.spendRule], [SessionEnd.SESSION_END_FUNDS_EXHAUSTED, 30, SpendRule.SPEND_RULE_BALANCE]);
    assert.equal(r.wallet.balance('acc-1'), 0);
  });

  it('by time: closes exactly when the cost reaches the allowance', async () => {
    const r = await start({ tariff: PER_SECOND, flowSensor: false, balanceFen: 9 });
    await r.tap(CARD);
    await r.advance(29_999);
    assert.equal(r.valveOpen(), true);
    await r.advance(1);
    assert.equal(r.valveOpen(), false, '30 s at 0.3 fen per second is 9 fen');
    const [close] = await closes(r);
    assert.deepEqual([close!.end, close!.durationMs, close!.amountFen], [SessionEnd.SESSION_END_FUNDS_EXHAUSTED, 30_000, 9]);
  });

  it('by time: closes at the tariff maximum session length (MAX_DURATION)', async () => {
    const r = await start({ tariff: { ...PER_SECOND, maxSessionMs: 600_000 }, flowSensor: false, config: { sessionTimeoutMs: 900_000 } });
    await r.tap(CARD);
    await r.advance(599_999);
    assert.equal(r.valveOpen(), true);
    await r.advance(1);
    assert.equal(r.valveOpen(), false);
    const [close] = await closes(r);
    assert.deepEqual([close!.end, close!.durationMs, close!.amountFen], [SessionEnd.SESSION_END_MAX_DURATION, 600_000, 180]);
    assert.deepEqual((await charges(r)).map((c) => [c.basis, c.durationMs, c.volumeMl]), [[ChargeBasis.CHARGE_BASIS_TIME, 600_000, 0]]);
  });

  it('without a flow sensor a per-litre tariff bills by time at its fallback price, and the session lasts at most sessionTimeoutMs', async () => {
    const r = await start({ flowSensor: false });
    await r.tap(CARD);
    await r.advance(119_999);
    assert.equal(r.valveOpen(), true);
    await r.advance(1);
    assert.equal(r.valveOpen(), false);
    const events = sessionEvents(await r.events());
    assert.equal(events[0]!.timeBilled, true, 'OPEN says billed by time');
    const close = events.find((e) => e.phase === CLOSE)!;
    assert.deepEqual([close.end, close.timeBilled, close.amountFen], [SessionEnd.SESSION_END_TIMEOUT, true, 60]);
    assert.deepEqual((await charges(r)).map((c) => [c.basis, c.durationMs, c.amountFen]), [[ChargeBasis.CHARGE_BASIS_TIME, 120_000, 60]]);
  });

  it('with a flow sensor, pulses keep a session alive; sessionTimeoutMs without any closes it (TIMEOUT)', async () => {
    const r = await start({ tariff: PER_SECOND });
    await r.tap(CARD);
    for (let i = 0; i < 18; i++) {
      r.pulse(50);
      await r.advance(10_000);
    }
    assert.equal(r.valveOpen(), true, 'three minutes of flow');
    // The last pulse was seen at the reading 500 ms after it, at 170.5 s.
    await r.advance(110_000);
    assert.equal(r.valveOpen(), true);
    await r.advance(500);
    assert.equal(r.valveOpen(), false, '120 s after the last pulse');
    const [close] = await closes(r);
    assert.deepEqual([close!.end, close!.durationMs, close!.pulses, close!.amountFen], [SessionEnd.SESSION_END_TIMEOUT, 290_500, 900, 88]);
  });

  it('journals PROGRESS with the metered counts every progressIntervalMs', async () => {
    const r = await start();
    await r.tap(CARD);
    r.pulse(200);
    await r.advance(5_000);
    r.pulse(300);
    await r.advance(5_000);
    await r.tap(CARD);
    const progress = sessionEvents(await r.events()).filter((e) => e.phase === 2).map((e) => [e.pulses, e.volumeMl, e.durationMs, e.amountFen]);
    assert.deepEqual(progress, [[200, 2_000, 5_000, 5], [500, 5_000, 10_000, 13]]);
  });

  it('stop() closes a running session (SHUTDOWN), charges it, closes the valve and leaves no timer or listener', async () => {
    const r = await start();
    await r.tap(CARD);
    r.pulse(400);
    await r.advance(2_000);
    await r.point.stop();
    assert.equal(r.valveOpen(), false);
    assert.equal(r.clock.pending, 0);
    assert.throws(() => r.drivers.reader(`${POINT_ID}/reader`).tap(CARD), /not open/);
    const events = sessionEvents(r.journal.durableFrom(1, 100));
    assert.deepEqual(events.map((e) => [e.kind, e.end ?? null, e.amountFen]), [
      ['session', 0, 0],
      ['session', SessionEnd.SESSION_END_SHUTDOWN, 10],
      ['charge', null, 10],
    ]);
    const state = new SessionStateFile(join(dir.path, 'points', `shower-${POINT_ID}.state`));
    assert.deepEqual(await state.open(), { phase: 'idle' }, 'nothing left to settle');
    await state.close();
    await r.wallet.stop();
    await r.journal.stop();
    rig = null;
  });

  it('stop() while the OPEN is being made durable: the valve never opens and the session closes SHUTDOWN, charging nothing', async () => {
    const r = await start();
    const state = (r.point as unknown as { records: { file: SessionStateFile } }).records.file as unknown as { writeNow: (record: unknown) => Promise<void> };
    const real = state.writeNow.bind(state);
    let release!: () => void;
    const writing = new Promise<void>((entered) => {
      state.writeNow = async (record) => {
        entered();
        await new Promise<void>((r2) => (release = r2));
        state.writeNow = real;
        return real(record);
      };
    });
    r.drivers.reader(`${POINT_ID}/reader`).tap(CARD);
    await writing; // the OPEN is appended, its record being written
    const stopped = r.point.stop();
    release();
    await stopped;
    assert.deepEqual(r.valveCalls(), [false, false], 'closed at start and at stop, never opened');
    const events = sessionEvents(r.journal.durableFrom(1, 100));
    assert.deepEqual(events.map((e) => [e.kind, e.end ?? null, e.amountFen]), [['session', 0, 0], ['session', SessionEnd.SESSION_END_SHUTDOWN, 0], ['charge', null, 0]]);
    assert.equal(r.wallet.reservedFor(CARD), 0);
    await r.wallet.stop();
    await r.journal.stop();
    rig = null;
  });

  it('journal full: a tap is refused with DENIED_JOURNAL_FULL and the valve stays closed', async () => {
    const r = await start({ maxUnackedEvents: 4 });
    for (let i = 0; i < 3; i++) r.journal.append({ pointId: 'other', alarm: { kind: 'filler', active: true } });
    await r.tap(CARD);
    assert.equal(r.valveOpen(), false);
    assert.equal(r.wallet.reservedFor(CARD), 0);
    assert.deepEqual(kinds(await r.events()).filter((k) => k !== 'alarm:filler:true'), ['alarm:journal_full:true']);
    assert.equal(r.logger.find('shower.open_not_journalled')[0]?.fields.reason, 'journal_full');
    // The refusal itself was counted for the journal's summary (access events are summarised when full).
    r.journal.markAcked(r.journal.lastSeqWritten);
    const summary = sessionEvents(await r.events()).find((e) => e.alarm === 'access_events_summarised');
    assert.match(String(summary?.detail), /count=1/);
  });

  it('journal full at close: the charge waits (taps refused meanwhile) and is journalled once room returns', async () => {
    const r = await start({ maxUnackedEvents: 5 });
    await r.tap(CARD);
    r.pulse(400);
    for (let i = 0; i < 3; i++) r.journal.append({ pointId: 'other', alarm: { kind: 'filler', active: true } });
    await r.tap(CARD);
    assert.equal(r.valveOpen(), false, 'the valve closes whatever the journal says');
    assert.equal(r.point.status().chargeWaiting, true);
    assert.equal(r.wallet.reservedFor(CARD), 5_000, 'the money stays reserved');
    await r.tap(OTHER);
    assert.equal(r.valveOpen(), false);
    r.journal.markAcked(r.journal.lastSeqWritten);
    await r.advance(500);
    assert.equal(r.point.status().chargeWaiting, false);
    assert.deepEqual((await closes(r)).map((c) => [c.end, c.amountFen]), [[SessionEnd.SESSION_END_TAP, 10]]);
    assert.deepEqual((await charges(r)).map((c) => c.amountFen), [10]);
    assert.equal(r.wallet.reservedFor(CARD), 0);
    r.journal.markAcked(r.journal.lastSeqWritten);
    await r.tap(OTHER);
    assert.equal(r.valveOpen(), true, 'back in service');
  });

  it('refuses to start without a data directory for its session state', async () => {
    const r = await start();
    const config = showerPointSpec.parse({ kind: 'shower', id: 'shower-x', tariff: 'hot', reader: { driver: 'emulated' }, valve: { driver: 'emulated' } });
    const point = new ShowerPoint(config, { drivers: r.drivers, policy: r.policy, wallet: r.wallet, journal: r.journal, logger: r.logger, wallNow: () => 0, clock: r.clock, timeZone: 'Asia/Shanghai' });
    await assert.rejects(point.start(), /shower point shower-x: no data directory/);
    assert.equal((await readFile(join(dir.path, 'points', `shower-${POINT_ID}.state`))).length, 8192);
  });
});
