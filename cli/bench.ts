/**
 * `onecard bench tap`: taps through an emulated reader into a real door point (real policy, real
 * journal with fsync and group commit, emulated relay) and reports tap-to-relay latency. The last
 * line is one JSON object: {"bench":"tap","p50_ms":..,"p99_ms":..,"max_ms":..,"samples":..}.
 * With `--reader pcsc` the taps come through pcscd and nfc-pcsc instead (see bench-tap-pcsc.ts);
 * its last line is {"bench":"tap","reader":"pcsc","p99_ms":..,"whole_path_p99_ms":..,"samples":..}.
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
import { UsageError, hostPort, integerOption, parse } from './args.js';
import { benchTapPcsc, type PcscTapBenchResult } from './bench-tap-pcsc.js';
import { wantsShower } from './bench-tap-shower.js';

const USAGE = `usage: onecard bench <tap|journal|memory|blacklist|fuzz|crash|ingest|settle> [options]   ('onecard bench NAME --help')

  tap        tap-to-relay latency through a door point (below); --point shower: tap to valve open
  journal    durable journal appends per second with group commit
  memory     controller RSS with 100,000 cards and 100,000 blacklisted UIDs loaded
  blacklist  lost-card propagation from the hub to many connected controllers
  fuzz       random and mutated inputs to the frame decoder, journal reader and dataset applier
  ingest     device charge events per second posted to the ledger through the gateway (SQLite or PostgreSQL)
  crash      a charging journal killed with SIGKILL many times, then drained into the hub's ledger
  settle     a month's merchant settlement over 1,000,000 charges on SQLite

usage: onecard bench tap [--reader emulated|pcsc] [--samples N] [--cards N] [--blacklist N] [--dir DIR]
                         [--vpcd HOST:PORT] [--pcsc-reader NAME]
       onecard bench tap --point shower [--samples N] [--cards N] [--dir DIR]   ('--point shower --help')

  --reader       emulated (default): taps from an emulated reader, the door path alone;
                 pcsc: a virtual card on pcscd's vpcd reader, read by nfc-pcsc (needs pcscd and
                 vsmartcard-vpcd: scripts/install-system-deps.sh)
  --samples      taps to measure (default 10000; 50 with --reader pcsc, each takes pcscd polling time)
  --cards        cards in the cards dataset (default 100000)
  --blacklist    cards on the blacklist (default 10000)
  --dir          where the journal is written (default a temporary directory, removed afterwards)
  --vpcd         pcsc only: where vpcd waits for the card (default 127.0.0.1:35963)
  --pcsc-reader  pcsc only: the PC/SC reader that port belongs to (default "Virtual PCD 00 00")`;

export async function run(args: string[]): Promise<number> {
  const [which, ...rest] = args;
  if (which === '--help' || which === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (which === 'memory') return (await import('./bench-memory.js')).run(rest);
  if (which === 'blacklist') return (await import('./bench-blacklist.js')).run(rest);
  if (which === 'journal') return (await import('./bench-journal.js')).run(rest);
  if (which === 'fuzz') return (await import('./bench-fuzz.js')).run(rest);
  if (which === 'ingest') return (await import('./bench-ingest.js')).run(rest);
  if (which === 'crash') return (await import('./bench-crash.js')).run(rest);
  if (which === 'settle') return (await import('./bench-settle.js')).run(rest);
  if (which === 'tap' && wantsShower(rest)) return (await import('./bench-tap-shower.js')).run(rest);
  if (which !== 'tap') throw new UsageError(`unknown benchmark ${JSON.stringify(which ?? '')}\n\n${USAGE}`);
  const { values } = parse(rest, {
    reader: { type: 'string' }, samples: { type: 'string' }, cards: { type: 'string' }, blacklist: { type: 'string' }, dir: { type: 'string' },
    vpcd: { type: 'string' }, 'pcsc-reader': { type: 'string' }, point: { type: 'string' },
  }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.point !== undefined && values.point !== 'door') throw new UsageError(`--point must be door or shower, got ${JSON.stringify(values.point)}\n\n${USAGE}`);
  const readerKind = values.reader ?? 'emulated';
  if (readerKind !== 'emulated' && readerKind !== 'pcsc') throw new UsageError(`--reader must be emulated or pcsc, got ${JSON.stringify(readerKind)}\n\n${USAGE}`);
  if (readerKind === 'emulated' && (values.vpcd !== undefined || values['pcsc-reader'] !== undefined)) {
    throw new UsageError(`--vpcd and --pcsc-reader go with --reader pcsc\n\n${USAGE}`);
  }
  const samples = integerOption(values.samples, 'samples', readerKind === 'pcsc' ? 50 : 10_000, 1, 10_000_000);
  const cardCount = integerOption(values.cards, 'cards', 100_000, 1, 10_000_000);
  const blacklistCount = integerOption(values.blacklist, 'blacklist', 10_000, 0, 10_000_000);
  const dir = values.dir ?? (await mkdtemp(join(tmpdir(), 'onecard-bench-')));
  try {
    if (readerKind === 'pcsc') {
      const vpcd = hostPort(values.vpcd ?? '127.0.0.1:35963', 'vpcd');
      const readerName = values['pcsc-reader'] ?? 'Virtual PCD 00 00';
      printPcsc(await benchTapPcsc({ samples, cardCount, blacklistCount, dir, vpcd, readerName, logger: new StreamLogger('warn') }), readerName, cardCount, blacklistCount);
      return 0;
    }
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

function printPcsc(r: PcscTapBenchResult, readerName: string, cardCount: number, blacklistCount: number): void {
  const line = (p: { p50Ms: number; p99Ms: number; maxMs: number }) => `p50 ${p.p50Ms.toFixed(3)} ms   p99 ${p.p99Ms.toFixed(3)} ms   max ${p.maxMs.toFixed(3)} ms`;
  console.log(`tap -> relay through pcscd (${readerName}) and nfc-pcsc over ${r.samples} taps (${cardCount} cards, ${blacklistCount} blacklisted, journal fsync on), ${r.totalSeconds.toFixed(1)} s:`);
  console.log(`  project's share, card event in the controller -> relay:   ${line(r.own)}`);
  console.log(`  worker -> controller hop (UID read -> card event):         ${line(r.ipc)}`);
  console.log(`  whole path, card presented -> relay:                       ${line(r.wholePath)}`);
  console.log('  The whole path is mostly pcscd polling the virtual reader: a reader without card-change');
  console.log('  interrupts (vpcd) is asked a few times a second, so a card waits up to one polling interval');
  console.log('  before anyone knows it is there. Here each card is presented just after pcscd saw the');
  console.log('  previous one leave, so it waits about a full interval: near the worst case for a person.');
  console.log('  Real USB CCID readers notify pcscd at once.');
  console.log(JSON.stringify({ bench: 'tap', reader: 'pcsc', p99_ms: round(r.own.p99Ms), whole_path_p99_ms: round(r.wholePath.p99Ms), samples: r.samples }));
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
