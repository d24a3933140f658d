import { strict as assert } from 'node:assert';
import { AccessReason, ChargeBasis, SessionEnd } from '../../protocol/messages.js';
import { tempDir } from '../../test/helpers.js';
import { MemoryLogger } from '../../lib/log.js';
import type { AppendResult, EventDraft } from '../journal.js';
import { ShowerAlarms, leakDetail, tamperDetail } from './shower-alarms.js';
import type { SessionStateFile } from './shower-session-state.js';
import { CARD, OTHER, PER_LITRE, PER_SECOND, POINT_ID, kinds, makeRig, sessionEvents, type Rig, type RigOptions } from './shower-test-rig.js';

const CLOSE = 3;

describe('shower point: leak, tamper and valve faults', () => {
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
  const alarms = async (r: Rig) => sessionEvents(await r.events()).filter((e) => e.kind === 'alarm').map((e) => [e.alarm, e.active]);
  const valve = (r: Rig) => r.drivers.valveNamed(`${POINT_ID}/valve`);

  it('raises a leak once when pulses come with the valve closed, and clears it when they stop', async () => {
    const r = await start();
    await r.advance(3_000);
    r.pulse(5);
    await r.advance(500);
    assert.deepEqual(await alarms(r), [], 'fewer than leakPulses');
    r.pulse(5);
    await r.advance(500);
    assert.equal(r.point.status().leak, true);
    for (let i = 0; i < 10; i++) {
      r.pulse(50);
      await r.advance(1_000);
    }
    await r.advance(59_000);
    assert.equal(r.point.status().leak, true, 'not yet a minute without pulses');
    await r.advance(1_500);
    assert.equal(r.point.status().leak, false);
    assert.deepEqual(await alarms(r), [['leak', true], ['leak', false]]);
    assert.equal(r.valveOpen(), false);
  });

  it('takes pulses just after the valve closed for water running out, not a leak', async () => {
    const r = await start();
    await r.tap(CARD);
    r.pulse(300);
    await r.advance(2_000);
    await r.tap(CARD);
    r.pulse(30);
    await r.advance(10_000);
    assert.deepEqual(await alarms(r), []);
  });

  it('flow sensor silent with the valve open: flow_tamper, then billed by time from the last pulse', async () => {
    const r = await start();
    await r.tap(CARD);
    r.pulse(200); // 2 litres, seen at 0.5 s
    await r.advance(30_000);
    assert.deepEqual(await alarms(r), []);
    await r.advance(500);
    assert.deepEqual(await alarms(r), [['flow_tamper', true]]);
    await r.advance(30_000);
    await r.tap(CARD); // 60 s after the last pulse
    const events = sessionEvents(await r.events());
    const close = events.find((e) => e.phase === CLOSE)!;
    assert.deepEqual([close.end, close.timeBilled, close.amountFen], [SessionEnd.SESSION_END_TAP, true, 5 + 30]);
    const charge = events.find((e) => e.kind === 'charge')!;
    assert.deepEqual([charge.basis, charge.volumeMl, charge.durationMs, charge.amountFen], [ChargeBasis.CHARGE_BASIS_TIME, 2_000, 60_000, 35]);
    assert.equal(events.filter((e) => e.phase === 2).at(-1)?.timeBilled, true, 'PROGRESS says billed by time');
    r.pulse(10);
    await r.advance(500);
    assert.deepEqual(await alarms(r), [['flow_tamper', true], ['flow_tamper', false]], 'cleared once pulses come again');
  });

  it('a silent sensor still ends the session at sessionTimeoutMs after the last pulse', async () => {
    const r = await start();
    await r.tap(CARD);
    r.pulse(100);
    await r.advance(120_000);
    assert.equal(r.valveOpen(), true);
    await r.advance(500);
    assert.equal(r.valveOpen(), false);
    const close = sessionEvents(await r.events()).find((e) => e.phase === CLOSE)!;
    assert.deepEqual([close.end, close.amountFen], [SessionEnd.SESSION_END_TIMEOUT, 3 + 60]);
  });

  it('a silent sensor with no fallback price closes the session (FAULT), charging the litres metered', async () => {
    const r = await start({ tariff: { ...PER_LITRE, fallbackPriceMillifenPerSecond: 0 } });
    await r.tap(CARD);
    r.pulse(800);
    await r.advance(30_500);
    assert.equal(r.valveOpen(), false);
    const close = sessionEvents(await r.events()).find((e) => e.phase === CLOSE)!;
    assert.deepEqual([close.end, close.amountFen], [SessionEnd.SESSION_END_FAULT, 20]);
    assert.match(String(sessionEvents(await r.events()).find((e) => e.alarm === 'flow_tamper')?.detail), /no fallback price: session closed/);
  });

  it('a per-second shower raises flow_tamper but bills as before', async () => {
    const r = await start({ tariff: PER_SECOND });
    await r.tap(CARD);
    await r.advance(40_000);
    await r.tap(CARD);
    assert.deepEqual(await alarms(r), [['flow_tamper', true]]);
    const charge = sessionEvents(await r.events()).find((e) => e.kind === 'charge')!;
    assert.deepEqual([charge.durationMs, charge.amountFen], [40_000, 12]);
  });

  it('a valve whose hardware comes back from an outage closed ends the running session (FAULT), charged for what was metered', async () => {
    const r = await start();
    await r.tap(CARD);
    r.pulse(900); // two litres
    await r.advance(1_000);
    valve(r).simulateRestore();
    await r.advance(0);
    assert.equal(r.valveOpen(), false);
    assert.equal(r.wallet.reservedFor(CARD), 0, 'the session is over');
    const events = sessionEvents(await r.events());
    const close = events.find((e) => e.phase === CLOSE);
    assert.equal(close?.end, SessionEnd.SESSION_END_FAULT);
    assert.ok(Number(events.find((e) => e.kind === 'charge')?.amountFen) > 0, 'the litres metered are charged');
    assert.deepEqual(await alarms(r), [['valve_fault', true], ['valve_fault', false]]);
  });

  it('a valve that fails to open: closed again, the session closed FAULT with a zero charge, valve_fault raised then cleared', async () => {
    const r = await start();
    valve(r).failNextWrite(new Error('coil open circuit'));
    await r.tap(CARD);
    assert.equal(r.valveOpen(), false);
    assert.equal(r.wallet.reservedFor(CARD), 0);
    await r.tap(CARD);
    assert.equal(r.valveOpen(), true, 'the next tap opens');
    assert.deepEqual(kinds(await r.events()), ['OPEN', 'alarm:valve_fault:true', 'CLOSE', 'charge', 'OPEN', 'alarm:valve_fault:false']);
    const events = sessionEvents(await r.events());
    assert.deepEqual(events.filter((e) => e.phase === CLOSE || e.kind === 'charge').map((e) => [e.kind, e.end ?? null, e.amountFen]), [
      ['session', SessionEnd.SESSION_END_FAULT, 0],
      ['charge', null, 0],
    ]);
    assert.match(String(events[1]!.detail), /opening the valve failed: coil open circuit/);
  });

  it('a valve that fails to close: the session is charged, the point refuses taps (DENIED_POINT_FAULT) until a retry closes it', async () => {
    const r = await start();
    await r.tap(CARD);
    r.pulse(400);
    await r.advance(1_000);
    valve(r).failNextWrite(new Error('relay welded'));
    await r.tap(CARD);
    assert.equal(r.point.status().outOfService, true);
    await r.tap(OTHER);
    assert.deepEqual(sessionEvents(await r.events()).filter((e) => e.kind === 'access').map((e) => e.reason), [AccessReason.ACCESS_REASON_DENIED_POINT_FAULT]);
    assert.deepEqual(sessionEvents(await r.events()).filter((e) => e.kind === 'charge').map((e) => e.amountFen), [10]);
    await r.advance(500);
    assert.equal(r.valveOpen(), false);
    assert.equal(r.point.status().outOfService, false);
    assert.deepEqual(await alarms(r), [['valve_fault', true], ['valve_fault', false]]);
    await r.tap(OTHER);
    assert.equal(r.valveOpen(), true);
  });

  it('a state record that cannot be written: the valve stays closed and the session closes FAULT with a zero charge', async () => {
    const r = await start();
    const state = (r.point as unknown as { records: { file: SessionStateFile } }).records.file as unknown as { writeNow: (record: unknown) => Promise<void> };
    const real = state.writeNow.bind(state);
    let fail = true;
    state.writeNow = async (record) => {
      if (fail) {
        fail = false;
        throw new Error('ENOSPC');
      }
      return real(record);
    };
    await r.tap(CARD);
    assert.deepEqual(r.valveCalls(), [false]);
    assert.deepEqual(kinds(await r.events()), ['OPEN', 'alarm:session_state_failed:true', 'CLOSE', 'charge']);
    assert.equal(sessionEvents(await r.events()).find((e) => e.kind === 'charge')?.amountFen, 0);
    assert.equal(r.wallet.reservedFor(CARD), 0);
  });
});

