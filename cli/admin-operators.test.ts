/**
 * Operators as a campus runs them from the command line: `onecard hub` makes the first admin with
 * a one-time password printed once; the admin logs in (`onecard admin login`, the token saved in a
 * file only its owner reads), sets their own password, adds a card-office operator, who looks a
 * card up with a reason; the audit log shows it all; logout ends the session.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir, waitFor } from '../test/helpers.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function onecard(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/onecard.js', ...args], { env: { ...process.env, ONECARD_TOKEN: '', ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(options.input ?? '');
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

describe('onecard hub and admin: operators, login, audit', function () {
  this.timeout(120_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hubProcess: ChildProcess | null = null;
  let hubOut = '';

  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    if (hubProcess && hubProcess.exitCode === null) {
      hubProcess.kill('SIGINT');
      await new Promise((r) => hubProcess!.once('exit', r));
    }
    hubProcess = null;
    await dir.remove();
  });

  async function startHub(extra: string[] = []): Promise<string> {
    hubOut = '';
    hubProcess = spawn(process.execPath, ['bin/onecard.js', 'hub', '--db', `sqlite:${join(dir.path, 'hub.sqlite')}`, '--listen', '127.0.0.1:0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    hubProcess.stdout!.on('data', (d: Buffer) => (hubOut += d.toString()));
    hubProcess.stderr!.on('data', (d: Buffer) => (hubOut += d.toString()));
    await waitFor('hub listening', () => /API (http:\/\/[^/]+)\/api/.test(hubOut), 20_000);
    return /API (http:\/\/[^/]+)\/api/.exec(hubOut)![1]!;
  }

  async function stopHub(): Promise<void> {
    hubProcess!.kill('SIGINT');
    await new Promise((r) => hubProcess!.once('exit', r));
  }

  it('bootstraps the first admin with a one-time password, then runs operators, reasons and the audit log through the CLI', async () => {
    const hub = await startHub();
    const oneTime = /created the first operator 'admin' \(role admin\) with the one-time password (\S+)/.exec(hubOut)?.[1];
    assert.ok(oneTime, hubOut);
    const adminFile = join(dir.path, 'config', 'admin-token');
    const admin = (args: string[], input?: string) => onecard(['admin', '--hub', hub, ...args], { env: { ONECARD_TOKEN_FILE: adminFile }, ...(input !== undefined ? { input } : {}) });

    const none = await admin(['device', 'list']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /unauthenticated: no token/);
    assert.match(none.stderr, /log in first: onecard admin --hub \S+ login --operator OPERATOR_ID/);

    const wrong = await admin(['login', '--operator', 'admin'], 'not-the-password\n');
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /login_failed: wrong operator id or password/);
    const login = await admin(['login', '--operator', 'admin'], `${oneTime}\n`);
    assert.equal(login.code, 0, login.stderr);
    assert.match(login.stdout, new RegExp(`logged in to ${hub.replace(/[.]/g, '\\.')} as admin \\(admin\\) until \\S+; token saved in ${adminFile}`));
    assert.match(login.stdout, /set your own password now: onecard admin operator password admin/);
    assert.equal((await stat(adminFile)).mode & 0o777, 0o600, 'the token file is its owner\'s only');
    assert.equal((await stat(join(dir.path, 'config'))).mode & 0o777, 0o700);
    const saved = JSON.parse(await readFile(adminFile, 'utf8'));
    assert.match(saved.sessions[hub].token, /^oc1_/);

    const blocked = await admin(['device', 'list']);
    assert.match(blocked.stderr, /password_change_required/);
    const changed = await admin(['operator', 'password', 'admin'], `${oneTime}\nmy-own-admin-password\n`);
    assert.equal(changed.code, 0, changed.stderr);
    assert.match(changed.stdout, /operator admin: password changed/);
    assert.match((await admin(['whoami'])).stdout, /^admin\s+first administrator: admin; enabled; session until /);

    const add = await admin(['operator', 'add', 'wang', '--name', 'Wang Li', '--role', 'card_office']);
    assert.equal(add.code, 0, add.stderr);
    const wangFirst = /one-time password \(shown once; give it to wang in person\): (\S+)/.exec(add.stdout)?.[1];
    assert.ok(wangFirst, add.stdout);
    assert.match((await admin(['operator', 'list'])).stdout, /wang\s+Wang Li: card_office; enabled; must set a password/);
    const badRole = await admin(['operator', 'add', 'x1', '--name', 'X', '--role', 'janitor']);
    assert.match(badRole.stderr, /invalid_body: .*\(field roles\.0\)/);

    // Wang logs in with a file of their own, sets a password from files, and works at the window.
    const wangFile = join(dir.path, 'wang-token');
    const wang = (args: string[], input?: string) => onecard(['admin', '--hub', hub, ...args], { env: { ONECARD_TOKEN_FILE: wangFile }, ...(input !== undefined ? { input } : {}) });
    await writeFile(join(dir.path, 'first'), `${wangFirst}\n`);
    await writeFile(join(dir.path, 'new'), 'wang-window-password\n');
    assert.equal((await wang(['login', '--operator', 'wang', '--password-file', join(dir.path, 'first')])).code, 0);
    const set = await wang(['operator', 'password', 'wang', '--current-password-file', join(dir.path, 'first'), '--password-file', join(dir.path, 'new')]);
    assert.equal(set.code, 0, set.stderr);
    assert.equal((await wang(['person', 'add', 'S1', '--name', 'Li Hua', '--type', 'student'])).code, 0);
    assert.equal((await wang(['card', 'add', '04A1B2C3', '--person', 'S1'])).code, 0);
    const noReason = await wang(['card', 'show', '04A1B2C3']);
    assert.equal(noReason.code, 1);
    assert.match(noReason.stderr, /reason_required: .*--reason TEXT/);
    const shown = await wang(['--reason', '补卡前核对身份', 'card', 'show', '04A1B2C3']);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /card 04A1B2C3: active, holder S1/);
    const forbidden = await wang(['audit']);
    assert.match(forbidden.stderr, /forbidden: GET \/api\/audit needs the role auditor or admin \(you have: card_office\)/);

    const log = await admin(['audit', '--operator', 'wang']);
    assert.equal(log.code, 0, log.stderr);
    assert.match(log.stdout, /wang from 127\.0\.0\.1 card\.view GET \/api\/cards\/04A1B2C3 -> 200 ok card 04A1B2C3 reason "补卡前核对身份"/);
    assert.match(log.stdout, /wang from 127\.0\.0\.1 card\.issue POST \/api\/cards -> 201 ok card 04A1B2C3 \{"before":null,"after":\{/);
    assert.match(log.stdout, /wang from 127\.0\.0\.1 session\.login POST \/api\/session -> 201 ok/);
    assert.match(log.stdout, /wang from 127\.0\.0\.1 audit\.list GET \/api\/audit -> 403 forbidden/);
    const logins = await admin(['audit', '--action', 'session.', '--limit', '2', '--json']);
    assert.equal(JSON.parse(logins.stdout).entries.length, 2);

    // A token given explicitly works in place of the file; logout revokes the saved one.
    const token = JSON.parse(await readFile(wangFile, 'utf8')).sessions[hub].token;
    assert.equal((await onecard(['admin', '--hub', hub, '--token', token, 'whoami'], { env: { ONECARD_TOKEN_FILE: join(dir.path, 'none') } })).code, 0);
    assert.equal((await onecard(['admin', '--hub', hub, 'whoami'], { env: { ONECARD_TOKEN_FILE: join(dir.path, 'none'), ONECARD_TOKEN: token } })).code, 0);
    const out = await wang(['logout']);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /logged out of \S+; token forgotten/);
    assert.deepEqual(JSON.parse(await readFile(wangFile, 'utf8')).sessions, {});
    const revoked = await onecard(['admin', '--hub', hub, '--token', token, 'whoami']);
    assert.match(revoked.stderr, /unauthenticated: the token has expired or was revoked/);

    const disable = await admin(['operator', 'disable', 'wang']);
    assert.match(disable.stdout, /wang\s+Wang Li: card_office; disabled/);
    assert.match((await wang(['login', '--operator', 'wang', '--password-file', join(dir.path, 'new')])).stderr, /login_failed/);

    // The one-time password is printed once: not at the next start.
    await stopHub();
    await startHub();
    assert.doesNotMatch(hubOut, /one-time password/);
  });

  it('takes the first admin password from a file, and refuses a weak one', async () => {
    await writeFile(join(dir.path, 'weak'), 'short\n');
    const weak = await onecard(['hub', '--db', `sqlite:${join(dir.path, 'hub.sqlite')}`, '--listen', '127.0.0.1:0', '--admin-password-file', join(dir.path, 'weak')]);
    assert.equal(weak.code, 2);
    assert.match(weak.stderr, /--admin-password-file \S+weak: the password on its first line must be at least 10 characters/);
    await writeFile(join(dir.path, 'pw'), 'a long admin password\n', { mode: 0o600 });
    const hub = await startHub(['--admin-password-file', join(dir.path, 'pw')]);
    assert.match(hubOut, /created the first operator 'admin' \(role admin\) with the password from --admin-password-file/);
    const login = await onecard(['admin', '--hub', hub, 'login', '--operator', 'admin', '--password-file', join(dir.path, 'pw')], { env: { ONECARD_TOKEN_FILE: join(dir.path, 't') } });
    assert.equal(login.code, 0, login.stderr);
    assert.doesNotMatch(login.stdout, /set your own password/);
  });
});
