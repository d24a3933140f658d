/**
 * The operator HTTP API (JSON). Every request passes the gate first (hub/api-gate.ts): a bearer
 * token of a logged-in operator with a role the route table allows (hub/permissions.ts), a reason
 * for personal data, and the audit log. Sessions, operators and the audit log: hub/api-operators.ts.
 *
 *   GET  /api/health
 *   POST /api/devices            {deviceId, publicKey, name?}
 *   POST /api/devices/:id/enrollment {name?}  -> a one-time code (shown once)
 *   POST /api/devices/:id/revoke
 *   POST /api/devices/:id/commands  exactly one of {openDoor: {pointId}},
 *                                {setOfflineAuthorisation: {untilUnixMs}} (unix ms or ISO date-time; 0 withdraws),
 *                                {setRoomPower: {pointId, on, overrideUntilUnixMs?}} (0 or absent: until the next command),
 *                                {runSelfTest: {only?: [suite, ...]}} (reader, relay, valve, meter, journal, hub, clock; absent: all)
 *                                -> a command, sent now or on reconnect
 *   GET  /api/devices/:id/commands   recent commands with their status and the device's answer
 *   POST /v1/enroll              {deviceId, code, publicKey}  (device-facing)
 *   GET  /api/devices            devices with online state and dataset lag (every dataset)
 *   POST /api/people             {personId, name, type, validFrom?, validUntil?, groups?, orgUnit?, phone?, email?}
 *                                -> with its account person.<personId>
 *   PATCH /api/people/:personId  {type?, validFrom?, validUntil?, groups?, orgUnit?, phone?, email?} (null clears)
 *   POST /api/cards              {uid, personId, validFrom?, validUntil?, groups?, dailyLimitFen?, offlineDailyLimitFen?}
 *   PATCH /api/cards/:uid        {validFrom?, validUntil?, groups?, dailyLimitFen?, offlineDailyLimitFen?} (null: the default)
 *   GET  /api/cards/:uid
 *   POST /api/cards/:uid/lost
 *   POST /api/cards/:uid/found
 *   GET  /api/events?deviceId=&afterSeq=&cardUid=&held=1&limit=   held=1: charges held for review
 *   money (rooms, accounts, top-ups, statements): hub/api-money.ts
 *   tariffs, schedules, holidays, meters: hub/api-facilities.ts
 *   card replace and cancel, people import, card-life settings: hub/api-card-life.ts
 *   merchants, settlement, corrections, reconciliation, calendar jobs: hub/api-settlement.ts
 *   self-test history, repair tickets: hub/api-maintenance.ts
 *   the web console's overview, people search, blacklist and activity: hub/api-overview.ts,
 *   hub/api-people-search.ts, hub/api-blacklist.ts, hub/api-activity.ts (the console itself: hub/console/)
 *
 * Errors: `{"error": {"code", "message", "field"?}}` with the status of the code (hub/outcome.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { parsePublicKey } from '../protocol/auth.js';
import { failure } from './outcome.js';
import type { CardStore, DatasetChange } from './cards.js';
import type { DatasetReader } from './datasets.js';
import { cardUid, decodePathPart, fail, id, notFound, ok, parseBody, zodFailure, type Reply } from './api-http.js';
import { routeMoney, type MoneyApiDeps } from './api-money.js';
import { routeFacilities, type FacilitiesApiDeps } from './api-facilities.js';
import { routeCardLife, type CardLifeApiDeps } from './api-card-life.js';
import { gate, type GateDeps } from './api-gate.js';
import { routeOperators, type OperatorApiDeps } from './api-operators.js';
import { routeSettlement, type SettlementApiDeps } from './api-settlement.js';
import { routeMaintenance, type MaintenanceApiDeps } from './api-maintenance.js';
import { routeOverview, type OverviewApiDeps } from './api-overview.js';
import { routePeopleSearch, type PeopleSearchApiDeps } from './api-people-search.js';
import { routeBlacklist, type BlacklistApiDeps } from './api-blacklist.js';
import { routeActivity, type ActivityApiDeps } from './api-activity.js';
import { SUITES } from '../hardware-tests/types.js';
import { personTextFields } from './people-import.js';
import type { DeviceStore } from './devices.js';
import type { EventStore } from './events.js';
import type { EnrollmentStore } from './enrollment.js';
import type { CommandAction, CommandStore } from './commands.js';
import type { Logger } from '../lib/log.js';
import { instant, validityFields, validityInput, validityPatchFields } from './validity-schema.js';

export interface ApiDeps extends MoneyApiDeps, FacilitiesApiDeps, CardLifeApiDeps, OperatorApiDeps, SettlementApiDeps, MaintenanceApiDeps, OverviewApiDeps, PeopleSearchApiDeps, BlacklistApiDeps, ActivityApiDeps, GateDeps {
  devices: DeviceStore;
  cards: CardStore;
  datasets: DatasetReader;
  events: EventStore;
  logger: Logger;
  enrollment: EnrollmentStore;
  onlineDeviceIds: () => string[];
  /** Called after a device's key was revoked, to end its session. */
  deviceRevoked: (deviceId: string) => void;
  commands: CommandStore;
  /** Called after a command was stored, to send it if the device is online. */
  commandCreated: (deviceId: string) => void;
  /** Called after a committed change to a dataset, to push it to devices. */
  datasetChanged: (change: DatasetChange) => void;
}

