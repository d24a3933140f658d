/**
 * Request bodies of the tariffs, schedules and holidays API, validated with errors that name the
 * field (e.g. `bands.1.from: overlaps bands.0`).
 *
 *   tariff    {basis: 'per_litre' | 'per_second' | 'per_kwh', priceMillifen,
 *              bands?: [{from: 'HH:MM', to: 'HH:MM', priceMillifen}],   time-of-use, local time
 *              minimumChargeFen?, maxSessionMs?, maxSessionCostFen?,     0 or absent: none
 *              freeEnergyWhPerMonth?                                      per_kwh only
 *              fallbackPriceMillifenPerSecond?}                           per_litre only
 *   schedule  {periods: [{days: ['mon', ...], from: '07:00', to: '23:00'}], holidayPeriods?: [...]}
 *   holiday   a local date YYYY-MM-DD in the path
 *
 * Prices are millifen (1/1000 fen) per litre, second or kWh. Times are local, 'HH:MM' from 00:00
 * to 24:00, `to` after `from` (a period across midnight is two periods).
 */
import { z } from 'zod';
import type { TariffBasisText } from '../controller/dataset-types.js';

/** Most bands in a tariff and periods in a schedule (what a device accepts: controller/dataset-check.ts). */
export const MAX_PERIODS = 64;
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a local time 'HH:MM' from 00:00 to 24:00")
  .transform((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5)));

const band = z.object({ from: timeOfDay, to: timeOfDay, priceMillifen: count }).strict();

const period = z
  .object({
    days: z.array(z.enum(DAYS)).min(1, 'must name at least one day').refine((d) => new Set(d).size === d.length, 'names a day twice'),
    from: timeOfDay,
    to: timeOfDay,
  })
  .strict();

/** Each item must end after it starts; with `noOverlap`, no two items (on a common day) overlap. */
function checkRanges(items: { from: number; to: number; days?: readonly string[] }[], path: string, ctx: z.RefinementCtx, noOverlap: boolean): void {
  items.forEach((item, i) => {
    if (item.to <= item.from) ctx.addIssue({ code: 'custom', path: [path, i, 'to'], message: 'must be later than from' });
    if (!noOverlap) return;
    for (let j = 0; j < i; j++) {
      const other = items[j]!;
      const sameDay = !item.days || !other.days || item.days.some((d) => other.days!.includes(d));
      if (sameDay && item.from < other.to && other.from < item.to) ctx.addIssue({ code: 'custom', path: [path, i, 'from'], message: `overlaps ${path}.${j}` });
    }
  });
}

export const tariffBody = z
  .object({
    basis: z.enum(['per_litre', 'per_second', 'per_kwh']),
    priceMillifen: count,
    bands: z.array(band).max(MAX_PERIODS).optional(),
    minimumChargeFen: count.optional(),
    maxSessionMs: count.optional(),
    maxSessionCostFen: count.optional(),
    freeEnergyWhPerMonth: count.optional(),
    fallbackPriceMillifenPerSecond: count.optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    checkRanges(t.bands ?? [], 'bands', ctx, true);
    if (t.freeEnergyWhPerMonth && t.basis !== 'per_kwh') ctx.addIssue({ code: 'custom', path: ['freeEnergyWhPerMonth'], message: 'only for basis per_kwh' });
    if (t.fallbackPriceMillifenPerSecond && t.basis !== 'per_litre') ctx.addIssue({ code: 'custom', path: ['fallbackPriceMillifenPerSecond'], message: 'only for basis per_litre' });
  })
  .transform((t) => ({
    basis: t.basis as TariffBasisText,
    priceMillifen: t.priceMillifen,
    bands: (t.bands ?? []).map((b) => ({ startMinute: b.from, endMinute: b.to, priceMillifen: b.priceMillifen })),
    minimumChargeFen: t.minimumChargeFen ?? 0,
    maxSessionMs: t.maxSessionMs ?? 0,
    maxSessionCostFen: t.maxSessionCostFen ?? 0,
    freeEnergyWhPerMonth: t.freeEnergyWhPerMonth ?? 0,
    fallbackPriceMillifenPerSecond: t.fallbackPriceMillifenPerSecond ?? 0,
  }));

export type TariffInput = z.output<typeof tariffBody>;

const periods = z.array(period).max(MAX_PERIODS);

const toPeriodRecords = (list: z.output<typeof period>[]) =>
  list.map((p) => ({ daysMask: p.days.reduce((mask, d) => mask | (1 << DAYS.indexOf(d)), 0), startMinute: p.from, endMinute: p.to }));

export const scheduleBody = z
  .object({ periods, holidayPeriods: periods.optional() })
  .strict()
  .superRefine((s, ctx) => {
    checkRanges(s.periods, 'periods', ctx, false);
    checkRanges(s.holidayPeriods ?? [], 'holidayPeriods', ctx, false);
  })
  .transform((s) => ({ periods: toPeriodRecords(s.periods), holidayPeriods: toPeriodRecords(s.holidayPeriods ?? []) }));

export type ScheduleInput = z.output<typeof scheduleBody>;

/** A local calendar date YYYY-MM-DD that exists. */
export const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return m >= 1 && m <= 12 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
  }, 'is not a calendar date');

/** The API's view of stored periods: the request's own format. */
export function periodsView(list: readonly { daysMask: number; startMinute: number; endMinute: number }[]): { days: string[]; from: string; to: string }[] {
  return list.map((p) => ({ days: DAYS.filter((_, i) => (p.daysMask & (1 << i)) !== 0), from: hhmm(p.startMinute), to: hhmm(p.endMinute) }));
}

export function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
