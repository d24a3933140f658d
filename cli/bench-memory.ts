/**
 * `onecard bench memory`: a controller's policy is given N cards and M blacklisted UIDs the way the
 * hub sends them (each a snapshot cut into chunks of at most --chunk-entries entries by the hub's own
 * hub/dataset-chunks.ts, or one frame with --chunk-entries 0 as before chunked snapshots; decoded with
 * the device's wire limits, at most two decoded at a time as the uplink reads them), persists them,
 * takes small deltas, and is then reloaded from disk, reporting its RSS and load time. The device
 * side runs in fresh processes (cli/bench-memory-device.ts), so what is measured is a controller's
 * memory alone. The last line is one JSON object:
 * {"bench":"memory","rss_mb":..,"load_ms":..,"rss_tsx_mb":..,"apply_peak_rss_mb":..,"snapshot_frame_mb":..,"wrong_decisions":..,
 *  "snapshot_chunks":..,"chunk_frame_kib":..,"apply_peak_rss_tsx_mb":..} (snapshot_frame_mb: the cards snapshot's
 * bytes, all chunks; chunk_frame_kib: the largest frame a device received; apply_peak_rss_tsx_mb: the
 * same apply run through tsx, into another directory).
 *
 * The reload runs twice on the same files: compiled into one JavaScript file with esbuild (as a
 * packaged install would run; this is rss_mb and load_ms), and through tsx (as bin/onecard.js runs
 * today; tsx's loader thread alone costs about 30 MB: rss_tsx_mb).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AccessReason, DatasetName, type DatasetUpdate } from '../protocol/messages.js';
import { HUB_TO_DEVICE_LIMITS, encodeFrame } from '../protocol/wire.js';
import { integerOption, parse } from './args.js';
import { SNAPSHOT_CHUNK_MAX_BYTES, SNAPSHOT_CHUNK_MAX_ENTRIES, chunkSnapshot } from '../hub/dataset-chunks.js';
import type { ApplyResult, ReloadResult } from './bench-memory-device.js';

const USAGE = `usage: onecard bench memory [--cards N] [--blacklist N] [--deltas N] [--chunk-entries N] [--dir DIR]

  --cards          cards in the cards dataset (default 100000)
  --blacklist      blacklisted UIDs, half of them known cards (default 100000)
  --deltas         one-card blacklist deltas applied after the snapshots, to time small updates (default 100)
  --chunk-entries  most entries in a snapshot chunk, as the hub cuts them (default ${SNAPSHOT_CHUNK_MAX_ENTRIES});
                   0: each snapshot in one frame, as before chunked snapshots
  --dir            where the datasets are persisted (default a temporary directory, removed afterwards)`;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEVICE = join(ROOT, 'cli', 'bench-memory-device.ts');
const TYPES = ['student', 'staff', 'freshman', 'temporary'];
const DAY_MS = 86_400_000;
const uid = (i: number) => (0x04000000 + i).toString(16).toUpperCase().padStart(8, '0') + '9000';

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, { cards: { type: 'string' }, blacklist: { type: 'string' }, deltas: { type: 'string' }, 'chunk-entries': { type: 'string' }, dir: { type: 'string' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const cardCount = integerOption(values.cards, 'cards', 100_000, 1, 1_000_000);
  const blacklistCount = integerOption(values.blacklist, 'blacklist', 100_000, 0, 1_000_000);
  const deltas = integerOption(values.deltas, 'deltas', 100, 0, 100_000);
  const chunkEntries = integerOption(values['chunk-entries'], 'chunk-entries', SNAPSHOT_CHUNK_MAX_ENTRIES, 0, 1_000_000);
  const dir = values.dir ?? (await mkdtemp(join(tmpdir(), 'onecard-bench-memory-')));
  try {
    const r = await benchMemory({ cardCount, blacklistCount, deltas, dir, chunkEntries });
    const mb = (n: number) => n.toFixed(1);
    console.log(`datasets: ${cardCount} cards, ${blacklistCount} blacklisted UIDs, persisted in ${mb(r.fileMb)} MB of SQLite`);
    if (chunkEntries === 0) {
      console.log(`  snapshot frames: cards ${mb(r.cardsFrameMb)} MB, blacklist ${mb(r.blacklistFrameMb)} MB, one frame each (device limits: ${HUB_TO_DEVICE_LIMITS.maxFrameBytes / 1048576} MiB, ${HUB_TO_DEVICE_LIMITS.maxDatasetEntries} entries)`);
    } else {
      console.log(`  snapshots in chunks of at most ${chunkEntries} entries and ${SNAPSHOT_CHUNK_MAX_BYTES / 1048576} MiB: cards ${r.cardsChunks} chunks (${mb(r.cardsFrameMb)} MB), blacklist ${r.blacklistChunks} chunks (${mb(r.blacklistFrameMb)} MB); largest frame ${(r.chunkFrameMb * 1024).toFixed(0)} KiB`);
    }
    console.log(`  applied in a fresh process (decode + check + write${chunkEntries === 0 ? '' : ' each chunk to staging, then the switch'} + durable commit): cards ${r.apply.applyMs.cards!.toFixed(0)} ms, blacklist ${(r.apply.applyMs.blacklist ?? 0).toFixed(0)} ms`);
    console.log(`  peak RSS of that process: ${mb(r.apply.peakRssMb)} MB${r.compiled ? ' compiled' : ''} (${chunkEntries === 0 ? 'a whole snapshot frame and its decoded entries are in memory at once' : 'at most two chunks decoded at a time, staged on disk'}); ${mb(r.applyTsx.peakRssMb)} MB through tsx`);
    if (deltas > 0) console.log(`  one-card deltas: ${r.apply.deltaMeanMs.toFixed(2)} ms each on average over ${deltas} (one durable commit each, nothing rewritten)`);
    for (const [label, c] of [['compiled JS', r.compiled], ['tsx', r.tsx]] as const) {
      if (!c) continue;
      console.log(`reloaded in a fresh process (${label}): RSS ${mb(c.rssMb)} MB (JS heap ${mb(c.heapUsedMb)} MB), load ${c.loadMs.toFixed(1)} ms,`);
      console.log(`  decide p50 ${c.decideP50Us.toFixed(1)} us p99 ${c.decideP99Us.toFixed(1)} us, ${c.probes - c.wrong}/${c.probes} sample decisions as expected`);
    }
    if (!r.compiled) console.log(`compiled run skipped: ${r.compiledSkipped}; rss_mb is the tsx run`);
    const head = r.compiled ?? r.tsx;
    const wrong = (r.compiled?.wrong ?? 0) + r.tsx.wrong;
    console.log(JSON.stringify({
      bench: 'memory', rss_mb: round(head.rssMb), load_ms: round(head.loadMs), rss_tsx_mb: round(r.tsx.rssMb), load_tsx_ms: round(r.tsx.loadMs),
      apply_peak_rss_mb: round(r.apply.peakRssMb), snapshot_frame_mb: round(r.cardsFrameMb), wrong_decisions: wrong,
      snapshot_chunks: r.cardsChunks, chunk_frame_kib: Math.round(r.chunkFrameMb * 1024), apply_peak_rss_tsx_mb: round(r.applyTsx.peakRssMb),
    }));
    return wrong === 0 ? 0 : 1;
  } finally {
    if (!values.dir) await rm(dir, { recursive: true, force: true });
  }
}

export interface MemoryBenchResult {
  /** Bytes of each snapshot on the wire (every chunk), in MB. */
  cardsFrameMb: number;
  blacklistFrameMb: number;
  cardsChunks: number;
  blacklistChunks: number;
  /** The largest frame a device received. */
  chunkFrameMb: number;
  fileMb: number;
  apply: ApplyResult;
  /** The same apply through tsx (the compiled one when there is one is `apply`). */
  applyTsx: ApplyResult;
  tsx: ReloadResult;
  compiled: ReloadResult | null;
  compiledSkipped: string;
}

