/**
 * Dataset frames paced at the hub (hub/frame-pacer.ts): a snapshot's chunks go onto a device's
 * socket only while it holds less than a bound, so a slow reader costs the hub about that bound,
 * not the snapshot. Unit tests on a scripted socket; then a real hub sending ~20 MB of cards in
 * chunks to a raw device that stops reading and reads again.
 */
import { BACKENDS } from '../test/pg.js';
import { strict as assert } from 'node:assert';
import { Hub } from './hub.js';
import { DatasetName } from '../protocol/messages.js';
import { MemoryLogger } from '../lib/log.js';
import { startHubOn, tempDir, waitFor } from '../test/helpers.js';
import { rawDevice, registerDevice, type RawDevice } from '../test/raw-device.js';
import { SNAPSHOT_CHUNK_MAX_BYTES } from './dataset-chunks.js';
import { FramePacer, MAX_BUFFERED_DATASET_BYTES, type PacedSocket } from './frame-pacer.js';

/** A socket whose writes complete only when the test says so (`flush`). */
class ScriptedSocket implements PacedSocket {
  bufferedAmount = 0;
  readonly sent: number[] = [];
  private readonly pending: { bytes: number; cb: (err?: Error) => void }[] = [];
  send(data: Uint8Array, cb: (err?: Error) => void): void {
    this.sent.push(data[0]!);
    this.bufferedAmount += data.length;
    this.pending.push({ bytes: data.length, cb });
  }
  /** Completes the oldest `n` writes. */
  flush(n = Infinity): void {
    while (n-- > 0 && this.pending.length > 0) {
      const w = this.pending.shift()!;
      this.bufferedAmount -= w.bytes;
      w.cb();
    }
  }
}

const frame = (tag: number, bytes: number) => new Uint8Array(bytes).fill(tag);

