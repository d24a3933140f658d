/**
 * `onecard demo`: the hub on a SQLite file under ./data/demo, two emulated door controllers, a few
 * people and cards, and a short scenario printed step by step with latencies. Then it keeps running
 * (API address printed) until Ctrl-C. Safe to run again: it reuses the data directory, keys and
 * registrations, and puts the demo card back to active first if an earlier run left it lost.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Hub } from '../hub/hub.js';
import { Controller } from '../controller/controller.js';
import { parseControllerConfig } from '../controller/config.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { generateDeviceKeyPair, loadPrivateKey, publicKeyOf } from '../protocol/auth.js';
import { accessReasonText } from '../protocol/messages.js';
import { StreamLogger } from '../lib/log.js';
import type { DoorDecision } from '../controller/points/door.js';
import { hostPort, parse } from './args.js';
import { untilSignal } from './signals.js';

const USAGE = `usage: onecard demo [--data DIR] [--listen HOST:PORT] [--verbose] [--no-wait]

  --data     data directory (default ./data/demo)
  --listen   hub address (default 127.0.0.1:8780)
  --verbose  print the hub's and controllers' log records
  --no-wait  exit after the scenario instead of running until Ctrl-C`;

const PEOPLE = [
  { personId: 'S20260001', name: '李华 Li Hua', type: 'student', uid: '04A1B2C3D4E5F6' },
  { personId: 'S20260002', name: '王芳 Wang Fang', type: 'student', uid: '04B2C3D4E5F607' },
  { personId: 'T20260001', name: '张伟 Zhang Wei', type: 'staff', uid: '04C3D4E5F60718' },
] as const;
const DEVICES = ['dorm-7-north', 'dorm-7-south'] as const;

interface DemoDevice {
  id: string;
  controller: Controller;
  drivers: EmulatedDrivers;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, { data: { type: 'string' }, listen: { type: 'string' }, verbose: { type: 'boolean' }, 'no-wait': { type: 'boolean' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dataDir = resolve(values.data ?? './data/demo');
  const { host, port } = hostPort(values.listen ?? '127.0.0.1:8780', 'listen');
  const logger = new StreamLogger(values.verbose ? 'info' : 'error');
  await mkdir(dataDir, { recursive: true });

  const hub = new Hub({ dbUrl: `sqlite:${join(dataDir, 'hub.sqlite')}`, host, port, logger });
  await hub.start();
  const devices: DemoDevice[] = [];
  const stopAll = async () => {
    for (const d of devices) await d.controller.stop();
    await hub.stop();
  };
  try {
    console.log(`onecard demo: hub ${hub.url} on SQLite ${join(dataDir, 'hub.sqlite')}`);
    await seed(hub);
    for (const id of DEVICES) devices.push(await startDevice(hub, dataDir, id, logger));
    await scenario(hub, devices);
    console.log(`\nRunning. API: ${hub.url}/api/events  ${hub.url}/api/devices  (card ${PEOPLE[0].uid}: POST ${hub.url}/api/cards/${PEOPLE[0].uid}/lost)`);
    if (values['no-wait']) return 0;
    console.log('Ctrl-C stops.');
    await untilSignal();
    return 0;
  } finally {
    await stopAll();
  }
}

async function call(hub: Hub, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(hub.url + path, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function expectOk(what: string, reply: Promise<{ status: number; body: Record<string, unknown> }>, alsoFine: string[] = []): Promise<Record<string, unknown>> {
  const { status, body } = await reply;
  const code = (body.error as { code?: string } | undefined)?.code;
  if (status >= 300 && !(code && alsoFine.includes(code))) throw new Error(`${what}: HTTP ${status} ${JSON.stringify(body)}`);
  return body;
}

async function seed(hub: Hub): Promise<void> {
  for (const p of PEOPLE) {
    await expectOk(`add ${p.personId}`, call(hub, 'POST', '/api/people', { personId: p.personId, name: p.name, type: p.type }), ['person_exists']);
    await expectOk(`issue ${p.uid}`, call(hub, 'POST', '/api/cards', { uid: p.uid, personId: p.personId }), ['card_exists']);
  }
  await expectOk('reset demo card', call(hub, 'POST', `/api/cards/${PEOPLE[0].uid}/found`), ['card_not_lost']);
  console.log(`  seeded ${PEOPLE.length} people with one card each`);
}

async function startDevice(hub: Hub, dataDir: string, deviceId: string, logger: StreamLogger): Promise<DemoDevice> {
  const deviceDir = join(dataDir, deviceId);
  const keyFile = join(deviceDir, 'device.key');
  let pem: string;
  try {
    pem = await readFile(keyFile, 'utf8');
  } catch {
    pem = generateDeviceKeyPair().privateKeyPem;
    await mkdir(deviceDir, { recursive: true });
    await writeFile(keyFile, pem, { mode: 0o600 });
  }
  await expectOk(`register ${deviceId}`, call(hub, 'POST', '/api/devices', { deviceId, publicKey: publicKeyOf(pem), name: `door controller ${deviceId}` }));
  const config = parseControllerConfig({
    configVersion: 1,
    deviceId,
    dataDir: deviceDir,
    keyFile,
    hub: { url: hub.deviceUrl, reconnectMinMs: 100, reconnectMaxMs: 5000 },
    points: [{ kind: 'door', id: 'main-door', openDurationMs: 3000, reader: { driver: 'emulated' }, relay: { driver: 'emulated' } }],
  });
  const drivers = new EmulatedDrivers();
  const controller = new Controller(config, { drivers, logger, privateKey: loadPrivateKey(pem) });
  const t0 = performance.now();
  await controller.start();
  await until(() => controller.uplink.state === 'online' && controller.policy.decide(PEOPLE[0].uid).granted, 5000, `${deviceId} to come online`);
  console.log(`  ${deviceId}: online, cards dataset applied (${ms(performance.now() - t0)})`);
  return { id: deviceId, controller, drivers };
}

async function scenario(hub: Hub, devices: DemoDevice[]): Promise<void> {
  const [north, south] = devices as [DemoDevice, DemoDevice];
  const card = PEOPLE[0];
  let step = 0;
  const say = (text: string) => console.log(`\n[${++step}] ${text}`);

  say(`${card.name} taps card ${card.uid} at ${north.id}/main-door`);
  await tapAndReport(hub, north, card.uid);

  say(`the card office reports card ${card.uid} lost`);
  let t0 = performance.now();
  const lost = await expectOk('report lost', call(hub, 'POST', `/api/cards/${card.uid}/lost`));
  console.log(`    hub: card lost, blacklist version ${String(lost.blacklistVersion)} (${ms(performance.now() - t0)})`);
  await reportApplied(devices, card.uid, false, t0);

  say(`the same card is tapped at both doors`);
  await tapAndReport(hub, north, card.uid);
  await tapAndReport(hub, south, card.uid);

  say(`the card is found and the loss report lifted`);
  t0 = performance.now();
  const found = await expectOk('report found', call(hub, 'POST', `/api/cards/${card.uid}/found`));
  console.log(`    hub: card active, blacklist version ${String(found.blacklistVersion)} (${ms(performance.now() - t0)})`);
  await reportApplied(devices, card.uid, true, t0);

  say(`${card.name} taps again at ${south.id}/main-door`);
  await tapAndReport(hub, south, card.uid);
}

async function tapAndReport(hub: Hub, device: DemoDevice, uid: string): Promise<void> {
  const door = device.controller.door('main-door');
  const decided = new Promise<DoorDecision>((resolve) => {
    const off = door.onDecision((d) => {
      off();
      resolve(d);
    });
  });
  const t0 = performance.now();
  device.drivers.reader('main-door/reader').tap(uid);
  const d = await decided;
  const took = `${(d.latencyUs / 1000).toFixed(3)} ms`;
  const verdict = d.granted ? `GRANTED, door relay energised ${took} after the tap` : `DENIED (${accessReasonText(d.reason)}) in ${took}, relay left off`;
  console.log(`    ${device.id}: ${verdict} (journal seq ${d.seq ?? '-'})`);
  await until(async () => {
    const res = await call(hub, 'GET', `/api/events?deviceId=${device.id}&afterSeq=${(d.seq ?? 1) - 1}&limit=1`);
    return ((res.body.events as unknown[]) ?? []).length > 0;
  }, 5000, `event ${device.id}#${d.seq} at the hub`);
  console.log(`    hub: event ${device.id}#${d.seq} stored (${ms(performance.now() - t0)} after the tap)`);
}

async function reportApplied(devices: DemoDevice[], uid: string, granted: boolean, t0: number): Promise<void> {
  await Promise.all(
    devices.map(async (d) => {
      await until(() => d.controller.policy.decide(uid).granted === granted, 5000, `${d.id} to apply the blacklist`);
      console.log(`    ${d.id}: blacklist applied, card ${granted ? 'allowed' : 'denied'} (${ms(performance.now() - t0)} after the report)`);
    }),
  );
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
