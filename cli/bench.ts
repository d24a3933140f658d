/**
 * `onecard bench tap`: taps through an emulated reader into a real door point (real policy, real
 * journal with fsync and group commit, emulated relay) and reports tap-to-relay latency. The last
 * line is one JSON object: {"bench":"tap","p50_ms":..,"p99_ms":..,"max_ms":..,"samples":..}.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DoorPoint } from '../controller/points/door.js';
import { Journal } from '../controller/journal.js';
import { Policy } from '../controller/policy.js';
import { EmulatedCardReader } from '../emulators/card-reader.js';
import { EmulatedRelay } from '../emulators/relay.js';
import { DatasetName } from '../protocol/messages.js';
import { StreamLogger } from '../lib/log.js';
import { UsageError, integerOption, parse } from './args.js';

const USAGE = `usage: onecard bench tap [--samples N] [--cards N] [--blacklist N] [--dir DIR]

  --samples    taps to measure (default 10000)
  --cards      cards in the cards dataset (default 100000)
  --blacklist  cards on the blacklist (default 10000)
  --dir        where the journal is written (default a temporary directory, removed afterwards)`;

export async function run(args: string[]): Promise<number> {
  const [which, ...rest] = args;
  if (which === '--help' || which === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (which !== 'tap') throw new UsageError(`unknown benchmark ${JSON.stringify(which ?? '')}\n\n${USAGE}`);
  const { values } = parse(rest, { samples: { type: 'string' }, cards: { type: 'string' }, blacklist: { type: 'string' }, dir: { type: 'string' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const samples = integerOption(values.samples, 'samples', 10_000, 1, 10_000_000);
  const cardCount = integerOption(values.cards, 'cards', 100_000, 1, 10_000_000);
  const blacklistCount = integerOption(values.blacklist, 'blacklist', 10_000, 0, 10_000_000);
  const dir = values.dir ?? (await mkdtemp(join(tmpdir(), 'onecard-bench-')));
  try {
    const result = await benchTap({ samples, cardCount, blacklistCount, dir });
    console.log(`tap -> relay over ${result.samples} taps (${cardCount} cards, ${blacklistCount} blacklisted, journal fsync on):`);
    console.log(`  p50 ${result.p50Ms.toFixed(3)} ms   p99 ${result.p99Ms.toFixed(3)} ms   max ${result.maxMs.toFixed(3)} ms`);
    console.log(`  journal: ${result.durableEvents} events durable, ${result.fsyncGroups} group commits, ${result.totalSeconds.toFixed(2)} s in all`);
    console.log(JSON.stringify({ bench: 'tap', p50_ms: round(result.p50Ms), p99_ms: round(result.p99Ms), max_ms: round(result.maxMs), samples: result.samples }));
  } finally {
    if (!values.dir) await rm(dir, { recursive: true, force: true });
  }
  return 0;
}

export interface TapBenchResult {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  durableEvents: number;
  fsyncGroups: number;
  totalSeconds: number;
}

export async function benchTap(opts: { samples: number; cardCount: number; blacklistCount: number; dir: string }): Promise<TapBenchResult> {
  const logger = new StreamLogger('warn');
  const journal = new Journal({ dir: opts.dir, deviceId: 'bench', logger, maxUnackedEvents: Math.max(opts.samples + 1000, 1_000_000) });
  const policy = new Policy({ dir: null, logger });
  const uid = (i: number) => (0x04000000 + i).toString(16).toUpperCase().padStart(8, '0') + '9000';
  await policy.apply({ name: DatasetName.DATASET_NAME_CARDS, version: 1, fullSnapshot: true, cards: { upsert: Array.from({ length: opts.cardCount }, (_, i) => ({ cardUid: uid(i), personId: `P${i}` })) } });
  await policy.apply({ name: DatasetName.DATASET_NAME_BLACKLIST, version: 1, fullSnapshot: true, blacklist: { addCardUids: Array.from({ length: opts.blacklistCount }, (_, i) => uid(opts.cardCount - 1 - i)) } });
  const granted = Math.max(1, opts.cardCount - opts.blacklistCount);
  const reader = new EmulatedCardReader('bench/reader');
  const relay = new EmulatedRelay('bench/relay', 16);
  const door = new DoorPoint({ id: 'bench-door', reader, relay, policy, journal, logger, openDurationMs: 3000 });
  await journal.start();
  await door.start();
  let groups = 0;
  journal.onDurable(() => groups++);
  const latencies = new Float64Array(opts.samples);
  let x = 12345;
  const started = performance.now();
  for (let i = 0; i < opts.samples; i++) {
    x = (x * 1103515245 + 12345) % 2147483648; // deterministic card choice
    const t0 = performance.now();
    reader.tap(uid(x % granted));
    // The relay is driven from the policy's decision through the relay's promise: wait for it.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const call = relay.calls[relay.calls.length - 1];
    if (!call || !call.energised || call.atMs < t0) throw new Error(`tap ${i}: relay was not energised`);
    latencies[i] = call.atMs - t0;
  }
  await new Promise<void>((resolve) => {
    if (journal.lastDurableSeq >= journal.lastSeqWritten) return resolve();
    const off = journal.onDurable((seq) => {
      if (seq >= journal.lastSeqWritten) {
        off();
        resolve();
      }
    });
  });
  const totalSeconds = (performance.now() - started) / 1000;
  await door.stop();
  const durableEvents = journal.lastDurableSeq;
  await journal.stop();
  latencies.sort();
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { samples: opts.samples, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: latencies[latencies.length - 1]!, durableEvents, fsyncGroups: groups, totalSeconds };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
