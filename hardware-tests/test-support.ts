/**
 * Test support for the self-test suites: a config of one door, one shower and one room on emulated
 * hardware, a pump that runs a promise on a manual clock, and a small hub double (WebSocket device
 * endpoint plus HTTP with a settable Date) that authenticates one device, acks its events and can
 * send it commands.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseControllerConfig, type ControllerConfig } from '../controller/config.js';
import type { ManualClock } from '../lib/manual-clock.js';
import { parsePublicKey, verifyChallenge } from '../protocol/auth.js';
import { pb, type Event } from '../protocol/messages.js';
import { DEVICE_TO_HUB_LIMITS, decodeFrame, encodeFrame } from '../protocol/wire.js';
import type { onecard } from '../protocol/gen/onecard.js';

/** Runs `promise` to its end, moving the manual clock 5 ms per turn of the event loop. */
export async function drive<T>(clock: ManualClock, promise: Promise<T>, stepMs = 5): Promise<T> {
  let settled = false;
  const done = promise.finally(() => {
    settled = true;
  });
  while (!settled) {
    await new Promise((resolve) => setImmediate(resolve));
    if (!settled) clock.advance(stepMs);
  }
  return done;
}

export const CARD = '04A1B2C3D4E5F6';

/** A door (with a feedback input on its relay), a shower with emulated water, a room with a breaker. */
export function emulatedDoc(dataDir: string, hubUrl = 'ws://127.0.0.1:9/v1/device'): Record<string, unknown> {
  return {
    configVersion: 1,
    deviceId: 'dorm-9',
    dataDir,
    keyFile: `${dataDir}/device.key`,
    hub: { url: hubUrl, heartbeatIntervalMs: 300_000 },
    points: [
      { kind: 'door', id: 'main-door', reader: { driver: 'emulated' }, relay: { driver: 'emulated' }, exitButton: { driver: 'emulated' } },
      { kind: 'shower', id: 'shower-1', tariff: 'hot', reader: { driver: 'emulated' }, valve: { driver: 'emulated' }, flowSensor: { driver: 'emulated', flowPulsesPerSecond: 60 }, pulsesPerLitre: 450 },
      { kind: 'room', id: 'room-1', accountId: 'room.1', tariff: 'power', meter: { driver: 'emulated', model: 'dds238', energyWh: 500_000 }, breaker: { driver: 'emulated' } },
    ],
    selfTest: { hub: 'required', feedback: { 'main-door/relay': { driver: 'emulated' }, 'room-1/breaker': { driver: 'emulated' } }, storageP99LimitMs: 60_000, hubTimeoutMs: 5000 },
  };
}

export function emulatedConfig(dataDir: string, edit: (doc: Record<string, unknown>) => void = () => undefined, hubUrl?: string): ControllerConfig {
  const doc = emulatedDoc(dataDir, hubUrl);
  edit(doc);
  return parseControllerConfig(doc);
}

export class HubDouble {
  readonly events: Event[] = [];
  readonly results: onecard.v1.CommandResult.$Properties[] = [];
  /** The hub's wall clock (welcome and the HTTP Date header). */
  hubNow: () => number = Date.now;
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private online: WebSocket | null = null;

  constructor(private readonly publicKeyBase64: string | null) {}

  async start(): Promise<string> {
    const server = createServer((_req, res) => {
      res.sendDate = false;
      res.setHeader('Date', new Date(this.hubNow()).toUTCString());
      res.writeHead(404).end();
    });
    this.server = server;
    this.wss = new WebSocketServer({ server, path: '/v1/device' });
    this.wss.on('connection', (ws) => this.session(ws));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/device`;
  }

  get isOnline(): boolean {
    return this.online !== null;
  }

  sendCommand(command: onecard.v1.Command.$Properties): void {
    if (!this.online) throw new Error('no device online');
    this.online.send(encodeFrame({ command }));
  }

  async stop(): Promise<void> {
    for (const ws of this.wss?.clients ?? []) ws.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private session(ws: WebSocket): void {
    let nonce: Buffer | null = null;
    let deviceId = '';
    ws.on('message', (data: Buffer) => {
      const decoded = decodeFrame(data, DEVICE_TO_HUB_LIMITS);
      if (!decoded.ok) return ws.close(4000 + decoded.code);
      const env = decoded.envelope;
      if (env.body === 'hello') {
        deviceId = env.hello!.deviceId!;
        nonce = randomBytes(32);
        ws.send(encodeFrame({ challenge: { nonce } }));
      } else if (env.body === 'auth') {
        const key = this.publicKeyBase64 ? parsePublicKey(this.publicKeyBase64) : null;
        if (!key?.ok || !nonce || !verifyChallenge(key.key, deviceId, nonce, env.auth!.signature!)) {
          ws.send(encodeFrame({ error: { code: pb.ErrorCode.ERROR_CODE_AUTH_FAILED, message: 'authentication failed' } }));
          return ws.close(4004);
        }
        this.online = ws;
        ws.on('close', () => {
          if (this.online === ws) this.online = null;
        });
        ws.send(encodeFrame({ welcome: { ackedSeq: this.events.length, hubTimeUnixMs: this.hubNow(), heartbeatIntervalMs: 300_000 } }));
      } else if (env.body === 'events') {
        for (const e of env.events!.events ?? []) if ((e.seq ?? 0) > this.events.length) this.events.push(e);
        ws.send(encodeFrame({ ack: { ackedSeq: this.events.length } }));
      } else if (env.body === 'commandResult') {
        this.results.push(env.commandResult!);
      }
    });
  }
}
