/**
 * Crash test of the journal: a child process (journal-crash-child.ts) appends charges and access
 * events continuously and reports each seq once it is durable; it is killed with SIGKILL at KILLS
 * seeded random moments and restarted on the same directory each time, sometimes with a torn
 * record left at the end of its last segment as a power cut would. Then everything is read back,
 * and drained through a real hub, whose ledger must hold exactly one transfer per charge.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { listSegments, readJournalDir } from '../controller/journal/segments.js';
import { seededRandom } from '../controller/journal/fuzz.js';
import type { Hub } from '../hub/hub.js';
import { api, makeController, startHub, tempDir, waitFor, type TestController } from './helpers.js';

const KILLS = 50;
const SEED = 4242;
const DEVICE = 'crash-dev';
const APPENDERS = 4; // as in the child: at most this many events durable but not yet reported per run
const CHILD = fileURLToPath(new URL('./journal-crash-child.ts', import.meta.url));

interface Confirmed {
  kind: string;
  uid: string;
  amountFen: number;
}

/** Runs the child until `killAt` decides to kill it; returns what it confirmed. */
async function runChild(journalDir: string, run: number, killAt: { afterReadyMs: number } | { afterSpawnMs: number }): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, journalDir, DEVICE, String(run), '4096'], { stdio: ['pipe', 'pipe', 'pipe'] });
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
  if (buffered) lines.push(buffered); // a line cut by the kill is not a confirmation: see below
  return lines;
}

