import { strict as assert } from 'node:assert';
import { ClockSync } from './clock-sync.js';

const HUB = 1_800_000_000_000; // 2027

describe('clock sync', () => {
  it('trusts a local clock within 10 s of the hub', () => {
    let wall = HUB + 3_000;
    const sync = new ClockSync({ wallNow: () => wall });
    const seen = sync.observe(HUB + 20, HUB + 3_000, HUB + 3_040);
    assert.deepEqual(seen, { offsetMs: -3_000, uncertaintyMs: 20, alarm: false, corrected: false });
    wall += 1;
    assert.equal(sync.now(), HUB + 3_001);
  });

  it('raises an alarm and corrects a clock off by more than 10 s', () => {
    let wall = HUB - 60_000;
    const sync = new ClockSync({ wallNow: () => wall });
    const seen = sync.observe(HUB, wall - 10, wall + 10);
    assert.equal(seen.alarm, true);
    assert.equal(seen.corrected, true);
    assert.equal(seen.offsetMs, 60_000);
    wall += 500;
    assert.equal(sync.now(), HUB + 500);
  });

  it('treats a clock reset to 1970 as an alarm and corrects it', () => {
    const wall = 5_000; // booted without a battery-backed clock
    const sync = new ClockSync({ wallNow: () => wall });
    const seen = sync.observe(HUB, 4_990, 5_010);
    assert.equal(seen.alarm, true);
    assert.equal(sync.now(), HUB);
  });

  it('drops the correction once the local clock is right again (NTP caught up)', () => {
    let wall = HUB - 60_000;
    const sync = new ClockSync({ wallNow: () => wall });
    sync.observe(HUB, wall, wall);
    wall = HUB;
    const seen = sync.observe(HUB, HUB, HUB);
    assert.deepEqual([seen.alarm, seen.corrected, sync.appliedOffsetMs], [false, true, 0]);
  });
});