export async function benchMemory(opts: { cardCount: number; blacklistCount: number; deltas: number; dir: string; chunkEntries?: number }): Promise<MemoryBenchResult> {
  const datasets = join(opts.dir, 'datasets');
  const now = Date.now();
  const cards: DatasetUpdate = {
    name: DatasetName.DATASET_NAME_CARDS, version: 1, fullSnapshot: true,
    cards: {
      upsert: Array.from({ length: opts.cardCount }, (_, i) => ({
        cardUid: uid(i), personId: `S2026${String(i).padStart(6, '0')}`, personType: TYPES[i % 4]!,
        validFromUnixMs: now - 400 * DAY_MS, validUntilUnixMs: i % 100 === 99 ? now - DAY_MS : now + 1400 * DAY_MS,
        groups: [`dorm-${i % 40}`, ...(i % 3 === 0 ? ['gym'] : [])],
      })),
    },
  };
  // Half the blacklist are known cards (every other one), half UIDs the device never knew.
  const blacklisted = Array.from({ length: opts.blacklistCount }, (_, i) => (i % 2 === 0 ? uid(i) : uid(opts.cardCount + i)));
  const blacklist: DatasetUpdate = { name: DatasetName.DATASET_NAME_BLACKLIST, version: 1, fullSnapshot: true, blacklist: { addCardUids: blacklisted } };
  // The frames a device receives, in order: one each (--chunk-entries 0) or the hub's chunks.
  const chunkEntries = opts.chunkEntries ?? SNAPSHOT_CHUNK_MAX_ENTRIES;
  const framesOf = (update: DatasetUpdate, snapshotId: number) =>
    chunkEntries === 0 ? [encodeFrame({ datasetUpdate: update })] : chunkSnapshot(update, snapshotId, { maxEntries: chunkEntries, maxBytes: SNAPSHOT_CHUNK_MAX_BYTES });
  const cardsFrames = framesOf(cards, 1);
  const blacklistFrames = framesOf(blacklist, 2);
  const frames: string[] = [];
  for (const [label, list] of [['cards', cardsFrames], ['blacklist', blacklistFrames]] as const) {
    for (const [i, frame] of list.entries()) {
      const file = join(opts.dir, `${label}-${i}.frame`);
      await writeFile(file, frame);
      frames.push(file);
    }
  }
  const bytes = (list: Uint8Array[]) => list.reduce((n, f) => n + f.length, 0);

  const probes: [string, number][] = [];
  for (let i = 0; i < Math.min(opts.cardCount, 20_000); i++) {
    const n = (i * 7919) % opts.cardCount;
    const lost = n < opts.blacklistCount && n % 2 === 0;
    probes.push([uid(n), lost ? AccessReason.ACCESS_REASON_DENIED_BLACKLISTED : n % 100 === 99 ? AccessReason.ACCESS_REASON_DENIED_EXPIRED : AccessReason.ACCESS_REASON_GRANTED]);
  }
  probes.push([uid(opts.cardCount * 2 + 1), AccessReason.ACCESS_REASON_DENIED_UNKNOWN_CARD]);
  const probesFile = join(opts.dir, 'probes.json');
  await writeFile(probesFile, JSON.stringify(probes));

  const bundle = await compileDevice();
  const device = (args: string[], env: Record<string, string> = {}) =>
    typeof bundle === 'string' ? child(['--import', 'tsx', DEVICE, ...args], env) : child([bundle.file, ...args], env);
  try {
    const apply = (await device(['apply', datasets, ...frames], { BENCH_DELTAS: String(opts.deltas) })) as ApplyResult;
    const applyTsx =
      typeof bundle === 'string' ? apply : ((await child(['--import', 'tsx', DEVICE, 'apply', join(opts.dir, 'datasets-tsx'), ...frames], { BENCH_DELTAS: '0' })) as ApplyResult);
    let fileBytes = 0;
    for (const f of ['datasets.sqlite', 'datasets.sqlite-wal']) fileBytes += await stat(join(datasets, f)).then((s) => s.size, () => 0);
    const compiled = typeof bundle === 'string' ? null : ((await device(['reload', datasets, probesFile])) as ReloadResult);
    const tsx = (await child(['--import', 'tsx', DEVICE, 'reload', datasets, probesFile])) as ReloadResult;
    return {
      cardsFrameMb: bytes(cardsFrames) / 1048576, blacklistFrameMb: bytes(blacklistFrames) / 1048576,
      cardsChunks: cardsFrames.length, blacklistChunks: blacklistFrames.length,
      chunkFrameMb: Math.max(...cardsFrames.map((f) => f.length), ...blacklistFrames.map((f) => f.length)) / 1048576,
      fileMb: fileBytes / 1048576, apply, applyTsx, tsx, compiled, compiledSkipped: typeof bundle === 'string' ? bundle : '',
    };
  } finally {
    if (typeof bundle !== 'string') await rm(bundle.file, { force: true });
  }
}

/** Bundles the device entry into one .mjs with esbuild (tsx's own dependency); a reason when it cannot. */
async function compileDevice(): Promise<{ file: string } | string> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch (err) {
    return `esbuild cannot be loaded (${(err as Error).message})`;
  }
  // Inside node_modules so the bundle finds better-sqlite3 (native, left out of the bundle).
  const outDir = join(ROOT, 'node_modules', '.cache', 'onecard');
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, `bench-memory-device-${process.pid}.mjs`);
  await esbuild.build({ entryPoints: [DEVICE], outfile: file, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['better-sqlite3'], logLevel: 'silent' });
  return { file };
}

function child(args: string[], env: Record<string, string> = {}): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) return reject(new Error(`bench device process exited with ${code}: ${err.trim() || out.trim()}`));
      resolvePromise(JSON.parse(last));
    });
  });
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
