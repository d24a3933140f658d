/**
 * Request fields for validity windows and access groups of people and cards (operator API).
 *
 *   validFrom, validUntil  unix milliseconds (an integer) or an ISO 8601 date-time with its zone,
 *                          e.g. "2026-09-01T00:00:00+08:00"; the window is [validFrom, validUntil):
 *                          a card is valid from validFrom up to, not including, validUntil.
 *                          In a PATCH, null removes the bound.
 *   groups                 access group ids (letters, digits, '.', '_', '-'), at most 32, no repeats;
 *                          in a PATCH the list replaces the previous one.
 *
 * Values come out as `validFromMs` / `validUntilMs` (unix ms or null).
 */
import { z } from 'zod';

/** 1970 to 9999: past that a date is a typo. */
const MAX_UNIX_MS = 253_402_300_799_999;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
export const MAX_GROUPS = 32;

const groupId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "must be 1-64 letters, digits, '.', '_' or '-'");

/** A point in time: unix ms, or an ISO 8601 date-time with zone; out comes unix ms. */
export const instant = z.union(
  [
    z.number().int().min(0).max(MAX_UNIX_MS),
    z
      .string()
      .regex(ISO_DATE_TIME, 'must be unix ms or an ISO 8601 date-time with a zone, e.g. 2026-09-01T00:00:00+08:00')
      .transform((s, ctx) => {
        const ms = Date.parse(s);
        // Date.parse rolls 2026-02-30 over into March: check the calendar day exists.
        const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
        const dayExists = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d && m >= 1 && m <= 12;
        if (!Number.isFinite(ms) || !dayExists || ms < 0 || ms > MAX_UNIX_MS) {
          ctx.addIssue({ code: 'custom', message: 'is not a date-time between 1970 and 9999' });
          return z.NEVER;
        }
        return ms;
      }),
  ],
  { error: 'must be unix ms or an ISO 8601 date-time with a zone, e.g. 2026-09-01T00:00:00+08:00' },
);

export const groups = z
  .array(groupId)
  .max(MAX_GROUPS)
  .refine((g) => new Set(g).size === g.length, 'lists a group twice');

/** Fields accepted on creation (absent: unbounded, no groups). */
export const validityFields = { validFrom: instant.optional(), validUntil: instant.optional(), groups: groups.optional() };

/** Fields accepted in a PATCH (absent: unchanged; null: bound removed). */
export const validityPatchFields = { validFrom: instant.nullable().optional(), validUntil: instant.nullable().optional(), groups: groups.optional() };

/** Request fields to store fields: validFrom -> validFromMs, validUntil -> validUntilMs, present ones only. */
export function validityInput(v: { validFrom?: number | null | undefined; validUntil?: number | null | undefined; groups?: string[] | undefined }): {
  validFromMs?: number | null;
  validUntilMs?: number | null;
  groups?: string[];
} {
  return {
    ...(v.validFrom !== undefined ? { validFromMs: v.validFrom } : {}),
    ...(v.validUntil !== undefined ? { validUntilMs: v.validUntil } : {}),
    ...(v.groups !== undefined ? { groups: v.groups } : {}),
  };
}
