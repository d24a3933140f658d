/**
 * The OpenAPI 3.1 document of the hub's HTTP API (served at GET /api/openapi.json). Paths, methods,
 * security and roles come from the route table (hub/permissions.ts), so the document lists exactly
 * the routes the gate lets through; request bodies and query parameters are the validators' own
 * zod schemas turned into JSON Schema; each route's answer is named here.
 */
import { z } from 'zod';
import { ROUTES, rolesFor, type RouteSpec } from './permissions.js';
import { schemas as apiSchemas } from './api.js';
import { schemas as moneySchemas } from './api-money.js';
import { metersQuery } from './api-facilities.js';
import { operatorSchemas } from './api-operators.js';
import { scheduleBody, tariffBody } from './tariff-schedule-schema.js';
import { FAILURE_STATUS } from './outcome.js';
import { SETTLEMENT_ANSWERS, SETTLEMENT_BODIES, SETTLEMENT_NO_BODY, SETTLEMENT_QUERIES } from './permissions-settlement.js';
import { MAINTENANCE_ANSWERS, MAINTENANCE_BODIES, MAINTENANCE_QUERIES } from './permissions-maintenance.js';
import { OVERVIEW_ANSWERS } from './permissions-overview.js';
import { PEOPLE_SEARCH_ANSWERS, PEOPLE_SEARCH_QUERIES } from './permissions-people-search.js';
import { BLACKLIST_ANSWERS, BLACKLIST_BODIES, BLACKLIST_QUERIES } from './permissions-blacklist.js';
import { ACTIVITY_ANSWERS, ACTIVITY_QUERIES } from './permissions-activity.js';

type JsonSchema = Record<string, unknown>;
export type RouteKey = `${RouteSpec['method']} ${string}`;

export const routeKey = (route: Pick<RouteSpec, 'method' | 'path'>): RouteKey => `${route.method} ${route.path}`;

const object = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({ type: 'object', properties, required, additionalProperties: false });

/** Request bodies: a zod schema (the one the route validates with) or JSON Schema. */
export const BODIES: Partial<Record<RouteKey, z.ZodType | JsonSchema>> = {
  'POST /api/session': operatorSchemas.login,
  'POST /v1/enroll': apiSchemas.redeem,
  'POST /api/operators': operatorSchemas.operator,
  'PATCH /api/operators/{operatorId}': operatorSchemas.operatorPatch,
  'POST /api/operators/{operatorId}/password': operatorSchemas.password,
  'POST /api/devices': apiSchemas.device,
  'POST /api/devices/{deviceId}/enrollment': apiSchemas.enrollment,
  'POST /api/devices/{deviceId}/commands': apiSchemas.command,
  'POST /api/people': apiSchemas.person,
  'PATCH /api/people/{personId}': apiSchemas.personPatch,
  'POST /api/cards': apiSchemas.card,
  'PATCH /api/cards/{uid}': apiSchemas.cardPatch,
  'POST /api/rooms': moneySchemas.room,
  'POST /api/accounts/{accountId}/topups': moneySchemas.topUp,
  'PUT /api/tariffs/{tariffId}': tariffBody,
  'PUT /api/schedules/{scheduleId}': scheduleBody,
  // Card life (hub/api-card-life.ts validates these).
  'POST /api/cards/{uid}/replace': object({ newUid: { type: 'string', pattern: '^[0-9A-Fa-f]{8,20}$' }, defective: { type: 'boolean' } }, ['newUid']),
  'POST /api/cards/{uid}/cancel': { anyOf: [object({}), { type: 'null' }] },
  'POST /api/people/{personId}/cancel': { anyOf: [object({}), { type: 'null' }] },
  'POST /api/people/import': object(
    {
      rows: {
        type: 'array', minItems: 1, description: 'at most 1000 rows a call',
        items: object(
          {
            row: { type: 'integer', minimum: 1 },
            values: { type: 'object', additionalProperties: { type: 'string', maxLength: 1000 }, description: 'columns person_id, name, type, org_unit, valid_from, valid_until, phone, email, groups' },
          },
          ['row', 'values'],
        ),
      },
      dryRun: { type: 'boolean' }, skipBad: { type: 'boolean' }, timeZone: { type: 'string', description: 'IANA time zone for dates without one (default Asia/Shanghai)' },
    },
    ['rows'],
  ),
  'PUT /api/settings/card-life': object({ replacementFeeFen: { type: 'integer', minimum: 0 }, cancelBalance: { enum: ['refund', 'write_off'] } }),
  ...SETTLEMENT_BODIES,
  ...MAINTENANCE_BODIES,
  ...BLACKLIST_BODIES,
};

/** Writes that take no body. */
export const NO_BODY: ReadonlySet<RouteKey> = new Set<RouteKey>([
  'DELETE /api/session', 'POST /api/devices/{deviceId}/revoke', 'POST /api/cards/{uid}/lost', 'POST /api/cards/{uid}/found',
  'DELETE /api/tariffs/{tariffId}', 'DELETE /api/schedules/{scheduleId}', 'PUT /api/holidays/{date}', 'DELETE /api/holidays/{date}',
  ...SETTLEMENT_NO_BODY,
]);

