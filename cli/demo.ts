/**
 * `onecard demo`: the hub on a SQLite file under ./data/demo, two emulated controllers (the north
 * one with a door, a shower and a room meter; the south one with a door), a few people and cards,
 * and a scenario per point type printed step by step with latencies and money (cli/demo/*.ts).
 * Then it keeps running (API address printed) until Ctrl-C. Safe to run again: it reuses the data
 * directory, keys and registrations, puts the demo card back to active, and tops the accounts up
 * to the same starting balances.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Hub } from '../hub/hub.js';
import { Controller } from '../controller/controller.js';
import { parseControllerConfig } from '../controller/config.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { generateDeviceKeyPair, loadPrivateKey, publicKeyOf } from '../protocol/auth.js';
import { StreamLogger } from '../lib/log.js';
import { UsageError, hostPort, parse } from './args.js';
import { untilSignal } from './signals.js';
import { actAs, call, expectOk, ms, until, type DemoDevice } from './demo/kit.js';
import { localOperator } from '../hub/local-operator.js';
import { generatePassword } from '../hub/passwords.js';
import { doorScenario } from './demo/door.js';
import { SHOWER_TARIFF, showerScenario } from './demo/shower.js';
import { POWER_TARIFF, ROOM_ACCOUNT, ROOM_ID, roomScenario } from './demo/room.js';
import { parseCampusSize, seedCampus } from './demo/campus.js';

const USAGE = `usage: onecard demo [--data DIR] [--listen HOST:PORT] [--scenario door,shower,room] [--campus CARDS,DEVICES] [--verbose] [--no-wait]

  --data      data directory (default ./data/demo)
  --listen    hub address (default 127.0.0.1:8780)
  --scenario  which scenarios to run, comma-separated (default all: door, shower, room)
  --campus    a campus-sized data set for the web console: CARDS people with a card each and DEVICES
              registered devices not running here (default 10000,500; 0,0 for none)
  --verbose   print the hub's and controllers' log records
  --no-wait   exit after the scenarios instead of running until Ctrl-C`;

const SCENARIOS = ['door', 'shower', 'room'] as const;

const PEOPLE = [
  { personId: 'S20260001', name: '李华 Li Hua', type: 'student', uid: '04A1B2C3D4E5F6' },
  { personId: 'S20260002', name: '王芳 Wang Fang', type: 'student', uid: '04B2C3D4E5F607' },
  { personId: 'T20260001', name: '张伟 Zhang Wei', type: 'staff', uid: '04C3D4E5F60718' },
] as const;
const DEVICES = ['dorm-7-north', 'dorm-7-south'] as const;

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, { data: { type: 'string' }, listen: { type: 'string' }, scenario: { type: 'string' }, campus: { type: 'string' }, verbose: { type: 'boolean' }, 'no-wait': { type: 'boolean' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const scenarios = (values.scenario ?? SCENARIOS.join(',')).split(',').map((x) => x.trim());
  const unknown = scenarios.filter((x) => !(SCENARIOS as readonly string[]).includes(x));
  if (unknown.length > 0) throw new UsageError(`--scenario: unknown ${unknown.join(', ')} (have: ${SCENARIOS.join(', ')})\n\n${USAGE}`);
  const campus = parseCampusSize(values.campus ?? '10000,500');
  if (typeof campus === 'string') throw new UsageError(`${campus}\n\n${USAGE}`);
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
    const login = await demoAdmin(hub, dataDir);
    await seed(hub);
    await seedCampus(hub, campus, (line) => console.log(`  ${line}`));
    for (const id of DEVICES) devices.push(await startDevice(hub, dataDir, id, logger));
    const [north] = devices as [DemoDevice];
    if (scenarios.includes('door')) await doorScenario(hub, devices, PEOPLE[0]);
    if (scenarios.includes('shower')) await showerScenario(hub, north, PEOPLE[1]);
    if (scenarios.includes('room')) await roomScenario(hub, north);
    console.log(`\nRunning. Web console: ${hub.url}/console/ (log in as demo-admin with the password in ${join(dataDir, 'demo-admin.password')}).`);
    console.log(`API: ${hub.url}/api (its description: ${hub.url}/api/openapi.json). As the demo's operator:`);
    console.log(`  ${login}`);
    console.log(`  onecard admin --hub ${hub.url} events --limit 10`);
    console.log(`  onecard admin --hub ${hub.url} card lost ${PEOPLE[0].uid}`);
    console.log(`  onecard admin --hub ${hub.url} audit`);
    if (values['no-wait']) return 0;
    console.log('Ctrl-C stops.');
    await untilSignal();
    return 0;
  } finally {
    await stopAll();
  }
}

/**
 * The demo's operator demo-admin (role admin), its password kept in the data directory (mode 0600)
 * so a person can log in with it too; the demo's own calls go with its token. Returns the login command.
 */
