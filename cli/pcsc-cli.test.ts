/**
 * `onecard emulate card` and `onecard reader watch` as a user runs them (child processes on the
 * real pcscd + vpcd): the watch prints what the emulated card does. Until the lead wires them into
 * `onecard`, each runs through its module's `run(args)`.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { UsageError } from './args.js';
import { run as readerRun } from './reader.js';
import { run as emulateRun } from './emulate-card.js';
import { waitFor } from '../test/helpers.js';
import { VPCD_READERS, ensurePcscd } from '../test/pcscd.js';

interface Proc {
  child: ChildProcess;
  out: { text: string };
}

const VPCD = VPCD_READERS[1]; // the second virtual reader, so this file and the driver tests never share one

describe('onecard reader watch and emulate card', function () {
  this.timeout(30_000);
  const children: ChildProcess[] = [];

  before(() => ensurePcscd());

  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });

  function start(module: string, args: string[]): Proc {
    const script = `const m = await import(${JSON.stringify(module)}); process.exitCode = await m.run(process.argv.slice(1));`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    const out = { text: '' };
    child.stdout!.on('data', (d: Buffer) => (out.text += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out.text += d.toString()));
    return { child, out };
  }
  const exit = (p: Proc) => new Promise<number | null>((r) => (p.child.exitCode !== null ? r(p.child.exitCode) : p.child.once('exit', (code) => r(code))));

  it('prints each card tapped on the named reader, its removal and a swapped card, then stops cleanly on Ctrl-C', async () => {
    const watch = start('./cli/reader.ts', ['watch', '--reader', VPCD.name]);
    await waitFor('the reader attached', () => watch.out.text.includes(`attach ${VPCD.name}`), 15_000);
    assert.ok(!watch.out.text.includes(`attach ${VPCD_READERS[0].name}`), 'the other reader is not watched');

    const card = start('./cli/emulate-card.ts', ['card', '--uid', '04a1b2c3d4e5f6', '--vpcd', `127.0.0.1:${VPCD.port}`]);
    await waitFor('the card presented', () => card.out.text.includes('card 04A1B2C3D4E5F6 presented'), 15_000);
    await waitFor('the watch saw the card', () => watch.out.text.includes(`card 04A1B2C3D4E5F6 ${VPCD.name}`), 10_000);

    card.child.stdin!.write('remove\n');
    await waitFor('the watch saw it leave', () => watch.out.text.includes(`removed ${VPCD.name}`), 10_000);
    card.child.stdin!.write('uid 0A0B0C0D\npresent\n');
    await waitFor('the swapped card', () => watch.out.text.includes(`card 0A0B0C0D ${VPCD.name}`), 10_000);
    assert.match(card.out.text, /card is now 0A0B0C0D \(not presented\)\npresented 0A0B0C0D/);

    card.child.stdin!.end(); // end of input stops the emulator
    assert.equal(await exit(card), 0, card.out.text);
    assert.match(card.out.text, /card 0A0B0C0D removed; 2 APDU\(s\) answered/);
    await waitFor('the watch saw it leave again', () => watch.out.text.split(`removed ${VPCD.name}`).length === 3, 10_000);

    watch.child.kill('SIGINT');
    assert.equal(await exit(watch), 0, watch.out.text);
    assert.match(watch.out.text, new RegExp(`detach ${VPCD.name}\\n`));
    assert.equal(watch.out.text.match(/ card [0-9A-F]+ /g)?.length, 2, 'one line per tap');
  });

  it('swaps a presented card with `uid`, leaving pcscd time to see the old one leave', async () => {
    const watch = start('./cli/reader.ts', ['watch', '--reader', 'virtual pcd 00 01']);
    await waitFor('the reader attached', () => watch.out.text.includes(`attach ${VPCD.name}`), 15_000);
    const card = start('./cli/emulate-card.ts', ['--uid', '04A1B2C3D4E5F6', '--vpcd', `127.0.0.1:${VPCD.port}`]);
    await waitFor('the first card', () => watch.out.text.includes('card 04A1B2C3D4E5F6'), 15_000);
    card.child.stdin!.write('uid 04112233\n');
    await waitFor('the second card', () => watch.out.text.includes('card 04112233'), 15_000);
    assert.ok(watch.out.text.indexOf('removed') < watch.out.text.indexOf('card 04112233'), 'the old card left first');
    card.child.kill('SIGINT');
    assert.equal(await exit(card), 0, card.out.text);
    watch.child.kill('SIGINT');
    assert.equal(await exit(watch), 0, watch.out.text);
  });

  it('explains an unreachable vpcd and exits 1', async () => {
    const card = start('./cli/emulate-card.ts', ['--uid', '04A1B2C3D4E5F6', '--vpcd', '127.0.0.1:1']);
    assert.equal(await exit(card), 1);
    assert.match(card.out.text, /cannot reach vpcd at 127\.0\.0\.1:1 .*is pcscd running with vsmartcard-vpcd\?/);
  });

  it('refuses bad usage with the usage text', async () => {
    await assert.rejects(readerRun(['listen']), (err: Error) => err instanceof UsageError && /usage: onecard reader watch/.test(err.message));
    await assert.rejects(readerRun(['watch', '--colour', 'red']), UsageError);
    await assert.rejects(emulateRun(['card']), (err: Error) => err instanceof UsageError && /--uid is required/.test(err.message));
    await assert.rejects(emulateRun(['--uid', '04A1B']), /4 to 10 bytes of hex/);
    await assert.rejects(emulateRun(['--uid', '04A1B2C3', '--vpcd', 'localhost']), /HOST:PORT/);
  });
});
