/** The `onecard` command as a user runs it: a child process, its output and its exit code. */
import { strict as assert } from 'node:assert';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir, waitFor } from '../test/helpers.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function onecard(args: string[], timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/onecard.js', ...args], { timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('onecard command', function () {
  this.timeout(90_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  it('prints usage and exits 2 without a command or with an unknown one', async () => {
    const none = await onecard([]);
    assert.equal(none.code, 2);
    assert.match(none.stdout, /usage: onecard <command>/);
    const unknown = await onecard(['fly']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "fly"/);
    const badOption = await onecard(['hub', '--colour', 'red']);
    assert.equal(badOption.code, 2);
    assert.match(badOption.stderr, /colour/);
  });

  it('runs the demo: a lost card at two doors, a shower session charged once, a room cut at zero and restored by a top-up', async () => {
    const run = await onecard(['demo', '--no-wait', '--data', join(dir.path, 'demo'), '--listen', '127.0.0.1:0']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.split('\n');
    const verdicts = lines.filter((l) => /: (GRANTED|DENIED)/.test(l)).map((l) => l.trim().split(':')[0] + ' ' + (l.includes('GRANTED') ? 'granted' : 'denied'));
    assert.deepEqual(verdicts, ['dorm-7-north granted', 'dorm-7-north denied', 'dorm-7-south denied', 'dorm-7-south granted']);
    assert.equal(lines.filter((l) => /blacklist applied/.test(l)).length, 4, 'both controllers applied both blacklist changes');
    assert.equal(lines.filter((l) => /hub: event .* stored/.test(l)).length, 4);
    // The shower: valve opened after the durable session record, 12 L at 2.5 fen/L charged once, balance back at the device.
    assert.match(run.stdout, /session opened, its record fsynced, then the valve opened/);
    assert.match(run.stdout, /hub: charge dorm-7-north#\d+: ¥0\.30 for 12 L, posted once as transfer dorm-7-north:\d+/);
    assert.match(run.stdout, /balance ¥19\.70; dorm-7-north holds the same balance/);
    // The room: 250 Wh at 60 fen/kWh, a warning, a cut at zero, restored by the top-up.
    assert.match(run.stdout, /hub: charge dorm-7-north#\d+: ¥0\.15 for 250 Wh/);
    assert.match(run.stdout, /alarm low_balance/);
    assert.match(run.stdout, /supply cut by the meter's relay/);
    assert.match(run.stdout, /supply restored .* after the top-up/);
    // Running it again reuses the data directory: the same story, seqs continuing.
    const again = await onecard(['demo', '--no-wait', '--data', join(dir.path, 'demo'), '--listen', '127.0.0.1:0']);
    assert.equal(again.code, 0, again.stderr);
    const firstSeq = (out: string) => Number(/dorm-7-north: GRANTED.*journal seq (\d+)\)/.exec(out)?.[1]);
    assert.ok(firstSeq(again.stdout) > firstSeq(run.stdout), 'seqs continue across runs');
    assert.match(again.stdout, /balance ¥19\.70; dorm-7-north holds the same balance/);
    assert.match(again.stdout, /supply restored/);
  });

  it('benchmarks the tap path and ends with one JSON line', async () => {
    const run = await onecard(['bench', 'tap', '--samples', '300', '--cards', '1000', '--blacklist', '10']);
    assert.equal(run.code, 0, run.stderr);
    const last = JSON.parse(run.stdout.trim().split('\n').pop()!);
    assert.equal(last.bench, 'tap');
    assert.equal(last.samples, 300);
    assert.equal(typeof last.p50_ms, 'number');
    assert.ok(last.p99_ms >= last.p50_ms);
  });

  it('makes a device key once, readable by its owner only', async () => {
    const key = join(dir.path, 'keys', 'device.key');
    const run = await onecard(['controller', 'keygen', '--out', key]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout.trim(), /^[A-Za-z0-9+/]+=*$/);
    assert.equal((await stat(key)).mode & 0o777, 0o600);
    const again = await onecard(['controller', 'keygen', '--out', key]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /exists/);
  });

  it('explains a missing config file and a non-loopback hub address', async () => {
    const controller = await onecard(['controller', '--config', join(dir.path, 'nope.yaml')]);
    assert.equal(controller.code, 1);
    assert.match(controller.stderr, /nope\.yaml: invalid configuration:\n {2}- cannot read/);
    const hub = await onecard(['hub', '--db', `sqlite:${join(dir.path, 'hub.sqlite')}`, '--listen', '0.0.0.0:0']);
    assert.equal(hub.code, 1);
    assert.match(hub.stderr, /loopback only/);
  });

  it('runs a standalone hub and controller as the README shows, with taps read from stdin', async () => {
    const children: ChildProcess[] = [];
    const start = (args: string[]) => {
      const child = spawn(process.execPath, ['bin/onecard.js', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
      children.push(child);
      const out = { text: '' };
      child.stdout!.on('data', (d: Buffer) => (out.text += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (out.text += d.toString()));
      return { child, out };
    };
    try {
      await writeFile(join(dir.path, 'admin.password'), 'correct horse battery staple\n', { mode: 0o600 });
      const hub = start(['hub', '--db', `sqlite:${join(dir.path, 'hub.sqlite')}`, '--listen', '127.0.0.1:0', '--admin-password-file', join(dir.path, 'admin.password')]);
      await waitFor('hub listening', () => /API (http:\/\/[^/]+)\/api/.test(hub.out.text), 20_000);
      assert.match(hub.out.text, /created the first operator 'admin' \(role admin\) with the password from --admin-password-file/);
      const base = /API (http:\/\/[^/]+)\/api/.exec(hub.out.text)![1]!;
      const session = await fetch(`${base}/api/session`, { method: 'POST', body: JSON.stringify({ operatorId: 'admin', password: 'correct horse battery staple' }) });
      assert.equal(session.status, 201);
      const headers = { authorization: `Bearer ${((await session.json()) as { token: string }).token}` };
      const post = async (path: string, body: unknown) => (await fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) })).status;
      const key = await onecard(['controller', 'keygen', '--out', join(dir.path, 'door', 'device.key')]);
      assert.equal(await post('/api/devices', { deviceId: 'dorm-1', publicKey: key.stdout.trim() }), 201);
      assert.equal(await post('/api/people', { personId: 'P1', name: 'Li Hua', type: 'student' }), 201);
      assert.equal(await post('/api/cards', { uid: '04aabbccdd', personId: 'P1' }), 201);
      const config = join(dir.path, 'controller.yaml');
      await writeFile(config, [
        'configVersion: 1', 'deviceId: dorm-1', 'dataDir: ./door', 'keyFile: ./door/device.key',
        `hub: { url: "${base.replace('http', 'ws')}/v1/device" }`,
        'points:', '  - { kind: door, id: main-door, reader: { driver: emulated }, relay: { driver: emulated } }', '',
      ].join('\n'));
      const controller = start(['controller', '--config', config, '--stdin-taps']);
      await waitFor('controller has the cards dataset', () => /dataset_applied dataset=cards/.test(controller.out.text), 20_000);
      controller.child.stdin!.write('04AABBCCDD\n');
      await waitFor('granted', () => /main-door 04AABBCCDD: granted/.test(controller.out.text), 5000);
      controller.child.stdin!.write('main-door 0411223344\n');
      await waitFor('denied', () => /main-door 0411223344: denied \(denied_unknown_card\)/.test(controller.out.text), 5000);
      await waitFor('both events at the hub', async () => {
        const events = (await (await fetch(`${base}/api/events?deviceId=dorm-1`, { headers })).json()) as { events: unknown[] };
        return events.events.length === 2;
      }, 5000);
      controller.child.kill('SIGINT');
      await new Promise((r) => controller.child.once('exit', r));
      assert.equal(controller.child.exitCode, 0, controller.out.text);
    } finally {
      for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    }
  });
});
