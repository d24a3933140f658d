/** Register encodings: what a meter's registers hold for a value, both word orders. */
import { strict as assert } from 'node:assert';
import { AssertionError } from '../../../lib/errors.js';
import { decodeValue, encodeValue, registerCount } from './codec.js';

describe('Modbus register codec', () => {
  it('reads IEEE 754 float32 in both word orders (230.0 V is 0x4366 0x0000)', () => {
    assert.equal(decodeValue([0x4366, 0x0000], 'float32', 'high-first'), 230);
    assert.equal(decodeValue([0x0000, 0x4366], 'float32', 'low-first'), 230);
    assert.deepEqual(encodeValue(230, 'float32'), [0x4366, 0x0000]);
    assert.deepEqual(encodeValue(-1.5, 'float32', 'low-first'), [0x0000, 0xbfc0]);
    assert.ok(Number.isNaN(decodeValue([0x7fc0, 0x0000], 'float32')), 'NaN decodes as NaN, for the meter to refuse');
  });

  it('reads 16- and 32-bit integers, signed and unsigned', () => {
    assert.equal(decodeValue([0xffff], 'u16'), 65535);
    assert.equal(decodeValue([0xffff], 'i16'), -1);
    assert.equal(decodeValue([0x8000], 'i16'), -32768);
    assert.equal(decodeValue([0x0001, 0x0002], 'u32', 'high-first'), 0x00010002);
    assert.equal(decodeValue([0x0002, 0x0001], 'u32', 'low-first'), 0x00010002);
    assert.equal(decodeValue([0xffff, 0xfffe], 'i32'), -2);
    assert.deepEqual(encodeValue(-2, 'i32'), [0xffff, 0xfffe]);
    assert.deepEqual(encodeValue(123456, 'u32', 'low-first'), [0xe240, 0x0001]);
    assert.deepEqual(encodeValue(-300, 'i16'), [0xfed4]);
    assert.equal(registerCount('i16'), 1);
    assert.equal(registerCount('float32'), 2);
  });

  it('refuses values a type cannot hold and register arrays of the wrong size', () => {
    assert.throws(() => encodeValue(65536, 'u16'), AssertionError);
    assert.throws(() => encodeValue(-1, 'u32'), AssertionError);
    assert.throws(() => encodeValue(1.5, 'i32'), AssertionError);
    assert.throws(() => decodeValue([1], 'u32'), AssertionError);
    assert.throws(() => decodeValue([70000], 'u16'), AssertionError);
  });
});
