/**
 * A controller replaced under the same device id (the old one revoked, the new one enrolled with a
 * fresh key and an empty journal): what the new one recorded before its first connection reaches
 * the hub under new seqs, after the old controller's, with an alarm; nothing is taken as delivered.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Hub } from '../hub/hub.js';
import { api, makeController, startHub, tempDir, waitFor } from './helpers.js';

describe('a replaced controller', function () {
  this.timeout(30_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;

  beforeEach(async () => {
    dir = await tempDir();
    hub = await startHub(dir.path);
  });
  afterEach(async () => {
    await hub.stop();
    await dir.remove();
  });

  it('delivers the taps it recorded offline before its first welcome, renumbered above the old controller', async () => {
    const old = await makeController(hub, join(dir.path, 'old'), 'dorm-1');
    await old.controller.start();
    await waitFor('old online', () => old.controller.uplink.state === 'online');
    for (const uid of ['0411111111', '0422222222', '0433333333']) old.drivers.reader('door-a/reader').tap(uid);
    await waitFor('old events acked', () => old.controller.journal.ackedSeq === 3);
    await old.controller.stop();
    assert.equal((await api(hub, 'POST', '/api/devices/dorm-1/revoke')).status, 200);
    const code = (await api(hub, 'POST', '/api/devices/dorm-1/enrollment', {})).body.code as string;

    // The replacement records two taps before it ever reaches the hub.
    const offline = await makeController(hub, join(dir.path, 'new'), 'dorm-1', { register: false, hubUrl: 'ws://127.0.0.1:9/v1/device' });
    assert.equal((await api(hub, 'POST', '/v1/enroll', { deviceId: 'dorm-1', code, publicKey: offline.publicKeyBase64 })).status, 201);
    await offline.controller.start();
    offline.drivers.reader('door-a/reader').tap('04AAAAAAAA');
    offline.drivers.reader('door-a/reader').tap('04BBBBBBBB');
    await waitFor('offline taps durable', () => offline.controller.journal.lastDurableSeq === 2);
    await offline.controller.stop();

    const online = await makeController(hub, join(dir.path, 'new'), 'dorm-1', { register: false, keyPem: offline.privateKeyPem });
    try {
      await online.controller.start();
      await waitFor('replacement events delivered', async () => {
        const events = (await api(hub, 'GET', '/api/events?deviceId=dorm-1')).body.events as unknown[];
        return events.length === 6;
      });
      const events = (await api(hub, 'GET', '/api/events?deviceId=dorm-1')).body.events as { seq: number; cardUid: string | null; kind: string }[];
      assert.deepEqual(events.map((e) => [e.seq, e.cardUid ?? e.kind]), [
        [1, '0411111111'], [2, '0422222222'], [3, '0433333333'], [4, '04AAAAAAAA'], [5, '04BBBBBBBB'], [6, 'alarm'],
      ]);
    } finally {
      await online.controller.stop();
    }
  });
});
