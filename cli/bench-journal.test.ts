import { strict as assert } from 'node:assert';
import { benchJournal, run } from './bench-journal.js';
import { tempDir } from '../test/helpers.js';

describe('onecard bench journal', () => {
  it('makes every event durable with group commit across several segments and prints its figures with a JSON last line', async () => {
    const dir = await tempDir();
    try {
      const r = await benchJournal({ dir: dir.path, events: 3000, appenders: 16, segmentMaxBytes: 16 * 1024 });
      assert.equal(r.events, 3000);
      assert.ok(r.groupCommits < r.events, `${r.groupCommits} fsyncs for ${r.events} events: appends share fsyncs`);
      assert.ok(r.segments > 1, 'the journal rolled to new segments');
      const lines: string[] = [];
      const log = console.log;
      console.log = (line: string) => lines.push(line);
      try {
        assert.equal(await run(['--events', '500', '--appenders', '8', '--dir', dir.path + '/cli']), 0);
      } finally {
        console.log = log;
      }
      const last = JSON.parse(lines.at(-1)!);
      assert.equal(last.bench, 'journal');
      assert.equal(last.events, 500);
      assert.ok(Number.isFinite(last.events_per_s) && last.events_per_s > 0);
    } finally {
      await dir.remove();
    }
  });
});
