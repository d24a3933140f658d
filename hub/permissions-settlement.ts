/**
 * The routes of finance's work (hub/api-settlement.ts) for the route table (hub/permissions.ts),
 * with their bodies, queries and answers for the OpenAPI document (hub/openapi.ts).
 *
 * finance: merchants, settlement, corrections, reconciliation and the settlement and
 * reconciliation jobs; the card office may raise a correction (a resident complains at the
 * counter) and runs the jobs about cards and accounts; the auditor reads everything. A merchant's
 * own flows are open to any operator the handler finds bound to that merchant (and to finance and
 * the auditor): access 'operator' here, the binding checked by the handler.
 */
import type { z } from 'zod';
import type { Answer } from './openapi.js';
import type { RouteSpec } from './permissions.js';
import type { Role } from './roles.js';
import { settlementSchemas } from './settlement-schemas.js';

const finance: readonly Role[] = ['finance'];
const financeRead: readonly Role[] = ['finance', 'auditor'];
const card: readonly Role[] = ['card_office'];

export const SETTLEMENT_ROUTES: readonly RouteSpec[] = [
  { method: 'GET', path: '/api/merchants', action: 'merchant.list', summary: 'merchants with their devices, rates and operators', access: financeRead },
  { method: 'POST', path: '/api/merchants', action: 'merchant.add', summary: 'a merchant (系统用户): kind, fee rate, canteen surcharge for temporary cards, settlement account', access: finance, target: { kind: 'merchant', from: 'body', key: 'merchantId' } },
  { method: 'GET', path: '/api/merchants/{merchantId}', action: 'merchant.show', summary: 'one merchant', access: financeRead },
  { method: 'PATCH', path: '/api/merchants/{merchantId}', action: 'merchant.update', summary: "a merchant's name, kind, rates or settlement account", access: finance, target: { kind: 'merchant', from: 'path', key: 'merchantId' } },
  { method: 'POST', path: '/api/merchants/{merchantId}/devices', action: 'merchant.bind_devices', summary: 'bind devices (and so their points) to the merchant', access: finance, target: { kind: 'merchant', from: 'path', key: 'merchantId' } },
  { method: 'POST', path: '/api/merchants/{merchantId}/operators', action: 'merchant.bind_operator', summary: 'an operator acting for the merchant: they may read its own flows', access: finance, target: { kind: 'merchant', from: 'path', key: 'merchantId' } },
  { method: 'GET', path: '/api/merchants/{merchantId}/flows', action: 'merchant.flows', summary: "the merchant's own statement and transfers of this or last month (an operator bound to it, finance, auditor)", access: 'operator' },
  { method: 'GET', path: '/api/settlement/{period}', action: 'settlement.show', summary: "a period's figures for every merchant, open or closed", access: financeRead },
  { method: 'POST', path: '/api/settlement/{period}/close', action: 'settlement.close', summary: 'close a period after its cut-off: fee and payout transfers, statements frozen (once)', access: finance },
  { method: 'GET', path: '/api/settlement/{period}/merchants/{merchantId}', action: 'settlement.statement', summary: "a merchant's statement (部门结算报表) with its transfers", access: financeRead },
  { method: 'GET', path: '/api/settlement/{period}/merchants/{merchantId}/statement.csv', action: 'settlement.statement_csv', summary: "a merchant's statement as CSV (text/csv)", access: financeRead },
  { method: 'GET', path: '/api/settlement/{period}/merchants/{merchantId}/statement.html', action: 'settlement.statement_html', summary: "a merchant's statement as a printable page (text/html)", access: financeRead },
  { method: 'GET', path: '/api/corrections', action: 'correction.list', summary: 'correction tickets, newest first', access: financeRead },
  { method: 'POST', path: '/api/corrections', action: 'correction.raise', summary: 'raise a correction ticket (消费纠错) for a charge', access: [...finance, ...card] },
  { method: 'GET', path: '/api/corrections/{correctionId}', action: 'correction.show', summary: 'one correction ticket', access: financeRead },
  { method: 'POST', path: '/api/corrections/{correctionId}/approve', action: 'correction.approve', summary: 'approve and refund (another operator than the raiser: four eyes)', access: finance, target: { kind: 'correction', from: 'path', key: 'correctionId' } },
  { method: 'POST', path: '/api/corrections/{correctionId}/reject', action: 'correction.reject', summary: 'reject a correction ticket', access: finance, target: { kind: 'correction', from: 'path', key: 'correctionId' } },
  { method: 'GET', path: '/api/reconciliation', action: 'reconciliation.show', summary: 'the reconciliation report of a day (default yesterday)', access: financeRead },
  { method: 'GET', path: '/api/reconciliation.csv', action: 'reconciliation.csv', summary: 'the reconciliation report of a day as CSV (text/csv)', access: financeRead },
  { method: 'POST', path: '/api/reconciliation/channels/{channel}/lists/{date}', action: 'reconciliation.channel_list', summary: "import a payment channel's list of a day's top-ups (CSV)", access: finance },
  { method: 'POST', path: '/api/jobs/close-expired/run', action: 'job.close_expired', summary: 'close accounts left open months after expiry, balance to bad debt', access: card },
  { method: 'POST', path: '/api/jobs/graduates/run', action: 'job.graduates', summary: 'cancel graduates in bulk: a list of people, or students whose validity ended', access: card, auditRequest: (body) => ({ ...(body as object), personIds: Array.isArray((body as { personIds?: unknown } | null)?.personIds) ? ((body as { personIds: unknown[] }).personIds.length) : null }) },
  { method: 'POST', path: '/api/jobs/freshman-exchange/run', action: 'job.freshman_exchange', summary: 'list freshman cards due for exchange', access: card },
  { method: 'POST', path: '/api/jobs/temporary-expiring/run', action: 'job.temporary_expiring', summary: 'list temporary cards expiring soon', access: card },
  { method: 'POST', path: '/api/jobs/reconciliation/run', action: 'job.reconciliation', summary: "the reconciliation report of the day before, kept with the run", access: finance },
  { method: 'POST', path: '/api/jobs/settlement/run', action: 'job.settlement', summary: 'close the period before the month of the run', access: finance },
  { method: 'GET', path: '/api/jobs/runs', action: 'job.list', summary: 'calendar job runs, newest first, with their state and result', access: [...card, ...finance, 'auditor'] },
];

