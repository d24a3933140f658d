/**
 * The hub's periodic check for fault alarms that stand without repeating: a ticket once an alarm
 * stood 10 minutes, once per raise, joining the open ticket of its component, none for an alarm
 * cleared in time; its timer on a manual clock, removed by stop(). On SQLite and PostgreSQL.
 */
import { strict as assert } from 'node:assert';
import type { Kysely } from 'kysely';
import { pb, type Event } from '../protocol/messages.js';
import { generateDeviceKeyPair } from '../protocol/auth.js';
import { ManualClock } from '../lib/manual-clock.js';
import { MemoryLogger } from '../lib/log.js';
import { openTestDatabase, waitFor } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import type { Database } from './db/schema.js';
import { DeviceStore } from './devices.js';
import { EventStore } from './events.js';
import { TicketStore } from './tickets.js';
import { PERSIST_MS } from './ticket-faults.js';
import { PersistentAlarmCheck } from './persistent-alarms.js';

const T0 = Date.UTC(2026, 2, 2, 8, 0);
const MIN = 60_000;

for (const backend of BACKENDS) {
  describe(`persistent fault alarms (${backend})`, function () {
    this.timeout(20_000);
    let db: Kysely<Database>;
    let drop: () => Promise<void>;
    let wall: { ms: number };
    let events: EventStore;
    let tickets: TicketStore;
    let seq: number;
    let check: PersistentAlarmCheck;

    beforeEach(async () => {
      ({ db, drop } = await openTestDatabase(backend));
      wall = { ms: T0 };
      const now = () => wall.ms;
      await new DeviceStore(db, now).register({ deviceId: 'dorm-7', publicKey: generateDeviceKeyPair().publicKeyBase64, name: 'dorm 7' });
      events = new EventStore(db, now);
      tickets = new TicketStore(db, now);
      seq = 0;
      check = new PersistentAlarmCheck({ db, now, clock: new ManualClock(), logger: new MemoryLogger() });
    });
    afterEach(() => drop());

    /** Stores one event of dorm-7 at device time `atMs` (the hub's time moves there too). */
    async function send(atMs: number, fields: Partial<Event>): Promise<number> {
      wall.ms = Math.max(wall.ms, atMs);
      seq += 1;
      const outcome = await events.ingest('dorm-7', [{ seq, deviceTimeUnixMs: atMs, ...fields } as Event]);
      assert.deepEqual(outcome.results, ['created']);
      return seq;
    }
    const alarm = (atMs: number, active: boolean, kind = 'meter_silent', pointId = 'room-1') => send(atMs, { pointId, alarm: { kind, active, detail: active ? 'no answer from the meter' : 'the meter answers again' } });
    const checkAt = (atMs: number) => {
      wall.ms = atMs;
      return check.checkNow();
    };
    const all = () => tickets.list({ limit: 100 });

    it('an alarm raised once and never cleared opens one ticket once it stood 10 minutes, and only one', async () => {
      const raise = await alarm(T0, true);
      assert.equal(await checkAt(T0 + PERSIST_MS - 1), 0, 'not yet');
      assert.deepEqual(await all(), []);
      assert.equal(await checkAt(T0 + PERSIST_MS), 1);
      const [t] = await all();
      assert.deepEqual([t!.source, t!.status, t!.deviceId, t!.component, t!.category, t!.occurrences, t!.reportedAtMs], ['alarm', 'open', 'dorm-7', 'room-1/meter', 'electricity_meter', 1, T0]);
      const shown = (await tickets.get(t!.ticketId))!;
      assert.deepEqual(shown.events.map((e) => [e.seq, e.kind]), [[raise, 'alarm']]);
      assert.match(shown.description, /^alarm meter_silent at room-1: no answer from the meter; active for 10 min without a clear/);
      assert.deepEqual(shown.steps.map((s) => [s.toStatus, s.operatorId]), [['open', 'hub']]);
      for (const at of [T0 + 11 * MIN, T0 + 60 * MIN]) assert.equal(await checkAt(at), 0, 'filed once');
      assert.equal((await all()).length, 1);
      assert.equal((await all())[0]!.occurrences, 1);
    });

    it('an alarm cleared within 10 minutes opens none; an alarm not of a fault opens none', async () => {
      await alarm(T0, true);
      await alarm(T0 + 5 * MIN, false);
      await alarm(T0 + 6 * MIN, true, 'low_balance');
      assert.equal(await checkAt(T0 + 30 * MIN), 0);
      assert.deepEqual(await all(), []);
    });

    it('joins the open ticket of its component instead of opening another', async () => {
      const raise = await alarm(T0, true);
      await send(T0 + MIN, {
        pointId: 'room-1',
        selfTest: { runId: 'c-1', suite: 'meter', component: 'room-1/meter', step: 'read', status: pb.SelfTestStatus.SELF_TEST_STATUS_FAIL, category: 'electricity_meter', detail: 'timeout', cause: 'no reply', remedy: 'check the bus' },
      });
      const [opened] = await all();
      assert.equal(opened!.source, 'self_test');
      assert.equal(await checkAt(T0 + PERSIST_MS), 1);
      const after = await all();
      assert.equal(after.length, 1);
      assert.equal(after[0]!.occurrences, 2);
      assert.deepEqual((await tickets.get(opened!.ticketId))!.events.map((e) => e.kind), ['self_test', 'alarm']);
      assert.ok((await tickets.get(opened!.ticketId))!.events.some((e) => e.seq === raise));
    });

    it('a ticket settled while the alarm stands is not opened again; cleared and raised anew, the alarm opens a new one', async () => {
      await alarm(T0, true, 'relay_stuck', 'door-a');
      assert.equal(await checkAt(T0 + PERSIST_MS), 1);
      const [first] = await all();
      assert.equal(first!.component, 'door-a/relay');
      assert.ok((await tickets.transition(first!.ticketId, 'rejected', 'wang.maint', { note: 'seen, waiting for the part' })).ok);
      assert.equal(await checkAt(T0 + 40 * MIN), 0, 'the same raise is not filed twice');
      await alarm(T0 + 41 * MIN, false, 'relay_stuck', 'door-a');
      await alarm(T0 + 42 * MIN, true, 'relay_stuck', 'door-a');
      assert.equal(await checkAt(T0 + 51 * MIN), 0);
      assert.equal(await checkAt(T0 + 52 * MIN), 1);
      const open = await tickets.list({ status: 'open', limit: 10 });
      assert.equal(open.length, 1);
      assert.notEqual(open[0]!.ticketId, first!.ticketId);
    });

    it('runs every minute on its clock once started, and stop() removes its timer', async () => {
      const clock = new ManualClock();
      const timed = new PersistentAlarmCheck({ db, now: () => T0 + clock.nowMs(), clock, logger: new MemoryLogger() });
      await alarm(T0, true);
      assert.equal(clock.pending, 0, 'the constructor does nothing');
      timed.start();
      assert.equal(clock.pending, 1);
      for (let minute = 1; minute <= 10; minute++) {
        clock.advance(MIN);
        await waitFor(`the check of minute ${minute} done and the next one set`, () => clock.pending === 1);
      }
      await waitFor('the ticket', async () => (await all()).length === 1);
      assert.equal((await all())[0]!.component, 'room-1/meter');
      await timed.stop();
      assert.equal(clock.pending, 0, 'no timer left');
      clock.advance(10 * MIN);
      assert.equal(clock.pending, 0);
    });
  });
}