async function demoAdmin(hub: Hub, dataDir: string): Promise<string> {
  const file = join(dataDir, 'demo-admin.password');
  let password: string;
  try {
    password = (await readFile(file, 'utf8')).split('\n')[0]!;
  } catch {
    password = generatePassword();
    await writeFile(file, password + '\n', { mode: 0o600 });
  }
  const admin = await localOperator(hub, { operatorId: 'demo-admin', name: 'Demo administrator', roles: ['admin'], password });
  actAs(hub, admin.token);
  const login = `onecard admin --hub ${hub.url} login --operator demo-admin --password-file ${file}`;
  console.log(`  operator demo-admin (admin) logged in; log in as it with: ${login}`);
  return login;
}

async function seed(hub: Hub): Promise<void> {
  for (const p of PEOPLE) {
    await expectOk(`add ${p.personId}`, call(hub, 'POST', '/api/people', { personId: p.personId, name: p.name, type: p.type }), ['person_exists']);
    await expectOk(`issue ${p.uid}`, call(hub, 'POST', '/api/cards', { uid: p.uid, personId: p.personId }), ['card_exists']);
  }
  await expectOk('reset demo card', call(hub, 'POST', `/api/cards/${PEOPLE[0].uid}/found`), ['card_not_lost']);
  await expectOk('add room', call(hub, 'POST', '/api/rooms', { roomId: ROOM_ID, name: 'Dorm 7, room 701' }), ['room_exists']);
  await expectOk('shower tariff', call(hub, 'PUT', '/api/tariffs/shower-hot', SHOWER_TARIFF));
  await expectOk('power tariff', call(hub, 'PUT', '/api/tariffs/power-dorm', POWER_TARIFF));
  console.log(`  seeded ${PEOPLE.length} people with one card each, room ${ROOM_ID} and two tariffs`);
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
    points: [
      { kind: 'door', id: 'main-door', openDurationMs: 3000, reader: { driver: 'emulated' }, relay: { driver: 'emulated' } },
      ...(deviceId === DEVICES[0]
        ? [
            { kind: 'shower', id: 'shower-1', tariff: 'shower-hot', reader: { driver: 'emulated' }, valve: { driver: 'emulated' }, flowSensor: { driver: 'emulated' }, pulsesPerLitre: 450 },
            // A meter read every second, a warning at ¥0.20, and no implausible-jump check for the demo's 250 Wh steps.
            { kind: 'room', id: 'room-701', accountId: ROOM_ACCOUNT, tariff: 'power-dorm', meter: { driver: 'emulated', model: 'dds238', energyWh: 1_000_000 }, pollIntervalMs: 1000, lowBalanceWarningFen: 20, maxPowerW: 1_000_000 },
          ]
        : []),
    ],
  });
  const drivers = new EmulatedDrivers();
  const controller = new Controller(config, { drivers, logger, privateKey: loadPrivateKey(pem) });
  const t0 = performance.now();
  await controller.start();
  await until(() => controller.uplink.state === 'online' && controller.policy.decide(PEOPLE[0].uid).granted, 5000, `${deviceId} to come online`);
  console.log(`  ${deviceId}: online with ${config.points.map((p) => p.id).join(', ')}; datasets applied (${ms(performance.now() - t0)})`);
  return { id: deviceId, controller, drivers };
}

