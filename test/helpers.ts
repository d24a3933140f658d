/** Shared test fixtures: a hub on a temporary SQLite file, controllers on emulated drivers, HTTP calls. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hub } from '../hub/hub.js';
import { Controller } from '../controller/controller.js';
import { parseControllerConfig } from '../controller/config.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { generateDeviceKeyPair, loadPrivateKey, publicKeyOf } from '../protocol/auth.js';
import { MemoryLogger } from '../lib/log.js';

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

export async function api(hub: Hub, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(hub.url + path, {
    method,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.status, body: await res.json() };
}

/** Adds a person and issues them a card at the hub; fails the test if the hub refuses either. */
export async function issueCard(hub: Hub, uid: string, personId = 'P1', type = 'student'): Promise<void> {
  for (const [path, body] of [['/api/people', { personId, name: 'Li Hua', type }], ['/api/cards', { uid, personId }]] as const) {
    const res = await api(hub, 'POST', path, body);
    if (res.status >= 300) throw new Error(`POST ${path}: ${JSON.stringify(res.body)}`);
  }
}

export async function startHub(dir: string, logger = new MemoryLogger(), extra: Partial<ConstructorParameters<typeof Hub>[0]> = {}): Promise<Hub> {
  const hub = new Hub({ dbUrl: `sqlite:${join(dir, 'hub.sqlite')}`, host: '127.0.0.1', port: 0, logger, ...extra });
  await hub.start();
  return hub;
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
  options: { register?: boolean; keyPem?: string; doors?: string[]; hubUrl?: string; heartbeatIntervalMs?: number } = {},
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
  });
  const drivers = new EmulatedDrivers();
  const logger = new MemoryLogger();
  const controller = new Controller(config, { drivers, logger, privateKey: loadPrivateKey(keys.privateKeyPem) });
  return { controller, drivers, logger, ...keys };
}
