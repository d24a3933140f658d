import assert from 'node:assert/strict';
import { localTime } from './local-time.js';

describe('localTime', () => {
  it('gives the campus day, weekday and minute in Asia/Shanghai (UTC+8)', () => {
    // 2026-11-22T16:30:00Z is Monday 2026-11-23 00:30 in Shanghai.
    assert.deepEqual(localTime(Date.UTC(2026, 10, 22, 16, 30), 'Asia/Shanghai'), { date: '2026-11-23', month: '2026-11', weekday: 1, minuteOfDay: 30 });
  });

  it('gives Sunday as 7 and the last minute of a day as 1439', () => {
    assert.deepEqual(localTime(Date.UTC(2026, 10, 22, 23, 59), 'UTC'), { date: '2026-11-22', month: '2026-11', weekday: 7, minuteOfDay: 1439 });
  });
});
