import { readFile } from 'node:fs/promises';
import { Hub, type HubOptions } from '../hub/hub.js';
import { StreamLogger } from '../lib/log.js';
import { UsageError, hostPort, parse } from './args.js';
import { untilSignal } from './signals.js';
import { generatePassword, passwordProblem } from '../hub/passwords.js';

const USAGE = `usage: onecard hub [--db sqlite:PATH | postgres://USER@HOST/DB] [--listen HOST:PORT] [--admin-password-file FILE]
                  [--device-listen HOST:PORT [--tls-cert FILE --tls-key FILE | --allow-plain-ws]] [--verbose]

  --db              hub database (default sqlite:./data/hub.sqlite)
  --listen          address of the operator API, and of the device gateway unless --device-listen is
                    given (default 127.0.0.1:8780; loopback only: the API is plain HTTP)
  --admin-password-file  on a hub without operators, the first operator 'admin' gets the password
                    on this file's first line; without it, a one-time password is printed once
                    (to be changed at the first login)
  --device-listen   a second address for devices only (gateway /v1/device and POST /v1/enroll), e.g.
                    0.0.0.0:8781 for controllers on the campus network
  --tls-cert, --tls-key  PEM certificate and key: devices connect with wss://
  --allow-plain-ws  allow plain ws:// on a non-loopback --device-listen (a network you trust only)
  --verbose         log debug records too

  Every day at 02:00 (Asia/Shanghai) the hub runs its calendar jobs: last month's settlement, the
  reconciliation report of the day before, accounts closed 6 months after expiry, freshman and
  temporary cards listed (onecard admin jobs list); at start too when that time has passed.`;

export async function run(args: string[]): Promise<number> {
  if (args[0] === 'backup' || args[0] === 'restore') return (await import('./hub-backup.js')).run(args);
  const { values } = parse(args, {
    db: { type: 'string' }, listen: { type: 'string' }, verbose: { type: 'boolean' }, 'device-listen': { type: 'string' },
    'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, 'allow-plain-ws': { type: 'boolean' }, 'admin-password-file': { type: 'string' },
  }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const { host, port } = hostPort(values.listen ?? '127.0.0.1:8780', 'listen');
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new UsageError(`--tls-cert and --tls-key go together\n\n${USAGE}`);
  if (!values['device-listen'] && (values['tls-cert'] || values['allow-plain-ws'])) {
    throw new UsageError(`--tls-cert, --tls-key and --allow-plain-ws go with --device-listen\n\n${USAGE}`);
  }
  let deviceListen: HubOptions['deviceListen'];
  if (values['device-listen']) {
    const tls = values['tls-cert'] ? { certPem: await readPem(values['tls-cert']), keyPem: await readPem(values['tls-key']!) } : undefined;
    deviceListen = { ...hostPort(values['device-listen'], 'device-listen'), ...(tls ? { tls } : {}), allowPlainWs: values['allow-plain-ws'] ?? false };
  }
  const hub = new Hub({
    dbUrl: values.db ?? 'sqlite:./data/hub.sqlite', host, port, logger: new StreamLogger(values.verbose ? 'debug' : 'info'), dailyJobs: {},
    ...(deviceListen ? { deviceListen } : {}),
  });
  const adminPassword = values['admin-password-file'] === undefined ? undefined : await readAdminPassword(values['admin-password-file']);
  await hub.start();
  try {
    await firstAdmin(hub, adminPassword);
  } catch (err) {
    await hub.stop();
    throw err;
  }
  console.log(`onecard hub: API ${hub.url}/api, web console ${hub.url}/console/, devices ${hub.deviceUrl}. Ctrl-C stops.`);
  await untilSignal();
  await hub.stop();
  return 0;
}

/** On a hub without operators: the first admin, with the given password or a one-time one printed once. */
async function firstAdmin(hub: Hub, password: string | undefined): Promise<void> {
  if ((await hub.operators.count()) > 0) {
    if (password !== undefined) console.log('onecard hub: operators exist; --admin-password-file is not used');
    return;
  }
  const generated = password === undefined ? generatePassword() : null;
  const admin = await hub.operators.createFirstAdmin({ operatorId: 'admin', password: password ?? generated!, mustChange: generated !== null });
  if (!admin) return;
  const login = `onecard admin --hub ${hub.url} login --operator admin`;
  if (generated) {
    console.log(`onecard hub: created the first operator 'admin' (role admin) with the one-time password ${generated}`);
    console.log(`  it is shown only now: log in with '${login}' and set your own password ('onecard admin operator password admin')`);
  } else {
    console.log(`onecard hub: created the first operator 'admin' (role admin) with the password from --admin-password-file; log in with '${login}'`);
  }
}

async function readAdminPassword(path: string): Promise<string> {
  const password = (await readPem(path)).split(/\r?\n/)[0] ?? '';
  const problem = passwordProblem(password);
  if (problem) throw new UsageError(`--admin-password-file ${path}: the password on its first line ${problem}`);
  return password;
}

async function readPem(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
}
