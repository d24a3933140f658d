/** `onecard bench blacklist` and `onecard bench memory` as a user runs them, at small sizes. */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';

function onecard(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/onecard.js', ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

function lastJson(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

describe('dataset benchmarks (child processes)', function () {
  this.timeout(60_000);

  it('bench blacklist: a lost card reaches 10 connected controllers, timed at each, as deltas; ends with its JSON line', async () => {
    const run = await onecard(['bench', 'blacklist', '--controllers', '10', '--rounds', '2']);
    assert.equal(run.code, 0, run.stderr);
    const last = lastJson(run.stdout);
    assert.deepEqual(Object.keys(last), ['bench', 'controllers', 'p50_ms', 'p99_ms', 'max_ms', 'samples']);
    assert.deepEqual([last.bench, last.controllers, last.samples], ['blacklist', 10, 20], 'every controller timed in every round');
    const [p50, p99, max] = [last.p50_ms, last.p99_ms, last.max_ms] as number[];
    assert.ok(p50! > 0 && p50! <= p99! && p99! <= max!, `ordered figures: ${run.stdout}`);
    assert.match(run.stdout, /updates sent: 20 deltas, 0 snapshots/, 'each report went out as a delta to each controller');
  });

  it('bench memory: datasets applied, persisted and reloaded in fresh processes with every sample decision right', async () => {
    const run = await onecard(['bench', 'memory', '--cards', '2000', '--blacklist', '1000', '--deltas', '5']);
    assert.equal(run.code, 0, run.stderr);
    const last = lastJson(run.stdout);
    assert.deepEqual(Object.keys(last), ['bench', 'rss_mb', 'load_ms', 'rss_tsx_mb', 'load_tsx_ms', 'apply_peak_rss_mb', 'snapshot_frame_mb', 'wrong_decisions', 'snapshot_chunks', 'chunk_frame_kib', 'apply_peak_rss_tsx_mb']);
    assert.equal(last.bench, 'memory');
    assert.equal(last.wrong_decisions, 0);
    assert.ok((last.rss_mb as number) > 0 && (last.load_ms as number) >= 0);
    assert.match(run.stdout, /2001\/2001 sample decisions as expected/);
  });

  it('bench memory --chunk-entries: the snapshots in chunks as the hub cuts them, or in one frame each (0)', async () => {
    const chunked = await onecard(['bench', 'memory', '--cards', '2500', '--blacklist', '1000', '--deltas', '0', '--chunk-entries', '1000']);
    assert.equal(chunked.code, 0, chunked.stderr);
    assert.deepEqual([lastJson(chunked.stdout).snapshot_chunks, lastJson(chunked.stdout).wrong_decisions], [3, 0]);
    assert.match(chunked.stdout, /cards 3 chunks .*, blacklist 1 chunks/);
    const whole = await onecard(['bench', 'memory', '--cards', '2500', '--blacklist', '1000', '--deltas', '0', '--chunk-entries', '0']);
    assert.equal(whole.code, 0, whole.stderr);
    assert.deepEqual([lastJson(whole.stdout).snapshot_chunks, lastJson(whole.stdout).wrong_decisions], [1, 0]);
    assert.match(whole.stdout, /one frame each/);
  });

  it('refuses a controller count out of range with a usage error', async () => {
    const bad = await onecard(['bench', 'blacklist', '--controllers', '0']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--controllers must be an integer from 1 to 2000/);
  });
});
