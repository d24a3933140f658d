import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Controller } from '../controller/controller.js';
import { loadControllerConfig } from '../controller/config.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { generateDeviceKeyPair } from '../protocol/auth.js';
import { StreamLogger } from '../lib/log.js';
import { UsageError, parse } from './args.js';
import { untilSignal } from './signals.js';

const USAGE = `usage: onecard controller --config FILE [--verbose]
       onecard controller keygen --out FILE

  --config  controller config (YAML; see examples/controller.door.yaml)
  keygen    writes a new Ed25519 device key to FILE (mode 0600) and prints its public key, which
            the card office registers at the hub (POST /api/devices)`;

export async function run(args: string[]): Promise<number> {
  if (args[0] === 'keygen') return keygen(args.slice(1));
  const { values } = parse(args, { config: { type: 'string' }, verbose: { type: 'boolean' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.config) throw new UsageError(`--config is required\n\n${USAGE}`);
  const config = await loadControllerConfig(values.config);
  const controller = new Controller(config, { drivers: new EmulatedDrivers(), logger: new StreamLogger(values.verbose ? 'debug' : 'info') });
  await controller.start();
  console.log(`onecard controller ${config.deviceId}: ${config.points.length} point(s), hub ${config.hub.url}. Ctrl-C stops.`);
  await untilSignal();
  await controller.stop();
  return 0;
}

async function keygen(args: string[]): Promise<number> {
  const { values } = parse(args, { out: { type: 'string' }, force: { type: 'boolean' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.out) throw new UsageError(`keygen needs --out FILE\n\n${USAGE}`);
  const keys = generateDeviceKeyPair();
  await mkdir(dirname(values.out), { recursive: true });
  try {
    await writeFile(values.out, keys.privateKeyPem, { mode: 0o600, flag: values.force ? 'w' : 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${values.out} exists; a device keeps its key (use --force to replace it)`, { cause: err });
    throw err;
  }
  await chmod(values.out, 0o600);
  console.log(keys.publicKeyBase64);
  return 0;
}