/** A daily limit in fen: 1 fen to 100,000 yuan. */
const fen = z.number().int('must be whole fen').min(1).max(10_000_000);

const personType = z.enum(['staff', 'student', 'freshman', 'temporary']);

export const schemas = {
  device: z.object({ deviceId: id, publicKey: z.string().min(1).max(200), name: z.string().min(1).max(200).optional() }).strict(),
  person: z
    .object({
      personId: id, name: personTextFields.name, type: personType, ...validityFields,
      orgUnit: personTextFields.orgUnit.optional(), phone: personTextFields.phone.optional(), email: personTextFields.email.optional(),
    })
    .strict(),
  personPatch: z
    .object({
      type: personType.optional(), ...validityPatchFields,
      orgUnit: personTextFields.orgUnit.nullable().optional(), phone: personTextFields.phone.nullable().optional(), email: personTextFields.email.nullable().optional(),
    })
    .strict(),
  card: z.object({ uid: cardUid, personId: id, ...validityFields, dailyLimitFen: fen.optional(), offlineDailyLimitFen: fen.optional() }).strict(),
  cardPatch: z.object({ ...validityPatchFields, dailyLimitFen: fen.nullable().optional(), offlineDailyLimitFen: fen.nullable().optional() }).strict(),
  enrollment: z.object({ name: z.string().min(1).max(200).optional() }).strict().nullable().transform((v) => v ?? {}),
  command: z
    .object({
      openDoor: z.object({ pointId: id }).strict().optional(),
      setOfflineAuthorisation: z.object({ untilUnixMs: instant }).strict().optional(),
      setRoomPower: z.object({ pointId: id, on: z.boolean(), overrideUntilUnixMs: instant.optional() }).strict().optional(),
      runSelfTest: z.object({ only: z.array(z.enum(SUITES)).max(SUITES.length).optional() }).strict().optional(),
    })
    .strict()
    .refine(
      (c) => [c.openDoor, c.setOfflineAuthorisation, c.setRoomPower, c.runSelfTest].filter((x) => x !== undefined).length === 1,
      'must hold exactly one of openDoor, setOfflineAuthorisation, setRoomPower, runSelfTest',
    ),
  redeem: z.object({ deviceId: id, code: z.string().min(1).max(64), publicKey: z.string().min(1).max(200) }).strict(),
  events: z
    .object({
      deviceId: id.optional(),
      cardUid: cardUid.optional(),
      afterSeq: z.coerce.number().int().min(0).optional(),
      held: z.enum(['0', '1']).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    })
    .strict(),
};

export function createApiHandler(deps: ApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    gate(deps, req, () => route(deps, req))
      .catch((err: Error): Reply => {
        deps.logger.log('error', 'api.internal_error', { method: req.method, url: req.url, error: err.message });
        return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
      })
      .then((reply) => {
        const text = reply.text ?? JSON.stringify(reply.body);
        const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', ...reply.headers, 'content-length': Buffer.byteLength(text) };
        // A body left unread (too large) would be taken for the next request: end the connection.
        if (!req.complete) headers.connection = 'close';
        res.writeHead(reply.status, headers);
        res.end(text);
      });
  };
}