/** Query parameters, as the zod schema that validates them. */
export const QUERIES: Partial<Record<RouteKey, z.ZodObject>> = {
  'GET /api/events': apiSchemas.events,
  'GET /api/accounts/{accountId}/transfers': moneySchemas.statement,
  'GET /api/meters': metersQuery,
  'GET /api/audit': operatorSchemas.audit,
  ...SETTLEMENT_QUERIES,
  ...MAINTENANCE_QUERIES,
  ...PEOPLE_SEARCH_QUERIES,
  ...BLACKLIST_QUERIES,
  ...ACTIVITY_QUERIES,
};

/** A route's success: its status and the fields of its JSON answer, or the media type of a text answer. */
export interface Answer {
  status: number;
  fields: string[];
  /** A text answer instead of JSON (a Reply with `text`, its content-type header this type, UTF-8). */
  media?: 'text/csv' | 'text/html';
}

/** Each route's success: its status and the fields of its answer. */
export const ANSWERS: Record<RouteKey, Answer> = {
  'GET /api/health': { status: 200, fields: ['status'] },
  'POST /api/session': { status: 201, fields: ['token', 'expiresAtMs', 'operator'] },
  'POST /v1/enroll': { status: 201, fields: ['deviceId', 'result'] },
  'GET /api/session': { status: 200, fields: ['operator', 'session'] },
  'DELETE /api/session': { status: 200, fields: ['result'] },
  'GET /api/openapi.json': { status: 200, fields: ['openapi', 'info', 'paths', 'components'] },
  'GET /api/operators': { status: 200, fields: ['operators'] },
  'POST /api/operators': { status: 201, fields: ['operator', 'password'] },
  'GET /api/operators/{operatorId}': { status: 200, fields: ['operator'] },
  'PATCH /api/operators/{operatorId}': { status: 200, fields: ['operator'] },
  'POST /api/operators/{operatorId}/password': { status: 200, fields: ['operator', 'result'] },
  'GET /api/audit': { status: 200, fields: ['entries', 'nextBeforeId'] },
  'GET /api/devices': { status: 200, fields: ['devices'] },
  'POST /api/devices': { status: 201, fields: ['deviceId', 'result'] },
  'POST /api/devices/{deviceId}/enrollment': { status: 201, fields: ['deviceId', 'code', 'expiresAtMs'] },
  'POST /api/devices/{deviceId}/revoke': { status: 200, fields: ['deviceId', 'revokedAtMs'] },
  'GET /api/devices/{deviceId}/commands': { status: 200, fields: ['commands'] },
  'POST /api/devices/{deviceId}/commands': { status: 201, fields: ['command'] },
  'POST /api/people': { status: 201, fields: ['personId', 'accountId'] },
  'PATCH /api/people/{personId}': { status: 200, fields: ['personId', 'cardsVersion'] },
  'POST /api/cards': { status: 201, fields: ['card', 'cardsVersion'] },
  'GET /api/cards/{uid}': { status: 200, fields: ['card'] },
  'PATCH /api/cards/{uid}': { status: 200, fields: ['card', 'cardsVersion'] },
  'POST /api/cards/{uid}/lost': { status: 200, fields: ['card', 'blacklistVersion'] },
  'POST /api/cards/{uid}/found': { status: 200, fields: ['card', 'blacklistVersion'] },
  'POST /api/cards/{uid}/replace': { status: 201, fields: ['result', 'feeFen', 'blacklistVersion', 'cardsVersion', 'balancesVersion'] },
  'POST /api/cards/{uid}/cancel': { status: 200, fields: ['personId', 'settlement', 'settledFen', 'cancelledUids'] },
  'POST /api/people/{personId}/cancel': { status: 200, fields: ['personId', 'settlement', 'settledFen', 'cancelledUids'] },
  'POST /api/people/import': { status: 200, fields: ['report'] },
  'GET /api/settings/card-life': { status: 200, fields: ['settings'] },
  'PUT /api/settings/card-life': { status: 200, fields: ['settings'] },
  'GET /api/events': { status: 200, fields: ['events'] },
  'POST /api/rooms': { status: 201, fields: ['roomId', 'account'] },
  'GET /api/accounts/{accountId}': { status: 200, fields: ['account'] },
  'GET /api/accounts/{accountId}/transfers': { status: 200, fields: ['account', 'transfers'] },
  'POST /api/accounts/{accountId}/topups': { status: 201, fields: ['result', 'topUp', 'account'] },
  'GET /api/tariffs': { status: 200, fields: ['tariffs'] },
  'PUT /api/tariffs/{tariffId}': { status: 201, fields: ['tariff', 'tariffsVersion'] },
  'DELETE /api/tariffs/{tariffId}': { status: 200, fields: ['tariffId', 'tariffsVersion'] },
  'GET /api/schedules': { status: 200, fields: ['schedules'] },
  'PUT /api/schedules/{scheduleId}': { status: 201, fields: ['schedule', 'schedulesVersion'] },
  'DELETE /api/schedules/{scheduleId}': { status: 200, fields: ['scheduleId', 'schedulesVersion'] },
  'GET /api/holidays': { status: 200, fields: ['holidays'] },
  'PUT /api/holidays/{date}': { status: 201, fields: ['date', 'schedulesVersion'] },
  'DELETE /api/holidays/{date}': { status: 200, fields: ['date', 'schedulesVersion'] },
  'GET /api/meters': { status: 200, fields: ['meters'] },
  ...SETTLEMENT_ANSWERS,
  ...MAINTENANCE_ANSWERS,
  ...OVERVIEW_ANSWERS,
  ...PEOPLE_SEARCH_ANSWERS,
  ...BLACKLIST_ANSWERS,
  ...ACTIVITY_ANSWERS,
};

