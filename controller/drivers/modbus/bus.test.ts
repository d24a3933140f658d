/** Line timing and request limits of the bus contract. */
import { strict as assert } from 'node:assert';
import { AssertionError } from '../../../lib/errors.js';
import { checkRequest, defaultInterFrameSilenceMs, describeTransport, rtuCharTimeMs } from './bus.js';

const rtu = (baudRate: number, parity: 'none' | 'even' | 'odd' = 'none', stopBits: 1 | 2 = 1) => ({ kind: 'rtu' as const, path: '/dev/ttyUSB0', baudRate, parity, dataBits: 8 as const, stopBits });

describe('Modbus bus timing and limits', () => {
  it('keeps 3.5 character times of silence between frames, never under 2 ms; none on TCP', () => {
    assert.equal(rtuCharTimeMs(rtu(9600)), 10 / 9.6, '8N1 is 10 bits a character');
    assert.equal(defaultInterFrameSilenceMs(rtu(9600)), 3.65);
    assert.equal(defaultInterFrameSilenceMs(rtu(9600, 'even')), 4.02, '8E1 is 11 bits');
    assert.equal(defaultInterFrameSilenceMs(rtu(2400)), 14.59);
    assert.equal(defaultInterFrameSilenceMs(rtu(115_200)), 2, 'fast lines keep the 2 ms floor');
    assert.equal(defaultInterFrameSilenceMs({ kind: 'tcp', host: '127.0.0.1', port: 502 }), 0);
    assert.equal(describeTransport(rtu(19200, 'even')), 'rtu /dev/ttyUSB0 19200 8E1');
  });

  it('accepts the largest legal requests and refuses anything beyond', () => {
    checkRequest({ fn: 'read-input', unit: 247, address: 65535 - 124, count: 125 });
    checkRequest({ fn: 'write-multiple', unit: 1, address: 0, values: new Array(123).fill(0) });
    assert.throws(() => checkRequest({ fn: 'read-input', unit: 248, address: 0, count: 1 }), AssertionError);
    assert.throws(() => checkRequest({ fn: 'read-holding', unit: 1, address: 0, count: 0 }), AssertionError);
    assert.throws(() => checkRequest({ fn: 'write-multiple', unit: 1, address: 0, values: new Array(124).fill(0) }), AssertionError);
    assert.throws(() => checkRequest({ fn: 'write-single', unit: 1, address: -1, value: 0 }), AssertionError);
  });
});
