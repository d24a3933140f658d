/**
 * The crash harness behind the journal crash test (test/journal-crash.test.ts) and
 * `onecard bench crash`: a child process (cli/crash-child.ts) appends charges and access events
 * continuously and reports each seq once it is durable; it is killed with SIGKILL at seeded random
 * moments and restarted on the same directory each time, sometimes with a torn record left at the
 * end of its last segment as a power cut would. Then the journal is read back and checked against
 * what was confirmed, and drained through a real hub whose ledger must hold each charge once.
 */
import { spawn } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { listSegments, readJournalDir } from '../controller/journal/segments.js';
import { seededRandom } from '../controller/journal/fuzz.js';

/** As in the child: at most this many events durable but not yet reported per run. */
export const CRASH_APPENDERS = 4;
/** The account the child charges (its person is created at the hub before the drain). */
export const CRASH_PERSON_ID = 'P-crash';
export const CRASH_ACCOUNT = `person.${CRASH_PERSON_ID}`;
const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

export interface Confirmed {
  kind: string;
  uid: string;
  amountFen: number;
}

export interface CrashRunOptions {
  journalDir: string;
  deviceId: string;
  kills: number;
  seed: number;
  segmentMaxBytes?: number;
  /** Told after each run (progress). */
  onRun?: (run: number, confirmed: number) => void;
}

export interface CrashRunResult {
  /** Every seq the child reported durable, with what it held. */
  confirmed: Map<number, Confirmed>;
  /** Torn tails written at the end of the last segment between runs. */
  injections: number;
  /** A seq confirmed twice (a reused seq): the first such, or null. */
  reconfirmed: number | null;
}

/** Runs the child until `killAt` decides to kill it; returns the lines it printed. */
async function runChild(journalDir: string, deviceId: string, run: number, segmentMaxBytes: number, killAt: { afterReadyMs: number } | { afterSpawnMs: number }): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, journalDir, deviceId, String(run), String(segmentMaxBytes)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buffered = '';
  let stderr = '';
  let timer: NodeJS.Timeout | null = null;
  const kill = () => child.kill('SIGKILL');
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    buffered += d.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      if (line.startsWith('ready') && 'afterReadyMs' in killAt) timer = setTimeout(kill, killAt.afterReadyMs);
    }
  });
  if ('afterSpawnMs' in killAt) timer = setTimeout(kill, killAt.afterSpawnMs);
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  if (timer) clearTimeout(timer);
  await new Promise<void>((resolve) => (child.stdout.readableEnded ? resolve() : child.stdout.once('end', () => resolve())));
  if (exit.signal !== 'SIGKILL') throw new Error(`run ${run}: child exited by itself (${exit.code}): ${stderr}`);
  // A line cut by the kill is not a confirmation: it is dropped with the partial buffer.
  return lines;
}

/** Kills and restarts the child `kills` times; returns what it confirmed. */
export async function crashAndRestart(options: CrashRunOptions): Promise<CrashRunResult> {
  const { journalDir, deviceId, kills } = options;
  const random = seededRandom(options.seed);
  const confirmed = new Map<number, Confirmed>();
  let reconfirmed: number | null = null;
  let tornInjected = false;
  let injections = 0;
  for (let run = 1; run <= kills; run++) {
    // Most kills come at a random moment of steady appending; every fourth at a random moment
    // from spawn (module loading, the scan, the tail cut or the first writes), unless a torn tail
    // was just injected: that run lives until its journal_tail_truncated alarm is durable.
    const killAt = run % 4 === 0 && !tornInjected ? { afterSpawnMs: Math.floor(random() * 1500) } : { afterReadyMs: Math.floor(random() * 200) };
    const lines = await runChild(journalDir, deviceId, run, options.segmentMaxBytes ?? 4096, killAt);
    for (const line of lines) {
      const m = /^ok (\d+) (charge|access) ([0-9A-F]{14}) (\d+)$/.exec(line);
      if (!m) continue;
      const seq = Number(m[1]);
      if (confirmed.has(seq)) reconfirmed ??= seq;
      confirmed.set(seq, { kind: m[2]!, uid: m[3]!, amountFen: Number(m[4]) });
    }
    tornInjected = false;
    if (run < kills && random() < 0.3) {
      // A power cut in the middle of a write: part of a record at the end of the last segment.
      const last = (await listSegments(journalDir)).at(-1);
      if (last) {
        await appendFile(last.path, Buffer.from([60, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef, 8, 1, 16].slice(0, 1 + Math.floor(random() * 11))));
        tornInjected = true;
        injections++;
      }
    }
    options.onRun?.(run, confirmed.size);
  }
  return { confirmed, injections, reconfirmed };
}