type Key = `${RouteSpec['method']} ${string}`;

export const SETTLEMENT_BODIES: Partial<Record<Key, z.ZodType>> = {
  'POST /api/merchants': settlementSchemas.merchant,
  'PATCH /api/merchants/{merchantId}': settlementSchemas.merchantPatch,
  'POST /api/merchants/{merchantId}/devices': settlementSchemas.bindDevices,
  'POST /api/merchants/{merchantId}/operators': settlementSchemas.bindOperator,
  'POST /api/corrections': settlementSchemas.correction,
  'POST /api/corrections/{correctionId}/approve': settlementSchemas.approve,
  'POST /api/corrections/{correctionId}/reject': settlementSchemas.reject,
  'POST /api/reconciliation/channels/{channel}/lists/{date}': settlementSchemas.channelList,
  'POST /api/jobs/close-expired/run': settlementSchemas.job,
  'POST /api/jobs/graduates/run': settlementSchemas.job,
  'POST /api/jobs/freshman-exchange/run': settlementSchemas.job,
  'POST /api/jobs/temporary-expiring/run': settlementSchemas.job,
  'POST /api/jobs/reconciliation/run': settlementSchemas.job,
  'POST /api/jobs/settlement/run': settlementSchemas.job,
};

export const SETTLEMENT_NO_BODY: readonly Key[] = ['POST /api/settlement/{period}/close'];

export const SETTLEMENT_QUERIES: Partial<Record<Key, z.ZodObject>> = {
  'GET /api/merchants/{merchantId}/flows': settlementSchemas.flows,
  'GET /api/settlement/{period}/merchants/{merchantId}': settlementSchemas.statement,
  'GET /api/corrections': settlementSchemas.corrections,
  'GET /api/reconciliation': settlementSchemas.reconciliation,
  'GET /api/reconciliation.csv': settlementSchemas.reconciliationCsv,
  'GET /api/jobs/runs': settlementSchemas.jobRuns,
};

const run = { status: 201, fields: ['result', 'run'] };

export const SETTLEMENT_ANSWERS: Record<Key, Answer> = {
  'GET /api/merchants': { status: 200, fields: ['merchants'] },
  'POST /api/merchants': { status: 201, fields: ['merchant'] },
  'GET /api/merchants/{merchantId}': { status: 200, fields: ['merchant'] },
  'PATCH /api/merchants/{merchantId}': { status: 200, fields: ['merchant'] },
  'POST /api/merchants/{merchantId}/devices': { status: 200, fields: ['merchant', 'moved'] },
  'POST /api/merchants/{merchantId}/operators': { status: 200, fields: ['merchant'] },
  'GET /api/merchants/{merchantId}/flows': { status: 200, fields: ['statement', 'lines'] },
  'GET /api/settlement/{period}': { status: 200, fields: ['period'] },
  'POST /api/settlement/{period}/close': { status: 201, fields: ['result', 'period'] },
  'GET /api/settlement/{period}/merchants/{merchantId}': { status: 200, fields: ['statement', 'lines'] },
  'GET /api/settlement/{period}/merchants/{merchantId}/statement.csv': { status: 200, fields: [], media: 'text/csv' },
  'GET /api/settlement/{period}/merchants/{merchantId}/statement.html': { status: 200, fields: [], media: 'text/html' },
  'GET /api/corrections': { status: 200, fields: ['corrections'] },
  'POST /api/corrections': { status: 201, fields: ['correction'] },
  'GET /api/corrections/{correctionId}': { status: 200, fields: ['correction'] },
  'POST /api/corrections/{correctionId}/approve': { status: 200, fields: ['correction'] },
  'POST /api/corrections/{correctionId}/reject': { status: 200, fields: ['correction'] },
  'GET /api/reconciliation': { status: 200, fields: ['report'] },
  'GET /api/reconciliation.csv': { status: 200, fields: [], media: 'text/csv' },
  'POST /api/reconciliation/channels/{channel}/lists/{date}': { status: 200, fields: ['import'] },
  'POST /api/jobs/close-expired/run': run,
  'POST /api/jobs/graduates/run': run,
  'POST /api/jobs/freshman-exchange/run': run,
  'POST /api/jobs/temporary-expiring/run': run,
  'POST /api/jobs/reconciliation/run': run,
  'POST /api/jobs/settlement/run': run,
  'GET /api/jobs/runs': { status: 200, fields: ['runs'] },
};
