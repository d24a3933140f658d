/**
 * Whether a weekly schedule admits at a local time. On a holiday its holiday periods apply (none:
 * closed all day, DENIED_HOLIDAY), on any other day its periods; outside every period that applies:
 * DENIED_OUTSIDE_SCHEDULE. A period admits on the weekdays of its mask (bit 0 Monday ... bit 6
 * Sunday) from its start minute up to, not including, its end minute. Holiday periods are matched by
 * weekday too (a holiday period meant for any day carries all seven bits). A period never crosses
 * midnight: a night is two periods, one ending at 24:00 and one starting at 00:00.
 */
import { AccessReason } from '../../protocol/messages.js';
import type { SchedulePeriodRecord, ScheduleRecord } from '../dataset-types.js';
import type { LocalTime } from '../../lib/local-time.js';

export type ScheduleVerdict = { admitted: true } | { admitted: false; reason: AccessReason };

export function scheduleAdmits(schedule: ScheduleRecord, at: Pick<LocalTime, 'weekday' | 'minuteOfDay'>, holiday: boolean): ScheduleVerdict {
  const periods = holiday ? schedule.holidayPeriods : schedule.periods;
  if (holiday && periods.length === 0) return { admitted: false, reason: AccessReason.ACCESS_REASON_DENIED_HOLIDAY };
  if (periods.some((p) => periodAdmits(p, at))) return { admitted: true };
  return { admitted: false, reason: AccessReason.ACCESS_REASON_DENIED_OUTSIDE_SCHEDULE };
}

function periodAdmits(p: SchedulePeriodRecord, at: Pick<LocalTime, 'weekday' | 'minuteOfDay'>): boolean {
  const dayBit = 1 << (at.weekday - 1);
  return (p.daysMask & dayBit) !== 0 && at.minuteOfDay >= p.startMinute && at.minuteOfDay < p.endMinute;
}
