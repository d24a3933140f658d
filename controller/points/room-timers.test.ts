import { strict as assert } from 'node:assert';
import { ManualClock } from '../../lib/manual-clock.js';
import { MAX_TIMER_MS, NamedTimers } from './room-timers.js';

describe('room timers', () => {
  it('fires a named timer once; setting the name again replaces it; clear and clearAll cancel', () => {
    const clock = new ManualClock();
    const timers = new NamedTimers(clock, () => true);
    const fired: string[] = [];
    timers.set('poll', 1_000, () => fired.push('poll 1'));
    timers.set('poll', 2_000, () => fired.push('poll 2'));
    timers.set('window', 500, () => fired.push('window'));
    clock.advance(3_000);
    assert.deepEqual(fired, ['window', 'poll 2']);
    timers.set('override', 100, () => fired.push('override'));
    timers.clear('override');
    timers.set('poll', 100, () => fired.push('poll 3'));
    timers.set('window', 100, () => fired.push('window 2'));
    timers.clearAll();
    clock.advance(1_000);
    assert.equal(fired.length, 2);
    assert.equal(clock.pending, 0);
  });

  it('waits at most MAX_TIMER_MS (the callback decides again), never less than 0, and fires only while running', () => {
    const clock = new ManualClock();
    let running = true;
    const timers = new NamedTimers(clock, () => running);
    const at: number[] = [];
    timers.set('window', 5 * MAX_TIMER_MS, () => at.push(clock.nowMs()));
    timers.set('override', -10, () => at.push(clock.nowMs()));
    clock.advance(2 * MAX_TIMER_MS);
    assert.deepEqual(at, [0, MAX_TIMER_MS]);
    timers.set('poll', 10, () => at.push(clock.nowMs()));
    running = false;
    clock.advance(100);
    assert.equal(at.length, 2, 'not while stopped');
  });
});
