/**
 * `onecard bench tap --point shower`: tap to valve open through a real shower point (real policy,
 * wallet and journal with fsync, the point's state file with fdatasync, emulated reader, valve and
 * flow sensor) in a temporary directory. Each sample is one session: a tap, the valve opening once
 * the ShowerSession OPEN event and the state record are durable (what is measured), some flow, and
 * a second tap that closes and charges it (not measured; the next tap waits for it to finish).
 * Prints p50/p99/max and last `{"bench":"tap","point":"shower","p99_ms":..,...}`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../controller/journal.js';
import { Policy } from '../controller/policy.js';
import { Wallet } from '../controller/wallet.js';
import { ShowerPoint } from '../controller/points/shower.js';
import { showerPointSpec } from '../controller/points/shower-config.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { DatasetName, TariffBasis } from '../protocol/messages.js';
import { systemClock } from '../lib/clock.js';
import { StreamLogger } from '../lib/log.js';
import { UsageError, integerOption, parse } from './args.js';

const USAGE = `usage: onecard bench tap --point shower [--samples N] [--cards N] [--dir DIR]

  Tap to valve open through a shower point, including the durable session-open record (the
  journal's fsync and the point's state record), one session per sample.

  --samples  sessions to measure (default 2000, after 20 not measured)
  --cards    cards (each with an account and a balance) tapped in turn (default 1000)
  --dir      where the journal and the state file are written (default a temporary directory, removed afterwards)`;

const WARM_UP = 20;
const POINT = 'bench-shower';

/** Whether `bench tap` arguments ask for the shower point (`--point shower` or `--point=shower`). */
export function wantsShower(args: readonly string[]): boolean {
  return args.some((a, i) => a === '--point=shower' || (a === '--point' && args[i + 1] === 'shower'));
}

export interface ShowerTapBenchResult {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  charges: number;
  totalSeconds: number;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, { point: { type: 'string' }, samples: { type: 'string' }, cards: { type: 'string' }, dir: { type: 'string' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.point !== 'shower') throw new UsageError(`--point must be shower here, got ${JSON.stringify(values.point ?? '')}\n\n${USAGE}`);
  const samples = integerOption(values.samples, 'samples', 2_000, 1, 1_000_000);
  const cardCount = integerOption(values.cards, 'cards', 1_000, 1, 1_000_000);
  const dir = values.dir ?? (await mkdtemp(join(tmpdir(), 'onecard-bench-shower-')));
  try {
    const r = await benchTapShower({ samples, cardCount, dir });
    console.log(`tap -> valve open through a shower point over ${r.samples} sessions (${cardCount} cards, journal fsync on, OPEN event and state record durable first):`);
    console.log(`  p50 ${r.p50Ms.toFixed(3)} ms   p99 ${r.p99Ms.toFixed(3)} ms   max ${r.maxMs.toFixed(3)} ms`);
    console.log(`  ${r.charges} sessions closed and charged, ${r.totalSeconds.toFixed(2)} s in all (${WARM_UP} sessions before, not measured)`);
    console.log(JSON.stringify({ bench: 'tap', point: 'shower', p99_ms: round(r.p99Ms), p50_ms: round(r.p50Ms), max_ms: round(r.maxMs), samples: r.samples }));
  } finally {
    if (!values.dir) await rm(dir, { recursive: true, force: true });
  }
  return 0;
}

export async function benchTapShower(opts: { samples: number; cardCount: number; dir: string }): Promise<ShowerTapBenchResult> {
  const logger = new StreamLogger('warn');
  const sessions = opts.samples + WARM_UP;
  const journal = new Journal({ dir: join(opts.dir, 'journal'), deviceId: 'bench', logger, maxUnackedEvents: Math.max(1_000_000, sessions * 4 + 1_000) });
  const policy = new Policy({ dir: null, logger });
  const uid = (i: number) => (0x04000000 + i).toString(16).toUpperCase().padStart(8, '0') + '9000';
  const accounts = Array.from({ length: opts.cardCount }, (_, i) => `acc-${i}`);
  await policy.apply({ name: DatasetName.DATASET_NAME_CARDS, version: 1, fullSnapshot: true, cards: { upsert: accounts.map((accountId, i) => ({ cardUid: uid(i), personId: `P${i}`, accountId })) } });
  await policy.apply({ name: DatasetName.DATASET_NAME_BALANCES, version: 1, fullSnapshot: true, balances: { upsert: accounts.map((accountId) => ({ accountId, balanceFen: 1_000_000 })) } });
  await policy.apply({
    name: DatasetName.DATASET_NAME_TARIFFS, version: 1, fullSnapshot: true,
    tariffs: { upsert: [{ tariffId: 'hot', basis: TariffBasis.TARIFF_BASIS_PER_LITRE, priceMillifen: 2_500, fallbackPriceMillifenPerSecond: 500 }] },
  });
  const wallet = new Wallet({ dir: null, policy, logger, wallNow: Date.now, timeZone: 'Asia/Shanghai', isOnline: () => true, dailyLimitFen: 100_000_000, offlineDailyLimitFen: 100_000_000 });
  await journal.start();
  await wallet.start(journal);
  const drivers = new EmulatedDrivers();
  const config = showerPointSpec.parse({ kind: 'shower', id: POINT, tariff: 'hot', reader: { driver: 'emulated' }, valve: { driver: 'emulated' }, flowSensor: { driver: 'emulated' } });
  const point = new ShowerPoint(config, { drivers, policy, wallet, journal, logger, wallNow: Date.now, clock: systemClock, timeZone: 'Asia/Shanghai', dataDir: join(opts.dir, 'points') });
  await point.start();
  const reader = drivers.reader(`${POINT}/reader`);
  const valve = drivers.valveNamed(`${POINT}/valve`);
  const flow = drivers.pulseCounterNamed(`${POINT}/flow`);
  const valveSeen: { openedAtMs: number | null } = { openedAtMs: null };
  valve.watch((open) => {
    if (open) valveSeen.openedAtMs = performance.now();
  });
  const latencies = new Float64Array(opts.samples);
  let started = 0;
  try {
    for (let i = 0; i < sessions; i++) {
      if (i === WARM_UP) started = performance.now();
      const card = uid(i % opts.cardCount);
      valveSeen.openedAtMs = null;
      const t0 = performance.now();
      reader.tap(card);
      await point.settled(); // the valve opened (its time is taken as it is driven) or the tap was refused
      const openedAtMs = valveSeen.openedAtMs as number | null;
      if (openedAtMs === null) throw new Error(`session ${i}: the valve did not open for ${card}`);
      if (i >= WARM_UP) latencies[i - WARM_UP] = openedAtMs - t0;
      flow.pulse(45);
      reader.tap(card);
      await point.settled();
    }
  } finally {
    await point.stop();
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const charges = journal.durableFrom(1, sessions * 4 + 100).filter((e) => e.charge && e.pointId === POINT).length;
  await wallet.stop();
  await journal.stop();
  if (charges !== sessions) throw new Error(`${charges} charges journalled for ${sessions} sessions`);
  latencies.sort();
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { samples: opts.samples, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: latencies[latencies.length - 1]!, charges: charges - WARM_UP, totalSeconds };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