function jsonSchema(schema: z.ZodType | JsonSchema): JsonSchema {
  if (!(schema instanceof z.ZodType)) return schema;
  const { $schema: _draft, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const ERROR_STATUSES = [...new Set(Object.values(FAILURE_STATUS))].sort();

function operation(route: RouteSpec): Record<string, unknown> {
  const key = routeKey(route);
  const answer = ANSWERS[key];
  const parameters: Record<string, unknown>[] = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const query = QUERIES[key];
  if (query) {
    const schema = jsonSchema(query) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(schema.properties ?? {})) parameters.push({ name, in: 'query', required: (schema.required ?? []).includes(name) && property.default === undefined, schema: property });
  }
  const roles = rolesFor(route, undefined);
  const notes: string[] = [];
  if (route.access === 'public') notes.push('No token needed.');
  else if (route.access === 'operator') notes.push('Any logged-in operator.');
  else notes.push(`Roles: ${roles!.join(', ')}.`);
  if (route.bodyAccess) notes.push(`By the action the body asks for: ${Object.entries(route.bodyAccess).map(([k, r]) => `${k}: ${[...r, 'admin'].join(', ')}`).join('; ')}.`);
  if (route.self) notes.push(`Any operator may call it for themselves ({${route.self}} = their own id).`);
  if (route.personal) {
    notes.push(route.personal === true ? 'Personal data: a reason is required and logged.' : 'Personal data in some cases (see the summary): a reason is then required and logged.');
    parameters.push(
      { name: 'reason', in: 'query', required: false, schema: { type: 'string', maxLength: 500 }, description: 'why this personal data is looked up (or the header X-Onecard-Reason)' },
      { name: 'X-Onecard-Reason', in: 'header', required: false, schema: { type: 'string', maxLength: 500 }, description: 'the reason, percent-encoded beyond ASCII' },
    );
  }
  if (route.target && route.method !== 'GET') notes.push(`Audited with the ${route.target.kind} before and after.`);
  const body = BODIES[key];
  const responses: Record<string, unknown> = {
    [String(answer?.status ?? 200)]: answer?.media
      ? { description: `done: ${answer.media === 'text/csv' ? 'a CSV file' : 'a printable page'} (UTF-8)`, content: { [answer.media]: { schema: { type: 'string' } } } }
      : { description: 'done', content: { 'application/json': { schema: { type: 'object', properties: Object.fromEntries((answer?.fields ?? []).map((f) => [f, {}])) } } } },
  };
  for (const status of ERROR_STATUSES) {
    if (route.access === 'public' && (status === 401 || status === 403) && key !== 'POST /api/session' && key !== 'POST /v1/enroll') continue;
    responses[String(status)] = { $ref: `#/components/responses/Error${status}` };
  }
  return {
    operationId: route.action,
    summary: route.summary,
    description: notes.join(' '),
    tags: [route.path.split('/')[2] ?? 'api'],
    security: route.access === 'public' ? [] : [{ bearerAuth: [] }],
    ...(roles ? { 'x-onecard-roles': roles } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(body) } } } } : {}),
    responses,
  };
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  const errorSchema = object({ error: object({ code: { enum: Object.keys(FAILURE_STATUS).concat('internal') }, message: { type: 'string' }, field: { type: 'string' } }, ['code', 'message']) }, ['error']);
  return {
    openapi: '3.1.0',
    info: {
      title: 'onecard hub API',
      version: '1',
      description:
        'The operator API of the onecard hub. Log in with POST /api/session and send `Authorization: Bearer <token>`. ' +
        'Each route names the roles allowed (admin may do everything). Looking up personal data needs a reason. ' +
        'Errors are {"error": {"code", "message", "field"?}}; codes are listed in docs/errors.md.',
    },
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'a token from POST /api/session; it expires (8 hours by default) and is revoked at logout' } },
      schemas: { Error: errorSchema },
      responses: Object.fromEntries(
        ERROR_STATUSES.map((status) => [
          `Error${status}`,
          {
            description: Object.entries(FAILURE_STATUS).filter(([, s]) => s === status).map(([code]) => code).join(', '),
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
    security: [{ bearerAuth: [] }],
  };
}