describe('journal crash test (child killed with SIGKILL, restarted on the same directory)', function () {
  this.timeout(180_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub | null = null;
  let controller: TestController | null = null;

  before(async () => {
    dir = await tempDir();
  });
  after(async () => {
    await controller?.controller.stop();
    await hub?.stop();
    await dir.remove();
  });

  const journalDir = () => join(dir.path, DEVICE, 'journal');
  const confirmed = new Map<number, Confirmed>();
  let tornInjected = 0;
  let injections = 0;

  it(`keeps every confirmed event, once, in order, chain intact, across ${KILLS} kills`, async () => {
    const random = seededRandom(SEED);
    for (let run = 1; run <= KILLS; run++) {
      // Most kills come at a random moment of steady appending; every fourth at a random moment
      // from spawn (module loading, the scan, the tail cut or the first writes), unless a torn tail
      // was just injected: that run lives until its journal_tail_truncated alarm is durable.
      const killAt = run % 4 === 0 && tornInjected === 0 ? { afterSpawnMs: Math.floor(random() * 1500) } : { afterReadyMs: Math.floor(random() * 200) };
      const lines = await runChild(journalDir(), run, killAt);
      for (const line of lines) {
        const m = /^ok (\d+) (charge|access) ([0-9A-F]{14}) (\d+)$/.exec(line);
        if (!m) continue;
        const seq = Number(m[1]);
        assert.ok(!confirmed.has(seq), `run ${run}: seq ${seq} confirmed a second time (a confirmed seq was reused)`);
        confirmed.set(seq, { kind: m[2]!, uid: m[3]!, amountFen: Number(m[4]) });
      }
      tornInjected = 0;
      if (run < KILLS && random() < 0.3) {
        // A power cut in the middle of a write: part of a record at the end of the last segment.
        const last = (await listSegments(journalDir())).at(-1);
        if (last) {
          const torn = Buffer.from([60, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef, 8, 1, 16].slice(0, 1 + Math.floor(random() * 11)));
          await appendFile(last.path, torn);
          tornInjected = 1;
          injections++;
        }
      }
    }
    assert.ok(confirmed.size > 100, `only ${confirmed.size} events confirmed in ${KILLS} runs`);

    const content = await readJournalDir(journalDir(), DEVICE);
    const seqs = content.events.map((e) => e.event.seq ?? 0);
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), 'seqs are contiguous from 1, each once');
    assert.deepEqual(content.chainBreaks, [], 'the hash chain verifies end to end');
    const bySeq = new Map(content.events.map((e) => [e.event.seq ?? 0, e.event]));
    for (const [seq, c] of confirmed) {
      const e = bySeq.get(seq);
      assert.ok(e, `confirmed seq ${seq} is missing`);
      const got = e.charge ? { kind: 'charge', uid: e.charge.cardUid, amountFen: e.charge.amountFen ?? 0 } : { kind: 'access', uid: e.access?.cardUid, amountFen: 0 };
      assert.deepEqual(got, c, `seq ${seq} holds what was confirmed`);
    }
    const unreported = content.events.filter((e) => !e.event.alarm && !confirmed.has(e.event.seq ?? 0)).length;
    assert.ok(unreported <= APPENDERS * KILLS, `${unreported} durable events were never reported (at most ${APPENDERS} per kill)`);
    const truncationAlarms = content.events.filter((e) => e.event.alarm?.kind === 'journal_tail_truncated').length;
    // After an injection the next run is killed only once ready, i.e. after its alarm was durable.
    assert.ok(injections > 0 && truncationAlarms >= injections, `${injections} torn tails injected, ${truncationAlarms} journal_tail_truncated alarms`);
  });

  it('drains through a real hub: the hub holds exactly the journal, every confirmed event once, chain intact, each charge posted once', async () => {
    hub = await startHub(dir.path);
    const person = await api(hub, 'POST', '/api/people', { personId: 'P-crash', name: 'Crash Test', type: 'student' });
    assert.equal(person.status, 201, JSON.stringify(person.body));
    controller = await makeController(hub, dir.path, DEVICE);
    await controller.controller.start();
    const journal = controller.controller.journal;
    await waitFor('hub acknowledged the whole journal', () => journal.ackedSeq >= journal.lastSeqWritten && journal.lastSeqWritten > 0, 30_000);
    const total = journal.lastSeqWritten;
    const held: { seq: number; kind: string; cardUid: string | null; chainOk: boolean | null; amountFen: number | null; transferId: string | null; heldReason: string | null }[] = [];
    for (let after = 0; ;) {
      const page = (await api(hub, 'GET', `/api/events?deviceId=${DEVICE}&afterSeq=${after}&limit=1000`)).body.events as typeof held;
      if (page.length === 0) break;
      held.push(...page);
      after = Math.max(...page.map((e) => e.seq));
    }
    held.sort((a, b) => a.seq - b.seq);
    assert.deepEqual(held.map((e) => e.seq), Array.from({ length: total }, (_, i) => i + 1), 'every seq once, none missing');
    assert.deepEqual(held.filter((e) => e.chainOk !== true).map((e) => e.seq), [], 'chain intact at the hub');
    for (const [seq, c] of confirmed) {
      const e = held[seq - 1]!;
      assert.deepEqual([e.kind, e.cardUid], [c.kind, c.uid], `hub seq ${seq}`);
    }
    const hubCharges = held.filter((e) => e.kind === 'charge').length;
    const confirmedCharges = [...confirmed.values()].filter((c) => c.kind === 'charge').length;
    assert.ok(hubCharges >= confirmedCharges && hubCharges - confirmedCharges <= APPENDERS * KILLS, `${hubCharges} charges at the hub, ${confirmedCharges} confirmed`);
    // The ledger: every charge the hub holds (so every confirmed one) is posted once, as transfer
    // <device>:<seq>, and the account's balance is exactly minus their sum: 0 lost, 0 duplicated.
    const charges = held.filter((e) => e.kind === 'charge');
    assert.deepEqual(charges.filter((e) => e.transferId !== `${DEVICE}:${e.seq}` || e.heldReason !== null).map((e) => e.seq), [], 'each charge posted as its own transfer');
    for (const [seq, c] of confirmed) if (c.kind === 'charge') assert.equal(held[seq - 1]!.transferId, `${DEVICE}:${seq}`, `confirmed charge ${seq} posted`);
    const account = await api(hub, 'GET', '/api/accounts/person.P-crash');
    const postedFen = charges.reduce((sum, e) => sum + (e.amountFen ?? 0), 0);
    assert.equal(account.body.account.balanceFen, -postedFen, 'the balance is minus the sum of the charges, each counted once');
  });
});
