/**
 * The device gateway seen from the wire: a raw WebSocket client on loopback sends hand-made frames
 * to a real hub (SQLite file in a temp dir) and checks what a device receives, what the operator
 * API shows and what the hub logs.
 */
import { BACKENDS } from '../test/pg.js';
import { strict as assert } from 'node:assert';
import WebSocket from 'ws';
import { Hub } from './hub.js';
import { ErrorCode, PROTOCOL_VERSION, pb, type Envelope, type Event } from '../protocol/messages.js';
import { DEVICE_TO_HUB_LIMITS, encodeFrame } from '../protocol/wire.js';
import { generateDeviceKeyPair, loadPrivateKey, signChallenge, type DeviceKeyPair } from '../protocol/auth.js';
import type { onecard } from '../protocol/gen/onecard.js';
import { MemoryLogger } from '../lib/log.js';
import { api, startHubOn, tempDir, waitFor } from '../test/helpers.js';

type Frame = onecard.v1.Envelope;
type Body = NonNullable<Frame['body']>;

/** A raw device connection: every frame the hub sent, decoded, and how the socket closed. */
interface Conn {
  ws: WebSocket;
  frames: Frame[];
  /** Index of the next frame `expect` looks at. */
  read: number;
  close: { code: number; reason: string } | null;
  send(data: Envelope | Uint8Array | string): void;
}

const CARD = '04A1B2C3D4';

/** An access event of `deviceId`; `variant` changes the payload but not (device_id, seq). */
function event(deviceId: string, seq: number, variant: 'granted' | 'denied' = 'granted', pointId = 'door-a'): Event {
  const granted = variant === 'granted';
  return { deviceId, seq, deviceTimeUnixMs: 1_700_000_000_000 + seq, pointId, access: { cardUid: CARD, granted, reason: granted ? 1 : 3 } };
}

