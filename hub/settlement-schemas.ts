/**
 * Request bodies and queries of finance's routes (hub/api-settlement.ts), also read by the
 * OpenAPI document (hub/permissions-settlement.ts, hub/openapi.ts).
 */
import { z } from 'zod';
import { id } from './api-http.js';
import { JOB_NAMES } from './calendar-jobs.js';
import { MERCHANT_KINDS } from './merchants.js';
import { isLocalDate, isPeriod } from './periods.js';
import { MAX_MERCHANT_ID_LENGTH } from './settlement-ids.js';
import { instant } from './validity-schema.js';

/** Most a fee or surcharge rate may be: 50% (a typo guard). */
export const MAX_RATE_BP = 5000;
/** Lines of a statement in one JSON answer (CSV and HTML have them all). */
export const MAX_LINES = 1000;

export const merchantId = z.string().regex(new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${MAX_MERCHANT_ID_LENGTH - 1}}$`), `must be 1-${MAX_MERCHANT_ID_LENGTH} letters, digits, '.', '_' or '-'`);
const rate = z.number().int('must be whole basis points').min(0).max(MAX_RATE_BP, `must be at most ${MAX_RATE_BP} basis points (50%)`);
const text = (max: number) => z.string().trim().min(1).max(max);
export const period = z.string().refine(isPeriod, 'must be a month YYYY-MM');
export const date = z.string().refine(isLocalDate, 'must be a date YYYY-MM-DD');
const lines = { limit: z.coerce.number().int().min(1).max(MAX_LINES).default(100), offset: z.coerce.number().int().min(0).default(0) };

const CORRECTION_STATUSES = ['open', 'approved', 'rejected'] as const;
/** One status or several, comma-separated (`approved,rejected`: the decided tickets). */
const correctionStatuses = z
  .string()
  .regex(new RegExp(`^(${CORRECTION_STATUSES.join('|')})(,(${CORRECTION_STATUSES.join('|')}))*$`), `must be ${CORRECTION_STATUSES.join(', ')} or several of them comma-separated (approved,rejected)`)
  .describe('one status or several comma-separated: approved,rejected are the decided tickets')
  .transform((s) => [...new Set(s.split(','))] as (typeof CORRECTION_STATUSES)[number][]);

export const settlementSchemas = {
  merchant: z
    .object({
      merchantId, name: text(200), kind: z.enum(MERCHANT_KINDS), feeRateBp: rate, surchargeBp: rate.optional(), settlementAccount: z.string().trim().max(200).optional(),
    })
    .strict(),
  merchantPatch: z
    .object({ name: text(200).optional(), kind: z.enum(MERCHANT_KINDS).optional(), feeRateBp: rate.optional(), surchargeBp: rate.optional(), settlementAccount: z.string().trim().max(200).optional() })
    .strict(),
  bindDevices: z.object({ deviceIds: z.array(id).min(1).max(1000) }).strict(),
  bindOperator: z.object({ operatorId: z.string().min(1).max(64) }).strict(),
  flows: z.object({ period: period.optional(), ...lines }).strict(),
  statement: z.object(lines).strict(),
  correction: z
    .object({ transferId: z.string().min(1).max(200), amountFen: z.number().int('must be whole fen').min(1).optional(), reason: text(1000) })
    .strict(),
  approve: z.object({ note: z.string().trim().max(1000).optional() }).strict().nullable(),
  reject: z.object({ note: text(1000) }).strict(),
  corrections: z
    .object({ status: correctionStatuses.optional(), transferId: z.string().min(1).max(200).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) })
    .strict(),
  reconciliation: z.object({ date: date.optional() }).strict(),
  reconciliationCsv: z.object({ date }).strict(),
  channelList: z.object({ csv: z.string().min(1) }).strict(),
  job: z
    .object({
      at: z.union([date, instant]).optional(),
      months: z.number().int().min(1).max(120).optional(),
      days: z.number().int().min(1).max(366).optional(),
      personIds: z.array(id).min(1).max(10_000).optional(),
    })
    .strict()
    .nullable(),
  jobRuns: z.object({ job: z.enum(JOB_NAMES).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
};

