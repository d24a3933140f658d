/**
 * Open alarms (hub/alarms.ts) as events are stored (hub/events.ts ingest), on SQLite and
 * PostgreSQL: a raise is open with its detail and times, a clear ends it, a later raise of the
 * same alarm carries its detail, an alarm raised 40 days ago and never cleared is still open, and a
 * gap filled late (a lower seq) never changes what a later event said.
 */
import { strict as assert } from 'node:assert';
import type { Kysely } from 'kysely';
import type { Event } from '../protocol/messages.js';
import { generateDeviceKeyPair } from '../protocol/auth.js';
import { openTestDatabase } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import type { Database } from './db/schema.js';
import { DeviceStore } from './devices.js';
import { EventStore } from './events.js';
import { openAlarms } from './alarms.js';

const T0 = Date.UTC(2026, 2, 2, 8, 0);
const DAY = 24 * 3600_000;

for (const backend of BACKENDS) {
  describe(`open alarms (${backend})`, function () {
    this.timeout(20_000);
    let db: Kysely<Database>;
    let drop: () => Promise<void>;
    let wall: { ms: number };
    let events: EventStore;

    beforeEach(async () => {
      ({ db, drop } = await openTestDatabase(backend));
      wall = { ms: T0 };
      const now = () => wall.ms;
      for (const deviceId of ['dorm-7', 'dorm-8']) await new DeviceStore(db, now).register({ deviceId, publicKey: generateDeviceKeyPair().publicKeyBase64, name: deviceId });
      events = new EventStore(db, now);
    });
    afterEach(() => drop());

    /** Stores one alarm event of a device with `seq` at device and hub time `atMs`. */
    async function alarm(seq: number, atMs: number, pointId: string, kind: string, active: boolean, detail = `${kind} ${active ? 'raised' : 'cleared'}`, deviceId = 'dorm-7'): Promise<void> {
      wall.ms = atMs;
      const out = await events.ingest(deviceId, [{ seq, deviceTimeUnixMs: atMs, pointId, alarm: { kind, active, detail } } as Event]);
      assert.deepEqual(out.results, ['created']);
    }
    const open = async () => (await openAlarms(db)).map((a) => [a.deviceId, a.pointId, a.kind, a.detail, a.seq, a.deviceTimeMs - T0, a.receivedAtMs - T0]);

    it('a raise is open with its detail and times, a clear ends it, a raise again carries its own detail', async () => {
      await alarm(1, T0, 'door-a', 'door_held_open', true, 'open for 30000 ms');
      await alarm(2, T0 + 1000, 'shower-1', 'leak', true, '12 pulses with the valve closed');
      assert.deepEqual(await open(), [
        ['dorm-7', 'shower-1', 'leak', '12 pulses with the valve closed', 2, 1000, 1000],
        ['dorm-7', 'door-a', 'door_held_open', 'open for 30000 ms', 1, 0, 0],
      ]);
      await alarm(3, T0 + 2000, 'shower-1', 'leak', false);
      assert.deepEqual(await open(), [['dorm-7', 'door-a', 'door_held_open', 'open for 30000 ms', 1, 0, 0]]);
      await alarm(4, T0 + 3000, 'door-a', 'door_held_open', true, 'open for 60000 ms');
      await alarm(1, T0 + 4000, 'door-a', 'door_held_open', true, 'gate open', 'dorm-8');
      // A resend of a stored event changes nothing.
      assert.deepEqual((await events.ingest('dorm-7', [{ seq: 3, deviceTimeUnixMs: T0 + 2000, pointId: 'shower-1', alarm: { kind: 'leak', active: false, detail: 'leak cleared' } } as Event])).results, ['exists']);
      assert.deepEqual(await open(), [
        ['dorm-8', 'door-a', 'door_held_open', 'gate open', 1, 4000, 4000],
        ['dorm-7', 'door-a', 'door_held_open', 'open for 60000 ms', 4, 3000, 3000],
      ]);
      await alarm(5, T0 + 5000, 'door-a', 'door_held_open', false);
      assert.deepEqual((await open()).map((a) => a[0]), ['dorm-8']);
    });

    it('an alarm raised 40 days ago and never cleared is still open, under thousands of newer alarm events', async () => {
      await alarm(1, T0, 'room-1', 'meter_silent', true, 'no answer from the meter');
      // Other alarms raised and cleared since, on another device.
      wall.ms = T0 + 40 * DAY;
      const others = Array.from({ length: 3000 }, (_, i) => ({ seq: i + 1, deviceTimeUnixMs: wall.ms, pointId: 'door-b', alarm: { kind: 'door_forced', active: i % 2 === 0, detail: '' } }) as Event);
      assert.ok((await events.ingest('dorm-8', others)).results.every((r) => r === 'created'));
      assert.deepEqual(await open(), [['dorm-7', 'room-1', 'meter_silent', 'no answer from the meter', 1, 0, 0]]);
    });

    it('an event filled into a gap late (lower seq) does not change what a later one said', async () => {
      await alarm(1, T0, 'door-a', 'door_held_open', true);
      await alarm(3, T0 + 2000, 'door-a', 'door_held_open', false);
      await alarm(2, T0 + 3000, 'door-a', 'door_held_open', true, 'late');
      assert.deepEqual(await open(), []);
      await alarm(5, T0 + 5000, 'door-a', 'relay_stuck', true, 'relay stuck');
      await alarm(4, T0 + 6000, 'door-a', 'relay_stuck', false);
      assert.deepEqual(await open(), [['dorm-7', 'door-a', 'relay_stuck', 'relay stuck', 5, 5000, 5000]]);
    });
  });
}
