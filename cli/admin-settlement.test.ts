/**
 * `onecard admin` for finance as it is run against a real hub (child processes): merchants added
 * and bound, March closed and its statement saved as CSV and as a printable page, a correction
 * refused to its raiser and refunded by a second operator, the reconciliation report with the
 * online channel's list imported from its file, and calendar jobs run and listed.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { adminToken, operatorToken, tempDir } from '../test/helpers.js';
import { Feed, holder, startCampus, type Campus } from '../test/settlement-kit.js';

function onecard(args: string[], token: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/onecard.js', ...args], { timeout: 30_000, env: { ...process.env, ONECARD_TOKEN: token } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('onecard admin: merchants, settlement, corrections, reconciliation, jobs', function () {
  this.timeout(120_000);
  let campus: Campus;
  let files: Awaited<ReturnType<typeof tempDir>>;
  let token: string;
  const admin = (...args: string[]) => onecard(['admin', '--hub', campus.hub.url, ...args], token);

  beforeEach(async () => {
    campus = await startCampus('sqlite', '2026-03-01 09:00');
    files = await tempDir();
    token = await adminToken(campus.hub);
  });
  afterEach(async () => {
    await campus.stop();
    await files.remove();
  });

  it('adds and binds merchants, closes March and saves its statement as CSV and as a page', async () => {
    const pos = await Feed.register(campus, 'canteen-pos-1');
    const added = await admin('merchant', 'add', 'canteen-1', '--name', '一食堂', '--kind', 'canteen', '--fee-bp', '150', '--surcharge-bp', '1000', '--settlement-account', 'ICBC 6222 0001');
    assert.equal(added.code, 0, added.stderr);
    assert.equal(added.stdout.trim(), 'merchant canteen-1 (一食堂, canteen): fee 1.50%, temporary-card surcharge 10.00%; no devices: added');
    const bound = await admin('merchant', 'bind', 'canteen-1', 'canteen-pos-1');
    assert.equal(bound.stdout.trim(), 'merchant canteen-1 (一食堂, canteen): fee 1.50%, temporary-card surcharge 10.00%; devices canteen-pos-1');
    const unknown = await admin('merchant', 'bind', 'canteen-1', 'pos-9');
    assert.deepEqual([unknown.code, unknown.stderr.trim()], [1, 'onecard admin: unknown_device: no device pos-9 is registered (register it first: onecard admin device add) (field deviceIds)']);
    const usage = await admin('merchant', 'add', 'bath-1', '--name', '浴室', '--kind', 'shower');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--fee-bp is required/);

    const s1 = await holder(campus.hub, 'S1', 'student', 10_000);
    campus.at('2026-03-05 12:00');
    await pos.send(pos.charge(s1, 1200), pos.charge(s1, 800));
    campus.at('2026-04-01 09:00');
    token = await operatorToken(campus.hub, 'qian', ['finance']);
    const early = await admin('settlement', 'close', '2026-04');
    assert.equal(early.code, 1);
    assert.match(early.stderr, /period_not_ended: period 2026-04 runs until 2026-04-30T16:00:00.000Z/);
    const closed = await admin('settlement', 'close', '2026-03');
    assert.equal(closed.code, 0, closed.stderr);
    assert.equal(closed.stdout.split('\n')[0], 'closed now');
    assert.match(closed.stdout, /\n {2}canteen-1: gross 20\.00 \(2 charges\), surcharges 0\.00, refunds 0\.00, fee 0\.30, payout 19\.70\n/);
    const csv = join(files.path, 'march.csv');
    const html = join(files.path, 'march.html');
    const saved = await admin('settlement', 'statement', '2026-03', 'canteen-1', '--csv', csv, '--html', html);
    assert.equal(saved.code, 0, saved.stderr);
    assert.equal(saved.stdout, `statement saved as CSV: ${csv}\nstatement saved as HTML: ${html}\n`);
    assert.match(await readFile(csv, 'utf8'), /\r\n2026-03-05 12:00:00,2026-03-05 12:00:00,canteen-pos-1,2,canteen-pos-1:2,charge,person\.S1,8\.00,800,\r\n$/);
    assert.match(await readFile(html, 'utf8'), /<title>部门结算报表 canteen-1 2026-03<\/title>/);
    const shown = await admin('settlement', 'statement', '2026-03', 'canteen-1');
    assert.match(shown.stdout, /^statement canteen-1 2026-03 \(closed\): gross 20\.00/);
  });

  it('refuses a correction approved by its raiser and refunds it approved by a second operator', async () => {
    await Feed.register(campus, 'canteen-pos-1').then(async (pos) => pos.send(pos.charge(await holder(campus.hub, 'S1', 'student', 5000), 1200)));
    const raised = await admin('correction', 'raise', 'canteen-pos-1:1', '--reason', 'charged twice', '--amount-fen', '1200');
    assert.equal(raised.code, 0, raised.stderr);
    assert.equal(raised.stdout.trim(), 'correction 1 open: 12.00 of canteen-pos-1:1 back to person.S1, raised by test-admin: charged twice: raised; another operator approves it');
    const self = await admin('correction', 'approve', '1');
    assert.deepEqual([self.code, self.stderr.trim()], [1, 'onecard admin: four_eyes_required: correction 1 was raised by test-admin: another operator must approve it (four eyes)']);
    token = await operatorToken(campus.hub, 'zhao', ['finance']);
    const approved = await admin('correction', 'approve', '1', '--note', 'till roll checked');
    assert.equal(approved.stdout.trim(), 'correction 1 approved by zhao (refund:1): 12.00 of canteen-pos-1:1 back to person.S1, raised by test-admin: charged twice: refunded');
    const list = await admin('correction', 'list', '--status', 'approved');
    assert.match(list.stdout, /^correction 1 approved by zhao/);
  });

  it("prints the reconciliation report with the channel's list imported from its file, and runs calendar jobs", async () => {
    const s1 = await holder(campus.hub, 'S1', 'student', 0);
    for (const [reference, amountFen] of [['ONL-1', 1000], ['ONL-2', 500]] as const) {
      const res = await fetch(`${campus.hub.url}/api/accounts/${s1}/topups`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ amountFen, reference, channel: 'online' }) });
      assert.equal(res.status, 201);
    }
    const list = join(files.path, 'online-2026-03-01.csv');
    await writeFile(list, '\uFEFF交易流水号,交易金额,交易时间\nONL-1,10.00,2026-03-01 09:00\n');
    const imported = await admin('reconcile', 'import-list', 'online', '2026-03-01', list);
    assert.equal(imported.stdout.trim(), 'online list of 2026-03-01: 1 rows (1 added, 0 updated, 0 unchanged)');
    const report = await admin('reconcile', '--date', '2026-03-01');
    assert.equal(report.code, 1, 'a report that needs a look exits 1');
    assert.match(report.stdout, /^reconciliation 2026-03-01: NEEDS A LOOK\n/);
    assert.match(report.stdout, /\n {2}top-ups online: 2 \(15\.00\); list 1 \(10\.00\): 1 matched, 0 missing at the hub, 1 unknown at the channel, 0 amounts differ\n/);
    const csv = join(files.path, 'rec.csv');
    const saved = await admin('reconcile', '--date', '2026-03-01', '--csv', csv);
    assert.equal(saved.code, 0, saved.stderr);
    assert.match(await readFile(csv, 'utf8'), /\r\nunknown_at_channel,online,ONL-2 person\.S1,1,500\r\n/);

    const run = await admin('jobs', 'run', 'temporary-expiring', '--at', '2026-03-01', '--days', '10');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), 'job temporary-expiring 2026-03-01: done (created)\n0 listed');
    const again = await admin('jobs', 'run', 'temporary-expiring', '--at', '2026-03-01');
    assert.match(again.stdout, /^job temporary-expiring 2026-03-01: done \(done before, nothing done again\)/);
    const people = join(files.path, 'graduates.txt');
    await writeFile(people, 'person_id\nS1\nNOBODY\n');
    const graduates = await admin('jobs', 'run', 'graduates', '--people', people);
    assert.match(graduates.stdout, /^job graduates list-[0-9a-f]{16}: done \(created\)\n1 cancelled \(15\.00 settled\), 0 closed before, 1 refused\n {2}S1 refund 15\.00\n {2}NOBODY: not_found: no person NOBODY\n$/);
    const runs = await admin('jobs', 'list');
    assert.match(runs.stdout, /^graduates list-[0-9a-f]{16}: done/m);
    assert.match(runs.stdout, /^temporary-expiring 2026-03-01: done/m);
  });
});
