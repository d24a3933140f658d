import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';

describe('onecard bench fuzz', function () {
  this.timeout(60_000);

  it('fuzzes the three targets and ends with one JSON line reporting 0 crashes', async () => {
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['bin/onecard.js', 'bench', 'fuzz', '--inputs', '3000', '--seed', '5'], (err, out) => (err ? reject(err) : resolve(out)));
    });
    const last = JSON.parse(stdout.trim().split('\n').pop()!);
    assert.deepEqual([last.bench, last.inputs, last.crashes, last.seed], ['fuzz', 3000, 0, 5]);
    assert.deepEqual([last.frame_decoder_inputs, last.journal_reader_inputs, last.dataset_applier_inputs], [1000, 1000, 1000]);
  });
});
