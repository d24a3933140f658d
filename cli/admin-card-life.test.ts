/**
 * `onecard admin` for card life and bulk import as the card office runs it against a real hub:
 * replace and cancel, the policy settings (finance), online top-ups, and `person import` of
 * registrar files: good rows, bad rows reported by row and column with nothing imported, --skip-bad,
 * --dry-run, progress lines on stderr, and a file of 10,500 rows sent in batches.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hub } from '../hub/hub.js';
import { checkLedger } from '../hub/ledger.js';
import { MemoryLogger } from '../lib/log.js';
import { api, operatorToken, startHub, tempDir } from '../test/helpers.js';
import { Progress } from './progress.js';

function onecard(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/onecard.js', ...args], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const HEADER = '学号,姓名,类型,院系,有效期至,手机\n';

describe('onecard admin: card life and people import', function () {
  this.timeout(180_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let cardOffice: string;
  const admin = (...args: string[]) => onecard(['admin', '--hub', hub.url, '--token', cardOffice, ...args]);
  const people = async () => (await hub.db.selectFrom('people').select('person_id').orderBy('person_id').execute()).map((p) => p.person_id);

  async function file(name: string, text: string): Promise<string> {
    const path = join(dir.path, name);
    await writeFile(path, text, 'utf8');
    return path;
  }

  beforeEach(async () => {
    dir = await tempDir();
    hub = await startHub(dir.path, new MemoryLogger());
    cardOffice = await operatorToken(hub, 'co-wang', ['card_office']);
  });
  afterEach(async () => {
    const ledger = await checkLedger(hub.db);
    await hub.stop();
    await dir.remove();
    assert.deepEqual(ledger, { sumFen: 0, mismatches: [] });
  });

  it('replaces a card for the fee, refuses at 5 yuan, cancels with a refund, tops up online; finance sets the policy', async () => {
    assert.equal((await admin('person', 'add', 'S1', '--name', '李华', '--type', 'student', '--org-unit', '计算机学院')).code, 0);
    assert.equal((await admin('card', 'add', '04A1B2C3', '--person', 'S1')).code, 0);
    const online = await admin('topup', 'person.S1', '--amount-fen', '500', '--reference', 'WX-0001', '--channel', 'online');
    assert.match(online.stdout, /online top-up WX-0001: created \(5\.00 yuan in\); account person\.S1 .*balance 5\.00 yuan/);
    const short = await admin('card', 'replace', '04A1B2C3', '04B1B2C3');
    assert.equal(short.code, 1);
    assert.match(short.stderr, /balance_short: the balance of person\.S1 is 5\.00 yuan, short of the 10\.00 yuan replacement fee/);
    await admin('topup', 'person.S1', '--amount-fen', '1500', '--reference', 'CASH-0001');
    const replaced = await admin('card', 'replace', '04A1B2C3', '04B1B2C3');
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.match(replaced.stdout, /card 04A1B2C3: replaced by 04B1B2C3 for S1; fee 10\.00 yuan taken \(transfer fee:replace:04A1B2C3\); account person\.S1 balance 10\.00 yuan; 04A1B2C3 is denied for ever/);
    const defective = await admin('card', 'replace', '04B1B2C3', '04C1B2C3', '--defective');
    assert.match(defective.stdout, /replaced by 04C1B2C3 for S1; no fee; account person\.S1 balance 10\.00 yuan/);

    const forbidden = await admin('settings', 'set', '--cancel-balance', 'write_off');
    assert.equal(forbidden.code, 1);
    assert.match(forbidden.stderr, /forbidden: .*finance/);
    const finance = await operatorToken(hub, 'fin-zhao', ['finance']);
    const set = await onecard(['admin', '--hub', hub.url, '--token', finance, 'settings', 'set', '--replacement-fee-fen', '1500']);
    assert.match(set.stdout, /replacement fee 15\.00 yuan \(free for a defective card\); on cancellation the balance is refunded in cash/);
    const badPolicy = await onecard(['admin', '--hub', hub.url, '--token', finance, 'settings', 'set', '--cancel-balance', 'keep']);
    assert.equal(badPolicy.code, 2);

    const cancelled = await admin('card', 'cancel', '04C1B2C3');
    assert.equal(cancelled.code, 0, cancelled.stderr);
    assert.match(cancelled.stdout, /person S1: cancelled; cards 04C1B2C3 denied for ever; 10\.00 yuan to hand back in cash \(transfer cancel:S1\); account person\.S1 closed/);
    const closed = await admin('topup', 'person.S1', '--amount-fen', '100', '--reference', 'CASH-0002');
    assert.equal(closed.code, 1);
    assert.match(closed.stderr, /account_closed: .*\(field accountId\)/);
  });

  it('imports a registrar file with Chinese headers and names, printing progress lines when not on a terminal', async () => {
    const path = await file('freshmen.csv', `\uFEFF${HEADER}2026010001,李华,新生,计算机学院,2030-07-01,13800138000\r\n2026010002,"王芳",学生,外国语学院,2030-07-01,\r\n2026010003,"欧阳, 娜娜",新生,,2030-07-01,\r\n`);
    const res = await admin('person', 'import', path);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout.trim(), 'imported 3 rows: 3 added, 0 updated, 0 unchanged');
    assert.deepEqual(res.stderr.trim().split('\n'), ['checking: 0/3 rows', 'checking: 3/3 rows', 'importing: 0/3 rows', 'importing: 3/3 rows']);
    assert.deepEqual(await people(), ['2026010001', '2026010002', '2026010003']);
    const name = await hub.db.selectFrom('people').select('name').where('person_id', '=', '2026010003').executeTakeFirstOrThrow();
    assert.equal(name.name, '欧阳, 娜娜');
    const again = await admin('person', 'import', path);
    assert.equal(again.stdout.trim(), 'imported 3 rows: 0 added, 0 updated, 3 unchanged');
  });

  it('reports bad rows by row and column and imports nothing; --skip-bad imports the good ones; --dry-run writes nothing', async () => {
    const path = await file('hr.csv', `${HEADER}E001,张伟,教工,信息中心,2028-08-31,\nE002,,staff,,2028-13-01,\nE003,刘洋,contractor,,,call me\nE001,张伟,教工,,,\nE004,陈静,staff,,,,extra\n`);
    const dry = await admin('person', 'import', path, '--dry-run');
    assert.equal(dry.code, 1);
    assert.deepEqual(dry.stdout.trim().split('\n'), [
      'row 3, column name: is required',
      'row 3, column valid_until: is not a day of the calendar (got "2028-13-01")',
      'row 4, column type: must be staff, student, freshman or temporary (or 教工, 学生, 新生, 临时) (got "contractor")',
      "row 4, column phone: must be digits, with an optional leading '+', spaces or '-' (got \"call me\")",
      'row 5, column person_id: E001 is on row 2 too: one row per person',
      'row 6: has 7 cells; there are 6 columns (person_id, name, type, org_unit, valid_until, phone)',
      'dry run: 5 rows: 1 to add, 0 to update, 0 unchanged, 4 bad; nothing written',
    ]);
    assert.deepEqual(await people(), []);
    const all = await admin('person', 'import', path);
    assert.equal(all.code, 1);
    assert.match(all.stdout, /\n5 rows: 4 bad, nothing imported \(fix the rows above, or --skip-bad to import the good ones\)\n$/);
    assert.doesNotMatch(all.stderr, /importing/, 'the import never started');
    assert.deepEqual(await people(), [], 'not even the good row');
    const skip = await admin('person', 'import', path, '--skip-bad', '--json');
    assert.equal(skip.code, 1, 'rows were refused');
    const report = JSON.parse(skip.stdout);
    assert.deepEqual([report.rows, report.added, report.bad, report.errors.length], [5, 1, 4, 6]);
    assert.deepEqual(await people(), ['E001']);
    const missing = await admin('person', 'import', join(dir.path, 'nope.csv'));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*nope\.csv/);
    const header = await admin('person', 'import', await file('bad-header.csv', 'person_id,name,kind\n'));
    assert.match(header.stderr, /bad-header\.csv: line 1: column 3 of the header, "kind", is not a column/);
  });

  it('imports 10,500 rows in batches under the API body limit', async () => {
    const lines = Array.from({ length: 10_500 }, (_, i) => `S${String(i).padStart(6, '0')},学生${i},student,计算机科学与技术学院,2030-07-01,138${String(i).padStart(8, '0')}`);
    const path = await file('registrar.csv', `${HEADER}${lines.join('\n')}\n`);
    const res = await admin('person', 'import', path, '--batch-size', '1000');
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout.trim(), 'imported 10500 rows: 10500 added, 0 updated, 0 unchanged');
    const steps = res.stderr.trim().split('\n').filter((l) => l.startsWith('importing'));
    assert.ok(steps.length > 11, `sent in batches: ${steps.length - 1}`);
    assert.equal(steps.at(-1), 'importing: 10500/10500 rows');
    const count = await hub.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 10_500);
    assert.equal((await api(hub, 'GET', '/api/accounts/person.S010499')).body.account.name, '学生10499');
  });

  it('draws one bar redrawn in place on a terminal, plain lines otherwise', () => {
    const written: string[] = [];
    const tty = new Progress({ isTTY: true, write: (t) => written.push(t) }, 'importing', 200);
    tty.update(50);
    tty.update(200);
    tty.finish();
    assert.deepEqual(written, [
      `\rimporting [${'#'.repeat(8)}${'.'.repeat(22)}] 50/200 rows 25%\x1b[K`,
      `\rimporting [${'#'.repeat(30)}] 200/200 rows 100%\x1b[K`,
      '\n',
    ]);
    const plain: string[] = [];
    const pipe = new Progress({ write: (t) => plain.push(t) }, 'checking', 200);
    pipe.update(50);
    pipe.finish();
    assert.deepEqual(plain, ['checking: 50/200 rows\n']);
  });
});
