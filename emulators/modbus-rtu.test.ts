/** RTU slave framing, checked against frames written out by hand (Simply Modbus and spec examples). */
import { strict as assert } from 'node:assert';
import { appendCrc, crc16, decodeRequest, encodeExceptionReply, encodeReadReply, encodeWriteReply, hasValidCrc, scanRequestFrame } from './modbus-rtu.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('Modbus RTU framing', () => {
  it('computes CRC-16/MODBUS as published example frames carry it (low byte first)', () => {
    assert.deepEqual(appendCrc(hex('11 03 00 6B 00 03')), hex('11 03 00 6B 00 03 76 87'));
    assert.deepEqual(appendCrc(hex('11 04 00 08 00 01')), hex('11 04 00 08 00 01 B2 98'));
    assert.deepEqual(appendCrc(hex('11 06 00 01 00 03')), hex('11 06 00 01 00 03 9A 9B'));
    assert.deepEqual(appendCrc(hex('11 10 00 01 00 02 04 00 0A 01 02')), hex('11 10 00 01 00 02 04 00 0A 01 02 C6 F0'));
    assert.equal(crc16(hex('01 04 00 00 00 02')), 0xcb71);
    assert.ok(hasValidCrc(hex('01 03 00 00 00 01 84 0A')));
    assert.ok(!hasValidCrc(hex('01 03 00 00 00 01 84 0B')), 'one flipped bit fails the check');
  });

  it('decodes read, write-single, write-multiple and unknown requests', () => {
    assert.deepEqual(decodeRequest(hex('11 03 00 6B 00 03 76 87')), { kind: 'read', unit: 0x11, fn: 3, address: 0x6b, count: 3 });
    assert.deepEqual(decodeRequest(hex('11 04 00 08 00 01 B2 98')), { kind: 'read', unit: 0x11, fn: 4, address: 8, count: 1 });
    assert.deepEqual(decodeRequest(hex('11 06 00 01 00 03 9A 9B')), { kind: 'write-single', unit: 0x11, fn: 6, address: 1, value: 3 });
    assert.deepEqual(decodeRequest(hex('11 10 00 01 00 02 04 00 0A 01 02 C6 F0')), { kind: 'write-multiple', unit: 0x11, fn: 16, address: 1, values: [0x000a, 0x0102] });
    assert.deepEqual(decodeRequest(appendCrc(hex('01 2B 0E 01 00'))), { kind: 'other', unit: 1, fn: 0x2b });
    assert.equal(decodeRequest(appendCrc(hex('11 10 00 01 00 02 03 00 0A 01'))), null, 'byte count disagreeing with the register count');
  });

  it('finds frames by length, waits for the rest, and skips noise before a frame', () => {
    assert.deepEqual(scanRequestFrame(hex('11 03 00 6B')), { kind: 'need-more', lengthKnown: true });
    assert.deepEqual(scanRequestFrame(hex('11 10 00 01 00 02')), { kind: 'need-more', lengthKnown: true }, 'FC16 length needs its byte count');
    assert.deepEqual(scanRequestFrame(hex('01 2B 0E')), { kind: 'need-more', lengthKnown: false });
    const two = scanRequestFrame(hex('11 03 00 6B 00 03 76 87 11 04 00 08'));
    assert.equal(two.kind, 'frame');
    if (two.kind === 'frame') {
      assert.deepEqual(two.frame, hex('11 03 00 6B 00 03 76 87'));
      assert.deepEqual(two.rest, hex('11 04 00 08'));
    }
    let noisy = hex('FF 11 03 00 6B 00 03 76 87');
    let skipped = 0;
    for (let scan = scanRequestFrame(noisy); scan.kind !== 'frame'; scan = scanRequestFrame(noisy)) {
      assert.equal(scan.kind, 'garbage');
      if (scan.kind !== 'garbage') break;
      skipped += scan.skip;
      noisy = noisy.subarray(scan.skip);
    }
    assert.deepEqual(noisy, hex('11 03 00 6B 00 03 76 87'));
    assert.equal(scanRequestFrame(hex('11 03 00 6B 00 03 76 88')).kind, 'garbage', 'a whole frame with a bad CRC is noise');
    assert.equal(skipped, 1);
  });

  it('encodes replies: registers, write echoes and exceptions', () => {
    // Simply Modbus FC3 reply: 3 registers AE41 5652 4340.
    assert.deepEqual(encodeReadReply(0x11, 3, [0xae41, 0x5652, 0x4340]), appendCrc(hex('11 03 06 AE 41 56 52 43 40')));
    assert.deepEqual(encodeReadReply(0x01, 4, [0x4366, 0x0000]), appendCrc(hex('01 04 04 43 66 00 00')));
    assert.deepEqual(encodeWriteReply(0x11, 6, 1, 3), hex('11 06 00 01 00 03 9A 9B'));
    assert.deepEqual(encodeWriteReply(0x11, 16, 1, 2), appendCrc(hex('11 10 00 01 00 02')));
    assert.deepEqual(encodeExceptionReply(0x01, 4, 2), hex('01 84 02 C2 C1'));
  });
});
