/**
 * Crash test of the shower point: a child process (shower-crash-child.ts) showers in a loop on a
 * real journal and state file and is killed with SIGKILL at KILLS seeded random moments (mid-open,
 * mid-session, mid-close), then started again on the same directory each time. Whatever the moment:
 * no session is charged twice, every session whose valve opened is charged exactly once, and what
 * the child saw charged is what the journal holds.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../journal/fuzz.js';
import { tempDir } from '../../test/helpers.js';
import { makeRig, sessionEvents } from './shower-test-rig.js';

const KILLS = 12;
const SEED = 515;
const CHILD = fileURLToPath(new URL('./shower-crash-child.ts', import.meta.url));

async function runChild(dir: string, seed: number, killAfterReadyMs: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buffered = '';
  let stderr = '';
  let timer: NodeJS.Timeout | null = null;
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    buffered += d.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      if (line === 'ready') timer = setTimeout(() => child.kill('SIGKILL'), killAfterReadyMs);
    }
  });
  const exit = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  if (timer) clearTimeout(timer);
  if (exit !== 'SIGKILL') throw new Error(`child exited by itself: ${stderr}`);
  return lines; // a line cut by the kill is not counted
}

describe('shower crash test (child killed with SIGKILL, restarted on the same directory)', function () {
  this.timeout(120_000);

  it('never charges a session twice and charges every session whose valve opened', async () => {
    const dir = await tempDir('onecard-shower-crash-');
    try {
      const random = seededRandom(SEED);
      const opened = new Set<string>();
      const seenCharged = new Map<string, number>();
      for (let run = 0; run < KILLS; run++) {
        for (const line of await runChild(dir.path, SEED + run, 20 + Math.floor(random() * 250))) {
          const [what, sessionId, fen] = line.split(' ');
          if (what === 'open') opened.add(sessionId!);
          if (what === 'closed') seenCharged.set(sessionId!, Number(fen));
        }
      }
      const rig = await makeRig(dir.path, { balanceFen: 100_000_000, dailyLimitFen: 100_000_000 });
      try {
        const events = sessionEvents(await rig.events());
        const chargesBySession = new Map<string, number[]>();
        for (const e of events.filter((x) => x.kind === 'charge')) chargesBySession.set(String(e.sessionId), [...(chargesBySession.get(String(e.sessionId)) ?? []), Number(e.amountFen)]);
        const openedInJournal = new Set(events.filter((e) => e.kind === 'session' && e.phase === 1).map((e) => String(e.sessionId)));
        assert.ok(opened.size > KILLS, `${opened.size} sessions opened`);
        for (const [sessionId, amounts] of chargesBySession) assert.equal(amounts.length, 1, `${sessionId} charged ${amounts.join(' + ')}`);
        for (const sessionId of opened) assert.equal(chargesBySession.get(sessionId)?.length, 1, `${sessionId} opened the valve and was charged once`);
        for (const [sessionId, fen] of seenCharged) assert.deepEqual(chargesBySession.get(sessionId), [fen]);
        const unopened = [...openedInJournal].filter((id) => !chargesBySession.has(id));
        assert.ok(unopened.every((id) => !opened.has(id)), 'a session left without a charge never opened the valve');
        const restartCharges = events.filter((e) => e.kind === 'session' && e.phase === 3 && e.end === 6).length;
        assert.ok(restartCharges > 0, 'some kills landed mid-session');
        const total = [...chargesBySession.values()].reduce((sum, [fen]) => sum + fen!, 0);
        assert.equal(rig.wallet.balance('acc-1'), 100_000_000 - total);
      } finally {
        await rig.close();
      }
    } finally {
      await dir.remove();
    }
  });
});
