/**
 * Local calendar time of a unix-ms instant in an IANA time zone: the campus's day, weekday, minute
 * of the day and month, for schedules, time-of-use bands, daily limits and monthly allowances.
 * Formatters are cached per zone (building one costs far more than using it).
 */
export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  /** YYYY-MM */
  month: string;
  /** 1 Monday ... 7 Sunday (ISO). */
  weekday: number;
  /** 0-1439 */
  minuteOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function localTime(unixMs: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(unixMs))) parts[p.type] = p.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return {
    date,
    month: date.slice(0, 7),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 1,
    minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
  };
}
