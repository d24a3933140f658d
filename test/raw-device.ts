/**
 * A raw device for tests: a WebSocket client on loopback that signs in to a real hub with hand-made
 * frames and records every frame the hub sends, decoded.
 */
import WebSocket from 'ws';
import { PROTOCOL_VERSION, pb, type DatasetUpdate, type Envelope } from '../protocol/messages.js';
import { encodeFrame } from '../protocol/wire.js';
import { generateDeviceKeyPair, loadPrivateKey, signChallenge } from '../protocol/auth.js';
import type { onecard } from '../protocol/gen/onecard.js';
import type { Hub } from '../hub/hub.js';
import { api, waitFor } from './helpers.js';

export type Frame = onecard.v1.Envelope;

export interface RawDevice {
  ws: WebSocket;
  frames: Frame[];
  send(envelope: Envelope): void;
  /** Dataset updates received so far, of one dataset (1 blacklist, 2 cards) or of all. */
  updates(name?: number): DatasetUpdate[];
  close(): Promise<void>;
}

/** Registers `deviceId` at the hub (once) and returns its key. */
export async function registerDevice(hub: Hub, deviceId: string): Promise<string> {
  const keys = generateDeviceKeyPair();
  const res = await api(hub, 'POST', '/api/devices', { deviceId, publicKey: keys.publicKeyBase64 });
  if (res.status !== 201) throw new Error(`register ${deviceId}: ${JSON.stringify(res.body)}`);
  return keys.privateKeyPem;
}

/**
 * Connects, says hello holding `held` versions (and the hello's other fields in `hello`), signs the
 * challenge and waits for the welcome.
 */
export async function rawDevice(
  hub: Hub,
  deviceId: string,
  keyPem: string,
  held: { name: number; version: number }[] = [],
  hello: { maxSnapshotChunks?: number } = {},
): Promise<RawDevice> {
  const ws = new WebSocket(hub.deviceUrl);
  const frames: Frame[] = [];
  ws.on('message', (data: Buffer) => frames.push(pb.Envelope.decode(data)));
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const device: RawDevice = {
    ws,
    frames,
    send: (envelope) => ws.send(encodeFrame(envelope)),
    updates: (name) => frames.filter((f) => f.body === 'datasetUpdate' && (name === undefined || f.datasetUpdate!.name === name)).map((f) => f.datasetUpdate!),
    close: async () => {
      if (ws.readyState === WebSocket.CLOSED) return;
      const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
      ws.terminate();
      await closed;
    },
  };
  device.send({ hello: { deviceId, protocolVersion: PROTOCOL_VERSION, datasets: held, ...hello } });
  await waitFor('challenge', () => frames.some((f) => f.body === 'challenge'));
  const nonce = frames.find((f) => f.body === 'challenge')!.challenge!.nonce!;
  device.send({ auth: { signature: signChallenge(loadPrivateKey(keyPem), deviceId, nonce) } });
  await waitFor('welcome', () => frames.some((f) => f.body === 'welcome'));
  return device;
}