for (const backend of BACKENDS) describe(`device gateway (raw WebSocket on loopback) (${backend})`, function () {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let logger: MemoryLogger;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    dir = await tempDir();
    logger = new MemoryLogger();
    hub = await startHubOn(backend, dir.path, logger);
  });

  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await hub.stop();
    await dir.remove();
  });

  async function connect(): Promise<Conn> {
    const ws = new WebSocket(hub.deviceUrl);
    sockets.push(ws);
    const conn: Conn = {
      ws,
      frames: [],
      read: 0,
      close: null,
      send: (data) => ws.send(typeof data === 'string' || data instanceof Uint8Array ? data : encodeFrame(data)),
    };
    ws.on('message', (data: Buffer) => conn.frames.push(pb.Envelope.decode(data)));
    ws.on('close', (code, reason) => (conn.close = { code, reason: reason.toString() }));
    ws.on('error', () => {}); // e.g. EPIPE while an oversized frame is still being written
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return conn;
  }

  /** Waits for the next frame carrying `body` (skipping others, e.g. dataset updates) and consumes it. */
  async function expect(conn: Conn, body: Body): Promise<Frame> {
    let found = -1;
    await waitFor(`a ${body} frame`, () => (found = conn.frames.findIndex((f, i) => i >= conn.read && f.body === body)) >= 0);
    conn.read = found + 1;
    return conn.frames[found]!;
  }

  async function closed(conn: Conn): Promise<{ code: number; reason: string }> {
    await waitFor('the hub to close the socket', () => conn.close !== null);
    return conn.close!;
  }

  async function register(deviceId: string): Promise<DeviceKeyPair> {
    const keys = generateDeviceKeyPair();
    const res = await api(hub, 'POST', '/api/devices', { deviceId, publicKey: keys.publicKeyBase64 });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return keys;
  }

  /** hello -> challenge -> auth (signed with `keyPem`); returns before the hub's answer to auth. */
  async function signIn(deviceId: string, keyPem: string): Promise<Conn> {
    const conn = await connect();
    conn.send({ hello: { deviceId, protocolVersion: PROTOCOL_VERSION } });
    const challenge = await expect(conn, 'challenge');
    conn.send({ auth: { signature: signChallenge(loadPrivateKey(keyPem), deviceId, challenge.challenge!.nonce!) } });
    return conn;
  }

  /** Connects and authenticates as `deviceId`; returns the connection and the welcome's acked seq. */
  async function online(deviceId: string, keys: DeviceKeyPair): Promise<{ conn: Conn; ackedSeq: number }> {
    const conn = await signIn(deviceId, keys.privateKeyPem);
    const welcome = await expect(conn, 'welcome');
    return { conn, ackedSeq: welcome.welcome!.ackedSeq ?? 0 };
  }

  /** Sends one batch and returns the acked seq of the hub's answer to it. */
  async function sendEvents(conn: Conn, events: Event[]): Promise<number> {
    conn.send({ events: { events } });
    return (await expect(conn, 'ack')).ack!.ackedSeq ?? 0;
  }

  async function hubEvents(deviceId?: string) {
    const res = await api(hub, 'GET', `/api/events?limit=1000${deviceId ? `&deviceId=${deviceId}` : ''}`);
    return res.body.events as { deviceId: string; seq: number; pointId: string; granted: boolean; reason: string }[];
  }

  async function device(deviceId: string) {
    const devices = (await api(hub, 'GET', '/api/devices')).body.devices as { deviceId: string; ackedSeq: number; lastSeenAtMs: number | null; online: boolean }[];
    return devices.find((d) => d.deviceId === deviceId);
  }

  const rejections = () => logger.find('gateway.session_rejected').map((r) => r.fields);

  /** What a refused device learns: the Error frame and the close. */
  async function refusal(conn: Conn) {
    const error = (await expect(conn, 'error')).error!;
    const close = await closed(conn);
    return { code: error.code, message: error.message ?? '', closeCode: close.code, closeReason: close.reason };
  }

  it('refuses a device signing with the wrong key, and writes nothing for it', async () => {
    await register('door-ctl-1');
    const conn = await signIn('door-ctl-1', generateDeviceKeyPair().privateKeyPem);
    conn.send({ events: { events: [event('door-ctl-1', 1)] } }); // keeps talking without waiting for the answer
    const seen = await refusal(conn);
    assert.equal(seen.code, ErrorCode.ERROR_CODE_AUTH_FAILED);
    assert.equal(seen.closeCode, 4004);
    await waitFor('rejection logged', () => rejections().length === 1);
    assert.deepEqual(
      rejections().map((f) => [f.code, f.reason, f.deviceId]),
      [['auth_failed', 'bad_signature', 'door-ctl-1']],
    );
    const row = await device('door-ctl-1');
    assert.deepEqual([row?.lastSeenAtMs, row?.ackedSeq, row?.online], [null, 0, false], 'never seen, nothing acked, not online');
    assert.deepEqual(await hubEvents(), []);
  });

  it('refuses an unknown device id exactly like a bad signature, telling it no more than auth_failed', async () => {
    await register('door-ctl-1');
    const unknown = await signIn('ghost-1', generateDeviceKeyPair().privateKeyPem);
    const known = await signIn('door-ctl-1', generateDeviceKeyPair().privateKeyPem);
    const seenUnknown = await refusal(unknown);
    const seenKnown = await refusal(known);
    assert.equal(seenUnknown.code, ErrorCode.ERROR_CODE_AUTH_FAILED);
    assert.equal(seenUnknown.closeCode, 4004);
    assert.deepEqual(seenUnknown, seenKnown, 'an unknown id and a wrong key look the same from the device');
    assert.doesNotMatch(seenUnknown.message, /unknown|ghost|register/i);
    await waitFor('both rejections logged', () => rejections().length === 2);
    const ghost = rejections().find((f) => f.deviceId === 'ghost-1');
    assert.deepEqual([ghost?.code, ghost?.reason], ['auth_failed', 'unknown_device']);
    assert.equal(await device('ghost-1'), undefined, 'no device row is created');
    assert.deepEqual(await hubEvents(), []);
  });

  describe('garbage closes only the connection that sends it', () => {
    let bystander: Conn;

    beforeEach(async () => {
      // A raw socket rather than a controller: a controller would reconnect silently if its session were dropped.
      bystander = (await online('bystander', await register('bystander'))).conn;
    });

    const cases: { what: string; code: string; closeCode?: number; act: (conn: Conn) => Promise<void> }[] = [
      { what: 'bytes that are not a protobuf Envelope', code: 'malformed_frame', closeCode: 4001, act: async (c) => c.send(Buffer.from('ffffffffffffffffffff', 'hex')) },
      { what: 'a text frame', code: 'malformed_frame', closeCode: 4001, act: async (c) => c.send('{"hello":{}}') },
      { what: 'a frame just over 1 MiB', code: 'frame_too_large', closeCode: 4002, act: async (c) => c.send(Buffer.alloc(DEVICE_TO_HUB_LIMITS.maxFrameBytes + 1)) },
      // Far over the limit, ws stops reading the frame itself: close 1009 and no Error frame (docs/errors.md).
      { what: 'a frame of 4 MiB', code: 'frame_too_large', act: async (c) => c.send(Buffer.alloc(4 * DEVICE_TO_HUB_LIMITS.maxFrameBytes)) },
      { what: 'events before hello', code: 'unexpected_message', closeCode: 4003, act: async (c) => c.send({ events: { events: [event('bystander', 1, 'denied', 'forged')] } }) },
      {
        what: 'an unsupported protocol_version',
        code: 'unsupported_protocol',
        closeCode: 4009,
        act: async (c) => c.send({ hello: { deviceId: 'door-ctl-2', protocolVersion: PROTOCOL_VERSION + 1 } }),
      },
    ];

    for (const { what, code, closeCode, act } of cases) {
      it(`${what}: logs ${code}${closeCode ? `, closes with ${closeCode}` : ''}`, async () => {
        const conn = await connect();
        await act(conn);
        await checkRefused(conn, code, closeCode);
      });
    }

    it('after auth, an event carrying another device id: logs invalid_event, closes with 4006', async () => {
      const { conn } = await online('door-ctl-2', await register('door-ctl-2'));
      conn.send({ events: { events: [event('door-ctl-2', 1), event('bystander', 1, 'denied', 'forged')] } });
      await checkRefused(conn, 'invalid_event', 4006);
      assert.deepEqual(await hubEvents('door-ctl-2'), [], 'the batch is refused as a whole');
    });

    async function checkRefused(conn: Conn, code: string, closeCode: number | undefined): Promise<void> {
      const close = await closed(conn);
      if (closeCode !== undefined) {
        assert.equal(close.code, closeCode);
        assert.equal((await expect(conn, 'error')).error!.code, closeCode - 4000, 'the Error frame carries the same code');
      }
      await waitFor(`${code} logged`, () => rejections().some((f) => f.code === code));
      assert.deepEqual(rejections().map((f) => f.code), [code], 'one record, for that connection only');
      // The bystander's session is untouched: its next event is stored and acked on the same socket.
      assert.equal(await sendEvents(bystander, [event('bystander', 1)]), 1);
      assert.equal(bystander.close, null);
      assert.equal(bystander.frames.filter((f) => f.body === 'error').length, 0);
      assert.deepEqual((await hubEvents()).map((e) => [e.deviceId, e.seq, e.pointId]), [['bystander', 1, 'door-a']]);
    }
  });

  it('stores each (device, seq) exactly once, keeps the first payload on conflict and acks only contiguous seqs', async () => {
    const { conn } = await online('door-ctl-1', await register('door-ctl-1'));
    assert.equal(await sendEvents(conn, [1, 2, 3].map((s) => event('door-ctl-1', s))), 3);

    assert.equal(await sendEvents(conn, [2, 3].map((s) => event('door-ctl-1', s))), 3, 'a resend is acked again');
    assert.deepEqual((await hubEvents('door-ctl-1')).map((e) => e.seq), [1, 2, 3], 'and not stored twice');
    assert.deepEqual(logger.find('gateway.event_conflict'), []);

    assert.equal(await sendEvents(conn, [event('door-ctl-1', 3, 'denied')]), 3);
    const third = (await hubEvents('door-ctl-1')).find((e) => e.seq === 3);
    assert.deepEqual([third?.granted, third?.reason], [true, 'granted'], 'the stored event is not overwritten');
    assert.deepEqual(
      logger.find('gateway.event_conflict').map((r) => [r.fields.deviceId, r.fields.seq]),
      [['door-ctl-1', 3]],
    );

    assert.equal(await sendEvents(conn, [event('door-ctl-1', 5)]), 3, 'a gap holds the ack back');
    assert.equal(await sendEvents(conn, [event('door-ctl-1', 4)]), 5, 'filling the gap acks both');
    assert.deepEqual((await hubEvents('door-ctl-1')).map((e) => e.seq).sort((a, b) => a - b), [1, 2, 3, 4, 5]);
    assert.equal((await device('door-ctl-1'))?.ackedSeq, 5);
    assert.equal(conn.close, null, 'none of this ends the session');
  });

  it("tells a reconnecting device the hub's acked seq in the welcome", async () => {
    const keys = await register('door-ctl-1');
    const first = await online('door-ctl-1', keys);
    assert.equal(first.ackedSeq, 0);
    assert.equal(await sendEvents(first.conn, [event('door-ctl-1', 1), event('door-ctl-1', 2)]), 2);
    first.conn.ws.close();
    await closed(first.conn);
    const again = await online('door-ctl-1', keys);
    assert.equal(again.ackedSeq, 2);
    assert.equal((await device('door-ctl-1'))?.online, true);
  });

  it('supersedes the older session when the same device authenticates again', async () => {
    const keys = await register('door-ctl-1');
    const first = await online('door-ctl-1', keys);
    const second = await online('door-ctl-1', keys);
    const seen = await refusal(first.conn);
    assert.deepEqual([seen.code, seen.closeCode], [ErrorCode.ERROR_CODE_SUPERSEDED, 4008]);
    assert.equal(await sendEvents(second.conn, [event('door-ctl-1', 1)]), 1, 'the newer session keeps working');
    assert.equal(second.conn.close, null);
    assert.equal((await device('door-ctl-1'))?.online, true);
  });

  it('closes a connection that does not authenticate in time, with auth_timeout logged', async () => {
    await hub.stop();
    hub = await startHubOn(backend, dir.path, logger, { authTimeoutMs: 100 });
    const conn = await connect();
    conn.send({ hello: { deviceId: 'door-ctl-1', protocolVersion: PROTOCOL_VERSION } });
    const seen = await refusal(conn);
    assert.deepEqual([seen.code, seen.closeCode], [ErrorCode.ERROR_CODE_AUTH_TIMEOUT, 4005]);
    assert.deepEqual(rejections().map((f) => f.code), ['auth_timeout']);
  });

  it('refuses a replayed auth frame: its signature was for the nonce of another session', async () => {
    const keys = await register('door-ctl-1');
    const first = await connect();
    first.send({ hello: { deviceId: 'door-ctl-1', protocolVersion: PROTOCOL_VERSION } });
    const challenge = await expect(first, 'challenge');
    const authFrame = encodeFrame({ auth: { signature: signChallenge(loadPrivateKey(keys.privateKeyPem), 'door-ctl-1', challenge.challenge!.nonce!) } });
    first.send(authFrame);
    await expect(first, 'welcome');
    // An eavesdropper replays the captured hello and auth frames on a connection of its own.
    const replay = await connect();
    replay.send({ hello: { deviceId: 'door-ctl-1', protocolVersion: PROTOCOL_VERSION } });
    await expect(replay, 'challenge');
    replay.send(authFrame);
    const seen = await refusal(replay);
    assert.deepEqual([seen.code, seen.closeCode], [ErrorCode.ERROR_CODE_AUTH_FAILED, 4004]);
    assert.deepEqual(rejections().map((f) => [f.code, f.reason]), [['auth_failed', 'bad_signature']]);
    assert.equal(first.close, null, 'the real device keeps its session');
    assert.equal(await sendEvents(first, [event('door-ctl-1', 1)]), 1);
  });

  it('refuses a second device claiming the id of a first, and keeps the first online', async () => {
    const keys = await register('door-ctl-1');
    const real = await online('door-ctl-1', keys);
    const impostor = await signIn('door-ctl-1', generateDeviceKeyPair().privateKeyPem);
    const seen = await refusal(impostor);
    assert.equal(seen.code, ErrorCode.ERROR_CODE_AUTH_FAILED);
    assert.equal(real.conn.close, null, 'not superseded by an impostor');
    assert.equal(await sendEvents(real.conn, [event('door-ctl-1', 1)]), 1);
    assert.deepEqual(await hubEvents('door-ctl-1').then((e) => e.map((x) => x.seq)), [1]);
  });

  it('holds back a device that sends faster than the hub stores, instead of cutting it off', async () => {
    const keys = await register('door-ctl-1');
    const { conn } = await online('door-ctl-1', keys);
    for (let seq = 1; seq <= 400; seq++) conn.send({ events: { events: [event('door-ctl-1', seq)] } });
    await waitFor('all 400 acked', () => conn.frames.some((f) => f.ack?.ackedSeq === 400), 20_000);
    assert.equal(conn.close, null, 'the session was not closed');
    assert.deepEqual(rejections(), []);
    assert.equal((await hubEvents('door-ctl-1')).length, 400);
  });
});
