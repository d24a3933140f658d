import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { AssertionError } from '../lib/errors.js';
import { GpioError } from '../controller/drivers/gpio/lines.js';
import { EmulatedGpioChip } from './gpio.js';

describe('emulated GPIO chip', () => {
  afterEach(() => sinon.restore());

  it('records every level written to an output, with the time, starting with the claim', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['performance'] });
    const chip = new EmulatedGpioChip();
    const out = await chip.requestOutput('RELAY', true);
    clock.tick(5);
    out.write(false);
    clock.tick(5);
    out.write(true);
    assert.deepEqual(chip.writes('RELAY'), [{ high: true, atMs: 0 }, { high: false, atMs: 5 }, { high: true, atMs: 10 }]);
    assert.equal(chip.level('RELAY'), true);
  });

  it('enforces one consumer per line, no use after release, and inputs only driven from outside', async () => {
    const chip = new EmulatedGpioChip('gpiochip0', { lines: ['A', 'B'] });
    const a = await chip.requestOutput('A', false);
    await assert.rejects(chip.requestInput('A'), (err: unknown) => err instanceof GpioError && err.code === 'line_busy');
    assert.throws(() => chip.set('A', true), AssertionError, 'an output is not driven from outside');
    a.release();
    assert.throws(() => a.write(true), AssertionError);
    assert.equal(chip.mode('A'), 'free');
    await assert.rejects(chip.requestOutput('C', false), (err: unknown) => err instanceof GpioError && err.code === 'line_not_found' && /lines: A, B/.test(err.message));
    const b = await chip.requestInput('B');
    const seen: boolean[] = [];
    b.watch((high) => seen.push(high));
    chip.set('B', true);
    chip.set('B', true); // no change, no report
    chip.set('B', false);
    assert.deepEqual(seen, [true, false]);
    b.release();
    chip.set('B', true);
    assert.deepEqual(seen, [true, false], 'a released input reports nothing');
  });

  it('pulses a line n times from its idle level on the chip clock', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const chip = new EmulatedGpioChip();
    chip.set('FLOW', true);
    const input = await chip.requestInput('FLOW');
    const seen: boolean[] = [];
    input.watch((high) => seen.push(high));
    const done = chip.pulse('FLOW', 3, { widthMs: 1, gapMs: 1 });
    await clock.tickAsync(10);
    await done;
    assert.deepEqual(seen, [false, true, false, true, false, true]);
  });
});
