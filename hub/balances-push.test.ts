/**
 * Balances pushed after device charges (hub/gateway.ts `balancesPushIntervalMs`): a burst of charge
 * batches costs the other devices one push at once and one at the end of the interval, not one per
 * batch, and the last push carries the final balance.
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
      assert.ok(gateway.pushes[1]! - gateway.pushes[0]! >= 99, 'not before the interval is over');
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
