/**
 * Migration 0014 on a hub in use: the alarms standing before it (the latest raise or clear of each
 * device, point and alarm kind among the stored events, however old) are open after it, with their
 * detail, seq and times; cleared ones are not; and from then on ingest keeps them.
 */
import { strict as assert } from 'node:assert';
import type { Kysely } from 'kysely';
import { pb, type Event } from '../../../protocol/messages.js';
import { openAlarms } from '../../alarms.js';
import { EventStore } from '../../events.js';
import { BACKENDS } from '../../../test/pg.js';
import { unmigratedDb, type UnmigratedDb } from '../../backend-fixture.js';

const T0 = Date.UTC(2025, 0, 1);
const DAY = 24 * 3600_000;

for (const backend of BACKENDS) describe(`migration 0014_alarm_states on a hub in use (${backend})`, () => {
  let fixture: UnmigratedDb;

  beforeEach(async () => {
    fixture = await unmigratedDb(backend);
  });

  afterEach(() => fixture.close());

  it('backfills each alarm\'s latest raise or clear from the stored events, then ingest keeps it', async () => {
    const { db, migrator } = fixture;
    assert.equal((await migrator.migrateTo('0013_event_kind_index')).error, undefined);
    const old = db as unknown as Kysely<any>;
    await old.insertInto('devices').values(['dorm-7', 'dorm-8'].map((device_id) => ({ device_id, name: device_id, public_key: 'k', created_at_ms: T0, acked_seq: 0 }))).execute();
    let seq = 0;
    const rows: Record<string, unknown>[] = [];
    const stored = (deviceId: string, atMs: number, e: Partial<Event>, kind = 'alarm') => {
      seq += 1;
      const event = { seq, deviceTimeUnixMs: atMs, ...e } as Event;
      rows.push({ device_id: deviceId, seq, point_id: e.pointId ?? '', device_time_ms: atMs, received_at_ms: atMs + 500, kind, payload: pb.Event.encode(event).finish() });
    };
    const alarm = (deviceId: string, atMs: number, pointId: string, kind: string, active: boolean, detail: string) => stored(deviceId, atMs, { pointId, alarm: { kind, active, detail } });
    alarm('dorm-7', T0, 'room-1', 'meter_silent', true, 'no answer'); // 1: stands, a year before the upgrade
    alarm('dorm-7', T0 + DAY, 'door-a', 'door_held_open', true, 'open 30 s'); // 2
    stored('dorm-7', T0 + DAY, { pointId: 'room-1', meterReading: { meterId: 'room-1/meter', energyWh: 5 } }, 'meter_reading'); // 3
    alarm('dorm-7', T0 + 2 * DAY, 'door-a', 'door_held_open', false, 'closed'); // 4: cleared
    alarm('dorm-7', T0 + 3 * DAY, 'door-a', 'relay_stuck', true, 'first'); // 5
    alarm('dorm-7', T0 + 4 * DAY, 'door-a', 'relay_stuck', true, 'again'); // 6: raised again, stands
    // 1,200 more alarm events on another device (more than one page of the backfill), the last a raise.
    for (let i = 0; i < 1200; i++) alarm('dorm-8', T0 + 5 * DAY + i, 'gate', 'door_forced', i % 2 === 1, `forced ${i}`);
    for (let i = 0; i < rows.length; i += 200) await old.insertInto('events').values(rows.slice(i, i + 200)).execute();

    const { error, results } = await migrator.migrateTo('0014_alarm_states');
    assert.equal(error, undefined);
    assert.deepEqual(results?.map((r) => [r.migrationName, r.status]), [['0014_alarm_states', 'Success']]);
    const open = async () => (await openAlarms(db)).map((a) => [a.deviceId, a.pointId, a.kind, a.detail, a.seq, a.deviceTimeMs - T0, a.receivedAtMs - T0]);
    assert.deepEqual(await open(), [
      ['dorm-8', 'gate', 'door_forced', 'forced 1199', 1206, 5 * DAY + 1199, 5 * DAY + 1199 + 500],
      ['dorm-7', 'door-a', 'relay_stuck', 'again', 6, 4 * DAY, 4 * DAY + 500],
      ['dorm-7', 'room-1', 'meter_silent', 'no answer', 1, 0, 500],
    ]);
    assert.equal(Number((await db.selectFrom('alarm_states').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 4);

    // After the upgrade ingest keeps the standing: the meter answers again.
    const events = new EventStore(db, () => T0 + 400 * DAY);
    await db.updateTable('devices').set({ acked_seq: 6 }).where('device_id', '=', 'dorm-7').execute();
    assert.deepEqual((await events.ingest('dorm-7', [{ seq: 7, deviceTimeUnixMs: T0 + 400 * DAY, pointId: 'room-1', alarm: { kind: 'meter_silent', active: false, detail: 'answers' } } as Event])).results, ['created']);
    assert.deepEqual((await open()).map((a) => a[2]), ['door_forced', 'relay_stuck']);
  });
});
