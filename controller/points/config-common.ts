/** Schema pieces shared by the point config files. */
import { z } from 'zod';

export const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "1-64 letters, digits, '.', '_' or '-'");
export const ms = (min: number, max: number) => z.number().int().min(min).max(max);
export const fen = (max = 100_000_000) => z.number().int().min(0).max(max);

/** A local time of day "HH:MM" (00:00-24:00), as minutes since midnight. */
export const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time of day HH:MM')
  .transform((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)))
  .refine((m) => m <= 1440, 'at most 24:00');
