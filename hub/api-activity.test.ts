/**
 * The console's meter history and activity routes (hub/api-activity.ts) over real HTTP, on SQLite
 * and PostgreSQL: events stored as a device sends them (hub/events.ts ingest), read back as
 * facilities, maintenance and the auditor see them; other roles refused.
 */
import { strict as assert } from 'node:assert';
import { BACKENDS } from '../test/pg.js';
import { AccessReason, MeterComm, SessionEnd, SessionPhase, type Event } from '../protocol/messages.js';
import { MemoryLogger } from '../lib/log.js';
import { generateDeviceKeyPair } from '../protocol/auth.js';
import { api, operatorToken, startHubOn, tempDir } from '../test/helpers.js';
import type { Hub } from './hub.js';

const DEVICE = 'dorm-7';
const T0 = Date.UTC(2026, 8, 1, 2, 0, 0);

for (const backend of BACKENDS) describe(`console activity API (${backend})`, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let facilities: string;

  beforeEach(async () => {
    dir = await tempDir();
    hub = await startHubOn(backend, dir.path, new MemoryLogger());
    facilities = await operatorToken(hub, 'qian.facil', ['facilities']);
    for (const deviceId of [DEVICE, 'dorm-8']) assert.equal((await api(hub, 'POST', '/api/devices', { deviceId, publicKey: generateDeviceKeyPair().publicKeyBase64 })).status, 201);
  });

  afterEach(async () => {
    await hub.stop();
    await dir.remove();
  });

  const get = (path: string, token = facilities) => api(hub, 'GET', path, undefined, { token });

  /** Stores events of DEVICE with seqs from 1, a second apart from T0. */
  async function store(events: Event[], deviceId = DEVICE): Promise<void> {
    const out = await hub.events.ingest(deviceId, events.map((e, i) => ({ seq: i + 1, deviceTimeUnixMs: T0 + i * 1000, ...e })));
    assert.ok(out.results.every((r) => r === 'created'), JSON.stringify(out.results));
  }

  const reading = (pointId: string, energyWh: number, extra: Partial<NonNullable<Event['meterReading']>> = {}): Event => ({
    pointId,
    meterReading: { meterId: `${pointId}/meter`, comm: MeterComm.METER_COMM_OK, energyWh, powerW: 800, voltageMv: 220_000, currentMa: 3640, relayClosed: true, accountId: 'room.701', balanceFen: 1234, ...extra },
  });

  describe('GET /api/meters/history', () => {
    beforeEach(async () => {
      await store([
        reading('room-701', 500_000),
        reading('room-702', 9_000),
        reading('room-701', 500_010),
        { pointId: 'room-701', alarm: { kind: 'meter_silent', active: true, detail: 'no answer' } },
        reading('room-701', 0, { comm: MeterComm.METER_COMM_TIMEOUT, powerW: 0, voltageMv: 0, currentMa: 0, relayClosed: false }),
        reading('room-701', 500_030, { cutOff: true, relayClosed: false, balanceFen: -5, powerW: 0 }),
      ]);
    });

    it("gives a meter's readings in time order with every quantity, comm and cut-off", async () => {
      const res = await get(`/api/meters/history?deviceId=${DEVICE}&pointId=room-701`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.truncated, false);
      assert.deepEqual(res.body.readings.map((r: any) => [r.seq, r.deviceTimeMs - T0, r.energyWh, r.comm, r.cutOff]), [
        [1, 0, 500_000, 'ok', false],
        [3, 2000, 500_010, 'ok', false],
        [5, 4000, 0, 'timeout', false],
        [6, 5000, 500_030, 'ok', true],
      ]);
      const first = res.body.readings[0];
      assert.deepEqual(
        { meterId: first.meterId, powerW: first.powerW, voltageMv: first.voltageMv, currentMa: first.currentMa, relayClosed: first.relayClosed, balanceFen: first.balanceFen },
        { meterId: 'room-701/meter', powerW: 800, voltageMv: 220_000, currentMa: 3640, relayClosed: true, balanceFen: 1234 },
      );
      assert.equal(res.body.readings[3].balanceFen, -5);
    });

    it('keeps the latest `limit` readings (truncated), a time range and a meter id', async () => {
      const latest = await get(`/api/meters/history?deviceId=${DEVICE}&pointId=room-701&limit=2`);
      assert.deepEqual([latest.body.readings.map((r: any) => r.seq), latest.body.truncated], [[5, 6], true]);
      const range = await get(`/api/meters/history?deviceId=${DEVICE}&pointId=room-701&fromMs=${T0 + 1000}&toMs=${T0 + 4000}`);
      assert.deepEqual(range.body.readings.map((r: any) => r.seq), [3, 5]);
      const meter = await get(`/api/meters/history?deviceId=${DEVICE}&pointId=room-701&meterId=room-701%2Fmeter&limit=5000`);
      assert.equal(meter.body.readings.length, 4);
      assert.equal(meter.body.meterId, 'room-701/meter');
      const otherMeter = await get(`/api/meters/history?deviceId=${DEVICE}&pointId=room-701&meterId=elsewhere`);
      assert.deepEqual(otherMeter.body.readings, []);
      const otherRoom = await get(`/api/meters/history?deviceId=${DEVICE}&pointId=room-702`);
      assert.deepEqual(otherRoom.body.readings.map((r: any) => r.energyWh), [9_000]);
    });

    it('thins a week to one reading per bucket: the last answered energy, the peak power, the readings held', async () => {
      // Readings every 10 min for 8 days on room-705 (seqs after the 6 above): power 500, 2000, 500 in
      // each half hour; the last of one half hour unanswered, all three of another.
      const TEN_MIN = 600_000;
      const DAY = 86_400_000;
      const failed = (i: number) => i === 602 || (i >= 900 && i <= 902);
      const week = Array.from({ length: 8 * 144 }, (_, i): Event => ({
        seq: 7 + i,
        deviceTimeUnixMs: T0 + i * TEN_MIN,
        ...reading('room-705', 1000 + i * 10, failed(i) ? { comm: MeterComm.METER_COMM_TIMEOUT, energyWh: 0, powerW: 0 } : { powerW: i % 3 === 1 ? 2000 : 500 }),
      }));
      assert.ok((await hub.events.ingest(DEVICE, week)).results.every((r) => r === 'created'));
      const path = (q: string) => `/api/meters/history?deviceId=${DEVICE}&pointId=room-705&${q}`;
      const res = await get(path(`fromMs=${T0 + DAY}&bucketMs=1800000&limit=2000`));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(Object.keys(res.body).sort(), ['deviceId', 'meterId', 'pointId', 'readings', 'truncated']);
      const buckets = res.body.readings;
      assert.deepEqual([buckets.length, res.body.truncated], [7 * 48, false], 'the whole week from its first day on');
      const at = (i: number) => T0 + i * TEN_MIN;
      const shown = (b: any) => [b.bucketStartMs - T0, b.seq, b.deviceTimeMs - T0, b.comm, b.energyWh, b.powerW, b.maxPowerW, b.readingCount, b.failedCount];
      assert.deepEqual(shown(buckets[0]), [DAY, 7 + 146, at(146) - T0, 'ok', 1000 + 1460, 500, 2000, 3, 0]);
      const bucket = (i: number) => buckets.find((b: any) => b.bucketStartMs === at(i));
      assert.deepEqual(shown(bucket(600)), [at(600) - T0, 7 + 601, at(601) - T0, 'ok', 1000 + 6010, 2000, 2000, 3, 1], 'its last answered reading');
      assert.deepEqual(shown(bucket(900)), [at(900) - T0, 7 + 902, at(902) - T0, 'timeout', 0, 0, 0, 3, 3], 'unanswered all through');
      assert.deepEqual(shown(buckets.at(-1)), [at(1149) - T0, 7 + 1151, at(1151) - T0, 'ok', 1000 + 11_510, 500, 2000, 3, 0]);
      assert.equal(buckets.every((b: any, i: number) => i === 0 || b.bucketStartMs - buckets[i - 1].bucketStartMs === 1_800_000), true);
      assert.equal(buckets[0].meterId, 'room-705/meter');

      const latest = await get(path('bucketMs=1800000&limit=10'));
      assert.deepEqual([latest.body.readings.length, latest.body.truncated, latest.body.readings[0].bucketStartMs - T0], [10, true, at(1122) - T0]);
      // Days of UTC (buckets are aligned on unix time 0): from 02:00 of the first to 01:50 of the ninth.
      const days = await get(path('bucketMs=86400000'));
      const lastOfDay = [131, 275, 419, 563, 707, 851, 995, 1139, 1151];
      assert.deepEqual(
        days.body.readings.map((b: any) => [b.bucketStartMs, b.readingCount, b.seq, b.energyWh]),
        lastOfDay.map((i, d) => [T0 - 2 * 3600_000 + d * DAY, d === 0 ? 132 : d === 8 ? 12 : 144, 7 + i, 1000 + i * 10]),
      );
    });

    it('refuses a query without device or point, a limit above 5000 and a range backwards, naming the field', async () => {
      for (const [query, field] of [
        [`pointId=room-701`, 'deviceId'],
        [`deviceId=${DEVICE}`, 'pointId'],
        [`deviceId=${DEVICE}&pointId=room-701&limit=5001`, 'limit'],
        [`deviceId=${DEVICE}&pointId=room-701&fromMs=abc`, 'fromMs'],
        [`deviceId=${DEVICE}&pointId=room-701&fromMs=${T0 + 10}&toMs=${T0}`, 'fromMs'],
        [`deviceId=${DEVICE}&pointId=room-701&bucketMs=1000`, 'bucketMs'],
        [`deviceId=${DEVICE}&pointId=room-701&bucketMs=86400001`, 'bucketMs'],
        [`deviceId=${DEVICE}&pointId=room-701&colour=red`, undefined],
      ] as const) {
        const res = await get(`/api/meters/history?${query}`);
        assert.equal(res.status, 400, query);
        assert.equal(res.body.error.code, 'invalid_query', query);
        if (field) assert.equal(res.body.error.field, field, query);
      }
    });
  });

  describe('GET /api/activity', () => {
    const session = (sessionId: string, phase: SessionPhase, counts: { volumeMl?: number; durationMs?: number; amountFen?: number; end?: SessionEnd } = {}): Event => ({
      pointId: 'shower-1',
      showerSession: { sessionId, cardUid: '04A1B2C3D4E5F6', accountId: 'person.S1', phase, tariffId: 'hot', ...counts },
    });
    const access = (pointId: string, cardUid: string, reason: AccessReason): Event => ({
      pointId, access: { cardUid, granted: reason === AccessReason.ACCESS_REASON_GRANTED, reason, decisionLatencyUs: 850 },
    });

    beforeEach(async () => {
      await store([
        session('shower-1-1', SessionPhase.SESSION_PHASE_OPEN),
        session('shower-1-1', SessionPhase.SESSION_PHASE_PROGRESS, { volumeMl: 6000, durationMs: 60_000, amountFen: 15 }),
        session('shower-1-1', SessionPhase.SESSION_PHASE_CLOSE, { volumeMl: 12_000, durationMs: 120_000, amountFen: 30, end: SessionEnd.SESSION_END_TAP }),
        access('door-a', '04AABBCCDD', AccessReason.ACCESS_REASON_GRANTED),
        access('door-a', '04DEADBEEF', AccessReason.ACCESS_REASON_DENIED_LOST),
        { pointId: 'door-a', alarm: { kind: 'door_held_open', active: true, detail: 'the door has been open for 30000 ms' } },
        { pointId: 'shower-1', alarm: { kind: 'leak', active: true, detail: '12 pulses with the valve closed' } },
        { pointId: 'shower-1', alarm: { kind: 'leak', active: false, detail: 'no pulse for 60000 ms' } },
        session('shower-1-9', SessionPhase.SESSION_PHASE_OPEN),
        session('shower-1-9', SessionPhase.SESSION_PHASE_PROGRESS, { volumeMl: 2000, durationMs: 20_000, amountFen: 5 }),
      ]);
      await store([access('gate', '04AABBCCDD', AccessReason.ACCESS_REASON_DENIED_OUTSIDE_SCHEDULE)], 'dorm-8');
    });

    it('lists shower sessions (closed and running), access decisions and alarms open and recent', async () => {
      const res = await get('/api/activity');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(
        res.body.showers.map((s: any) => [s.sessionId, s.state, s.cardUid, s.volumeMl, s.durationMs, s.amountFen, s.end, s.startedAtMs - T0, s.endedAtMs === null ? null : s.endedAtMs - T0]),
        [
          ['shower-1-9', 'running', '04A1B2C3D4E5F6', 2000, 20_000, 5, '', 8000, null],
          ['shower-1-1', 'closed', '04A1B2C3D4E5F6', 12_000, 120_000, 30, 'tap', 0, 2000],
        ],
      );
      assert.deepEqual(res.body.access.map((a: any) => [a.deviceId, a.pointId, a.cardUid, a.granted, a.reason]).sort(), [
        ['dorm-7', 'door-a', '04AABBCCDD', true, 'granted'],
        ['dorm-7', 'door-a', '04DEADBEEF', false, 'denied_lost'],
        ['dorm-8', 'gate', '04AABBCCDD', false, 'denied_outside_schedule'],
      ]);
      assert.equal(res.body.access[0].decisionLatencyUs, 850);
      assert.deepEqual(res.body.alarms.open.map((a: any) => [a.pointId, a.kind]), [['door-a', 'door_held_open']]);
      assert.deepEqual(res.body.alarms.recent.map((a: any) => [a.seq, a.kind, a.active]), [[8, 'leak', false], [7, 'leak', true], [6, 'door_held_open', true]]);
      assert.equal(JSON.stringify(res.body).includes('Li Hua'), false);
    });

    it('answers only the kind asked for, of one device or point, at most `limit` of each', async () => {
      const showers = await get('/api/activity?kind=shower&limit=1');
      assert.deepEqual(Object.keys(showers.body).sort(), ['atMs', 'showers']);
      assert.deepEqual(showers.body.showers.map((s: any) => s.sessionId), ['shower-1-9']);
      const doors = await get(`/api/activity?kind=access&deviceId=${DEVICE}`);
      assert.deepEqual(doors.body.access.map((a: any) => a.seq), [5, 4]);
      const gate = await get('/api/activity?kind=access&pointId=gate');
      assert.deepEqual(gate.body.access.map((a: any) => a.deviceId), ['dorm-8']);
      const alarms = await get(`/api/activity?kind=alarm&deviceId=${DEVICE}&pointId=shower-1`);
      assert.deepEqual(Object.keys(alarms.body).sort(), ['alarms', 'atMs']);
      assert.deepEqual([alarms.body.alarms.open, alarms.body.alarms.recent.length], [[], 2]);
      const bad = await get('/api/activity?kind=parking');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.field, 'kind');
      assert.equal((await get('/api/activity?limit=501')).status, 400);
    });
  });

  it('pages through long histories: 2,500 readings, and a session whose OPEN lies 1,500 PROGRESS events back', async () => {
    await store(Array.from({ length: 2500 }, (_, i) => reading('room-701', 500_000 + i)));
    const all = await get(`/api/meters/history?deviceId=${DEVICE}&pointId=room-701&limit=5000`);
    assert.deepEqual([all.body.readings.length, all.body.truncated, all.body.readings[0].energyWh, all.body.readings[2499].energyWh], [2500, false, 500_000, 502_499]);
    const latest = await get(`/api/meters/history?deviceId=${DEVICE}&pointId=room-701&limit=1200`);
    assert.deepEqual([latest.body.readings.length, latest.body.truncated, latest.body.readings[0].energyWh], [1200, true, 501_300]);
    // A range from the 2,401st reading on: the last 100 (the scan stops a little past the range).
    const recent = await get(`/api/meters/history?deviceId=${DEVICE}&pointId=room-701&fromMs=${T0 + 2400 * 1000}&limit=5000`);
    assert.deepEqual([recent.body.readings.length, recent.body.truncated, recent.body.readings[0].energyWh, recent.body.readings[99].energyWh], [100, false, 502_400, 502_499]);

    const showerSession = (phase: SessionPhase, volumeMl = 0): Event => ({ pointId: 'shower-2', showerSession: { sessionId: 'shower-2-1', cardUid: '04CAFE', phase, volumeMl } });
    await store([showerSession(SessionPhase.SESSION_PHASE_OPEN), ...Array.from({ length: 1500 }, (_, i) => showerSession(SessionPhase.SESSION_PHASE_PROGRESS, i))], 'dorm-8');
    const showers = await get('/api/activity?kind=shower');
    assert.deepEqual(showers.body.showers.map((s: any) => [s.deviceId, s.state, s.volumeMl, s.startedAtMs - T0]), [['dorm-8', 'running', 1499, 0]]);
  });

  it('lets facilities, maintenance and the auditor read both, and refuses the card office and finance', async () => {
    for (const roles of [['maintenance'], ['auditor']] as const) {
      const token = await operatorToken(hub, `op.${roles[0]}`, [...roles]);
      assert.equal((await get('/api/activity', token)).status, 200, roles[0]);
      assert.equal((await get(`/api/meters/history?deviceId=${DEVICE}&pointId=room-701`, token)).status, 200, roles[0]);
    }
    for (const role of ['card_office', 'finance'] as const) {
      const token = await operatorToken(hub, `op.${role}`, [role]);
      for (const path of ['/api/activity', `/api/meters/history?deviceId=${DEVICE}&pointId=room-701`]) {
        const res = await get(path, token);
        assert.equal(res.status, 403, `${role} ${path}`);
        assert.equal(res.body.error.code, 'forbidden');
      }
    }
  });
});