export interface JournalVerdict {
  events: number;
  /** Seqs 1..n each once. */
  contiguous: boolean;
  chainBreaks: number;
  /** Confirmed seqs not in the journal. */
  missing: number[];
  /** Confirmed seqs holding something else than what was confirmed. */
  mismatched: number[];
  /** Durable events (not alarms) that were never reported (cut before their line was written). */
  unreported: number;
  truncationAlarms: number;
}

/** Reads the journal back and compares it with what the child confirmed. */
export async function verifyJournal(journalDir: string, deviceId: string, confirmed: ReadonlyMap<number, Confirmed>): Promise<JournalVerdict> {
  const content = await readJournalDir(journalDir, deviceId);
  const seqs = content.events.map((e) => e.event.seq ?? 0);
  const bySeq = new Map(content.events.map((e) => [e.event.seq ?? 0, e.event]));
  const missing: number[] = [];
  const mismatched: number[] = [];
  for (const [seq, c] of confirmed) {
    const e = bySeq.get(seq);
    if (!e) {
      missing.push(seq);
      continue;
    }
    const got = e.charge ? { kind: 'charge', uid: e.charge.cardUid, amountFen: Number(e.charge.amountFen ?? 0) } : { kind: 'access', uid: e.access?.cardUid, amountFen: 0 };
    if (got.kind !== c.kind || got.uid !== c.uid || got.amountFen !== c.amountFen) mismatched.push(seq);
  }
  return {
    events: seqs.length,
    contiguous: seqs.every((s, i) => s === i + 1),
    chainBreaks: content.chainBreaks.length,
    missing,
    mismatched,
    unreported: content.events.filter((e) => !e.event.alarm && !confirmed.has(e.event.seq ?? 0)).length,
    truncationAlarms: content.events.filter((e) => e.event.alarm?.kind === 'journal_tail_truncated').length,
  };
}

export interface HubEvent {
  seq: number;
  kind: string;
  cardUid: string | null;
  chainOk: boolean | null;
  amountFen: number | null;
  transferId: string | null;
  heldReason: string | null;
}

export interface LedgerVerdict {
  /** Seqs 1..total each once at the hub. */
  complete: boolean;
  chainBreaks: number;
  /** Confirmed events the hub holds as something else, or not at all. */
  wrong: number[];
  charges: number;
  /** Charges not posted as their own transfer <device>:<seq> (lost to the ledger, or held). */
  unposted: number[];
  /** The account's balance at the hub and minus the sum of the charges it holds (equal: none twice). */
  balanceFen: number;
  expectedBalanceFen: number;
}

/** Checks what the hub holds of a drained device against the journal's total and the confirmations. */
export function verifyHub(deviceId: string, total: number, held: readonly HubEvent[], confirmed: ReadonlyMap<number, Confirmed>, balanceFen: number): LedgerVerdict {
  const sorted = [...held].sort((a, b) => a.seq - b.seq);
  const wrong: number[] = [];
  for (const [seq, c] of confirmed) {
    const e = sorted[seq - 1];
    if (!e || e.seq !== seq || e.kind !== c.kind || e.cardUid !== c.uid) wrong.push(seq);
  }
  const charges = sorted.filter((e) => e.kind === 'charge');
  return {
    complete: sorted.length === total && sorted.every((e, i) => e.seq === i + 1),
    chainBreaks: sorted.filter((e) => e.chainOk !== true).length,
    wrong,
    charges: charges.length,
    unposted: charges.filter((e) => e.transferId !== `${deviceId}:${e.seq}` || e.heldReason !== null).map((e) => e.seq),
    balanceFen,
    expectedBalanceFen: -charges.reduce((sum, e) => sum + (e.amountFen ?? 0), 0),
  };
}
