/**
 * The device's half of dataset sync, against a scripted hub on loopback (a bare WebSocket server
 * that speaks the protocol frame by frame): every update is answered by one ack of the version then
 * held, so a refused delta shows as a lower ack and the snapshot that follows is applied.
 */
import { strict as assert } from 'node:assert';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { DatasetName, pb, type Envelope } from '../protocol/messages.js';
import { encodeFrame } from '../protocol/wire.js';
import type { onecard } from '../protocol/gen/onecard.js';
import type { Hub } from '../hub/hub.js';
import { makeController, tempDir, waitFor, type TestController } from '../test/helpers.js';

const BL = DatasetName.DATASET_NAME_BLACKLIST;
const A = '04A1B2C3D4E5F6';
const B = '04B2C3D4E5F607';

describe('uplink: dataset updates answered one ack each (scripted hub)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let server: WebSocketServer;
  let hubSide: WebSocket | null;
  let received: onecard.v1.Envelope[];
  let c: TestController | null;

  beforeEach(async () => {
    dir = await tempDir();
    received = [];
    hubSide = null;
    c = null;
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    server.on('connection', (ws) => {
      hubSide = ws;
      ws.on('message', (data: Buffer) => {
        const env = pb.Envelope.decode(data);
        received.push(env);
        if (env.body === 'hello') send({ challenge: { nonce: Buffer.alloc(32, 7) } });
        if (env.body === 'auth') send({ welcome: { ackedSeq: 0, hubTimeUnixMs: Date.now(), heartbeatIntervalMs: 5000 } });
      });
    });
  });

  afterEach(async () => {
    await c?.controller.stop();
    for (const ws of server.clients) ws.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await dir.remove();
  });

  function send(envelope: Envelope): void {
    hubSide!.send(encodeFrame(envelope));
  }

  const acks = () => received.filter((e) => e.body === 'datasetAck').map((e) => [e.datasetAck!.name, Number(e.datasetAck!.version)]);

  it('acks the version it holds for a delta from another version, then applies the snapshot that follows', async () => {
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/device`;
    c = await makeController(null as unknown as Hub, dir.path, 'door-ctl-1', { register: false, hubUrl: url });
    await c.controller.start();
    await waitFor('welcomed', () => c!.controller.uplink.state === 'online');
    const hello = received.find((e) => e.body === 'hello')!.hello!;
    assert.deepEqual(hello.datasets!.map((d) => [d.name, Number(d.version)]), [[BL, 0], [DatasetName.DATASET_NAME_CARDS, 0], [DatasetName.DATASET_NAME_BALANCES, 0], [DatasetName.DATASET_NAME_TARIFFS, 0], [DatasetName.DATASET_NAME_SCHEDULES, 0]]);

    send({ datasetUpdate: { name: BL, version: 3, fullSnapshot: true, blacklist: { addCardUids: [A] } } });
    send({ datasetUpdate: { name: BL, version: 6, fromVersion: 5, blacklist: { addCardUids: [B] } } });
    send({ datasetUpdate: { name: BL, version: 7, fromVersion: 6, blacklist: { removeCardUids: [A] } } });
    await waitFor('three acks', () => acks().length === 3);
    assert.deepEqual(acks(), [[BL, 3], [BL, 3], [BL, 3]], 'the snapshot applied; both deltas refused, each answered with the version held');
    assert.deepEqual([c.controller.policy.decide(A).reason, c.controller.policy.decide(B).reason], [2, 3]);
    assert.equal(c.logger.find('uplink.dataset_refused').length, 2);

    send({ datasetUpdate: { name: BL, version: 7, fullSnapshot: true, blacklist: { addCardUids: [B] } } });
    await waitFor('the snapshot acked', () => acks().length === 4);
    assert.deepEqual(acks()[3], [BL, 7]);
    assert.deepEqual([c.controller.policy.decide(A).reason, c.controller.policy.decide(B).reason, c.controller.policy.version(BL)], [3, 2, 7]);
  });
});
