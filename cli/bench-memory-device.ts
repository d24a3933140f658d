/**
 * The device side of `onecard bench memory`, run as a fresh process so its memory is a controller's
 * alone. Prints one JSON object.
 *
 *   apply DIR FRAMES...   decodes each file as a hub frame (device wire limits), applies the dataset
 *                         update it carries to a policy persisting in DIR (chunks of a snapshot as
 *                         the uplink does: the next frame decoded while one is applied, no more),
 *                         then DELTAS one-card blacklist deltas (env BENCH_DELTAS); reports the time
 *                         per dataset (all its frames) and the peak RSS
 *   reload DIR PROBES     opens the datasets persisted in DIR (a controller restarting without its
 *                         hub), checks the decisions listed in PROBES ([uid, AccessReason][]) and
 *                         reports RSS, heap, load time and decision latency
 *
 * Run with tsx (`node --import tsx`) or bundled into one .mjs (see cli/bench-memory.ts).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Policy } from '../controller/policy.js';
import { DatasetName, datasetNameText } from '../protocol/messages.js';
import { HUB_TO_DEVICE_LIMITS, decodeFrame } from '../protocol/wire.js';
import { silentLogger } from '../lib/log.js';

export interface ApplyResult {
  /** By dataset (blacklist, cards): from decoding its first frame to its snapshot applied. */
  applyMs: Record<string, number>;
  deltaMeanMs: number;
  peakRssMb: number;
}

export interface ReloadResult {
  rssMb: number;
  heapUsedMb: number;
  loadMs: number;
  decideP50Us: number;
  decideP99Us: number;
  probes: number;
  wrong: number;
}

export async function applyFrames(dir: string, frameFiles: string[], deltas: number, deltaUid: (i: number) => string): Promise<ApplyResult> {
  const policy = new Policy({ dir, logger: silentLogger });
  await policy.start();
  const applyMs: Record<string, number> = {};
  const decode = (file: string) => {
    const frame = readFileSync(file);
    const decoded = decodeFrame(frame, HUB_TO_DEVICE_LIMITS);
    if (!decoded.ok) throw new Error(`${file}: the frame (${frame.length} bytes) is refused by the device: ${decoded.message}`);
    return decoded.envelope.datasetUpdate!;
  };
  let t0 = performance.now();
  let next = frameFiles.length > 0 ? decode(frameFiles[0]!) : null;
  for (let i = 0; next; i++) {
    const update = next;
    const applying = policy.apply(update);
    // The uplink reads on while one update is applied and stops at two waiting: one more decoded.
    next = i + 1 < frameFiles.length ? decode(frameFiles[i + 1]!) : null;
    const result = await applying;
    if (!result.ok) throw new Error(`${frameFiles[i]!}: update refused: ${result.message}`);
    if ('pending' in result) continue;
    const name = datasetNameText(result.name);
    applyMs[name] = performance.now() - t0;
    t0 = performance.now();
  }
  const BL = DatasetName.DATASET_NAME_BLACKLIST;
  t0 = performance.now();
  for (let i = 0; i < deltas; i++) {
    const held = policy.version(BL);
    const result = await policy.apply({ name: BL, version: held + 1, fromVersion: held, blacklist: { addCardUids: [deltaUid(i)] } });
    if (!result.ok) throw new Error(`delta ${i} refused: ${result.message}`);
  }
  const deltaMeanMs = deltas > 0 ? (performance.now() - t0) / deltas : 0;
  await policy.stop();
  return { applyMs, deltaMeanMs, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

export async function reloadAndMeasure(dir: string, probes: [uid: string, reason: number][]): Promise<ReloadResult> {
  const t0 = performance.now();
  const policy = new Policy({ dir, logger: silentLogger });
  await policy.start();
  const loadMs = performance.now() - t0;
  const latencies = new Float64Array(probes.length);
  let wrong = 0;
  probes.forEach(([uid, reason], i) => {
    const t = performance.now();
    const decision = policy.decide(uid);
    latencies[i] = (performance.now() - t) * 1000;
    if (decision.reason !== reason) wrong++;
  });
  latencies.sort();
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const memory = process.memoryUsage();
  const result = { rssMb: memory.rss / 1048576, heapUsedMb: memory.heapUsed / 1048576, loadMs, decideP50Us: at(0.5), decideP99Us: at(0.99), probes: probes.length, wrong };
  await policy.stop();
  return result;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const [mode, dir, ...files] = process.argv.slice(2);
  let result: ApplyResult | ReloadResult;
  if (mode === 'apply' && dir) {
    result = await applyFrames(dir, files, Number(process.env.BENCH_DELTAS ?? 0), (i) => (0xf0000000 + i).toString(16).toUpperCase());
  } else if (mode === 'reload' && dir && files[0]) {
    result = await reloadAndMeasure(dir, JSON.parse(readFileSync(files[0], 'utf8')) as [string, number][]);
  } else {
    throw new Error('usage: bench-memory-device (apply DIR FRAMES... | reload DIR PROBES)');
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}