describe('FramePacer: dataset frames onto a socket within a bound', () => {
  it('sends while the socket holds under the bound, then waits for the frame that passed it to be written, in order', () => {
    const socket = new ScriptedSocket();
    const pacer = new FramePacer(socket, 1000);
    for (let i = 0; i < 10; i++) pacer.send(frame(i, 300));
    // 0, 300, 600, 900 < 1000: four frames, then the socket holds 1200 and the rest wait.
    assert.deepEqual(socket.sent, [0, 1, 2, 3]);
    assert.equal(pacer.waitingFrames, 6);
    socket.flush(3); // written out before the frame that passed the bound: no resume yet
    assert.deepEqual(socket.sent, [0, 1, 2, 3]);
    socket.flush(1); // that frame written: the socket empty, filled up to the bound again
    assert.deepEqual(socket.sent, [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.equal(socket.bufferedAmount, 1200);
    socket.flush();
    assert.deepEqual(socket.sent, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    socket.flush();
    assert.equal(pacer.waitingFrames, 0);
    assert.ok(pacer.peakBufferedBytes <= 1000 + 300, `peak ${pacer.peakBufferedBytes}`);
    // Idle and empty: the next frame goes at once.
    pacer.send(frame(10, 300));
    assert.equal(socket.sent.at(-1), 10);
  });

  it('sends one frame when other frames filled the socket, and goes on from its completion', () => {
    const socket = new ScriptedSocket();
    socket.bufferedAmount = 5000; // a burst of other frames
    const pacer = new FramePacer(socket, 1000);
    pacer.send(frame(1, 100));
    pacer.send(frame(2, 100));
    assert.deepEqual(socket.sent, [1]);
    socket.bufferedAmount -= 5000;
    socket.flush();
    assert.deepEqual(socket.sent, [1, 2]);
  });

  it('sends nothing once closed (the session ended), even when a write completes after', () => {
    const socket = new ScriptedSocket();
    const pacer = new FramePacer(socket, 500);
    for (let i = 0; i < 5; i++) pacer.send(frame(i, 400));
    assert.deepEqual(socket.sent, [0, 1]);
    pacer.close();
    assert.equal(pacer.waitingFrames, 0);
    socket.flush();
    pacer.send(frame(9, 1));
    assert.deepEqual(socket.sent, [0, 1]);
  });
});

const CARDS = DatasetName.DATASET_NAME_CARDS;
/** Cards whose holders are in 40 long-named groups each (~1.9 KB a card): ~20 MB of snapshot. */
const COUNT = 10_000;
const GROUPS = JSON.stringify(Array.from({ length: 40 }, (_, g) => `building-${String(g).padStart(2, '0')}-floor-access-group-with-a-long-name`));
const uid = (i: number) => (0x06000000 + i).toString(16).toUpperCase() + 'C0';

for (const backend of BACKENDS) describe(`a large chunked snapshot paced to a slow reader (real hub, raw device) (${backend})`, function () {
  this.timeout(120_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  const devices: RawDevice[] = [];

  beforeEach(async () => {
    dir = await tempDir();
    hub = await startHubOn(backend, dir.path, new MemoryLogger());
    await hub.db.transaction().execute(async (trx) => {
      for (let start = 0; start < COUNT; start += 500) {
        const ids = Array.from({ length: Math.min(500, COUNT - start) }, (_, k) => start + k);
        await trx.insertInto('people').values(ids.map((i) => ({ person_id: `S${i}`, name: `Student ${i}`, person_type: 'student', created_at_ms: 0, groups: GROUPS }))).execute();
        await trx.insertInto('cards').values(ids.map((i) => ({ card_uid: uid(i), person_id: `S${i}`, status: 'active' as const, created_at_ms: 0, updated_at_ms: 0, groups: '[]' }))).execute();
      }
      await trx.updateTable('datasets').set({ version: 1, log_floor_version: 1, updated_at_ms: 0 }).where('name', '=', 'cards').execute();
    });
  });

  afterEach(async () => {
    for (const d of devices.splice(0)) await d.close();
    await hub.stop();
    await dir.remove();
  });

  /** The most a session's socket may hold: the bound, one chunk past it, and slack for small frames. */
  const LIMIT = MAX_BUFFERED_DATASET_BYTES + SNAPSHOT_CHUNK_MAX_BYTES + 64 * 1024;

  it('holds the hub socket of a device that stops reading within the bound, and completes the snapshot once it reads again', async () => {
    const built = await hub.gateway.feed.updateFor('cards', 0, undefined, undefined, true);
    const totalBytes = built!.frames.reduce((n, f) => n + f.length, 0);
    assert.ok(totalBytes > 15 * 1024 * 1024, `a snapshot of ${totalBytes} bytes`);
    const d = await rawDevice(hub, 'door-ctl-1', await registerDevice(hub, 'door-ctl-1'), [], { maxSnapshotChunks: 10_000 });
    devices.push(d);
    d.ws.pause();
    // The kernel's buffers fill up, then the hub's socket, then the hub holds the rest back.
    await waitFor('the hub holding chunks back', () => (hub.gateway.datasetPacing('door-ctl-1')?.waitingFrames ?? 0) > 0);
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      samples.push(hub.gateway.datasetPacing('door-ctl-1')!.bufferedBytes);
      await new Promise((r) => setTimeout(r, 25));
    }
    const pacing = hub.gateway.datasetPacing('door-ctl-1')!;
    assert.ok(pacing.waitingFrames > 0, 'still held back while the device does not read');
    assert.ok(Math.max(...samples) <= LIMIT, `the hub's socket held ${Math.max(...samples)} bytes`);
    assert.ok(pacing.peakBufferedBytes <= LIMIT, `peak ${pacing.peakBufferedBytes} bytes`);
    assert.ok(pacing.peakBufferedBytes >= MAX_BUFFERED_DATASET_BYTES / 2, `the socket did fill up (peak ${pacing.peakBufferedBytes} bytes)`);
    console.log(`      snapshot ${(totalBytes / 1048576).toFixed(1)} MiB in ${built!.frames.length} chunks; paused reader: hub socket held at most ${(pacing.peakBufferedBytes / 1024).toFixed(0)} KiB, ${pacing.waitingFrames} chunks waiting at the hub`);

    d.ws.resume();
    await waitFor('every chunk', () => {
      const got = d.updates(CARDS);
      return got.length > 0 && got.length === got[0]!.chunkCount;
    }, 60_000);
    const chunks = d.updates(CARDS);
    assert.equal(chunks.length, built!.frames.length);
    assert.deepEqual(chunks.map((c) => c.chunkIndex), chunks.map((_, i) => i));
    assert.ok(chunks.every((c) => c.snapshotId === chunks[0]!.snapshotId && c.version === 1));
    assert.equal(chunks.reduce((n, c) => n + c.cards!.upsert!.length, 0), COUNT);
    assert.equal(hub.gateway.datasetPacing('door-ctl-1')!.waitingFrames, 0);
    assert.ok(hub.gateway.datasetPacing('door-ctl-1')!.peakBufferedBytes <= LIMIT);
  });

  it('stops sending a snapshot whose session ended mid-way, and sends it whole to the next session', async () => {
    const key = await registerDevice(hub, 'door-ctl-1');
    const d = await rawDevice(hub, 'door-ctl-1', key, [], { maxSnapshotChunks: 10_000 });
    d.ws.pause();
    await waitFor('the hub holding chunks back', () => (hub.gateway.datasetPacing('door-ctl-1')?.waitingFrames ?? 0) > 0);
    await d.close();
    await waitFor('the session gone', () => hub.gateway.datasetPacing('door-ctl-1') === null);
    const again = await rawDevice(hub, 'door-ctl-1', key, [], { maxSnapshotChunks: 10_000 });
    devices.push(again);
    await waitFor('every chunk', () => {
      const got = again.updates(CARDS);
      return got.length > 0 && got.length === got[0]!.chunkCount;
    }, 60_000);
    assert.deepEqual(again.updates(CARDS).map((c) => c.chunkIndex), again.updates(CARDS).map((_, i) => i));
  });
});
