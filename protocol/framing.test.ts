import { strict as assert } from 'node:assert';
import { crc32c } from './crc32c.js';
import { decodeRecords, encodeRecord, MAX_RECORD_PAYLOAD_BYTES } from './framing.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('record framing (journal records)', () => {
  it('computes the CRC-32C check values', () => {
    assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
    assert.equal(crc32c(Buffer.from('abc')), 0x364b3fb7);
    assert.equal(crc32c(Buffer.alloc(0)), 0);
  });

  it('frames a payload as length LE, CRC-32C LE, payload', () => {
    assert.equal(encodeRecord(Buffer.from('abc')).toString('hex'), '03000000' + 'b73f4b36' + '616263');
  });

  it('decodes consecutive records and reports a clean end', () => {
    const out = decodeRecords(hex('03000000 b73f4b36 616263  03000000 b73f4b36 616263'));
    assert.deepEqual(out.records.map((r) => r.toString()), ['abc', 'abc']);
    assert.equal(out.tail, 'clean');
    assert.equal(out.validBytes, 22);
  });

  it('stops at a torn header or a torn payload and says where the intact prefix ends', () => {
    const tornHeader = decodeRecords(hex('03000000 b73f4b36 616263  0300'));
    assert.equal(tornHeader.tail, 'torn');
    assert.equal(tornHeader.validBytes, 11);
    assert.equal(tornHeader.records.length, 1);
    const tornPayload = decodeRecords(hex('03000000 b73f4b36 6162'));
    assert.deepEqual([tornPayload.tail, tornPayload.validBytes, tornPayload.records.length], ['torn', 0, 0]);
  });

  it('treats a CRC mismatch or an impossible length as corruption', () => {
    const badCrc = decodeRecords(hex('03000000 b73f4b36 616263  03000000 b73f4b36 616264'));
    assert.deepEqual([badCrc.tail, badCrc.validBytes, badCrc.records.length], ['corrupt', 11, 1]);
    const hugeLength = decodeRecords(hex('ffffffff 00000000 00'));
    assert.deepEqual([hugeLength.tail, hugeLength.validBytes], ['corrupt', 0]);
  });

  it('refuses to frame a payload above the record limit', () => {
    assert.throws(() => encodeRecord(Buffer.alloc(MAX_RECORD_PAYLOAD_BYTES + 1)), RangeError);
  });
});
