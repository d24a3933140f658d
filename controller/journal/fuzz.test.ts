import { strict as assert } from 'node:assert';
import { fuzzJournalReader, seededRandom, validSegment } from './fuzz.js';
import { scanSegment } from './scan.js';

describe('journal reader fuzzing', () => {
  it('reads a valid generated segment whole, chain intact', () => {
    const data = validSegment(30, seededRandom(7));
    const scan = scanSegment(data, { deviceId: 'fuzz-dev', afterSeq: 0, minSeq: 1, prevHash: null });
    assert.equal(scan.tail, 'clean');
    assert.equal(scan.count, 30);
    assert.equal(scan.validBytes, data.length);
    assert.deepEqual(scan.chainBreaks, []);
  });

  it('takes 2,000 random and mutated segments without a crash (seed 20240601)', () => {
    const report = fuzzJournalReader(2000, 20240601);
    assert.equal(report.inputs, 2000);
    assert.deepEqual(report.failures, []);
    assert.equal(report.crashes, 0);
  });

  it('detects what a mutation did: a cut is torn, a flipped payload byte is corrupt, glued segments go out of order', () => {
    const data = validSegment(10, seededRandom(3));
    const opts = { deviceId: 'fuzz-dev', afterSeq: 0, minSeq: 1, prevHash: null };
    assert.equal(scanSegment(data.subarray(0, data.length - 1), opts).tail, 'torn');
    const flipped = Buffer.from(data);
    flipped[20]! ^= 0x01;
    assert.equal(scanSegment(flipped, opts).tail, 'corrupt');
    assert.equal(scanSegment(Buffer.concat([data, data]), opts).tail, 'seq_out_of_order');
    assert.equal(scanSegment(data, { ...opts, deviceId: 'other' }).tail, 'wrong_device');
  });
});
