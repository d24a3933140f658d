/**
 * `onecard bench ingest`: device charge events per second posted to the ledger through the real
 * gateway. A hub runs in this process on a fresh database (SQLite or PostgreSQL); N simulated
 * controllers (cli/bench-ingest-device.ts: raw device-protocol clients, one WebSocket and one key
 * each) each hold a journal of charge events for personal accounts that exist, and stream it as
 * the uplink does once they are all online. The clock runs from the first batch sent to the last
 * seq acknowledged by the hub at every controller; then the ledger is checked (every event stored
 * once, every charge posted once as a transfer, sum zero, balances = sums of transfers).
 * Last line: {"bench":"ingest","db":"sqlite","controllers":..,"events":..,"events_per_s":..,"elapsed_s":..}.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Hub } from '../hub/hub.js';
import { CASH_ACCOUNT_ID, personAccountId } from '../hub/account-ids.js';
import { checkLedger, createAccount, transfer } from '../hub/ledger.js';
import { markBalancesChanged } from '../hub/balances.js';
import { generateDeviceKeyPair } from '../protocol/auth.js';
import { DatasetName } from '../protocol/messages.js';
import { StreamLogger, type Logger } from '../lib/log.js';
import { UsageError, integerOption, parse } from './args.js';
import { SimDevice } from './bench-ingest-device.js';

const USAGE = `usage: onecard bench ingest [--db sqlite:PATH | --db postgres://USER@HOST:PORT/DB] [--controllers N]
                           [--events N] [--accounts N] [--batch N] [--in-flight N] [--timeout-ms N]

  --db           where the hub's fresh database goes: sqlite:PATH (a file that must not exist yet;
                 removed afterwards), or a PostgreSQL server, on which a database onecard_bench_...
                 is created and dropped afterwards (the URL's user needs CREATEDB). Default: SQLite
                 in a temporary directory
  --controllers  simulated controllers, each with its own WebSocket and key (default 100)
  --events       charge events in all, shared evenly between the controllers (default 100000)
  --accounts     personal accounts charged, in turn (default 1000)
  --batch        events per batch, as the uplink's maxEventsPerBatch (default 256, at most 256)
  --in-flight    events sent and not yet acknowledged, per controller, as the uplink's
                 maxInFlightEvents (default 1024)
  --timeout-ms   longest the whole run may take once started (default 600000)`;

export interface IngestBenchOptions {
  dbUrl?: string;
  controllers: number;
  events: number;
  accounts: number;
  batchEvents: number;
  inFlightEvents: number;
  timeoutMs: number;
  logger?: Logger;
}

export interface IngestBenchResult {
  db: 'sqlite' | 'postgres';
  where: string;
  controllers: number;
  events: number;
  elapsedS: number;
  eventsPerS: number;
  acks: number;
  balancesUpdates: number;
  transfers: number;
  chargedFen: number;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, {
    db: { type: 'string' }, controllers: { type: 'string' }, events: { type: 'string' }, accounts: { type: 'string' },
    batch: { type: 'string' }, 'in-flight': { type: 'string' }, 'timeout-ms': { type: 'string' },
  }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const controllers = integerOption(values.controllers, 'controllers', 100, 1, 1000);
  const batchEvents = integerOption(values.batch, 'batch', 256, 1, 256);
  const r = await benchIngest({
    ...(values.db !== undefined ? { dbUrl: values.db } : {}),
    controllers,
    events: integerOption(values.events, 'events', 100_000, controllers, 10_000_000),
    accounts: integerOption(values.accounts, 'accounts', 1000, 1, 1_000_000),
    batchEvents,
    inFlightEvents: integerOption(values['in-flight'], 'in-flight', 1024, batchEvents, 100_000),
    timeoutMs: integerOption(values['timeout-ms'], 'timeout-ms', 600_000, 1000, 3_600_000),
  });
  console.log(`ingest: ${r.events} charge events from ${r.controllers} controllers (raw device protocol, one WebSocket and key each, on loopback) into ${r.db} (${r.where}):`);
  console.log(`  all stored, posted and acknowledged in ${r.elapsedS.toFixed(2)} s: ${Math.round(r.eventsPerS)} events/s`);
  console.log(`  ${r.acks} acks sent; ${r.balancesUpdates} balances updates pushed to the controllers meanwhile`);
  console.log(`  ledger after: ${r.transfers} charge transfers (${r.chargedFen} fen, as the controllers charged), sum of all balances 0, every balance the sum of its transfers`);
  console.log(JSON.stringify({ bench: 'ingest', db: r.db, controllers: r.controllers, events: r.events, events_per_s: Math.round(r.eventsPerS), elapsed_s: Math.round(r.elapsedS * 1000) / 1000 }));
  return 0;
}

export async function benchIngest(opts: IngestBenchOptions): Promise<IngestBenchResult> {
  const logger = opts.logger ?? new StreamLogger('warn');
  const fresh = await freshDatabase(opts.dbUrl);
  const hub = new Hub({ dbUrl: fresh.url, host: '127.0.0.1', port: 0, logger });
  const devices: SimDevice[] = [];
  try {
    await hub.start();
    const accountIds = await makeAccounts(hub, opts.accounts);
    const perDevice = spread(opts.events, opts.controllers);
    const startTimeMs = Date.now() - 86_400_000;
    for (let i = 0; i < opts.controllers; i++) {
      const deviceId = `bench-ctl-${String(i).padStart(4, '0')}`;
      const keys = generateDeviceKeyPair();
      const registered = await hub.devices.register({ deviceId, publicKey: keys.publicKeyBase64, name: `bench controller ${i}` });
      if (!registered.ok) throw new Error(`register ${deviceId}: ${registered.message}`);
      const device = new SimDevice({
        deviceId, privateKeyPem: keys.privateKeyPem, url: hub.deviceUrl, accountIds: rotate(accountIds, i), events: perDevice[i]!,
        batchEvents: opts.batchEvents, inFlightEvents: opts.inFlightEvents, amountFen: (seq) => 50 + (seq % 7) * 10, startTimeMs,
      });
      device.prepare();
      devices.push(device);
    }
    // Every controller online, holding the datasets the hub has, before the clock starts.
    const versions = await hub.datasets.versions();
    const initialUpdates = Object.values(versions).filter((v) => v > 0).length;
    await Promise.all(devices.map((d) => d.connect(initialUpdates, 60_000)));
    const updatesBefore = devices.reduce((n, d) => n + (d.updatesReceived.get(DatasetName.DATASET_NAME_BALANCES) ?? 0), 0);
    const t0 = performance.now();
    await Promise.all(devices.map((d) => d.run(opts.timeoutMs)));
    const elapsedS = (performance.now() - t0) / 1000;
    const balancesUpdates = devices.reduce((n, d) => n + (d.updatesReceived.get(DatasetName.DATASET_NAME_BALANCES) ?? 0), 0) - updatesBefore;
    const acks = devices.reduce((n, d) => n + d.acksReceived, 0);
    await Promise.all(devices.map((d) => d.close()));
    const chargedFen = devices.reduce((n, d) => n + d.chargedFen, 0);
    const verified = await verify(hub, opts.events, chargedFen);
    return {
      db: fresh.kind, where: fresh.where, controllers: opts.controllers, events: opts.events, elapsedS, eventsPerS: opts.events / elapsedS,
      acks, balancesUpdates, transfers: verified.transfers, chargedFen,
    };
  } finally {
    await Promise.all(devices.map((d) => d.close()));
    await hub.stop();
    await fresh.drop();
  }
}

/** Personal accounts with 100 yuan each, made in one transaction. */
async function makeAccounts(hub: Hub, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => personAccountId(`bench-${String(i).padStart(6, '0')}`));
  const at = Date.now();
  await hub.db.transaction().execute(async (trx) => {
    for (const [i, accountId] of ids.entries()) {
      await createAccount(trx, { accountId, kind: 'personal', ownerId: accountId.slice('person.'.length), name: `bench resident ${i}`, atMs: at });
      await transfer(trx, { transferId: `topup:cash:bench-${i}`, debitAccountId: CASH_ACCOUNT_ID, creditAccountId: accountId, amountFen: 10_000, kind: 'topup', reference: `bench-${i}`, atMs: at });
    }
    await markBalancesChanged(trx, ids, at);
  });
  return ids;
}

