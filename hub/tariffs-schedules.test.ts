/**
 * Tariffs, schedules and holidays over the real API, and as a device receives them: every change is
 * a new version sent whole, which a real controller policy applies (what a shower or a door then
 * reads). Validation errors name the field.
 */
import { strict as assert } from 'node:assert';
import { Hub } from './hub.js';
import { DatasetName } from '../protocol/messages.js';
import { Policy } from '../controller/policy.js';
import { MemoryLogger } from '../lib/log.js';
import { api, startHub, tempDir, waitFor } from '../test/helpers.js';
import { rawDevice, registerDevice, type RawDevice } from '../test/raw-device.js';
import { BACKENDS } from '../test/pg.js';
import { backendDb, type BackendDb } from './backend-fixture.js';

const TARIFFS = DatasetName.DATASET_NAME_TARIFFS;
const SCHEDULES = DatasetName.DATASET_NAME_SCHEDULES;

const SHOWER = { basis: 'per_litre', priceMillifen: 25_000, minimumChargeFen: 10, maxSessionMs: 1_200_000, maxSessionCostFen: 800, fallbackPriceMillifenPerSecond: 150 };
const ROOM = { basis: 'per_kwh', priceMillifen: 56_000, bands: [{ from: '22:00', to: '24:00', priceMillifen: 30_000 }, { from: '00:00', to: '08:00', priceMillifen: 30_000 }], freeEnergyWhPerMonth: 10_000 };

