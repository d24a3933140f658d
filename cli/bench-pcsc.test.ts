/** `onecard bench tap --reader pcsc` as a user runs it, on the real pcscd + vpcd. */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { ensurePcscd } from '../test/pcscd.js';

function onecard(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/onecard.js', ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('onecard bench tap --reader pcsc', function () {
  this.timeout(60_000);
  before(() => ensurePcscd());

  it('taps virtual cards through pcscd and nfc-pcsc and ends with the JSON line of both figures', async () => {
    const run = await onecard(['bench', 'tap', '--reader', 'pcsc', '--samples', '3', '--cards', '1000', '--blacklist', '10']);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    const last = JSON.parse(lines.pop()!);
    assert.deepEqual(Object.keys(last), ['bench', 'reader', 'p99_ms', 'whole_path_p99_ms', 'samples']);
    assert.equal(last.bench, 'tap');
    assert.equal(last.reader, 'pcsc');
    assert.equal(last.samples, 3);
    assert.ok(last.p99_ms >= 0 && last.whole_path_p99_ms >= last.p99_ms, 'the whole path contains the project share');
    assert.match(run.stdout, /pcscd polling the virtual reader/, 'the whole path is explained');
  });

  it('refuses an unknown reader kind and pcsc options without --reader pcsc', async () => {
    const bad = await onecard(['bench', 'tap', '--reader', 'usb']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--reader must be emulated or pcsc/);
    const stray = await onecard(['bench', 'tap', '--vpcd', '127.0.0.1:35963']);
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /go with --reader pcsc/);
  });
});
