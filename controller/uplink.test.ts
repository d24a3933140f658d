import { strict as assert } from 'node:assert';
import { Hub } from '../hub/hub.js';
import { api, issueCard, makeController, startHub, tempDir, waitFor, type TestController } from '../test/helpers.js';
import { MemoryLogger } from '../lib/log.js';
import { WebSocketServer } from 'ws';

const CARD = '04A1B2C3D4E5F6';

describe('uplink', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub | null;
  let c: TestController | null;

  beforeEach(async () => {
    dir = await tempDir();
    hub = await startHub(dir.path);
    await issueCard(hub, CARD);
    c = null;
  });

  afterEach(async () => {
    await c?.controller.stop();
    await hub?.stop();
    await dir.remove();
  });

  it('keeps deciding while the hub is away, reconnects with growing backoff, and delivers what happened meanwhile', async () => {
    c = await makeController(hub!, dir.path, 'door-ctl-1');
    await c.controller.start();
    await waitFor('online', () => c!.controller.uplink.state === 'online' && c!.controller.policy.decide(CARD).granted);
    const port = Number(new URL(hub!.url).port);
    await hub!.stop();
    hub = null;
    const reader = c.drivers.reader('door-a/reader');
    for (let i = 0; i < 10; i++) reader.tap(CARD);
    await waitFor('offline taps durable', () => c!.controller.journal.lastDurableSeq === 10);
    assert.equal(c.drivers.relayNamed('door-a/relay').calls.filter((x) => x.energised).length, 10, 'every offline tap opened the door');
    await waitFor('several reconnect attempts', () => c!.logger.find('uplink.disconnected').length >= 4, 5000);
    const delays = c.logger.find('uplink.disconnected').map((r) => Number(r.fields.retryInMs));
    // reconnectMinMs 20, reconnectMaxMs 200 (test/helpers.ts); jitter keeps each in [50%, 100%] of its step.
    const steps = [20, 40, 80, 160, 200, 200, 200];
    delays.slice(0, 4).forEach((d, i) => assert.ok(d >= steps[i]! / 2 && d <= steps[i]!, `attempt ${i}: ${d} ms outside [${steps[i]! / 2}, ${steps[i]}]`));
    hub = await startHub(dir.path, new MemoryLogger(), { port });
    await waitFor('all offline events acknowledged', () => c!.controller.journal.ackedSeq === 10, 5000);
    const events = (await api(hub, 'GET', '/api/events?deviceId=door-ctl-1')).body.events as { seq: number }[];
    assert.deepEqual(events.map((e) => e.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('streams a large backlog within the in-flight window and gets it all acknowledged in order', async () => {
    c = await makeController(hub!, dir.path, 'door-ctl-1');
    await c.controller.start();
    await waitFor('online', () => c!.controller.policy.decide(CARD).granted);
    const reader = c.drivers.reader('door-a/reader');
    for (let i = 0; i < 3000; i++) reader.tap(i % 2 ? CARD : '0499999999');
    await waitFor('backlog acknowledged', () => c!.controller.journal.ackedSeq === 3000, 15_000);
    const device = (await api(hub!, 'GET', '/api/devices')).body.devices[0];
    assert.equal(device.ackedSeq, 3000);
    const denied = (await api(hub!, 'GET', '/api/events?deviceId=door-ctl-1&cardUid=0499999999&limit=1000', undefined, { reason: 'checking the denied taps' })).body.events;
    assert.equal(denied.length, 1000);
    assert.ok(denied.every((e: { granted: boolean; reason: string }) => !e.granted && e.reason === 'denied_unknown_card'));
  });

  it('stays online on heartbeats alone, and the hub drops a session that goes silent', async () => {
    await hub!.stop();
    const logger = new MemoryLogger();
    hub = await startHub(dir.path, logger, { heartbeatIntervalMs: 50 });
    c = await makeController(hub, dir.path, 'door-ctl-1');
    await c.controller.start();
    await waitFor('online', () => c!.controller.uplink.state === 'online');
    // Ten heartbeat intervals with no events: the heartbeats keep the session.
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(c.controller.uplink.state, 'online');
    assert.equal(logger.find('gateway.session_rejected').length, 0);
    // A device that stops talking (here: its heartbeat timer is gone) is closed by the hub.
    const uplink = c.controller.uplink as unknown as { stopHeartbeat(): void };
    uplink.stopHeartbeat();
    await waitFor('hub closes the silent session', () => logger.find('gateway.session_rejected').some((r) => r.fields.code === 'heartbeat_timeout'), 2000);
    await waitFor('controller reconnects', () => c!.controller.uplink.state === 'online' && c!.logger.find('uplink.online').length >= 2, 2000);
  });

  it('gives up on a hub that accepts the connection but never welcomes, and tries again', async () => {
    const silent = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    let connections = 0;
    silent.on('connection', () => connections++);
    await new Promise((r) => silent.once('listening', r));
    try {
      const url = `ws://127.0.0.1:${(silent.address() as { port: number }).port}/v1/device`;
      c = await makeController(hub!, dir.path, 'door-ctl-1', { hubUrl: url, heartbeatIntervalMs: 300 });
      await c.controller.start();
      await waitFor('a second attempt after the handshake timeout', () => connections >= 2, 10_000);
      assert.ok(c.logger.find('uplink.handshake_timeout').length >= 1);
    } finally {
      await c?.controller.stop();
      c = null;
      for (const client of silent.clients) client.terminate();
      await new Promise((r) => silent.close(r));
    }
  });
});
