import { strict as assert } from 'node:assert';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { BACKENDS } from '../test/pg.js';
import { DeviceStore } from './devices.js';
import { EventStore } from './events.js';
import type { Database } from './db/schema.js';
import type { Hub } from './hub.js';
import { Journal } from '../controller/journal.js';
import { listSegments } from '../controller/journal/segments.js';
import { encodeRecord } from '../protocol/framing.js';
import { generateDeviceKeyPair } from '../protocol/auth.js';
import { pb, type Event } from '../protocol/messages.js';
import { MemoryLogger } from '../lib/log.js';
import { api, makeController, openTestDatabase, startHubOn, tempDir, waitFor, type TestController } from '../test/helpers.js';

const CARD = '04A1B2C3D4E5F6';

/** Events 1..n of device `dev-1` as its journal wrote them (chained). */
async function journalEvents(dir: string, n: number): Promise<Event[]> {
  const journal = new Journal({ dir, deviceId: 'dev-1', logger: new MemoryLogger() });
  await journal.start();
  for (let i = 0; i < n; i++) {
    const r = journal.append({ pointId: 'shower-1', charge: { cardUid: CARD, accountId: 'acct-1', amountFen: 100 + i } });
    if (r.ok) await r.durable;
  }
  const events = journal.durableFrom(1, n);
  await journal.stop();
  return events.map((e) => pb.Event.decode(pb.Event.encode(e).finish()));
}

for (const backend of BACKENDS) describe(`hub: event hash chain (${backend})`, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let db: Kysely<Database>;
  let drop: () => Promise<void>;
  let store: EventStore;

  beforeEach(async () => {
    dir = await tempDir();
    ({ db, drop } = await openTestDatabase(backend));
    await new DeviceStore(db, () => 1).register({ deviceId: 'dev-1', publicKey: generateDeviceKeyPair().publicKeyBase64, name: 'dev-1' });
    store = new EventStore(db, () => 1_700_000_000_000);
  });
  afterEach(async () => {
    await drop();
    await dir.remove();
  });

  const chainOks = async () => (await store.list({ deviceId: 'dev-1', limit: 100 })).sort((a, b) => a.seq - b.seq).map((e) => [e.seq, e.chainOk]);

  it('verifies a device journal chain link by link across batches', async () => {
    const events = await journalEvents(dir.path, 6);
    const a = await store.ingest('dev-1', events.slice(0, 3));
    const b = await store.ingest('dev-1', events.slice(3));
    assert.deepEqual([a.chainBreaks, b.chainBreaks, b.ackedSeq], [[], [], 6]);
    assert.deepEqual(await chainOks(), [[1, true], [2, true], [3, true], [4, true], [5, true], [6, true]]);
  });

  it('flags, stores and reports the event after an edited one, and a first event not linked to zero', async () => {
    const events = await journalEvents(dir.path, 5);
    // Someone changed the amount of seq 3 (its own prev_hash still fits): seq 4 no longer links to it.
    events[2]!.charge!.amountFen = 1;
    const out = await store.ingest('dev-1', events);
    assert.deepEqual(out.chainBreaks, [4]);
    assert.deepEqual(out.results, ['created', 'created', 'created', 'created', 'created'], 'nothing rejected');
    assert.deepEqual(await chainOks(), [[1, true], [2, true], [3, true], [4, false], [5, true]]);
    // A resend of the true seq 3 is a conflict, never an overwrite, and the flag stays.
    const original = (await journalEvents(join(dir.path, 'again'), 3))[2]!;
    assert.deepEqual((await store.ingest('dev-1', [original])).results, ['exists_with_different_payload']);
    assert.deepEqual((await chainOks())[3], [4, false]);
  });

  it('flags a seq 1 whose prev_hash is not 32 zero bytes', async () => {
    const [first] = await journalEvents(dir.path, 1);
    first!.prevHash = Buffer.alloc(32, 1);
    assert.deepEqual((await store.ingest('dev-1', [first!])).chainBreaks, [1]);
  });

  it('leaves the flag open while seq - 1 is missing and settles it when seq - 1 arrives', async () => {
    const events = await journalEvents(dir.path, 4);
    await store.ingest('dev-1', [events[3]!]);
    assert.deepEqual(await chainOks(), [[4, null]]);
    const forged = { ...events[2]!, charge: { cardUid: CARD, accountId: 'acct-1', amountFen: 7 } };
    const out = await store.ingest('dev-1', [events[0]!, events[1]!, forged]);
    assert.deepEqual(out.chainBreaks, [4]);
    assert.deepEqual(await chainOks(), [[1, true], [2, true], [3, true], [4, false]]);
  });
});

for (const backend of BACKENDS) describe(`hub: a journal edited on the device is flagged through the gateway (${backend})`, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let hubLogger: MemoryLogger;
  let c: TestController | null = null;

  beforeEach(async () => {
    dir = await tempDir();
    hubLogger = new MemoryLogger();
    hub = await startHubOn(backend, dir.path, hubLogger);
  });
  afterEach(async () => {
    await c?.controller.stop();
    await hub.stop();
    await dir.remove();
  });

  it('logs gateway.chain_break with the device and seq and shows chainOk false in GET /api/events', async () => {
    // Write 3 events offline, then edit seq 2 on disk with a valid CRC, as an attacker with the SD card would.
    const journalDir = join(dir.path, 'dev-1', 'journal');
    await journalEvents(journalDir, 3);
    const [segment] = await listSegments(journalDir);
    const data = await readFile(segment!.path);
    const firstLen = 8 + data.readUInt32LE(0);
    const secondLen = 8 + data.readUInt32LE(firstLen);
    const second = pb.Event.decode(data.subarray(firstLen + 8, firstLen + secondLen));
    second.charge!.amountFen = 127; // 101 -> 127: same varint length, so the file stays aligned
    const edited = encodeRecord(pb.Event.encode(second).finish());
    assert.equal(edited.length, secondLen);
    await writeFile(segment!.path, Buffer.concat([data.subarray(0, firstLen), edited, data.subarray(firstLen + secondLen)]));

    c = await makeController(hub, dir.path, 'dev-1');
    await c.controller.start();
    await waitFor('all acknowledged', () => c!.controller.journal.ackedSeq >= 3);
    const events = (await api(hub, 'GET', '/api/events?deviceId=dev-1')).body.events as { seq: number; chainOk: boolean | null }[];
    assert.deepEqual(events.filter((e) => e.seq <= 3).map((e) => [e.seq, e.chainOk]), [[1, true], [2, true], [3, false]]);
    const logged = hubLogger.find('gateway.chain_break');
    assert.deepEqual(logged.map((r) => [r.fields.deviceId, r.fields.seq]), [['dev-1', 3]]);
  });
});
