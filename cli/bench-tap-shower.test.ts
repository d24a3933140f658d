import { strict as assert } from 'node:assert';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './bench.js';
import { tempDir } from '../test/helpers.js';

describe('onecard bench tap --point shower', () => {
  it('opens and charges a session per sample and prints its figures with a JSON last line', async () => {
    const dir = await tempDir();
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      assert.equal(await run(['tap', '--point', 'shower', '--samples', '50', '--cards', '7', '--dir', dir.path]), 0);
    } finally {
      console.log = log;
      await dir.remove().catch(() => undefined);
    }
    assert.match(lines.join('\n'), /50 sessions closed and charged/);
    const last = JSON.parse(lines.at(-1)!);
    assert.deepEqual([last.bench, last.point, last.samples], ['tap', 'shower', 50]);
    assert.ok(last.p99_ms > 0 && last.p50_ms <= last.p99_ms && last.p99_ms <= last.max_ms);
  });

  it('writes the journal and the state file where --dir says', async () => {
    const dir = await tempDir();
    const log = console.log;
    console.log = () => undefined;
    try {
      await run(['tap', '--point=shower', '--samples', '1', '--dir', dir.path]);
      assert.deepEqual(await readdir(join(dir.path, 'points')), ['shower-bench-shower.state']);
      assert.ok((await readdir(join(dir.path, 'journal'))).some((f) => f.startsWith('journal-')));
    } finally {
      console.log = log;
      await dir.remove();
    }
  });
});
