/** The production build (`npm run build`): one bundled command that runs without the TypeScript loader. */
import { strict as assert } from 'node:assert';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

describe('production build', function () {
  this.timeout(120_000);
  // Inside the project, so the bundle finds node_modules as dist/ does.
  const out = mkdtempSync(resolve('.tmp-build-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('bundles the command and the PC/SC worker, and the bundle runs the demo scenario', async () => {
    execFileSync(process.execPath, ['scripts/build.mjs', out], { stdio: 'pipe' });
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string }>((res) =>
        execFile(process.execPath, [join(out, 'onecard.mjs'), ...args], { timeout: 60_000 }, (err, stdout) => res({ code: err ? 1 : 0, stdout })),
      );
    assert.deepEqual(await run(['--version']), { code: 0, stdout: 'onecard 0.1.0\n' });
    const demo = await run(['demo', '--no-wait', '--data', join(out, 'demo'), '--listen', '127.0.0.1:0']);
    assert.equal(demo.code, 0);
    assert.equal(demo.stdout.split('\n').filter((l) => /: (GRANTED|DENIED)/.test(l)).length, 4);
    execFileSync(process.execPath, ['--check', join(out, 'pcsc-worker.mjs')]);
  });

  it('writes the web console to console/ beside the bundle, and the bundled hub serves it from there', async () => {
    const hub = spawn(process.execPath, [join(out, 'onecard.mjs'), 'hub', '--db', `sqlite:${join(out, 'hub.sqlite')}`, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const url = await new Promise<string>((res, rej) => {
        let text = '';
        hub.stdout.on('data', (d: Buffer) => {
          text += d.toString();
          const m = /web console (http:\/\/[\d.:]+)\/console\//.exec(text);
          if (m) res(m[1]!);
        });
        hub.on('exit', (code) => rej(new Error(`hub exited (${code}): ${text}`)));
      });
      const js = await fetch(`${url}/console/app.js`);
      assert.equal(js.status, 200);
      assert.equal(await js.text(), readFileSync(join(out, 'console', 'app.js'), 'utf8'));
      assert.match(await (await fetch(`${url}/console/`)).text(), /<div id="app">/);
    } finally {
      hub.kill();
    }
  });
});
