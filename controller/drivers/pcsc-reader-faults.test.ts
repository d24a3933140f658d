/**
 * The PC/SC reader when pcscd is missing, hung or nfc-pcsc cannot load: the controller's event loop
 * keeps running (a setInterval keeps ticking), the condition is typed and logged, and the reader
 * recovers once pcscd answers. pcscd's absence is simulated by pointing the reader at a socket path
 * of its own (libpcsclite follows PCSCLITE_CSOCK_NAME, which the worker sets from `socketPath`).
 */
import { strict as assert } from 'node:assert';
import { symlink, unlink } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { PcscCardReader, type PcscNotice, type PcscProblem } from './pcsc-reader.js';
import type { CardReaderEvent } from './card-reader.js';
import { DEFAULT_PCSCD_SOCKET } from './pcsc-protocol.js';
import { MemoryLogger } from '../../lib/log.js';
import { tempDir, waitFor } from '../../test/helpers.js';
import { VPCD_READERS, ensurePcscd } from '../../test/pcscd.js';

describe('PC/SC card reader faults', function () {
  this.timeout(30_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let logger: MemoryLogger;
  let reader: PcscCardReader | null;
  let ticker: NodeJS.Timeout;
  let ticks: number;
  let events: CardReaderEvent[];
  let problems: { problem: PcscProblem; ticks: number }[];
  let server: Server | null;
  const held: Socket[] = [];

  before(() => ensurePcscd());

  beforeEach(async () => {
    dir = await tempDir();
    logger = new MemoryLogger();
    ticks = 0;
    ticker = setInterval(() => ticks++, 10);
    events = [];
    problems = [];
    reader = null;
    server = null;
  });

  afterEach(async () => {
    await reader?.close();
    clearInterval(ticker);
    const closed = server ? new Promise((r) => server!.close(r)) : null;
    for (const s of held.splice(0)) s.destroy();
    await closed;
    await dir.remove();
  });

  function start(options: Partial<ConstructorParameters<typeof PcscCardReader>[0]>): PcscCardReader {
    reader = new PcscCardReader({ name: 'door/reader', logger, reader: VPCD_READERS[0].name, retryMinMs: 100, retryMaxMs: 400, ...options });
    reader.subscribe((e) => events.push(e));
    reader.onNotice((n: PcscNotice) => n.kind === 'problem' && problems.push({ problem: n.problem, ticks }));
    return reader;
  }
  const ofKind = (error: PcscProblem['error']) => problems.filter((p) => p.problem.error === error);

  it('reports pcscd missing as a typed, logged condition, retries with backoff without blocking the event loop, and attaches once pcscd answers', async () => {
    const socketPath = join(dir.path, 'pcscd.comm');
    await start({ socketPath }).open();
    await waitFor('three attempts', () => ofKind('pcscd_unavailable').length >= 3, 10_000);
    const [first, second, third] = ofKind('pcscd_unavailable');
    assert.deepEqual(first!.problem, { error: 'pcscd_unavailable', message: `${socketPath} does not exist (pcscd is not running)`, attempt: 1, retryInMs: 100 });
    assert.deepEqual([second!.problem, third!.problem].map((p) => p.error === 'pcscd_unavailable' && p.retryInMs), [200, 400]);
    assert.ok(first!.ticks < second!.ticks && second!.ticks < third!.ticks, 'the controller kept ticking between attempts');
    assert.deepEqual(logger.find('pcsc.pcscd_unavailable').slice(0, 2).map((r) => r.level), ['warn', 'debug'], 'loud once, then quiet');
    assert.equal(reader!.status().pcscd, 'unavailable');
    assert.deepEqual(events, []);

    await symlink(DEFAULT_PCSCD_SOCKET, socketPath); // pcscd "starts"
    await waitFor('the reader attached', () => events.some((e) => e.kind === 'attach'), 10_000);
    assert.deepEqual(events, [{ kind: 'attach', reader: VPCD_READERS[0].name }]);
    assert.equal(reader!.status().pcscd, 'available');
    assert.equal(logger.find('pcsc.pcscd_available')[0]?.level, 'info');
    assert.equal(reader!.status().workerStarts, 1, 'the worker waited; it was not restarted');
  });

  it('kills a worker blocked on a pcscd that accepts but never answers, restarts it, and recovers when pcscd answers', async () => {
    const socketPath = join(dir.path, 'hung.comm');
    server = createServer((socket) => held.push(socket)); // accepts, never answers
    await new Promise<void>((r) => server!.listen(socketPath, r));
    await start({ socketPath, heartbeatIntervalMs: 100, heartbeatTimeoutMs: 1000 }).open();
    await waitFor('the watchdog fired', () => ofKind('worker_unresponsive').length >= 1, 15_000);
    const before = ticks;
    assert.match(ofKind('worker_unresponsive')[0]!.problem.message, /sent nothing for \d+ ms/);
    assert.equal(logger.find('pcsc.worker_unresponsive')[0]?.level, 'error');
    await waitFor('a new worker', () => reader!.status().workerStarts >= 2, 10_000);
    assert.ok(ticks > before, 'the controller kept ticking');

    const closed = new Promise((r) => server!.close(r));
    for (const s of held.splice(0)) s.destroy();
    await closed;
    server = null;
    await unlink(socketPath).catch(() => {});
    await symlink(DEFAULT_PCSCD_SOCKET, socketPath);
    await waitFor('the reader attached', () => events.some((e) => e.kind === 'attach'), 20_000);
    assert.equal(reader!.status().pcscd, 'available');
  });

  it('refuses to open with a clear error when nfc-pcsc cannot be loaded, naming the package to install', async () => {
    const r = start({ nfcModule: 'nfc-pcsc-not-built' });
    await assert.rejects(r.open(), /cannot load nfc-pcsc-not-built .*libpcsclite-dev/);
    assert.equal(r.status().state, 'closed');
    await waitFor('the worker is gone', () => r.status().workerPid === null, 5000);
  });
});
