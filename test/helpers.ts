/**
 * Shared test fixtures: a hub on a temporary SQLite file, controllers on emulated drivers, HTTP calls
 * (as the test admin operator by default, or as any operator with `operatorToken`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hub } from '../hub/hub.js';
import { Controller } from '../controller/controller.js';
import { parseControllerConfig } from '../controller/config.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { generateDeviceKeyPair, loadPrivateKey, publicKeyOf } from '../protocol/auth.js';
import { MemoryLogger } from '../lib/log.js';
import { localOperator } from '../hub/local-operator.js';
import type { Role } from '../hub/roles.js';
import type { Kysely } from 'kysely';
import { openDatabase } from '../hub/db/open.js';
import type { Database } from '../hub/db/schema.js';
import { freshPgDatabase } from './pg.js';

export async function tempDir(prefix = 'onecard-test-'): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000, stepMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export interface ApiOptions {
  /** The bearer token; default: the test admin's (logged in at first use); null: none. */
  token?: string | null;
  /** A reason for looking up personal data (sent as X-Onecard-Reason). */
  reason?: string;
  headers?: Record<string, string>;
}

/** A call of the hub's HTTP API, as the test admin unless `options.token` says otherwise. */
export async function api(hub: Hub, method: string, path: string, body?: unknown, options: ApiOptions = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const send = async (token: string | null) => {
    const headers: Record<string, string> = { ...options.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (options.reason !== undefined) headers['x-onecard-reason'] = encodeURIComponent(options.reason);
    const res = await fetch(hub.url + path, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
    return { status: res.status, body: await res.json(), headers: res.headers };
  };
  if (options.token !== undefined) return send(options.token);
  const res = await send(await adminToken(hub));
  if (res.status !== 401) return res;
  // The test's clock went past the test admin's session: it logs in again.
  adminTokens.delete(hub);
  return send(await adminToken(hub));
}

/** The test admin operator (role admin) every `api()` call acts as by default. */
export const TEST_ADMIN = 'test-admin';
/** Cheap password hashing for tests' hubs (the parameters are stored with each hash). */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };

const adminTokens = new WeakMap<Hub, Promise<string>>();

export function adminToken(hub: Hub): Promise<string> {
  let token = adminTokens.get(hub);
  if (!token) {
    token = localOperator(hub, { operatorId: TEST_ADMIN, name: 'Test Admin', roles: ['admin'] }).then((o) => o.token);
    token.catch(() => adminTokens.delete(hub));
    adminTokens.set(hub, token);
  }
  return token;
}

/** An operator with these roles (created, or reset to them) and a token of theirs. */
export async function operatorToken(hub: Hub, operatorId: string, roles: Role[]): Promise<string> {
  return (await localOperator(hub, { operatorId, roles })).token;
}

/** Adds a person and issues them a card at the hub; fails the test if the hub refuses either. */
export async function issueCard(hub: Hub, uid: string, personId = 'P1', type = 'student'): Promise<void> {
  for (const [path, body] of [['/api/people', { personId, name: 'Li Hua', type }], ['/api/cards', { uid, personId }]] as const) {
    const res = await api(hub, 'POST', path, body);
    if (res.status >= 300) throw new Error(`POST ${path}: ${JSON.stringify(res.body)}`);
  }
}

export async function startHub(dir: string, logger = new MemoryLogger(), extra: Partial<ConstructorParameters<typeof Hub>[0]> = {}): Promise<Hub> {
  const hub = new Hub({ dbUrl: `sqlite:${join(dir, 'hub.sqlite')}`, host: '127.0.0.1', port: 0, logger, scrypt: TEST_SCRYPT, ...extra });
  await hub.start();
  return hub;
}

/**
 * A hub on the given back end: a SQLite file in `dir`, or a fresh PostgreSQL database (test/pg.ts)
 * dropped when the hub is stopped. Hub tests loop over test/pg.ts BACKENDS with it.
 */
export async function startHubOn(backend: 'sqlite' | 'postgres', dir: string, logger = new MemoryLogger(), extra: Partial<ConstructorParameters<typeof Hub>[0]> = {}): Promise<Hub> {
  if (backend === 'sqlite') return startHub(dir, logger, extra);
  const db = await freshPgDatabase();
  let hub: Hub;
  try {
    hub = await startHub(dir, logger, { dbUrl: db.url, ...extra });
  } catch (err) {
    await db.drop();
    throw err;
  }
  const stop = hub.stop.bind(hub);
  hub.stop = async () => {
    try {
      await stop();
    } finally {
      await db.drop();
    }
  };
  return hub;
}

/** The hub's database alone on the given back end, migrated; `drop()` closes it and removes a PostgreSQL one. */
export async function openTestDatabase(backend: 'sqlite' | 'postgres'): Promise<{ db: Kysely<Database>; drop(): Promise<void> }> {
  if (backend === 'sqlite') {
    const db = await openDatabase('sqlite::memory:');
    return { db, drop: () => db.destroy() };
  }
  const pgDb = await freshPgDatabase();
  const db = await openDatabase(pgDb.url);
  return {
    db,
    async drop() {
      await db.destroy();
      await pgDb.drop();
    },
  };
}

export interface TestController {
  controller: Controller;
  drivers: EmulatedDrivers;
  logger: MemoryLogger;
  privateKeyPem: string;
  publicKeyBase64: string;
}

/** Registers a device at the hub and builds (not starts) a controller with one door `door-a`. */
export async function makeController(
  hub: Hub,
  dir: string,
  deviceId: string,
  options: { register?: boolean; keyPem?: string; doors?: string[]; hubUrl?: string; heartbeatIntervalMs?: number; datasets?: { maxSnapshotChunks?: number; maxStagedSnapshotBytes?: number } } = {},
): Promise<TestController> {
  const keys = options.keyPem ? { privateKeyPem: options.keyPem, publicKeyBase64: publicKeyOf(options.keyPem) } : generateDeviceKeyPair();
  if (options.register !== false) {
    const res = await api(hub, 'POST', '/api/devices', { deviceId, publicKey: keys.publicKeyBase64 });
    if (res.status >= 300) throw new Error(`register ${deviceId}: ${JSON.stringify(res.body)}`);
  }
  const config = parseControllerConfig({
    configVersion: 1,
    deviceId,
    dataDir: join(dir, deviceId),
    keyFile: join(dir, deviceId, 'device.key'),
    hub: { url: options.hubUrl ?? hub.deviceUrl, reconnectMinMs: 20, reconnectMaxMs: 200, heartbeatIntervalMs: options.heartbeatIntervalMs ?? 5000 },
    points: (options.doors ?? ['door-a']).map((id) => ({ kind: 'door', id, openDurationMs: 200, reader: { driver: 'emulated' }, relay: { driver: 'emulated' } })),
    ...(options.datasets ? { datasets: options.datasets } : {}),
  });
  const drivers = new EmulatedDrivers();
  const logger = new MemoryLogger();
  const controller = new Controller(config, { drivers, logger, privateKey: loadPrivateKey(keys.privateKeyPem) });
  return { controller, drivers, logger, ...keys };
}