async function verify(hub: Hub, events: number, chargedFen: number): Promise<{ transfers: number }> {
  const stored = await hub.db.selectFrom('events').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  const charges = await hub.db
    .selectFrom('transfers')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.sum<number | string>('amount_fen').as('fen')])
    .where('kind', '=', 'charge')
    .executeTakeFirstOrThrow();
  if (Number(stored.n) !== events) throw new Error(`ledger check: ${String(stored.n)} events stored, ${events} sent`);
  if (Number(charges.n) !== events || Number(charges.fen) !== chargedFen) {
    throw new Error(`ledger check: ${String(charges.n)} charge transfers of ${String(charges.fen)} fen, expected ${events} of ${chargedFen} fen`);
  }
  const check = await checkLedger(hub.db);
  if (check.sumFen !== 0 || check.mismatches.length > 0) throw new Error(`ledger check: sum ${check.sumFen} fen, ${check.mismatches.length} accounts whose balance is not the sum of their transfers`);
  return { transfers: Number(charges.n) };
}

/** `total` split into `parts` counts differing by at most one. */
function spread(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

/** The list starting at `by` (so controllers charge different accounts at the same moment). */
function rotate<T>(list: readonly T[], by: number): T[] {
  const k = (by * 7) % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

interface FreshDatabase {
  kind: 'sqlite' | 'postgres';
  url: string;
  /** For the report: the file, or the server and database. */
  where: string;
  drop(): Promise<void>;
}

/** A new, empty database for the run: a SQLite file that did not exist, or a new database on a PostgreSQL server. */
async function freshDatabase(url: string | undefined): Promise<FreshDatabase> {
  if (url === undefined) {
    const dir = await mkdtemp(join(tmpdir(), 'onecard-bench-ingest-'));
    const path = join(dir, 'hub.sqlite');
    return { kind: 'sqlite', url: `sqlite:${path}`, where: path, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path === '' || path === ':memory:') throw new UsageError('--db sqlite: needs a file path (the bench measures a database on disk)');
    if (existsSync(path)) throw new UsageError(`--db ${url}: the file exists; give a path that does not (the bench writes a fresh hub database there and removes it afterwards)`);
    return {
      kind: 'sqlite', url, where: path,
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(path + suffix, { force: true });
      },
    };
  }
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`--db must be sqlite:PATH or postgres://USER@HOST:PORT/DB, got ${JSON.stringify(url)}`);
  const name = `onecard_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query(statement);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  try {
    await admin(`create database ${name}`);
  } catch (err) {
    throw new Error(`cannot create a database for the bench on ${url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')}: ${(err as Error).message}`, { cause: err });
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return { kind: 'postgres', url: target.toString(), where: `database ${name} on ${target.host}, dropped afterwards`, drop: () => admin(`drop database if exists ${name} with (force)`) };
}