for (const backend of BACKENDS) describe(`tariffs, schedules and holidays (${backend})`, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: BackendDb;
  let hub: Hub;
  let device: RawDevice | null = null;
  let policy: Policy;

  beforeEach(async () => {
    dir = await tempDir();
    store = await backendDb(backend, dir.path);
    hub = await startHub(dir.path, new MemoryLogger(), { dbUrl: store.url });
    policy = new Policy({ dir: null, logger: new MemoryLogger() });
  });

  afterEach(async () => {
    await device?.close();
    device = null;
    await policy.stop();
    await hub.stop();
    await store.drop();
    await dir.remove();
  });

  function assertError(res: { status: number; body: any }, field: string, status = 400, code = 'invalid_body'): void {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.deepEqual([res.body.error.code, res.body.error.field], [code, field], JSON.stringify(res.body));
  }

  /**
   * Waits until the device was sent `version` of a dataset, applies what it was sent to the policy
   * in order (changes close together may come as one update) and checks each was sent whole.
   */
  async function reach(name: DatasetName, version: number): Promise<void> {
    await waitFor(`version ${version} of dataset ${name}`, () => device!.updates(name).some((u) => Number(u.version) === version));
    for (const update of device!.updates(name)) {
      assert.equal(update.fullSnapshot, true, 'sent whole');
      assert.ok((await policy.apply(update)).ok);
    }
    assert.equal(policy.version(name), version);
  }

  it('sets, replaces and deletes tariffs; each change reaches the device whole and its policy holds exactly the tariffs set', async () => {
    device = await rawDevice(hub, 'shower-ctl-1', await registerDevice(hub, 'shower-ctl-1'));
    const created = await api(hub, 'PUT', '/api/tariffs/shower-std', SHOWER);
    assert.deepEqual([created.status, created.body.tariffsVersion, created.body.tariff.basis], [201, 1, 'per_litre']);
    assert.equal((await api(hub, 'PUT', '/api/tariffs/room-std', ROOM)).status, 201);
    await reach(TARIFFS, 2);
    assert.deepEqual(policy.tariff('shower-std'), {
      id: 'shower-std', basis: 'per_litre', priceMillifen: 25_000, bands: [], minimumChargeFen: 10, maxSessionMs: 1_200_000, maxSessionCostFen: 800,
      freeEnergyWhPerMonth: 0, fallbackPriceMillifenPerSecond: 150,
    });
    assert.deepEqual(policy.tariff('room-std')?.bands, [{ startMinute: 1320, endMinute: 1440, priceMillifen: 30_000 }, { startMinute: 0, endMinute: 480, priceMillifen: 30_000 }]);
    assert.equal(policy.tariff('room-std')?.freeEnergyWhPerMonth, 10_000);

    const same = await api(hub, 'PUT', '/api/tariffs/shower-std', SHOWER);
    assert.deepEqual([same.status, same.body.tariffsVersion], [200, null], 'the same tariff again is no new version');
    const dearer = await api(hub, 'PUT', '/api/tariffs/shower-std', { ...SHOWER, priceMillifen: 30_000 });
    assert.deepEqual([dearer.status, dearer.body.tariffsVersion], [200, 3]);
    await reach(TARIFFS, 3);
    assert.equal(policy.tariff('shower-std')?.priceMillifen, 30_000);

    assert.deepEqual((await api(hub, 'DELETE', '/api/tariffs/room-std')).body, { tariffId: 'room-std', tariffsVersion: 4 });
    await reach(TARIFFS, 4);
    assert.equal(policy.tariff('room-std'), undefined, 'a deleted tariff leaves the device');
    assert.deepEqual((await api(hub, 'GET', '/api/tariffs')).body.tariffs.map((t: any) => [t.tariffId, t.priceMillifen]), [['shower-std', 30_000]]);
    assertError(await api(hub, 'DELETE', '/api/tariffs/room-std'), 'tariffId', 404, 'not_found');
  });

  it('refuses a tariff with the field named: basis, price, band times and overlaps, fields of another basis', async () => {
    assertError(await api(hub, 'PUT', '/api/tariffs/t1', { ...SHOWER, basis: 'per_bucket' }), 'basis');
    assertError(await api(hub, 'PUT', '/api/tariffs/t1', { ...SHOWER, priceMillifen: -1 }), 'priceMillifen');
    assertError(await api(hub, 'PUT', '/api/tariffs/t1', { basis: 'per_second' }), 'priceMillifen');
    assertError(await api(hub, 'PUT', '/api/tariffs/t1', { ...ROOM, bands: [{ from: '25:00', to: '26:00', priceMillifen: 1 }] }), 'bands.0.from');
    assertError(await api(hub, 'PUT', '/api/tariffs/t1', { ...ROOM, bands: [{ from: '08:00', to: '07:00', priceMillifen: 1 }] }), 'bands.0.to');
    assertError(await api(hub, 'PUT', '/api/tariffs/t1', { ...ROOM, bands: [{ from: '07:00', to: '09:00', priceMillifen: 1 }, { from: '08:00', to: '10:00', priceMillifen: 1 }] }), 'bands.1.from');
    assertError(await api(hub, 'PUT', '/api/tariffs/t1', { ...SHOWER, freeEnergyWhPerMonth: 100 }), 'freeEnergyWhPerMonth');
    assertError(await api(hub, 'PUT', '/api/tariffs/t1', { ...ROOM, fallbackPriceMillifenPerSecond: 100 }), 'fallbackPriceMillifenPerSecond');
    assertError(await api(hub, 'PUT', '/api/tariffs/t1', { ...SHOWER, colour: 'blue' }), 'colour');
    assertError(await api(hub, 'PUT', '/api/tariffs/bad%20id', SHOWER), 'tariffId', 400, 'invalid_query');
    assert.deepEqual((await api(hub, 'GET', '/api/tariffs')).body.tariffs, [], 'nothing was stored');
  });

  it('sets schedules and holidays; the door policy holds the periods and knows the holidays', async () => {
    device = await rawDevice(hub, 'door-ctl-1', await registerDevice(hub, 'door-ctl-1'));
    const res = await api(hub, 'PUT', '/api/schedules/dorm-hours', {
      periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '07:00', to: '23:00' }, { days: ['sat', 'sun'], from: '08:00', to: '24:00' }],
      holidayPeriods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '09:00', to: '18:00' }],
    });
    assert.deepEqual([res.status, res.body.schedulesVersion, res.body.schedule.periods[1]], [201, 1, { days: ['sat', 'sun'], from: '08:00', to: '24:00' }]);
    await reach(SCHEDULES, 1);
    assert.deepEqual(policy.schedule('dorm-hours'), {
      id: 'dorm-hours',
      periods: [{ daysMask: 0b0011111, startMinute: 420, endMinute: 1380 }, { daysMask: 0b1100000, startMinute: 480, endMinute: 1440 }],
      holidayPeriods: [{ daysMask: 0b1111111, startMinute: 540, endMinute: 1080 }],
    });
    assert.deepEqual([(await api(hub, 'PUT', '/api/holidays/2026-10-01')).status, (await api(hub, 'PUT', '/api/holidays/2026-10-02')).status], [201, 201]);
    const twice = await api(hub, 'PUT', '/api/holidays/2026-10-01');
    assert.deepEqual([twice.status, twice.body.schedulesVersion], [200, null], 'a holiday listed already changes nothing');
    await reach(SCHEDULES, 3);
    assert.deepEqual([policy.isHoliday('2026-10-01'), policy.isHoliday('2026-10-02'), policy.isHoliday('2026-10-03')], [true, true, false]);
    assert.deepEqual((await api(hub, 'DELETE', '/api/holidays/2026-10-02')).body, { date: '2026-10-02', schedulesVersion: 4 });
    await reach(SCHEDULES, 4);
    assert.deepEqual([policy.isHoliday('2026-10-01'), policy.isHoliday('2026-10-02'), policy.schedule('dorm-hours') !== undefined], [true, false, true]);
    assert.deepEqual((await api(hub, 'GET', '/api/holidays')).body.holidays, ['2026-10-01']);
    assert.equal((await api(hub, 'DELETE', '/api/schedules/dorm-hours')).status, 200);
    await reach(SCHEDULES, 5);
    assert.equal(policy.schedule('dorm-hours'), undefined);
  });

  it('refuses a schedule or holiday with the field named', async () => {
    const period = { days: ['mon'], from: '07:00', to: '23:00' };
    assertError(await api(hub, 'PUT', '/api/schedules/s1', { periods: [{ ...period, days: ['monday'] }] }), 'periods.0.days.0');
    assertError(await api(hub, 'PUT', '/api/schedules/s1', { periods: [{ ...period, days: [] }] }), 'periods.0.days');
    assertError(await api(hub, 'PUT', '/api/schedules/s1', { periods: [{ ...period, days: ['mon', 'mon'] }] }), 'periods.0.days');
    assertError(await api(hub, 'PUT', '/api/schedules/s1', { periods: [period, { ...period, from: '23:00', to: '07:00' }] }), 'periods.1.to');
    assertError(await api(hub, 'PUT', '/api/schedules/s1', { periods: [period], holidayPeriods: [{ ...period, to: '7pm' }] }), 'holidayPeriods.0.to');
    assertError(await api(hub, 'PUT', '/api/schedules/s1', {}), 'periods');
    assertError(await api(hub, 'PUT', '/api/holidays/2026-02-30'), 'date', 400, 'invalid_query');
    assertError(await api(hub, 'PUT', '/api/holidays/1-10-2026'), 'date', 400, 'invalid_query');
    assertError(await api(hub, 'DELETE', '/api/holidays/2026-10-05'), 'date', 404, 'not_found');
  });
});
