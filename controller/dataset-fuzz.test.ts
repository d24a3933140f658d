import { strict as assert } from 'node:assert';
import { fuzzDatasetApplier } from './dataset-fuzz.js';

describe('dataset applier fuzzing', () => {
  it('takes 3,000 valid, mutated and byte-mangled updates with 0 crashes and 0 unhandled rejections (seed 20261122)', async () => {
    const report = await fuzzDatasetApplier(3000, 20261122);
    assert.deepEqual(report.failures, []);
    assert.deepEqual([report.inputs, report.crashes, report.unhandledRejections], [3000, 0, 0]);
    // Both paths are exercised: updates accepted (the model then checked) and updates refused.
    assert.ok(report.applied > 500 && report.refused > 500, JSON.stringify(report));
  });

  it('replays the same run for the same seed', async () => {
    assert.deepEqual(await fuzzDatasetApplier(300, 7), await fuzzDatasetApplier(300, 7));
  });
});
