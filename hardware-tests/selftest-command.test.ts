/**
 * `onecard selftest` as a technician runs it: a child process, its lines or its JSON, its exit
 * status and its commissioning report. The example config passes every step (the hub steps and
 * the card taps are skipped, with their reasons: no hub runs beside it, no terminal).
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tempDir } from '../test/helpers.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function onecard(args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, ['bin/onecard.js', ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('onecard selftest', function () {
  this.timeout(90_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  it('passes every step of examples/controller.emulated.yaml, its JSON listing each step with status pass, fail or skip', async () => {
    const run = await onecard(['selftest', '--config', 'examples/controller.emulated.yaml', '--json']);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    const report = JSON.parse(run.stdout);
    assert.equal(report.ok, true);
    assert.equal(report.deviceId, 'dorm-7-north');
    for (const step of report.steps) {
      assert.ok(['pass', 'skip'].includes(step.status), `${step.component} ${step.step}: ${step.status} ${step.detail}`);
      for (const field of ['component', 'category', 'figure', 'detail', 'code', 'cause', 'remedy', 'step', 'suite']) assert.equal(typeof step[field], 'string', `${field} of ${step.component}`);
      assert.equal(step.code, '', `${step.component} ${step.step}: no diagnosis code on a ${step.status}`);
    }
    const status = (component: string, step: string) => report.steps.find((s: any) => s.component === component && s.step === step)?.status;
    for (const [component, step] of [['main-door/reader', 'present'], ['main-door/relay', 'pulse'], ['main-door/relay', 'feedback'], ['shower-1/valve', 'open'], ['shower-1/flow', 'flow'], ['shower-1/valve', 'close'], ['room-701/meter', 'read'], ['room-701/meter', 'plausible'], ['journal', 'fsync'], ['journal', 'space'], ['clock', 'plausible'], ['clock', 'steady']]) {
      assert.equal(status(component!, step!), 'pass', `${component} ${step}`);
    }
    // Skipped, with the reason: the card taps (no terminal), and the hub steps and clock offset
    // when no hub runs at the example's hub.url (selfTest.hub: skip-when-unreachable).
    const skipped = report.steps.filter((s: any) => s.status === 'skip');
    const reasons: Record<string, RegExp> = {
      'main-door/reader card': /no terminal/,
      'shower-1/reader card': /no terminal/,
      'hub reach': /hub not reachable at ws:\/\/127\.0\.0\.1:8780\/v1\/device .*selfTest\.hub is skip-when-unreachable/,
      'hub key': /the hub is not reachable/,
      'clock offset': /hub time unknown/,
    };
    for (const s of skipped) assert.match(s.detail, reasons[`${s.component} ${s.step}`] ?? /^never$/, `${s.component} ${s.step} skipped: ${s.detail}`);
    assert.deepEqual(report.counts, { pass: report.steps.length - skipped.length, fail: 0, skip: skipped.length });
  });

  it('prints a line per step and fails (exit 1) naming the fault of an emulator the config breaks; writes the commissioning report', async () => {
    const example = await readFile('examples/controller.emulated.yaml', 'utf8');
    const broken = example
      .replace(/dataDir: .*/, `dataDir: ${join(dir.path, 'data')}`)
      .replace(/keyFile: .*/, `keyFile: ${join(dir.path, 'device.key')}`)
      .replace(/^ {4}relay: \{ driver: emulated \}/m, '    relay: { driver: emulated, fault: stuck-open }')
      .replace('meter: { driver: emulated,', 'meter: { driver: emulated, fault: silent,');
    assert.notEqual(broken, example);
    const config = join(dir.path, 'broken.yaml');
    await writeFile(config, broken);
    const html = join(dir.path, 'commissioning.html');
    const run = await onecard(['selftest', '--config', config, '--only', 'relay,meter', '--report', html, '--technician', 'Li Lei']);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.split('\n');
    assert.ok(lines.some((l) => /^PASS {2}main-door\/relay pulse +pulse \d+ ms, driven in [\d.]+ ms$/.test(l)), run.stdout);
    assert.ok(lines.some((l) => /^FAIL {2}main-door\/relay feedback +contacts still open 500 ms after energising$/.test(l)), run.stdout);
    assert.ok(lines.some((l) => /^FAIL {2}room-701\/meter read +timeout after/.test(l)), run.stdout);
    assert.ok(lines.includes('      repair category: door') && lines.includes('      repair category: electricity meter'), run.stdout);
    assert.match(lines.find((l) => l.includes('steps:'))!, /^4 steps: 1 pass, 2 fail, 1 skip in [\d.]+ s: FAULTS FOUND$/);
    const page = await readFile(html, 'utf8');
    assert.match(page, /<h1>onecard commissioning report: dorm-7-north<\/h1>/);
    assert.match(page, /<tr class="fail"><td class="status">FAIL<\/td><td>main-door\/relay<\/td><td>feedback<\/td>/);
    assert.match(page, /<th>Technician<\/th><td>Li Lei<\/td>/);
    const record = JSON.parse(await readFile(join(dir.path, 'commissioning.json'), 'utf8'));
    assert.deepEqual(record.steps.filter((s: any) => s.status === 'fail').map((s: any) => [s.component, s.category, s.code]), [['main-door/relay', 'door', 'relay_no_feedback'], ['room-701/meter', 'electricity_meter', 'meter_silent']]);
    assert.equal(record.configFile, config);
  });

  it('refuses an unknown suite and a report that is not .html (exit 2)', async () => {
    const example = resolve('examples/controller.emulated.yaml');
    const bad = await onecard(['selftest', '--config', example, '--only', 'reader,kettle']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--only: unknown suite "kettle" \(have: reader, relay, valve, meter, journal, hub, clock\)/);
    const report = await onecard(['selftest', '--config', example, '--report', 'out.pdf']);
    assert.equal(report.code, 2);
    assert.match(report.stderr, /--report must name an \.html file/);
  });
});
