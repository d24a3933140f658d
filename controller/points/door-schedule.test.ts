import { strict as assert } from 'node:assert';
import { scheduleAdmits } from './door-schedule.js';
import { AccessReason } from '../../protocol/messages.js';
import type { ScheduleRecord } from '../dataset-types.js';

const WEEKDAYS = 0b0011111; // Monday to Friday
const MON = 1;
const TUE = 2;
const SAT = 6;
const SUN = 7;
const hm = (h: number, m = 0) => h * 60 + m;

const OUTSIDE = AccessReason.ACCESS_REASON_DENIED_OUTSIDE_SCHEDULE;
const HOLIDAY = AccessReason.ACCESS_REASON_DENIED_HOLIDAY;

/** The reason the schedule gives at a weekday and time, or 'admitted'. */
function at(schedule: ScheduleRecord, weekday: number, minuteOfDay: number, holiday = false): AccessReason | 'admitted' {
  const verdict = scheduleAdmits(schedule, { weekday, minuteOfDay }, holiday);
  return verdict.admitted ? 'admitted' : verdict.reason;
}

describe('door schedule', () => {
  const office: ScheduleRecord = {
    id: 'office',
    periods: [
      { daysMask: WEEKDAYS, startMinute: hm(8), endMinute: hm(12) },
      { daysMask: WEEKDAYS, startMinute: hm(14), endMinute: hm(18, 30) },
      { daysMask: 1 << (SAT - 1), startMinute: hm(9), endMinute: hm(11) },
    ],
    holidayPeriods: [],
  };

  it('admits from the start minute up to, not including, the end minute', () => {
    assert.equal(at(office, MON, hm(7, 59)), OUTSIDE);
    assert.equal(at(office, MON, hm(8)), 'admitted');
    assert.equal(at(office, MON, hm(11, 59)), 'admitted');
    assert.equal(at(office, MON, hm(12)), OUTSIDE);
  });

  it('admits in each of several periods of a day and not between them', () => {
    assert.equal(at(office, TUE, hm(10)), 'admitted');
    assert.equal(at(office, TUE, hm(13)), OUTSIDE);
    assert.equal(at(office, TUE, hm(14)), 'admitted');
    assert.equal(at(office, TUE, hm(18, 29)), 'admitted');
    assert.equal(at(office, TUE, hm(18, 30)), OUTSIDE);
  });

  it('admits only on the weekdays of a period', () => {
    assert.equal(at(office, SAT, hm(10)), 'admitted');
    assert.equal(at(office, SAT, hm(15)), OUTSIDE, 'the afternoon period is Monday to Friday');
    assert.equal(at(office, SUN, hm(10)), OUTSIDE);
  });

  it('covers a night across midnight with a period ending at 24:00 and one starting at 00:00', () => {
    const night: ScheduleRecord = {
      id: 'night',
      periods: [
        { daysMask: 1 << (MON - 1), startMinute: hm(22), endMinute: 1440 },
        { daysMask: 1 << (TUE - 1), startMinute: 0, endMinute: hm(6) },
      ],
      holidayPeriods: [],
    };
    assert.equal(at(night, MON, hm(21, 59)), OUTSIDE);
    assert.equal(at(night, MON, hm(23, 59)), 'admitted');
    assert.equal(at(night, TUE, 0), 'admitted');
    assert.equal(at(night, TUE, hm(5, 59)), 'admitted');
    assert.equal(at(night, TUE, hm(6)), OUTSIDE);
    assert.equal(at(night, MON, 0), OUTSIDE, 'Monday 00:00 belongs to the Sunday night, which is not in the schedule');
  });

  it('is closed on a holiday without holiday periods, whatever the weekday periods say', () => {
    assert.equal(at(office, MON, hm(10), true), HOLIDAY);
    assert.equal(at(office, MON, hm(3), true), HOLIDAY);
  });

  it('uses the holiday periods instead of the weekday periods on a holiday', () => {
    const dorm: ScheduleRecord = {
      id: 'dorm',
      periods: [{ daysMask: 0x7f, startMinute: hm(6), endMinute: hm(23) }],
      holidayPeriods: [{ daysMask: 0x7f, startMinute: hm(8), endMinute: hm(20) }],
    };
    assert.equal(at(dorm, MON, hm(7)), 'admitted');
    assert.equal(at(dorm, MON, hm(7), true), OUTSIDE);
    assert.equal(at(dorm, MON, hm(8), true), 'admitted');
    assert.equal(at(dorm, SUN, hm(19, 59), true), 'admitted');
    assert.equal(at(dorm, SUN, hm(20), true), OUTSIDE);
  });

  it('matches holiday periods by weekday as well', () => {
    const s: ScheduleRecord = { id: 's', periods: [], holidayPeriods: [{ daysMask: 1 << (SAT - 1), startMinute: 0, endMinute: 1440 }] };
    assert.equal(at(s, SAT, hm(12), true), 'admitted');
    assert.equal(at(s, MON, hm(12), true), OUTSIDE);
  });

  it('admits nothing with no periods', () => {
    assert.equal(at({ id: 'never', periods: [], holidayPeriods: [] }, MON, hm(10)), OUTSIDE);
  });
});
