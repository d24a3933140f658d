/**
 * Crash test of the journal (cli/crash-harness.ts): a child process appends charges and access
 * events continuously and reports each seq once it is durable; it is killed with SIGKILL at KILLS
 * seeded random moments and restarted on the same directory each time, sometimes with a torn
 * record left at the end of its last segment as a power cut would. Then everything is read back,
 * and drained through a real hub, whose ledger must hold exactly one transfer per charge.
 * `onecard bench crash` runs the same with more kills.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Hub } from '../hub/hub.js';
import { CRASH_APPENDERS, CRASH_ACCOUNT, CRASH_PERSON_ID, crashAndRestart, verifyHub, verifyJournal, type Confirmed, type HubEvent } from '../cli/crash-harness.js';
import { api, makeController, startHub, tempDir, waitFor, type TestController } from './helpers.js';

const KILLS = 50;
const SEED = 4242;
const DEVICE = 'crash-dev';

describe('journal crash test (child killed with SIGKILL, restarted on the same directory)', function () {
  this.timeout(180_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub | null = null;
  let controller: TestController | null = null;
  let confirmed = new Map<number, Confirmed>();

  before(async () => {
    dir = await tempDir();
  });
  after(async () => {
    await controller?.controller.stop();
    await hub?.stop();
    await dir.remove();
  });

  const journalDir = () => join(dir.path, DEVICE, 'journal');

  it(`keeps every confirmed event, once, in order, chain intact, across ${KILLS} kills`, async () => {
    const run = await crashAndRestart({ journalDir: journalDir(), deviceId: DEVICE, kills: KILLS, seed: SEED });
    confirmed = run.confirmed;
    assert.equal(run.reconfirmed, null, 'no confirmed seq was reused');
    assert.ok(confirmed.size > 100, `only ${confirmed.size} events confirmed in ${KILLS} runs`);
    const v = await verifyJournal(journalDir(), DEVICE, confirmed);
    assert.equal(v.contiguous, true, 'seqs are contiguous from 1, each once');
    assert.equal(v.chainBreaks, 0, 'the hash chain verifies end to end');
    assert.deepEqual([v.missing, v.mismatched], [[], []], 'every confirmed seq holds what was confirmed');
    assert.ok(v.unreported <= CRASH_APPENDERS * KILLS, `${v.unreported} durable events were never reported (at most ${CRASH_APPENDERS} per kill)`);
    // After an injection the next run is killed only once ready, i.e. after its alarm was durable.
    assert.ok(run.injections > 0 && v.truncationAlarms >= run.injections, `${run.injections} torn tails injected, ${v.truncationAlarms} journal_tail_truncated alarms`);
  });

  it('drains through a real hub: the hub holds exactly the journal, every confirmed event once, chain intact, each charge posted once', async () => {
    hub = await startHub(dir.path);
    const person = await api(hub, 'POST', '/api/people', { personId: CRASH_PERSON_ID, name: 'Crash Test', type: 'student' });
    assert.equal(person.status, 201, JSON.stringify(person.body));
    controller = await makeController(hub, dir.path, DEVICE);
    await controller.controller.start();
    const journal = controller.controller.journal;
    await waitFor('hub acknowledged the whole journal', () => journal.ackedSeq >= journal.lastSeqWritten && journal.lastSeqWritten > 0, 30_000);
    const held: HubEvent[] = [];
    for (let after = 0; ;) {
      const page = (await api(hub, 'GET', `/api/events?deviceId=${DEVICE}&afterSeq=${after}&limit=1000`)).body.events as HubEvent[];
      if (page.length === 0) break;
      held.push(...page);
      after = Math.max(...page.map((e) => e.seq));
    }
    const account = await api(hub, 'GET', `/api/accounts/${CRASH_ACCOUNT}`);
    const v = verifyHub(DEVICE, journal.lastSeqWritten, held, confirmed, account.body.account.balanceFen);
    assert.equal(v.complete, true, 'every seq once, none missing');
    assert.equal(v.chainBreaks, 0, 'chain intact at the hub');
    assert.deepEqual(v.wrong, [], 'every confirmed event at the hub as confirmed');
    const confirmedCharges = [...confirmed.values()].filter((c) => c.kind === 'charge').length;
    assert.ok(v.charges >= confirmedCharges && v.charges - confirmedCharges <= CRASH_APPENDERS * KILLS, `${v.charges} charges at the hub, ${confirmedCharges} confirmed`);
    // The ledger: every charge posted once as transfer <device>:<seq>; the balance is minus their sum.
    assert.deepEqual(v.unposted, [], 'each charge posted as its own transfer');
    assert.equal(v.balanceFen, v.expectedBalanceFen, 'the balance is minus the sum of the charges, each counted once');
  });
});
