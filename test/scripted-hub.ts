/**
 * A scripted hub for uplink tests: a bare WebSocket server on loopback that speaks the protocol
 * frame by frame (a challenge for the hello, a welcome for the auth) and records every envelope the
 * device sends. `useScriptedHub()` starts one and a temporary directory before each test of the
 * suite and stops them (and the controller brought online) after it.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { pb, type Envelope } from '../protocol/messages.js';
import { encodeFrame } from '../protocol/wire.js';
import type { onecard } from '../protocol/gen/onecard.js';
import type { Hub } from '../hub/hub.js';
import { makeController, tempDir, waitFor, type TestController } from './helpers.js';

export interface ScriptedHub {
  /** Every envelope the device sent, in order (this test's). */
  readonly received: onecard.v1.Envelope[];
  /** The hub's side of the device's latest connection. */
  readonly hubSide: WebSocket | null;
  /** Sends an envelope to the device on its latest connection. */
  send(envelope: Envelope): void;
  /** The device's dataset acks so far: [name, version]. */
  acks(): number[][];
  /** Starts a controller (door-ctl-1, not registered) against this hub and waits for its welcome. */
  online(): Promise<TestController>;
}

export function useScriptedHub(): ScriptedHub {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let server: WebSocketServer;
  let hubSide: WebSocket | null = null;
  let received: onecard.v1.Envelope[] = [];
  let c: TestController | null = null;

  const send = (envelope: Envelope): void => {
    hubSide!.send(encodeFrame(envelope));
  };

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

  return {
    get received() {
      return received;
    },
    get hubSide() {
      return hubSide;
    },
    send,
    acks: () => received.filter((e) => e.body === 'datasetAck').map((e) => [e.datasetAck!.name!, Number(e.datasetAck!.version)]),
    async online() {
      const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/device`;
      c = await makeController(null as unknown as Hub, dir.path, 'door-ctl-1', { register: false, hubUrl: url });
      await c.controller.start();
      await waitFor('welcomed', () => c!.controller.uplink.state === 'online');
      return c;
    },
  };
}
