/**
 * Device charges posted to the ledger through the real gateway: a raw device on loopback sends
 * charge events and the operator API shows what finance would see (balances, statements, events
 * held for review); the device sees its ack and the balances dataset with its posted seq.
 */
import { strict as assert } from 'node:assert';
import { Hub } from './hub.js';
import { DatasetName, MeterComm, type DatasetUpdate, type Event } from '../protocol/messages.js';
import { MemoryLogger } from '../lib/log.js';
import { api, startHub, tempDir, waitFor } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { backendDb, type BackendDb } from './backend-fixture.js';
import { rawDevice, registerDevice, type RawDevice } from '../test/raw-device.js';

const BALANCES = DatasetName.DATASET_NAME_BALANCES;
const ACCOUNT = 'person.S1';
const T0 = Date.parse('2026-03-01T08:00:00+08:00');

for (const backend of BACKENDS) describe(`charges from devices into the ledger (raw device on loopback) (${backend})`, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: BackendDb;
  let hub: Hub;
  let logger: MemoryLogger;
  const devices: RawDevice[] = [];

  beforeEach(async () => {
    dir = await tempDir();
    store = await backendDb(backend, dir.path);
    logger = new MemoryLogger();
    hub = await startHub(dir.path, logger, { dbUrl: store.url });
    assert.equal((await api(hub, 'POST', '/api/people', { personId: 'S1', name: 'Li Hua', type: 'student' })).status, 201);
    assert.equal((await api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 1000, reference: 'R-1' })).status, 201);
  });

  afterEach(async () => {
    for (const d of devices.splice(0)) await d.close();
    await hub.stop();
    await store.drop();
    await dir.remove();
  });

  async function device(id: string, held: { name: number; version: number }[] = []): Promise<RawDevice> {
    const d = await rawDevice(hub, id, await registerDevice(hub, id), held);
    devices.push(d);
    return d;
  }

  function charge(deviceId: string, seq: number, amountFen: number, extra: Partial<Event> = {}, accountId = ACCOUNT): Event {
    return { deviceId, seq, pointId: 'shower-1', deviceTimeUnixMs: T0 + seq * 1000, charge: { cardUid: '04A1B2C3D4', accountId, amountFen, sessionId: `shower-1-${seq}` }, ...extra };
  }

  /** Sends a batch and waits for the hub's ack of `seq`. */
  async function send(d: RawDevice, events: Event[], ackedSeq: number): Promise<void> {
    const acks = () => d.frames.filter((f) => f.body === 'ack' && Number(f.ack!.ackedSeq) === ackedSeq).length;
    const before = acks();
    d.send({ events: { events } });
    await waitFor(`ack ${ackedSeq}`, () => acks() > before);
  }

  const balance = async (id = ACCOUNT) => (await api(hub, 'GET', `/api/accounts/${id}`)).body.account.balanceFen as number;
  const lastBalances = (d: RawDevice): DatasetUpdate => d.updates(BALANCES).at(-1)!;
  const entry = (u: DatasetUpdate, id = ACCOUNT) => {
    const e = u.balances!.upsert!.find((b) => b.accountId === id);
    return e && { balanceFen: Number(e.balanceFen ?? 0), postedSeq: Number(e.postedSeq ?? 0) };
  };

  it('posts a charge once as transfer <device>:<seq> to the device merchant account, and a resent event not again', async () => {
    const d = await device('shower-ctl-1');
    await send(d, [charge('shower-ctl-1', 1, 150)], 1);
    await send(d, [charge('shower-ctl-1', 1, 150), charge('shower-ctl-1', 2, 0)], 2);
    assert.equal(await balance(), 850);
    assert.equal(await balance('merchant.shower-ctl-1'), 150);
    const statement = (await api(hub, 'GET', '/api/accounts/person.S1/transfers', undefined, { reason: 'checking the charges posted' })).body.transfers as { transferId: string; kind: string; amountFen: number; deviceId: string | null; seq: number | null }[];
    assert.deepEqual(statement.map((t) => [t.transferId, t.kind, t.amountFen, t.deviceId, t.seq]), [
      ['shower-ctl-1:1', 'charge', -150, 'shower-ctl-1', 1],
      ['topup:cash:R-1', 'topup', 1000, null, null],
    ]);
    const events = (await api(hub, 'GET', '/api/events?deviceId=shower-ctl-1')).body.events as { seq: number; kind: string; amountFen: number; transferId: string | null; heldReason: string | null }[];
    assert.deepEqual(events.map((e) => [e.seq, e.kind, e.amountFen, e.transferId, e.heldReason]), [
      [1, 'charge', 150, 'shower-ctl-1:1', null],
      [2, 'charge', 0, null, null],
    ], 'a 0 fen charge is stored, neither posted nor held');
  });

  it('posts a charge that takes the balance below zero (an overdraft)', async () => {
    const d = await device('shower-ctl-1');
    await send(d, [charge('shower-ctl-1', 1, 700), charge('shower-ctl-1', 2, 700)], 2);
    assert.equal(await balance(), -400);
  });

  it('holds for review a charge written offline without authorisation, and one for an unknown account; posts one written offline with authorisation', async () => {
    const d = await device('shower-ctl-1');
    await send(d, [
      charge('shower-ctl-1', 1, 100, { offline: true }),
      charge('shower-ctl-1', 2, 200, { offline: true, offlineAuthorised: true }),
      charge('shower-ctl-1', 3, 300, {}, 'person.nobody'),
      charge('shower-ctl-1', 4, 400, {}, 'system.cash'),
    ], 4);
    assert.equal(await balance(), 800, 'only the authorised offline charge is posted');
    const held = (await api(hub, 'GET', '/api/events?held=1')).body.events as { seq: number; heldReason: string; offline: boolean; offlineAuthorised: boolean; accountId: string; amountFen: number }[];
    assert.deepEqual(held.map((e) => [e.seq, e.heldReason, e.offline, e.accountId, e.amountFen]), [
      [1, 'unauthorised_offline', true, ACCOUNT, 100],
      [3, 'unknown_account', false, 'person.nobody', 300],
      [4, 'account_not_chargeable', false, 'system.cash', 400],
    ]);
    assert.deepEqual(logger.find('gateway.charge_held').map((r) => [r.fields.seq, r.fields.reason]), [[1, 'unauthorised_offline'], [3, 'unknown_account'], [4, 'account_not_chargeable']]);
  });

  it('holds for review a charge uploaded after its account was closed (the holder cancelled): a closed account is never charged', async () => {
    const d = await device('shower-ctl-1');
    const cancelled = await api(hub, 'POST', '/api/people/S1/cancel', {});
    assert.ok(cancelled.status < 300, JSON.stringify(cancelled.body));
    await send(d, [charge('shower-ctl-1', 1, 250, { offline: true, offlineAuthorised: true })], 1);
    const account = (await api(hub, 'GET', `/api/accounts/${ACCOUNT}`)).body.account as { balanceFen: number; closedAtMs: number | null };
    assert.ok(account.closedAtMs !== null);
    assert.equal(account.balanceFen, 0, 'the refunded, closed account stays at zero');
    const held = (await api(hub, 'GET', '/api/events?held=1')).body.events as { seq: number; heldReason: string }[];
    assert.deepEqual(held.map((e) => [e.seq, e.heldReason]), [[1, 'account_closed']]);
  });

  it("pushes the charged account's new balance to every device, each with its own posted seq, and shows the balances lag", async () => {
    const d = await device('shower-ctl-1');
    const other = await device('shower-ctl-2');
    await waitFor('balances snapshots', () => d.updates(BALANCES).length === 1 && other.updates(BALANCES).length === 1);
    assert.deepEqual([lastBalances(d).fullSnapshot, entry(lastBalances(d))], [true, { balanceFen: 1000, postedSeq: 0 }]);
    await send(d, [{ deviceId: 'shower-ctl-1', seq: 1, pointId: 'door-a', deviceTimeUnixMs: T0, alarm: { kind: 'tamper', active: true } }, charge('shower-ctl-1', 2, 120)], 2);
    await waitFor('a balances delta at both devices', () => d.updates(BALANCES).length === 2 && other.updates(BALANCES).length === 2);
    const delta = lastBalances(d);
    assert.deepEqual([delta.fullSnapshot, Number(delta.fromVersion), entry(delta)], [false, Number(d.updates(BALANCES)[0]!.version), { balanceFen: 880, postedSeq: 2 }]);
    assert.deepEqual(entry(lastBalances(other)), { balanceFen: 880, postedSeq: 0 }, "the other device's own charges are not in it");
    const lag = async () => ((await api(hub, 'GET', '/api/devices')).body.devices as { deviceId: string; datasets: Record<string, { lag: number }> }[]).find((x) => x.deviceId === 'shower-ctl-1')!.datasets.balances!;
    assert.equal((await lag()).lag, Number(delta.version), 'nothing acked yet');
    d.send({ datasetAck: { name: BALANCES, version: Number(delta.version) } });
    await waitFor('balances lag 0', async () => (await lag()).lag === 0);
  });

  it('pushes a top-up to online devices as a balances delta', async () => {
    const d = await device('shower-ctl-1');
    await waitFor('balances snapshot', () => d.updates(BALANCES).length === 1);
    const res = await api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 500, reference: 'R-2' });
    assert.equal(res.status, 201);
    await waitFor('a balances delta', () => d.updates(BALANCES).length === 2);
    assert.deepEqual([lastBalances(d).fullSnapshot, entry(lastBalances(d))], [false, { balanceFen: 1500, postedSeq: 0 }]);
  });

  it("keeps each meter's latest reading for facilities; an older reading arriving late does not replace it", async () => {
    const d = await device('room-ctl-1');
    const reading = (seq: number, energyWh: number, comm = MeterComm.METER_COMM_OK): Event => ({
      deviceId: 'room-ctl-1', seq, pointId: 'room-101', deviceTimeUnixMs: T0 + seq * 60_000,
      meterReading: { meterId: 'm1', energyWh, powerW: 800, voltageMv: 230_000, currentMa: 3500, relayClosed: true, comm, accountId: 'room.R101', balanceFen: 2500, cutOff: false },
    });
    await send(d, [reading(2, 1200), reading(3, 1300, MeterComm.METER_COMM_TIMEOUT)], 0);
    await send(d, [reading(1, 1100)], 3);
    const meters = (await api(hub, 'GET', '/api/meters')).body.meters as Record<string, unknown>[];
    assert.deepEqual(meters, [{
      deviceId: 'room-ctl-1', pointId: 'room-101', meterId: 'm1', seq: 3, deviceTimeMs: T0 + 180_000, receivedAtMs: meters[0]!.receivedAtMs,
      comm: 'timeout', energyWh: 1300, powerW: 800, voltageMv: 230_000, currentMa: 3500, relayClosed: true, accountId: 'room.R101', balanceFen: 2500, cutOff: false,
    }]);
    assert.deepEqual((await api(hub, 'GET', '/api/meters?deviceId=other')).body.meters, []);
  });
});
