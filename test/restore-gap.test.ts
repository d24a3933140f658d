/**
 * A hub restored from a backup older than what it acknowledged: the device has deleted events the
 * hub no longer holds. Its hello says how far the hub had acknowledged; the hub records the lost
 * range (log gateway.events_lost; the gap stays visible in the events) and drains what follows.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Hub } from '../hub/hub.js';
import { MemoryLogger } from '../lib/log.js';
import { api, makeController, startHub, tempDir, waitFor, type TestController } from './helpers.js';

describe('a hub restored behind its devices', function () {
  this.timeout(30_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub | null = null;
  let c: TestController | null = null;

  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await c?.controller.stop();
    await hub?.stop();
    await dir.remove();
  });

  it('takes the device at its word for what was acknowledged, logs the lost seqs, and drains the events after them', async () => {
    hub = await startHub(dir.path);
    c = await makeController(hub, dir.path, 'dorm-1');
    await c.controller.start();
    await waitFor('online', () => c!.controller.uplink.state === 'online');
    for (const uid of ['0411111111', '0422222222', '0433333333', '0444444444', '0455555555']) c.drivers.reader('door-a/reader').tap(uid);
    await waitFor('five events acknowledged', () => c!.controller.journal.ackedSeq === 5);
    await c.controller.stop();
    await hub.stop();

    // The hub's database goes back to when it held seqs 1 and 2 only (a restore of an older backup).
    const file = new Database(join(dir.path, 'hub.sqlite'));
    file.prepare("delete from events where device_id = 'dorm-1' and seq > 2").run();
    file.prepare("update devices set acked_seq = 2 where device_id = 'dorm-1'").run();
    file.close();

    const logger = new MemoryLogger();
    hub = await startHub(dir.path, logger);
    c = await makeController(hub, dir.path, 'dorm-1', { register: false, keyPem: c.privateKeyPem });
    await c.controller.start();
    c.drivers.reader('door-a/reader').tap('0466666666');
    await waitFor('the event after the loss acknowledged', () => c!.controller.journal.ackedSeq === 6);
    const lost = logger.find('gateway.events_lost');
    assert.equal(lost.length, 1);
    assert.deepEqual([lost[0]!.fields.fromSeq, lost[0]!.fields.toSeq], [3, 5]);
    const events = (await api(hub, 'GET', '/api/events?deviceId=dorm-1&limit=100')).body.events as Array<{ seq: number; cardUid: string }>;
    assert.deepEqual(events.map((e) => e.seq).sort((a, b) => a - b), [1, 2, 6], 'seqs 3-5 are a visible gap, 6 is held');
    // A later reconnection does not log the loss again.
    await c.controller.stop();
    await c.controller.start();
    await waitFor('online again', () => c!.controller.uplink.state === 'online');
    assert.equal(logger.find('gateway.events_lost').length, 1);
  });
});
