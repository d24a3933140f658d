/**
 * Settlement periods: calendar months (YYYY-MM) in the campus's time zone (Asia/Shanghai unless
 * configured). A period runs from 00:00 on its first day to 00:00 on the first day of the next
 * (its cut-off); a transfer belongs to the period of the hub time it was posted at.
 */
import { dayStartMs } from './people-import.js';
import { localTime } from '../lib/local-time.js';

export const DEFAULT_SETTLEMENT_TIME_ZONE = 'Asia/Shanghai';

export interface PeriodBounds {
  period: string;
  startMs: number;
  /** The cut-off: the first instant of the next period. */
  endMs: number;
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(text: string): boolean {
  return PERIOD.test(text);
}

export function periodBounds(period: string, timeZone: string): PeriodBounds {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`period ${JSON.stringify(period)} is not YYYY-MM`);
  const y = Number(m[1]);
  const month = Number(m[2]);
  return { period, startMs: dayStartMs(y, month, 1, timeZone), endMs: month === 12 ? dayStartMs(y + 1, 1, 1, timeZone) : dayStartMs(y, month + 1, 1, timeZone) };
}

/** The period an instant falls in. */
export function periodOf(unixMs: number, timeZone: string): string {
  return localTime(unixMs, timeZone).month;
}

/** The period before (`-1`) or after (`+1`) a period. */
export function shiftPeriod(period: string, months: number): string {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`period ${JSON.stringify(period)} is not YYYY-MM`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The instant `months` calendar months before `unixMs`, same local time of day (the day clamped to the month's end). */
export function monthsBefore(unixMs: number, months: number, timeZone: string): number {
  const local = localTime(unixMs, timeZone);
  const [y, m, d] = local.date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + m - 1 - months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  const dayStart = dayStartMs(ty, tm, Math.min(d, lastDay), timeZone);
  return dayStart + (unixMs - dayStartMs(y, m, d, timeZone));
}

/** The local date (YYYY-MM-DD) of an instant, and the bounds of a local date. */
export function localDate(unixMs: number, timeZone: string): string {
  return localTime(unixMs, timeZone).date;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return t.getUTCFullYear() === Number(m[1]) && t.getUTCMonth() === Number(m[2]) - 1 && t.getUTCDate() === Number(m[3]);
}

export function dayBounds(date: string, timeZone: string): { startMs: number; endMs: number } {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`date ${JSON.stringify(date)} is not YYYY-MM-DD`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return { startMs: dayStartMs(y, mo, d, timeZone), endMs: dayStartMs(y, mo, d + 1, timeZone) };
}
