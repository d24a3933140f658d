/**
 * How the gateway keeps up with many devices (hub/gateway.ts): event frames waiting behind each
 * other are stored in one transaction and answered with one ack; balances are pushed after charges
 * at most every `balancesPushIntervalMs` (one push at once and one at the end of the interval, not
 * one per batch), and the last push carries the final balance.
 */
import { strict as assert } from 'node:assert';
import { Gateway, type GatewayOptions } from './gateway.js';
import type { Hub } from './hub.js';
import type { DatasetKey } from './datasets.js';
import { DatasetName, type Event } from '../protocol/messages.js';
import { MemoryLogger } from '../lib/log.js';
import { api, startHub, tempDir, waitFor } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { backendDb, type BackendDb } from './backend-fixture.js';
import { rawDevice, registerDevice, type RawDevice } from '../test/raw-device.js';

class CountingGateway extends Gateway {
  pushes: number[] = [];
  override async pushDataset(key: DatasetKey): Promise<void> {
    if (key === 'balances') this.pushes.push(performance.now());
  }
}

describe('balances push after charges (gateway)', () => {
  it('pushes at the first batch, once more at the end of the interval for any number of batches meanwhile, then at once again after a quiet interval', async () => {
    const options = { logger: new MemoryLogger(), now: Date.now, balancesPushIntervalMs: 100 } as unknown as GatewayOptions;
    const gateway = new CountingGateway(options);
    gateway.start();
    try {
      for (let i = 0; i < 50; i++) gateway.chargesPosted();
      assert.equal(gateway.pushes.length, 1, 'the first batch pushes at once');
      await waitFor('the push at the end of the interval', () => gateway.pushes.length === 2);
      assert.ok(gateway.pushes[1]! - gateway.pushes[0]! >= 80, 'not before the interval is over (give or take a timer tick)');
      await new Promise((r) => setTimeout(r, 250));
      assert.equal(gateway.pushes.length, 2, '49 batches after the first shared one push');
      gateway.chargesPosted();
      assert.equal(gateway.pushes.length, 3, 'after a quiet interval a batch pushes at once');
    } finally {
      await gateway.stop();
    }
  });

  it('schedules nothing once stopped', async () => {
    const gateway = new CountingGateway({ logger: new MemoryLogger(), now: Date.now, balancesPushIntervalMs: 50 } as unknown as GatewayOptions);
    gateway.start();
    gateway.chargesPosted();
    gateway.chargesPosted();
    await gateway.stop();
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(gateway.pushes.length, 1);
  });
});

for (const backend of BACKENDS) describe(`balances push after a burst of charges (${backend})`, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: BackendDb;
  let hub: Hub;
  const devices: RawDevice[] = [];

  beforeEach(async () => {
    dir = await tempDir();
    store = await backendDb(backend, dir.path);
    hub = await startHub(dir.path, new MemoryLogger(), { dbUrl: store.url });
    assert.equal((await api(hub, 'POST', '/api/people', { personId: 'S1', name: 'Li Hua', type: 'student' })).status, 201);
    assert.equal((await api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 10_000, reference: 'R-1' })).status, 201);
  });

  afterEach(async () => {
    for (const d of devices.splice(0)) await d.close();
    await hub.stop();
    await store.drop();
    await dir.remove();
  });

  it('stores event frames that waited behind a busy one in one transaction, answered by one ack, each event once', async () => {
    devices.push(await rawDevice(hub, 'shower-1', await registerDevice(hub, 'shower-1')));
    const d = devices[0]!;
    // The first batch's transaction is held until the next nine frames have arrived.
    const calls: number[][] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const ingest = hub.events.ingest.bind(hub.events);
    hub.events.ingest = async (deviceId, events) => {
      calls.push(events.map((e) => Number(e.seq)));
      if (calls.length === 1) await held;
      return ingest(deviceId, events);
    };
    const charge = (seq: number): Event => ({ deviceId: 'shower-1', seq, pointId: 'shower', deviceTimeUnixMs: Date.now(), charge: { accountId: 'person.S1', amountFen: seq } });
    d.send({ events: { events: [charge(1)] } });
    await waitFor('the first batch in its transaction', () => calls.length === 1);
    for (let seq = 2; seq <= 10; seq++) d.send({ events: { events: [charge(seq)] } });
    // Sent, and on loopback read by the hub well within this pause.
    await waitFor('the nine frames sent', () => d.ws.bufferedAmount === 0);
    await new Promise((r) => setTimeout(r, 100));
    release();
    const acks = () => d.frames.filter((f) => f.body === 'ack').map((f) => Number(f.ack!.ackedSeq));
    await waitFor('ack 10', () => acks().includes(10));
    assert.deepEqual(calls, [[1], [2, 3, 4, 5, 6, 7, 8, 9, 10]], 'two transactions');
    assert.deepEqual(acks(), [1, 10], 'one ack each');
    assert.equal((await api(hub, 'GET', '/api/accounts/person.S1')).body.account.balanceFen, 10_000 - 55);
  });

  it("brings another device to the account's final balance after 12 batches sent at once", async () => {
    for (const id of ['shower-1', 'canteen-1']) devices.push(await rawDevice(hub, id, await registerDevice(hub, id)));
    const [shower, canteen] = devices as [RawDevice, RawDevice];
    const balanceAt = (d: RawDevice) => d.updates(DatasetName.DATASET_NAME_BALANCES).at(-1)?.balances?.upsert?.find((b) => b.accountId === 'person.S1')?.balanceFen;
    await waitFor('the balances snapshot', () => balanceAt(canteen) === 10_000);
    let charged = 0;
    for (let b = 0; b < 12; b++) {
      const events: Event[] = [1, 2, 3].map((k) => {
        const seq = b * 3 + k;
        charged += 10 + seq;
        return { deviceId: 'shower-1', seq, pointId: 'shower', deviceTimeUnixMs: Date.now(), charge: { accountId: 'person.S1', amountFen: 10 + seq } };
      });
      shower.send({ events: { events } });
    }
    await waitFor('the final balance at the canteen', () => Number(balanceAt(canteen)) === 10_000 - charged);
    assert.equal((await api(hub, 'GET', '/api/accounts/person.S1')).body.account.balanceFen, 10_000 - charged);
  });
});
