import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Interface } from 'node:readline';
import { Controller } from '../controller/controller.js';
import { loadControllerConfig } from '../controller/config.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { HardwareDrivers } from '../controller/drivers/hardware.js';
import { generateDeviceKeyPair, publicKeyOf } from '../protocol/auth.js';
import { accessReasonText } from '../protocol/messages.js';
import { StreamLogger } from '../lib/log.js';
import { UsageError, parse } from './args.js';
import { untilSignal } from './signals.js';
import { hardwareFromStdin } from './stdin-hardware.js';

const USAGE = `usage: onecard controller --config FILE [--stdin-taps] [--verbose]
       onecard controller keygen --out FILE [--force]
       onecard controller enroll --hub URL --device-id ID --code CODE --key FILE

  --config      controller config (YAML; see examples/controller.door.yaml)
  --stdin-taps  drive emulated hardware from standard input, one action per line: \`UID\` taps
                at the first point with a reader, \`POINT UID\` at that point, \`pulse POINT N\`
                counts flow pulses, \`energy POINT WH\` adds energy to a room's meter,
                \`input NAME on|off\` sets an input (e.g. door-a/contact)
  keygen    writes a new Ed25519 device key to FILE (mode 0600) and prints its public key, which
            the card office registers at the hub (POST /api/devices)
  enroll    enrolls this device with the one-time code from 'onecard admin device enroll': makes
            the key FILE (mode 0600) unless it exists, and sends its public key with the code`;

export async function run(args: string[]): Promise<number> {
  if (args[0] === 'keygen') return keygen(args.slice(1));
  if (args[0] === 'enroll') return enroll(args.slice(1));
  const { values } = parse(args, { config: { type: 'string' }, 'stdin-taps': { type: 'boolean' }, verbose: { type: 'boolean' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.config) throw new UsageError(`--config is required\n\n${USAGE}`);
  const config = await loadControllerConfig(values.config);
  const logger = new StreamLogger(values.verbose ? 'debug' : 'info');
  const emulated = new EmulatedDrivers();
  const drivers = new HardwareDrivers({ logger, emulated, firmata: config.firmata, modbus: config.modbus });
  let fatal: Error | null = null;
  let onFatal: () => void = () => undefined;
  const fatalStop = new Promise<void>((resolve) => (onFatal = resolve));
  const controller = new Controller(config, {
    drivers,
    logger,
    onFatal: (err) => {
      fatal = err;
      onFatal();
    },
  });
  await controller.start();
  console.log(`onecard controller ${config.deviceId}: ${config.points.length} point(s), hub ${config.hub.url}. Ctrl-C stops.`);
  const lines = values['stdin-taps'] ? tapsFromStdin(controller, emulated) : null;
  await Promise.race([untilSignal(), fatalStop]);
  lines?.close();
  if (fatal) {
    await controller.stop().catch(() => undefined);
    console.error(`onecard controller: stopping: ${(fatal as Error).message} (a restart re-reads the journal)`);
    return 1;
  }
  await controller.stop();
  return 0;
}

function tapsFromStdin(controller: Controller, drivers: EmulatedDrivers): Interface {
  for (const door of controller.doors) {
    door.onDecision((d) => console.log(`${d.pointId} ${d.cardUid}: ${d.granted ? 'granted' : 'denied'} (${accessReasonText(d.reason)}), seq ${d.seq ?? '-'}`));
  }
  return hardwareFromStdin(controller, drivers);
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

async function enroll(args: string[]): Promise<number> {
  const { values } = parse(args, { hub: { type: 'string' }, 'device-id': { type: 'string' }, code: { type: 'string' }, key: { type: 'string' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  for (const name of ['hub', 'device-id', 'code', 'key'] as const) {
    if (!values[name]) throw new UsageError(`enroll needs --${name}\n\n${USAGE}`);
  }
  const keyFile = values.key!;
  let pem: string;
  try {
    pem = await readFile(keyFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    pem = generateDeviceKeyPair().privateKeyPem;
    await mkdir(dirname(keyFile), { recursive: true });
    await writeFile(keyFile, pem, { mode: 0o600, flag: 'wx' });
    console.log(`made a new device key in ${keyFile}`);
  }
  const hub = values.hub!.replace(/\/+$/, '');
  let res: Response;
  try {
    res = await fetch(`${hub}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: values['device-id'], code: values.code, publicKey: publicKeyOf(pem) }),
    });
  } catch (err) {
    throw new Error(`cannot reach the hub at ${hub}: ${((err as Error).cause as Error | undefined)?.message ?? (err as Error).message}`, { cause: err });
  }
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  if (!res.ok) throw new Error(`enrollment refused: ${body.error?.code ?? res.status}: ${body.error?.message ?? res.statusText}`);
  console.log(`device ${values['device-id']} enrolled at ${hub}; its key is ${keyFile}`);
  return 0;
}
