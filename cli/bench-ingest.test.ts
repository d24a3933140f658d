/** `onecard bench ingest` as a user runs it, tiny: every event posted once, on each back end, and its refusals. */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BACKENDS, PG_URL } from '../test/pg.js';
import { tempDir } from '../test/helpers.js';

function onecard(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/onecard.js', ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('onecard bench ingest (child processes)', function () {
  this.timeout(60_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  for (const backend of BACKENDS) {
    it(`streams 4 controllers' charges through the gateway into ${backend}, every one posted once, and ends with its JSON line`, async () => {
      const db = backend === 'sqlite' ? `sqlite:${join(dir.path, 'bench.sqlite')}` : PG_URL;
      const run = await onecard(['bench', 'ingest', '--db', db, '--controllers', '4', '--events', '203', '--accounts', '7', '--batch', '16', '--in-flight', '32']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /ingest: 203 charge events from 4 controllers/);
      assert.match(run.stdout, /ledger after: 203 charge transfers \(\d+ fen, as the controllers charged\), sum of all balances 0/);
      const last = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
      assert.deepEqual(Object.keys(last), ['bench', 'db', 'controllers', 'events', 'events_per_s', 'elapsed_s']);
      assert.deepEqual([last.bench, last.db, last.controllers, last.events], ['ingest', backend, 4, 203]);
      assert.ok((last.events_per_s as number) > 0 && (last.elapsed_s as number) > 0, run.stdout);
    });
  }

  it('refuses a SQLite file that exists (it would not be a fresh database) and a batch above the uplink limit', async () => {
    const existing = join(dir.path, 'hub.sqlite');
    await writeFile(existing, 'mine');
    const taken = await onecard(['bench', 'ingest', '--db', `sqlite:${existing}`, '--events', '10', '--controllers', '1']);
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, /the file exists; give a path that does not/);
    const big = await onecard(['bench', 'ingest', '--batch', '300']);
    assert.equal(big.code, 2);
    assert.match(big.stderr, /--batch must be an integer from 1 to 256/);
  });
});