async function route(deps: ApiDeps, req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://hub');
  const method = req.method ?? 'GET';
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const parts = path.split('/').slice(1);

  if (method === 'GET' && path === '/api/health') return ok(200, { status: 'ok' });

  const request = { req, method, path, parts, url };
  const routed = (await routeMoney(deps, request)) ?? (await routeFacilities(deps, request)) ?? (await routeCardLife(deps, request)) ?? (await routeOperators(deps, request)) ?? (await routeSettlement(deps, request)) ?? (await routeMaintenance(deps, request));
  const console_ = routed ?? (await routeOverview(deps, request)) ?? (await routePeopleSearch(deps, request)) ?? (await routeBlacklist(deps, request)) ?? (await routeActivity(deps, request));
  if (console_) return console_;

  if (path === '/api/devices') {
    if (method === 'GET') {
      const online = new Set(deps.onlineDeviceIds());
      const versions = await deps.datasets.versions();
      const devices = (await deps.devices.list()).map((d) => ({
        ...d,
        online: online.has(d.deviceId),
        datasets: Object.fromEntries(
          Object.entries(versions).map(([name, current]) => {
            const applied = d.datasets[name]?.appliedVersion ?? 0;
            return [name, { currentVersion: current, appliedVersion: applied, lag: current - applied }];
          }),
        ),
      }));
      return ok(200, { devices });
    }
    if (method === 'POST') {
      const body = await parseBody(req, schemas.device);
      if (!body.ok) return fail(body);
      const key = parsePublicKey(body.value.publicKey);
      if (!key.ok) return fail(failure('invalid_body', `publicKey: ${key.message}`, 'publicKey'));
      const result = await deps.devices.register({ deviceId: body.value.deviceId, publicKey: body.value.publicKey, name: body.value.name ?? body.value.deviceId });
      if (!result.ok) return fail(result);
      return ok(result.created ? 201 : 200, { deviceId: body.value.deviceId, result: result.created ? 'created' : 'exists' });
    }
  }

  if (parts[0] === 'api' && parts[1] === 'devices' && parts.length === 4) {
    const deviceId = id.safeParse(decodePathPart(parts[2]!));
    if (!deviceId.success) return fail(failure('invalid_query', `device id in the path ${deviceId.error.issues[0]?.message ?? 'is invalid'}`, 'deviceId'));
    if (parts[3] === 'commands' && method === 'GET') {
      return ok(200, { commands: await deps.commands.list(deviceId.data) });
    }
    if (parts[3] === 'commands' && method === 'POST') {
      const body = await parseBody(req, schemas.command);
      if (!body.ok) return fail(body);
      const c = body.value;
      const action: CommandAction = c.openDoor
        ? { kind: 'open_door', pointId: c.openDoor.pointId }
        : c.setRoomPower
          ? { kind: 'set_room_power', pointId: c.setRoomPower.pointId, on: c.setRoomPower.on, overrideUntilUnixMs: c.setRoomPower.overrideUntilUnixMs ?? 0 }
          : c.runSelfTest
            ? { kind: 'run_self_test', only: c.runSelfTest.only ?? [] }
            : { kind: 'set_offline_authorisation', untilUnixMs: c.setOfflineAuthorisation!.untilUnixMs };
      const result = await deps.commands.create(deviceId.data, action);
      if (!result.ok) return fail(result);
      deps.logger.log('info', 'api.command_created', { deviceId: deviceId.data, commandId: result.command.commandId, action: result.command.action });
      deps.commandCreated(deviceId.data);
      return ok(201, { command: result.command });
    }
  }

  if (parts[0] === 'api' && parts[1] === 'devices' && parts.length === 4 && method === 'POST') {
    const deviceId = id.safeParse(decodePathPart(parts[2]!));
    if (!deviceId.success) return fail(failure('invalid_query', `device id in the path ${deviceId.error.issues[0]?.message ?? 'is invalid'}`, 'deviceId'));
    if (parts[3] === 'enrollment') {
      const body = await parseBody(req, schemas.enrollment);
      if (!body.ok) return fail(body);
      const result = await deps.enrollment.create({ deviceId: deviceId.data, name: body.value.name ?? deviceId.data });
      if (!result.ok) return fail(result);
      deps.logger.log('info', 'api.enrollment_created', { deviceId: deviceId.data, expiresAtMs: result.expiresAtMs });
      return ok(201, { deviceId: deviceId.data, code: result.code, expiresAtMs: result.expiresAtMs });
    }
    if (parts[3] === 'revoke') {
      const result = await deps.devices.revoke(deviceId.data);
      if (!result.ok) return fail(result);
      deps.logger.log('warn', 'api.device_revoked', { deviceId: deviceId.data });
      deps.deviceRevoked(deviceId.data);
      return ok(200, { deviceId: deviceId.data, revokedAtMs: result.revokedAtMs });
    }
  }

  // Device-facing: a device redeems its one-time code with its new public key.
  if (path === '/v1/enroll' && method === 'POST') {
    const body = await parseBody(req, schemas.redeem);
    if (!body.ok) return fail(body);
    const key = parsePublicKey(body.value.publicKey);
    if (!key.ok) return fail(failure('invalid_body', `publicKey: ${key.message}`, 'publicKey'));
    const result = await deps.enrollment.redeem(body.value);
    if (!result.ok) {
      deps.logger.log('warn', 'api.enrollment_refused', { deviceId: body.value.deviceId });
      return fail(result);
    }
    deps.logger.log('info', 'api.device_enrolled', { deviceId: body.value.deviceId });
    return ok(201, { deviceId: result.deviceId, result: 'enrolled' });
  }

  if (path === '/api/people' && method === 'POST') {
    const body = await parseBody(req, schemas.person);
    if (!body.ok) return fail(body);
    const { validFrom, validUntil, groups, orgUnit, phone, email, ...person } = body.value;
    const result = await deps.cards.addPerson({ ...person, ...validityInput({ validFrom, validUntil, groups }), ...present({ orgUnit, phone, email }) });
    if (!result.ok) return fail(result);
    deps.datasetChanged(result.change);
    return ok(201, { personId: result.personId, accountId: result.accountId });
  }

  if (parts[0] === 'api' && parts[1] === 'people' && parts.length === 3 && method === 'PATCH') {
    const personId = id.safeParse(decodePathPart(parts[2]!));
    if (!personId.success) return fail(failure('invalid_query', `person id in the path ${personId.error.issues[0]?.message ?? 'is invalid'}`, 'personId'));
    const body = await parseBody(req, schemas.personPatch);
    if (!body.ok) return fail(body);
    const { type, orgUnit, phone, email, ...validity } = body.value;
    const result = await deps.cards.updatePerson(personId.data, { ...(type ? { type } : {}), ...validityInput(validity), ...present({ orgUnit, phone, email }) });
    if (!result.ok) return fail(result);
    if (result.change) deps.datasetChanged(result.change);
    return ok(200, { personId: result.personId, cardsVersion: result.change?.version ?? null });
  }

  if (path === '/api/cards' && method === 'POST') {
    const body = await parseBody(req, schemas.card);
    if (!body.ok) return fail(body);
    const { validFrom, validUntil, groups, dailyLimitFen, offlineDailyLimitFen, ...card } = body.value;
    const result = await deps.cards.addCard({ ...card, ...validityInput({ validFrom, validUntil, groups }), ...limitsInput({ dailyLimitFen, offlineDailyLimitFen }) });
    if (!result.ok) return fail(result);
    deps.datasetChanged(result.change);
    return ok(201, { card: result.card, cardsVersion: result.change.version });
  }

  if (parts[0] === 'api' && parts[1] === 'cards' && parts.length >= 3) {
    const uid = cardUid.safeParse(decodePathPart(parts[2]!));
    if (!uid.success) return fail(failure('invalid_query', `card uid in the path ${uid.error.issues[0]?.message ?? 'is invalid'}`, 'uid'));
    if (parts.length === 3 && method === 'GET') {
      const card = await deps.cards.get(uid.data);
      return card ? ok(200, { card }) : fail(failure('not_found', `no card ${uid.data}`, 'uid'));
    }
    if (parts.length === 3 && method === 'PATCH') {
      const body = await parseBody(req, schemas.cardPatch);
      if (!body.ok) return fail(body);
      const { dailyLimitFen, offlineDailyLimitFen, ...validity } = body.value;
      const result = await deps.cards.updateCard(uid.data, { ...validityInput(validity), ...limitsInput({ dailyLimitFen, offlineDailyLimitFen }) });
      if (!result.ok) return fail(result);
      deps.datasetChanged(result.change);
      return ok(200, { card: result.card, cardsVersion: result.change.version });
    }
    if (parts.length === 4 && method === 'POST' && (parts[3] === 'lost' || parts[3] === 'found')) {
      const result = parts[3] === 'lost' ? await deps.cards.reportLost(uid.data) : await deps.cards.reportFound(uid.data);
      if (!result.ok) return fail(result);
      deps.logger.log('info', `api.card_${parts[3]}`, { uid: uid.data, blacklistVersion: result.change.version });
      deps.datasetChanged(result.change); // the blacklist first: deny wins
      deps.datasetChanged(result.cardsChange);
      return ok(200, { card: result.card, blacklistVersion: result.change.version });
    }
  }

  if (path === '/api/events' && method === 'GET') {
    const query = schemas.events.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) return fail(zodFailure(query.error, 'invalid_query'));
    const q = query.data;
    const events = await deps.events.list({
      limit: q.limit,
      ...(q.deviceId !== undefined ? { deviceId: q.deviceId } : {}),
      ...(q.afterSeq !== undefined ? { afterSeq: q.afterSeq } : {}),
      ...(q.cardUid !== undefined ? { cardUid: q.cardUid } : {}),
      ...(q.held === '1' ? { held: true } : {}),
    });
    return ok(200, { events });
  }

  return notFound(method, path);
}

/** The fields present in a request (an absent one is left out, not undefined). */
function present<T extends Record<string, unknown>>(v: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** Limits present in a request (undefined: unchanged; null: back to the controller's default). */
function limitsInput(v: { dailyLimitFen?: number | null | undefined; offlineDailyLimitFen?: number | null | undefined }): { dailyLimitFen?: number | null; offlineDailyLimitFen?: number | null } {
  return {
    ...(v.dailyLimitFen !== undefined ? { dailyLimitFen: v.dailyLimitFen } : {}),
    ...(v.offlineDailyLimitFen !== undefined ? { offlineDailyLimitFen: v.offlineDailyLimitFen } : {}),
  };
}
