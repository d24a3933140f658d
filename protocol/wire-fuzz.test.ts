import { strict as assert } from 'node:assert';
import { fuzzFrameDecoder } from './wire-fuzz.js';

describe('frame decoder under fuzzing', () => {
  it('answers 20,000 random and mutated frames with typed results, never an exception', () => {
    const report = fuzzFrameDecoder(20_000, 2026);
    assert.deepEqual(report.failures, []);
    assert.equal(report.crashes, 0);
    assert.equal(report.inputs, 20_000);
    assert.ok(report.accepted > 0 && report.accepted < report.inputs, `some mutations still decode (${report.accepted}), most do not`);
  });

  it('replays the same run for the same seed', () => {
    assert.deepEqual(fuzzFrameDecoder(500, 7), fuzzFrameDecoder(500, 7));
  });
});
