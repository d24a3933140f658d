/**
 * `onecard bench blacklist`: a hub (SQLite in a temporary directory) and N controllers in this
 * process, each a whole Controller (journal, policy on SQLite, uplink, a door on emulated drivers)
 * connected over its own WebSocket on loopback. Each round reports one card lost through the
 * operator API and times, for every controller, the API call to the moment that controller's policy
 * denies the card (its blacklist delta committed). Prints p50/p99/max and, last, one JSON object:
 * {"bench":"blacklist","controllers":N,"p50_ms":..,"p99_ms":..,"max_ms":..,"samples":..}.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hub } from '../hub/hub.js';
import { localOperator } from '../hub/local-operator.js';
import { Controller } from '../controller/controller.js';
import { parseControllerConfig } from '../controller/config.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { generateDeviceKeyPair, loadPrivateKey } from '../protocol/auth.js';
import { AccessReason } from '../protocol/messages.js';
import type { LogFields, Logger, LogLevel } from '../lib/log.js';
import { StreamLogger } from '../lib/log.js';
import { integerOption, parse } from './args.js';

const USAGE = `usage: onecard bench blacklist [--controllers N] [--rounds N] [--timeout-ms N]

  --controllers  controllers connected to the hub (default 200)
  --rounds       lost-card reports, one after another, each timed at every controller (default 5)
  --timeout-ms   longest wait for one report to reach every controller (default 30000)`;

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, { controllers: { type: 'string' }, rounds: { type: 'string' }, 'timeout-ms': { type: 'string' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const controllers = integerOption(values.controllers, 'controllers', 200, 1, 2000);
  const rounds = integerOption(values.rounds, 'rounds', 5, 1, 1000);
  const timeoutMs = integerOption(values['timeout-ms'], 'timeout-ms', 30_000, 100, 600_000);
  const r = await benchBlacklist({ controllers, rounds, timeoutMs });
  console.log(`lost-card report -> denied at each of ${controllers} controllers (in process, one WebSocket each on loopback), ${rounds} rounds:`);
  console.log(`  connect: all online with both datasets in ${r.connectMs.toFixed(0)} ms`);
  console.log(`  propagation p50 ${r.p50Ms.toFixed(1)} ms   p99 ${r.p99Ms.toFixed(1)} ms   max ${r.maxMs.toFixed(1)} ms over ${r.samples} samples`);
  console.log(`  updates sent: ${r.deltasSent} deltas, ${r.snapshotsSent} snapshots after the initial ones`);
  console.log(JSON.stringify({ bench: 'blacklist', controllers, p50_ms: round(r.p50Ms), p99_ms: round(r.p99Ms), max_ms: round(r.maxMs), samples: r.samples }));
  return 0;
}

export interface BlacklistBenchResult {
  connectMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: number;
  deltasSent: number;
  snapshotsSent: number;
}

/** Calls `onApplied` when a controller logs a blacklist version applied; passes other records on. */
class WatchLogger implements Logger {
  onApplied: ((version: number) => void) | null = null;
  constructor(private readonly next: Logger) {}
  log(level: LogLevel, event: string, fields: LogFields = {}): void {
    if (event === 'uplink.dataset_applied' && fields.dataset === 'blacklist') this.onApplied?.(Number(fields.version));
    this.next.log(level, event, fields);
  }
}

export async function benchBlacklist(opts: { controllers: number; rounds: number; timeoutMs: number }): Promise<BlacklistBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'onecard-bench-blacklist-'));
  const warn = new StreamLogger('warn');
  let deltasSent = 0;
  let snapshotsSent = 0;
  let counting = false;
  const hubLogger: Logger = {
    log(level, event, fields = {}) {
      if (counting && event === 'gateway.dataset_sent' && fields.dataset === 'blacklist') {
        if (fields.snapshot) snapshotsSent++;
        else deltasSent++;
      }
      warn.log(level, event, fields);
    },
  };
  const hub = new Hub({ dbUrl: `sqlite:${join(dir, 'hub.sqlite')}`, host: '127.0.0.1', port: 0, logger: hubLogger });
  const running: { controller: Controller; logger: WatchLogger }[] = [];
  try {
    await hub.start();
    const { token } = await localOperator(hub, { operatorId: 'bench', name: 'blacklist bench', roles: ['card_office', 'maintenance'] });
    const call = async (method: string, path: string, body?: unknown) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) };
      const res = await fetch(hub.url + path, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    };
    const uids = Array.from({ length: opts.rounds + 1 }, (_, i) => (0x0b000000 + i).toString(16).toUpperCase() + '01');
    for (const [i, uid] of uids.entries()) {
      await call('POST', '/api/people', { personId: `B${i}`, name: `Bench ${i}`, type: 'student' });
      await call('POST', '/api/cards', { uid, personId: `B${i}` });
    }
    // A first lost card, so that every controller starts holding blacklist version 1.
    await call('POST', `/api/cards/${uids[0]}/lost`);
    const t0 = performance.now();
    for (let i = 0; i < opts.controllers; i++) {
      const deviceId = `bench-ctl-${i}`;
      const keys = generateDeviceKeyPair();
      await call('POST', '/api/devices', { deviceId, publicKey: keys.publicKeyBase64 });
      const config = parseControllerConfig({
        configVersion: 1, deviceId, dataDir: join(dir, deviceId), keyFile: join(dir, deviceId, 'device.key'),
        hub: { url: hub.deviceUrl, reconnectMinMs: 100, reconnectMaxMs: 2000, heartbeatIntervalMs: 15_000 },
        points: [{ kind: 'door', id: 'door-a', openDurationMs: 200, reader: { driver: 'emulated' }, relay: { driver: 'emulated' } }],
      });
      const logger = new WatchLogger(warn);
      const controller = new Controller(config, { drivers: new EmulatedDrivers(), logger, privateKey: loadPrivateKey(keys.privateKeyPem) });
      running.push({ controller, logger });
      await controller.start();
    }
    await until(() => running.every((c) => c.controller.uplink.state === 'online' && c.controller.policy.decide(uids[0]!).reason === AccessReason.ACCESS_REASON_DENIED_LOST), opts.timeoutMs, 'every controller online with blacklist version 1');
    const connectMs = performance.now() - t0;
    counting = true;
    const samples: number[] = [];
    for (let round = 1; round <= opts.rounds; round++) {
      const uid = uids[round]!;
      const version = round + 1;
      let pending = running.length;
      const done = new Promise<void>((resolve, reject) => {
        for (const c of running) {
          c.logger.onApplied = (applied) => {
            if (applied < version) return;
            c.logger.onApplied = null;
            samples.push(performance.now() - start);
            if (c.controller.policy.decide(uid).reason !== AccessReason.ACCESS_REASON_DENIED_LOST) {
              reject(new Error(`${c.controller.config.deviceId} applied version ${applied} but does not deny ${uid}`));
            }
            if (--pending === 0) resolve();
          };
        }
      });
      const start = performance.now();
      const lost = await call('POST', `/api/cards/${uid}/lost`);
      if (lost.blacklistVersion !== version) throw new Error(`expected blacklist version ${version}, the hub answered ${String(lost.blacklistVersion)}`);
      await withTimeout(done, opts.timeoutMs, `round ${round}: ${pending} controllers did not apply version ${version}`);
    }
    samples.sort((a, b) => a - b);
    const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
    return { connectMs, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: samples[samples.length - 1]!, samples: samples.length, deltasSent, snapshotsSent };
  } finally {
    for (const c of running) await c.controller.stop().catch(() => undefined);
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function withTimeout(p: Promise<void>, ms: number, message: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<void>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
