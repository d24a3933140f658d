/**
 * `onecard emulate meter` as a process: it prints where it listens, independent masters read it,
 * it reports relay switching, and it stops cleanly on SIGTERM and SIGINT. Until the command is wired
 * into bin/onecard.js, the module's run() is started in a child process through tsx.
 */
import { strict as assert } from 'node:assert';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tempDir, waitFor } from '../test/helpers.js';
import { openPtyPair } from '../emulators/socat-pty.js';
import { MemoryLogger } from '../lib/log.js';
import { createModbusBus } from '../controller/drivers/modbus/modbus-serial-bus.js';
import { ModbusMeter } from '../controller/drivers/modbus/meter.js';
import { DDS238 } from '../controller/drivers/modbus/meter-models.js';
import { UsageError } from './args.js';
import { run } from './emulate-meter.js';

const MODULE = fileURLToPath(new URL('./emulate-meter.ts', import.meta.url));

interface Emulator {
  child: ChildProcess;
  stdout: () => string;
  exit: Promise<number | null>;
}

function emulate(args: string[]): Emulator {
  const script = `const m = await import(${JSON.stringify(MODULE)}); process.exitCode = await m.run(process.argv.slice(1));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.resume();
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, exit };
}

function mbpoll(args: string[]): Promise<string> {
  return new Promise((resolve) => execFile('mbpoll', ['-1', '-o', '0.5', ...args], { timeout: 10_000 }, (_err, stdout, stderr) => resolve(stdout + stderr)));
}

describe('onecard emulate meter', function () {
  this.timeout(30_000);
  let cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const fn of cleanups) await fn();
    cleanups = [];
  });

  function started(e: Emulator): void {
    cleanups.unshift(async () => {
      if (e.child.exitCode === null && e.child.signalCode === null) e.child.kill('SIGKILL');
      await e.exit;
    });
  }

  it('serves an SDM120 on one end of a pty pair that mbpoll reads on the other, and stops on SIGTERM', async () => {
    const dir = await tempDir('onecard-emulate-');
    cleanups.unshift(dir.remove);
    const pty = await openPtyPair(dir.path);
    cleanups.unshift(pty.close);
    const e = emulate(['--model', 'sdm120', '--unit', '1', '--rtu', pty.b, '--baud', '9600', '--power-w', '1500', '--energy-wh', '2500000']);
    started(e);
    await waitFor('the emulator to listen', () => e.stdout().includes('listening on'), 15_000);
    assert.match(e.stdout(), new RegExp(`emulated Eastron SDM120 \\(sdm120\\) unit 1 listening on rtu ${pty.b} 9600 8N1; power 1500 W`));
    const read = await mbpoll(['-m', 'rtu', '-b', '9600', '-P', 'none', '-a', '1', '-t', '3:float', '-B', '-r', '1', '-c', '7', pty.a]);
    assert.match(read, /\[1\]:\s+230\n/);
    assert.match(read, /\[13\]:\s+1500\n/);
    e.child.kill('SIGTERM');
    assert.equal(await e.exit, 0);
    assert.match(e.stdout(), /stopped \(SIGTERM\): energy 25\d{5} Wh, relay closed, 1 requests received/);
  });

  it('serves a DDS238 on a free TCP port, reports its relay being switched, and stops on SIGINT', async () => {
    const e = emulate(['--model', 'dds238', '--unit', '4', '--tcp', '127.0.0.1:0', '--power-w', '900']);
    started(e);
    await waitFor('the emulator to listen', () => e.stdout().includes('listening on'), 15_000);
    const port = Number(/listening on tcp 127\.0\.0\.1:(\d+)/.exec(e.stdout())?.[1]);
    assert.ok(port > 0, e.stdout());
    const logger = new MemoryLogger();
    const bus = createModbusBus({ name: 'test', transport: { kind: 'tcp', host: '127.0.0.1', port }, timing: { timeoutMs: 500 }, logger });
    cleanups.unshift(() => bus.close());
    await bus.open();
    const meter = new ModbusMeter({ name: 'room', bus, unit: 4, model: DDS238, logger });
    const before = await meter.read();
    assert.ok(before.ok);
    assert.equal(before.reading.powerW, 900);
    assert.deepEqual(await meter.setRelay(false), { ok: true, relayClosed: false });
    await waitFor('the relay line', () => e.stdout().includes('relay opened: supply cut'));
    const after = await meter.read();
    assert.deepEqual(after.ok && [after.reading.powerW, after.reading.relayClosed], [0, false]);
    await bus.close();
    e.child.kill('SIGINT');
    assert.equal(await e.exit, 0);
    assert.match(e.stdout(), /stopped \(SIGINT\): energy \d+ Wh, relay open/);
  });

  it('refuses bad usage with the reason (main.ts exits 2 on these)', async () => {
    await assert.rejects(run(['--model', 'sdm120', '--tcp', '127.0.0.1:0']), (e: Error) => e instanceof UsageError && /--unit is required/.test(e.message));
    await assert.rejects(run(['--model', 'sdm120', '--unit', '1']), /exactly one of --tcp HOST:PORT or --rtu DEVICE/);
    await assert.rejects(run(['--model', 'sdm120', '--unit', '1', '--tcp', '127.0.0.1:0', '--power-w', 'lots']), /--power-w must be a number/);
    await assert.rejects(run(['--model', 'x', '--unit', '1', '--tcp', '127.0.0.1:0']), /unknown meter model "x"/);
  });
});
