/**
 * `onecard bench journal`: durable appends per second through the real journal (segment files,
 * fdatasync before `durable` resolves, group commit), on this machine's disk.
 *
 * First a single appender (each event waits for its own fsync: the disk's fsync rate), then
 * `--appenders` concurrent appenders (a controller with many points), each appending its next event
 * as soon as the previous one is durable, alternating charges and access events, until `--events`
 * are durable. Prints the figures, and last `{"bench":"journal","events_per_s":..,...}`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../controller/journal.js';
import { listSegments } from '../controller/journal/segments.js';
import { StreamLogger } from '../lib/log.js';
import { integerOption, parse } from './args.js';

const USAGE = `usage: onecard bench journal [--events N] [--appenders N] [--segment-bytes N] [--dir DIR]

  --events         events to make durable with concurrent appenders (default 50000)
  --appenders      concurrent appenders (default 64)
  --segment-bytes  segment file size limit (default 8388608, the journal's default)
  --dir            where the journal is written (default a temporary directory, removed afterwards)`;

export interface JournalBenchResult {
  events: number;
  appenders: number;
  seconds: number;
  eventsPerS: number;
  groupCommits: number;
  p50Ms: number;
  p99Ms: number;
  segments: number;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, {
    events: { type: 'string' }, appenders: { type: 'string' }, 'segment-bytes': { type: 'string' }, dir: { type: 'string' },
  }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const events = integerOption(values.events, 'events', 50_000, 1, 10_000_000);
  const appenders = integerOption(values.appenders, 'appenders', 64, 1, 10_000);
  const segmentMaxBytes = integerOption(values['segment-bytes'], 'segment-bytes', 8 * 1024 * 1024, 4096, 1024 * 1024 * 1024);
  const dir = values.dir ?? (await mkdtemp(join(tmpdir(), 'onecard-bench-journal-')));
  try {
    const single = await benchJournal({ dir: join(dir, 'single'), events: Math.min(500, events), appenders: 1, segmentMaxBytes });
    console.log(`journal, 1 appender (one fsync per event): ${single.eventsPerS.toFixed(0)} events/s durable, ` +
      `append -> durable p50 ${single.p50Ms.toFixed(2)} ms, p99 ${single.p99Ms.toFixed(2)} ms (${single.events} events)`);
    const r = await benchJournal({ dir: join(dir, 'concurrent'), events, appenders, segmentMaxBytes });
    console.log(`journal, ${r.appenders} concurrent appenders, fsync on, group commit: ${r.events} events durable in ${r.seconds.toFixed(2)} s`);
    console.log(`  ${r.eventsPerS.toFixed(0)} events/s durable, ${r.groupCommits} group commits (${(r.events / r.groupCommits).toFixed(1)} events per fsync)`);
    console.log(`  append -> durable p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms; ${r.segments} segment files of at most ${segmentMaxBytes} bytes`);
    console.log(JSON.stringify({ bench: 'journal', events_per_s: Math.round(r.eventsPerS), appenders: r.appenders, events: r.events, p99_ms: round(r.p99Ms) }));
  } finally {
    if (!values.dir) await rm(dir, { recursive: true, force: true });
  }
  return 0;
}

export async function benchJournal(opts: { dir: string; events: number; appenders: number; segmentMaxBytes: number }): Promise<JournalBenchResult> {
  const journal = new Journal({
    dir: opts.dir, deviceId: 'bench-journal', logger: new StreamLogger('warn'),
    maxUnackedEvents: Math.max(1_000_000, opts.events * 2), segmentMaxBytes: opts.segmentMaxBytes,
  });
  await journal.start();
  let groupCommits = 0;
  journal.onDurable(() => groupCommits++);
  const latencies = new Float64Array(opts.events);
  let issued = 0;
  const started = performance.now();
  const appender = async () => {
    while (issued < opts.events) {
      const i = issued++;
      const cardUid = (0x04000000 + (i % 100_000)).toString(16).toUpperCase() + '9000';
      const t0 = performance.now();
      const r = journal.append(i % 2 === 0
        ? { pointId: `shower-${i % 16}`, charge: { cardUid, accountId: 'A1', amountFen: 150 } }
        : { pointId: `door-${i % 16}`, access: { cardUid, granted: true, reason: 1, decisionLatencyUs: 80 } });
      if (!r.ok) throw new Error(`append refused: ${r.reason}: ${r.message}`);
      await r.durable;
      latencies[i] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: opts.appenders }, () => appender()));
  const seconds = (performance.now() - started) / 1000;
  await journal.stop();
  const segments = (await listSegments(opts.dir)).length;
  latencies.sort();
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { events: opts.events, appenders: opts.appenders, seconds, eventsPerS: opts.events / seconds, groupCommits, p50Ms: at(0.5), p99Ms: at(0.99), segments };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
