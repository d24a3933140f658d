import { strict as assert } from 'node:assert';
import { backoffMs, matchesReader, uidFromResponse } from './pcsc-protocol.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('PC/SC worker protocol', () => {
  it('picks readers by exact name or case-insensitive substring, or every reader when none is named', () => {
    assert.equal(matchesReader('Virtual PCD 00 00', 'Virtual PCD 00 00'), true);
    assert.equal(matchesReader('ACS ACR122U PICC Interface 00 00', 'acr122'), true);
    assert.equal(matchesReader('Virtual PCD 00 01', 'Virtual PCD 00 00'), false);
    assert.equal(matchesReader('Virtual PCD 00 01', null), true);
    assert.equal(matchesReader('Virtual PCD 00 01', ''), true);
  });

  it('takes the UID from a 90 00 answer of 4 to 10 bytes, upper-case hex', () => {
    assert.deepEqual(uidFromResponse(hex('04a1b2c3d4e5f6 9000')), { ok: true, uid: '04A1B2C3D4E5F6' });
    assert.deepEqual(uidFromResponse(hex('0a0b0c0d 9000')), { ok: true, uid: '0A0B0C0D' });
  });

  it('explains an answer that carries no usable UID', () => {
    assert.match((uidFromResponse(Buffer.alloc(0)) as { message: string }).message, /answer of 0 bytes/);
    assert.match((uidFromResponse(hex('6A81')) as { message: string }).message, /status word 6A81/);
    assert.match((uidFromResponse(hex('0102 9000')) as { message: string }).message, /UID of 2 bytes/);
    assert.match((uidFromResponse(hex('00'.repeat(11) + '9000')) as { message: string }).message, /UID of 11 bytes/);
  });

  it('backs off by doubling from the minimum up to the cap', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 100].map((a) => backoffMs(a, 500, 10_000)), [500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});