describe('shower alarms journal', () => {
  const journalled = () => {
    const events: Array<[string, boolean, string]> = [];
    let refuse = false;
    const logger = new MemoryLogger();
    const journal = {
      append: (draft: EventDraft): AppendResult => {
        if (refuse) return { ok: false, reason: 'journal_full', message: 'full' };
        events.push([draft.alarm!.kind!, draft.alarm!.active!, draft.alarm!.detail!]);
        return { ok: true, seq: events.length, durable: Promise.resolve() };
      },
    };
    return { events, logger, alarms: new ShowerAlarms(POINT_ID, { journal, logger }), refuse: () => (refuse = true) };
  };

  it('journals a latched alarm only when it changes; journal() every time', () => {
    const j = journalled();
    j.alarms.latch('valve_fault', false, 'not raised: nothing to clear');
    j.alarms.latch('valve_fault', true, 'stuck');
    j.alarms.latch('valve_fault', true, 'still stuck');
    assert.equal(j.alarms.isActive('valve_fault'), true);
    j.alarms.latch('valve_fault', false, 'closed');
    j.alarms.journal('session_state_failed', true, 'one');
    j.alarms.journal('session_state_failed', true, 'two');
    assert.deepEqual(j.events, [['valve_fault', true, 'stuck'], ['valve_fault', false, 'closed'], ['session_state_failed', true, 'one'], ['session_state_failed', true, 'two']]);
    assert.equal(j.alarms.isActive('valve_fault'), false);
    assert.deepEqual(j.logger.find('shower.alarm').map((r) => r.level), ['warn', 'info', 'warn', 'warn']);
  });

  it('logs an alarm the journal refused', () => {
    const j = journalled();
    j.refuse();
    j.alarms.latch('flow_tamper', true, 'silent');
    assert.deepEqual(j.logger.find('shower.event_not_journalled').map((r) => r.fields.reason), ['journal_full']);
    assert.equal(j.alarms.isActive('flow_tamper'), true, 'the latch follows the state, not the journal');
  });

  it('says how a session is billed once its flow sensor is silent, and what a leak is', () => {
    const tariff = { id: 'hot', basis: 'per_litre', priceMillifen: 2_500, minimumChargeFen: 0, maxSessionMs: 0, maxSessionCostFen: 0, fallbackPriceMillifenPerSecond: 40 } as const;
    assert.equal(tamperDetail(tariff, 60_000.4, 'shower-1-7'), 'valve open, no flow pulse for 60000 ms (session shower-1-7): billed by time from the last pulse at 40 millifen/s');
    assert.match(tamperDetail({ ...tariff, fallbackPriceMillifenPerSecond: 0 }, 60_000, 's'), /no fallback price: session closed$/);
    assert.match(tamperDetail({ ...tariff, basis: 'per_second' }, 60_000, 's'), /billed by time already$/);
    assert.equal(leakDetail(true, 10), '10 or more flow pulses with the valve closed');
    assert.equal(leakDetail(false, 10), 'no flow pulse with the valve closed any more');
  });
});
