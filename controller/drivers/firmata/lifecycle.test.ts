/**
 * Firmata drivers at the edges of their life: a board that goes silent after it was ready, a process
 * that must exit by itself once every driver closed, and a valve left open when the process exits.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { waitFor } from '../../../test/helpers.js';
import { FirmataError } from './five.js';
import { FirmataRelay } from './output.js';
import { startRig, type FirmataRig } from './test-rig.js';

const isCode = (code: string) => (err: unknown) => err instanceof FirmataError && err.code === code;

/** Runs an ES module snippet in a child `node --import tsx` from the repository root; bounded. */
async function runChild(code: string, timeoutMs: number, onStdout: (stdout: string) => void = () => undefined): Promise<{ status: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    onStdout(stdout);
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const status = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { status, stdout, stderr, timedOut };
}

describe('firmata drivers: silent boards and process exit', function () {
  this.timeout(30_000);
  let rig: FirmataRig;
  const opened: { close(): Promise<void> }[] = [];

  beforeEach(async () => {
    rig = await startRig({ boards: { readTimeoutMs: 500 } });
  });

  afterEach(async () => {
    for (const driver of opened.splice(0)) await driver.close().catch(() => undefined);
    await rig.cleanup();
  });

  it('a board gone silent after ready: readBack() times out, close() gives up after the read timeout and logs it', async () => {
    const relay = new FirmataRelay('r', rig.boards, { port: rig.pty.hostPath, pin: 7 });
    opened.push(relay);
    await relay.open();
    rig.emulator.setSilent(true);
    await relay.set(true); // the bytes leave; nothing can tell the board ignored them
    await assert.rejects(relay.readBack(), isCode('read_timeout'));
    await relay.close();
    assert.deepEqual(rig.logger.find('firmata.close_unconfirmed').map((r) => r.level), ['warn']);
  });

  it('with confirmWrites a board gone silent fails the write with not_responding, and every later call rejects', async () => {
    await rig.cleanup();
    rig = await startRig({ boards: { readTimeoutMs: 500, confirmWrites: true } });
    const relay = new FirmataRelay('r', rig.boards, { port: rig.pty.hostPath, pin: 7 });
    opened.push(relay);
    await relay.open();
    await relay.set(true);
    assert.equal(rig.emulator.outputLevel(7), true, 'a confirmed write has been applied by the board');
    rig.emulator.setSilent(true);
    await assert.rejects(relay.set(false), isCode('not_responding'));
    await assert.rejects(relay.get(), isCode('not_responding'));
    assert.equal(rig.logger.find('firmata.board_failed').length, 1);
  });

  it('a process whose drivers all closed exits by itself (no timer, handle or port left)', async () => {
    const code = `
      import { FirmataBoards } from './controller/drivers/firmata/boards.js';
      import { FirmataRelay, FirmataValve } from './controller/drivers/firmata/output.js';
      import { FirmataInput } from './controller/drivers/firmata/input.js';
      const boards = new FirmataBoards({ readyTimeoutMs: 10000 });
      const port = ${JSON.stringify(rig.pty.hostPath)};
      const drivers = [new FirmataRelay('r', boards, { port, pin: 7 }), new FirmataValve('v', boards, { port, pin: 10 }), new FirmataInput('i', boards, { port, pin: 8, }, { debounceMs: 30 })];
      for (const d of drivers) await d.open();
      await drivers[0].set(true);
      for (const d of drivers) await d.close();
      console.log('closed');
    `;
    const result = await runChild(code, 20_000);
    assert.equal(result.timedOut, false, `the child did not exit by itself: ${result.stdout} ${result.stderr}`);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /closed/);
    assert.equal(rig.emulator.outputLevel(7), false);
  });

  it('a process whose board was unplugged exits by itself once its drivers closed (reconnection cancelled)', async () => {
    const code = `
      import { FirmataBoards } from './controller/drivers/firmata/boards.js';
      import { FirmataRelay } from './controller/drivers/firmata/output.js';
      import { FirmataInput } from './controller/drivers/firmata/input.js';
      const boards = new FirmataBoards({ readyTimeoutMs: 10000, reconnectMinDelayMs: 50, reconnectMaxDelayMs: 100 });
      const port = ${JSON.stringify(rig.pty.hostPath)};
      const relay = new FirmataRelay('r', boards, { port, pin: 7 });
      const input = new FirmataInput('i', boards, { port, pin: 8 });
      await relay.open();
      await input.open();
      console.log('open');
      for (;;) {
        const code = await relay.set(false).then(() => null, (err) => err.code);
        if (code === 'disconnected') break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      console.log('away');
      await new Promise((resolve) => setTimeout(resolve, 300)); // a few reconnection attempts
      await relay.close().catch((err) => console.log('relay close: ' + err.code));
      await input.close();
      console.log('closed');
    `;
    let unplugged: Promise<void> | null = null;
    const result = await runChild(code, 20_000, (stdout) => {
      if (!unplugged && stdout.includes('open')) unplugged = rig.unplug();
    });
    await unplugged;
    assert.equal(result.timedOut, false, `the child did not exit by itself: ${result.stdout} ${result.stderr}`);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /away\nrelay close: disconnected\nclosed/);
  });

  it('a valve left open is closed by its board when the process exits', async () => {
    const code = `
      import { FirmataBoards } from './controller/drivers/firmata/boards.js';
      import { FirmataValve } from './controller/drivers/firmata/output.js';
      const valve = new FirmataValve('shower-1/valve', new FirmataBoards(), { port: ${JSON.stringify(rig.pty.hostPath)}, pin: 10 }, { activeLow: true });
      await valve.open();
      await valve.setOpen(true);
      console.log('open');
      process.exit(0);
    `;
    const result = await runChild(code, 20_000);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /open/);
    // activeLow: closed = HIGH (open() drives it), open = LOW, and the exit hook drives HIGH again.
    const writes = () => rig.emulator.levelWrites.filter((w) => w.pin === 10).map((w) => w.level);
    await waitFor('valve closed after exit', () => writes().length === 3, 5000);
    assert.deepEqual(writes(), [true, false, true]);
    assert.equal(rig.emulator.outputLevel(10), true);
  });

  it('a door relay left energised is released by its board when the process exits (fail-secure)', async () => {
    const code = `
      import { FirmataBoards } from './controller/drivers/firmata/boards.js';
      import { FirmataRelay } from './controller/drivers/firmata/output.js';
      const relay = new FirmataRelay('door-a/relay', new FirmataBoards(), { port: ${JSON.stringify(rig.pty.hostPath)}, pin: 11 });
      await relay.open();
      await relay.set(true);
      console.log('energised');
      process.exit(0);
    `;
    const result = await runChild(code, 20_000);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /energised/);
    const writes = () => rig.emulator.levelWrites.filter((w) => w.pin === 11).map((w) => w.level);
    // Only changes are recorded: energised (HIGH), then released (LOW) by the exit hook.
    await waitFor('relay released after exit', () => writes().length === 2, 5000);
    assert.deepEqual(writes(), [true, false]);
    assert.equal(rig.emulator.outputLevel(11), false);
  });
});
