/**
 * The operator HTTP API (JSON). Until operator authentication exists it is served on loopback only
 * (the hub refuses any other listen address).
 *
 *   GET  /api/health
 *   POST /api/devices            {deviceId, publicKey, name?}
 *   POST /api/devices/:id/enrollment {name?}  -> a one-time code (shown once)
 *   POST /api/devices/:id/revoke
 *   POST /api/devices/:id/commands  {openDoor: {pointId}}  -> a command, sent now or on reconnect
 *   GET  /api/devices/:id/commands   recent commands with their status and the device's answer
 *   POST /v1/enroll              {deviceId, code, publicKey}  (device-facing)
 *   GET  /api/devices            devices with online state and dataset lag
 *   POST /api/people             {personId, name, type, validFrom?, validUntil?, groups?}
 *   PATCH /api/people/:personId  {type?, validFrom?, validUntil?, groups?}
 *   POST /api/cards              {uid, personId, validFrom?, validUntil?, groups?}
 *   PATCH /api/cards/:uid        {validFrom?, validUntil?, groups?}
 *   GET  /api/cards/:uid
 *   POST /api/cards/:uid/lost
 *   POST /api/cards/:uid/found
 *   GET  /api/events?deviceId=&afterSeq=&cardUid=&limit=
 *
 * Errors: `{"error": {"code", "message", "field"?}}` with the status of the code (hub/outcome.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { parsePublicKey } from '../protocol/auth.js';
import { FAILURE_STATUS, failure, type Failure } from './outcome.js';
import type { CardStore, DatasetChange } from './cards.js';
import type { DeviceStore } from './devices.js';
import type { EventStore } from './events.js';
import type { EnrollmentStore } from './enrollment.js';
import type { CommandStore } from './commands.js';
import type { Logger } from '../lib/log.js';
import { validityFields, validityInput, validityPatchFields } from './validity-schema.js';

export interface ApiDeps {
  devices: DeviceStore;
  cards: CardStore;
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

const MAX_BODY_BYTES = 64 * 1024;
const DISCARD_LIMIT_BYTES = 4 * 1024 * 1024;
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "must be 1-64 letters, digits, '.', '_' or '-'");
const cardUid = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[0-9A-F]{8,20}$/, 'must be 8-20 hex digits'));

const personType = z.enum(['staff', 'student', 'freshman', 'temporary']);

const schemas = {
  device: z.object({ deviceId: id, publicKey: z.string().min(1).max(200), name: z.string().min(1).max(200).optional() }).strict(),
  person: z.object({ personId: id, name: z.string().min(1).max(200), type: personType, ...validityFields }).strict(),
  personPatch: z.object({ type: personType.optional(), ...validityPatchFields }).strict(),
  card: z.object({ uid: cardUid, personId: id, ...validityFields }).strict(),
  cardPatch: z.object(validityPatchFields).strict(),
  enrollment: z.object({ name: z.string().min(1).max(200).optional() }).strict().nullable().transform((v) => v ?? {}),
  command: z.object({ openDoor: z.object({ pointId: id }).strict() }).strict(),
  redeem: z.object({ deviceId: id, code: z.string().min(1).max(64), publicKey: z.string().min(1).max(200) }).strict(),
  events: z
    .object({
      deviceId: id.optional(),
      cardUid: cardUid.optional(),
      afterSeq: z.coerce.number().int().min(0).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    })
    .strict(),
};

type Json = Record<string, unknown>;
type Reply = { status: number; body: Json };

export function createApiHandler(deps: ApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(deps, req)
      .catch((err: Error): Reply => {
        deps.logger.log('error', 'api.internal_error', { method: req.method, url: req.url, error: err.message });
        return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
      })
      .then((reply) => {
        const text = JSON.stringify(reply.body);
        const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) };
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

  if (path === '/api/devices') {
    if (method === 'GET') {
      const online = new Set(deps.onlineDeviceIds());
      const versions = await deps.cards.versions();
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
      const result = await deps.commands.create(deviceId.data, { kind: 'open_door', pointId: body.value.openDoor.pointId });
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
    const { validFrom, validUntil, groups, ...person } = body.value;
    const result = await deps.cards.addPerson({ ...person, ...validityInput({ validFrom, validUntil, groups }) });
    return result.ok ? ok(201, { personId: result.personId }) : fail(result);
  }

  if (parts[0] === 'api' && parts[1] === 'people' && parts.length === 3 && method === 'PATCH') {
    const personId = id.safeParse(decodePathPart(parts[2]!));
    if (!personId.success) return fail(failure('invalid_query', `person id in the path ${personId.error.issues[0]?.message ?? 'is invalid'}`, 'personId'));
    const body = await parseBody(req, schemas.personPatch);
    if (!body.ok) return fail(body);
    const { type, ...validity } = body.value;
    const result = await deps.cards.updatePerson(personId.data, { ...(type ? { type } : {}), ...validityInput(validity) });
    if (!result.ok) return fail(result);
    if (result.change) deps.datasetChanged(result.change);
    return ok(200, { personId: result.personId, cardsVersion: result.change?.version ?? null });
  }

  if (path === '/api/cards' && method === 'POST') {
    const body = await parseBody(req, schemas.card);
    if (!body.ok) return fail(body);
    const { validFrom, validUntil, groups, ...card } = body.value;
    const result = await deps.cards.addCard({ ...card, ...validityInput({ validFrom, validUntil, groups }) });
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
      const result = await deps.cards.updateCard(uid.data, validityInput(body.value));
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
    });
    return ok(200, { events });
  }

  return { status: 404, body: { error: { code: 'not_found', message: `no route ${method} ${path}` } } };
}

/** decodeURIComponent without the exception: a malformed escape yields text the validator refuses. */
function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function ok(status: number, body: Json): Reply {
  return { status, body };
}

function fail(f: Failure): Reply {
  const error: Json = { code: f.code, message: f.message };
  if (f.field !== undefined) error.field = f.field;
  return { status: FAILURE_STATUS[f.code], body: { error } };
}

function zodFailure(error: z.ZodError, code: 'invalid_body' | 'invalid_query'): Failure {
  const issue = error.issues[0];
  // An unknown key is reported on the object holding it: name the key itself.
  const path = issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : (issue?.path ?? []);
  const field = path.map(String).join('.');
  return failure(code, field ? `${field}: ${issue?.message ?? 'invalid'}` : (issue?.message ?? 'invalid'), field || undefined);
}

async function parseBody<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<{ ok: true; value: z.infer<T> } | Failure> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Past the limit, read on and discard (up to DISCARD_LIMIT_BYTES) so the client, still
    // sending, gets to read the 413 instead of a reset connection.
    if (size > DISCARD_LIMIT_BYTES) break;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) return failure('body_too_large', `body larger than ${MAX_BODY_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch (err) {
    return failure('invalid_json', `body is not JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return zodFailure(parsed.error, 'invalid_body');
  return { ok: true, value: parsed.data };
}
