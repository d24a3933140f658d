/**
 * Nothing lost, nothing twice, across a hub that is away for a long backlog and a network that
 * drops, delays and cuts the connection mid-frame (a TCP proxy on loopback between controller and
 * hub). After it all, the hub holds every event the controller wrote, once, seqs contiguous.
 */
import { strict as assert } from 'node:assert';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Hub } from '../hub/hub.js';
import { MemoryLogger } from '../lib/log.js';
import { seededRandom } from '../controller/journal/fuzz.js';
import { api, issueCard, makeController, startHub, tempDir, waitFor, type TestController } from './helpers.js';

const CARD = '04A1B2C3D4E5F6';

/** Forwards TCP to `target`, cutting each connection after a random number of bytes and delaying chunks. */
class FlakyProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  cuts = 0;

  constructor(private readonly targetPort: number, private readonly random: () => number) {}

  async start(): Promise<number> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      // Cut somewhere in the first 4-60 KB, usually mid-frame.
      let budget = 4096 + Math.floor(this.random() * 60_000);
      const pipe = (from: Socket, to: Socket) =>
        from.on('data', (chunk: Buffer) => {
          budget -= chunk.length;
          if (budget < 0) {
            this.cuts++;
            to.write(chunk.subarray(0, Math.max(0, chunk.length + budget)));
            client.destroy();
            upstream.destroy();
            return;
          }
          const delayMs = this.random() < 0.2 ? Math.floor(this.random() * 30) : 0;
          if (delayMs === 0) to.write(chunk);
          else {
            from.pause();
            setTimeout(() => {
              if (!to.destroyed) to.write(chunk);
              from.resume();
            }, delayMs);
          }
        });
      pipe(client, upstream);
      pipe(upstream, client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server!.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('link resilience', function () {
  this.timeout(120_000);
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

  async function expectAllOnce(total: number): Promise<void> {
    await waitFor(`all ${total} events acknowledged`, () => c!.controller.journal.ackedSeq === total, 60_000, 20);
    const device = (await api(hub!, 'GET', '/api/devices')).body.devices[0];
    assert.equal(device.ackedSeq, total);
    const row = await hub!.db
      .selectFrom('events')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min<number>('seq').as('lo'), eb.fn.max<number>('seq').as('hi')])
      .where('device_id', '=', 'door-ctl-1')
      .executeTakeFirstOrThrow();
    assert.deepEqual([Number(row.n), Number(row.lo), Number(row.hi)], [total, 1, total], 'each seq 1..N stored once');
  }

  it('drains 20,000 events written while the hub was stopped, none twice', async () => {
    c = await makeController(hub!, dir.path, 'door-ctl-1');
    await c.controller.start();
    await waitFor('online', () => c!.controller.policy.decide(CARD).granted);
    const port = Number(new URL(hub!.url).port);
    await hub!.stop();
    hub = null;
    const reader = c.drivers.reader('door-a/reader');
    for (let i = 0; i < 20_000; i++) {
      reader.tap(i % 3 ? CARD : '0499999999');
      if (i % 500 === 499) await new Promise((r) => setImmediate(r));
    }
    await waitFor('all durable', () => c!.controller.journal.lastDurableSeq === 20_000, 30_000);
    hub = await startHub(dir.path, new MemoryLogger(), { port });
    await expectAllOnce(20_000);
  });

  it('delivers everything once through a proxy that delays and cuts the connection mid-frame', async () => {
    const proxy = new FlakyProxy(Number(new URL(hub!.url).port), seededRandom(42));
    const proxyPort = await proxy.start();
    try {
      c = await makeController(hub!, dir.path, 'door-ctl-1', { hubUrl: `ws://127.0.0.1:${proxyPort}/v1/device` });
      await c.controller.start();
      const reader = c.drivers.reader('door-a/reader');
      for (let i = 0; i < 3000; i++) {
        reader.tap(CARD);
        if (i % 100 === 99) await new Promise((r) => setTimeout(r, 5));
      }
      await waitFor('all durable', () => c!.controller.journal.lastDurableSeq === 3000, 30_000);
      await expectAllOnce(3000);
      assert.ok(proxy.cuts >= 3, `the proxy cut the link ${proxy.cuts} times`);
    } finally {
      await c?.controller.stop();
      c = null;
      await proxy.stop();
    }
  });
});
