/**
 * Test support (not used in production): an `IntervalClock` over sinon's fake timers, so debounce,
 * glitch filters and polling advance only with `tick()`. Installs the fake timers; the test
 * undoes them with `sinon.restore()`.
 */
import sinon from 'sinon';
import type { IntervalClock } from '../../../lib/clock.js';

export function fakeClock(): { sinon: sinon.SinonFakeTimers; gpio: IntervalClock } {
  const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  return {
    sinon: clock,
    gpio: {
      nowMs: () => clock.now,
      setTimeout: (fn, ms) => clock.setTimeout(fn, ms),
      clearTimeout: (h) => clock.clearTimeout(h as number),
      setInterval: (fn, ms) => clock.setInterval(fn, ms),
      clearInterval: (h) => clock.clearInterval(h as number),
    },
  };
}
