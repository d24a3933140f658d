/** `onecard bench settle` as a user runs it, tiny: every charge settled, the ledger sound, its JSON line last; and its refusals. */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../test/helpers.js';

function onecard(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/onecard.js', ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('onecard bench settle (child process)', function () {
  this.timeout(60_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  it('settles a month of generated charges, 1% of them late, and ends with its JSON line', async () => {
    const run = await onecard(['bench', 'settle', '--events', '2000', '--devices', '8', '--merchants', '4', '--accounts', '60', '--db', `sqlite:${join(dir.path, 'bench.sqlite')}`]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^settle: 2000 charge events \(20 uploaded late\) and \d+ surcharges at 8 devices of 4 merchants, period 2026-03 on SQLite\n/);
    assert.match(run.stdout, /\n {2}period closed in [\d.]+ s: gross [\d.]+ yuan, surcharges [\d.]+, fees [\d.]+, payouts [\d.]+; late [\d.]+\n/);
    assert.match(run.stdout, /\n {2}ledger after: sum of all balances 0, 0 balances differing from their transfers\n/);
    const last = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(last), ['bench', 'events', 'seconds', 'statement_csv_s', 'generate_s']);
    assert.deepEqual([last.bench, last.events], ['settle', 2000]);
    assert.ok((last.seconds as number) > 0, run.stdout);
  });

  it('refuses a database file that exists and a database that is not a SQLite file', async () => {
    const existing = join(dir.path, 'hub.sqlite');
    await writeFile(existing, 'mine');
    const taken = await onecard(['bench', 'settle', '--events', '10', '--db', `sqlite:${existing}`]);
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, /the file exists; give a path that does not/);
    const pg = await onecard(['bench', 'settle', '--db', 'postgres://postgres@127.0.0.1/x']);
    assert.equal(pg.code, 2);
    assert.match(pg.stderr, /--db must be sqlite:PATH/);
  });
});
