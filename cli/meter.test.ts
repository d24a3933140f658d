/**
 * `onecard meter read` against independent peers: a pymodbus server (Debian python3-pymodbus) over
 * TCP and over RTU on a socat pty pair, and the emulated meter. The command module's run() is
 * called in-process with stdout and stderr captured.
 */
import { strict as assert } from 'node:assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../test/helpers.js';
import { startPymodbusMeter } from '../emulators/peers/pymodbus.js';
import { openPtyPair } from '../emulators/socat-pty.js';
import { EmulatedMeter } from '../emulators/modbus-meter.js';
import { serveMetersTcp } from '../emulators/modbus-slave-servers.js';
import { parseMeterModel } from '../controller/drivers/modbus/meter-models.js';
import { UsageError } from './args.js';
import { run } from './meter.js';

async function meter(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  const write = process.stderr.write;
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const code = await run(args);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
    process.stderr.write = write;
  }
}

describe('onecard meter read', function () {
  this.timeout(30_000);
  let cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const fn of cleanups) await fn();
    cleanups = [];
  });

  it('reads an SDM120 served by pymodbus over TCP and prints each quantity with its unit', async () => {
    const peer = await startPymodbusMeter(['--model', 'sdm120', '--unit', '3', '--tcp', '127.0.0.1:0']);
    cleanups.unshift(peer.stop);
    const r = await meter(['read', '--tcp', `127.0.0.1:${peer.port}`, '--unit', '3', '--model', 'sdm120']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\n'), [
      `Eastron SDM120 (sdm120), unit 3, tcp 127.0.0.1:${peer.port}`,
      'energy   4321.250 kWh',
      'power    981 W',
      'voltage  231.500 V',
      'current  4.250 A',
    ]);
  });

  it('reads a DDS238 served by pymodbus over RTU on a pty pair as one JSON object', async () => {
    const dir = await tempDir('onecard-meter-cli-');
    cleanups.unshift(dir.remove);
    const pty = await openPtyPair(dir.path);
    cleanups.unshift(pty.close);
    const peer = await startPymodbusMeter(['--model', 'dds238', '--unit', '17', '--rtu', pty.b, '--baud', '9600', '--voltage-v', '219.9', '--current-a', '12.34', '--power-w', '-150', '--energy-kwh', '77.77', '--relay', '0']);
    cleanups.unshift(peer.stop);
    const r = await meter(['read', '--rtu', pty.a, '--baud', '9600', '--unit', '17', '--model', 'dds238', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { energy_kwh: 77.77, power_w: -150, voltage_v: 219.9, current_a: 12.34, relay_closed: false });
  });

  it('exits 1 with the reason when nobody answers, after the bounded retries, each logged', async () => {
    const peer = await startPymodbusMeter(['--model', 'sdm120', '--unit', '3', '--tcp', '127.0.0.1:0']);
    cleanups.unshift(peer.stop);
    const r = await meter(['read', '--tcp', `127.0.0.1:${peer.port}`, '--unit', '4', '--model', 'sdm120', '--timeout-ms', '200', '--retries', '1']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /modbus\.retry .*reason=timeout/);
    assert.match(r.stderr, /onecard meter: timeout: .*read-input unit 4 address 0 count 14: no reply within 200 ms \(after 2 attempts\)/);
  });

  it('exits 1 naming the exception code when the meter refuses an address', async () => {
    const peer = await startPymodbusMeter(['--model', 'sdm120', '--unit', '3', '--tcp', '127.0.0.1:0']);
    cleanups.unshift(peer.stop);
    const dir = await tempDir('onecard-meter-cli-');
    cleanups.unshift(dir.remove);
    const file = join(dir.path, 'far.yaml');
    await writeFile(file, 'id: far\nfields:\n  powerW: { address: 0x0400, kind: input, type: float32, scale: 1 }\n');
    const r = await meter(['read', '--tcp', `127.0.0.1:${peer.port}`, '--unit', '3', '--model-file', file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /onecard meter: exception \(exception code 2\): .*illegal data address/);
  });

  it('reads a meter described in a model file, from the emulated meter', async () => {
    const dir = await tempDir('onecard-meter-cli-');
    cleanups.unshift(dir.remove);
    const file = join(dir.path, 'acme.yaml');
    const doc = 'id: acme\nname: ACME prepaid\nfields:\n  energyWh: { address: 16, kind: holding, type: i32, wordOrder: low-first, scale: 1 }\n  currentMa: { address: 20, kind: holding, type: u16, scale: 1 }\nrelay: { address: 30, write: single }\nmaxRegistersPerRead: 16\n';
    await writeFile(file, doc);
    const device = new EmulatedMeter({ model: parseMeterModel((await import('yaml')).parse(doc)), unit: 9, powerW: 460, energyWh: 98_765, now: () => 0 });
    const server = await serveMetersTcp([device], { host: '127.0.0.1', port: 0 });
    cleanups.unshift(server.close);
    const r = await meter(['read', '--tcp', `127.0.0.1:${server.port}`, '--unit', '9', '--model', 'acme', '--model-file', file, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { energy_kwh: 98.765, current_a: 2, relay_closed: true });
  });

  it('refuses bad usage with the reason', async () => {
    await assert.rejects(meter(['read', '--unit', '1', '--model', 'sdm120']), (e: Error) => e instanceof UsageError && /exactly one of --tcp/.test(e.message));
    await assert.rejects(meter(['read', '--tcp', '127.0.0.1:502', '--rtu', '/dev/ttyUSB0', '--unit', '1', '--model', 'sdm120']), /exactly one of --tcp/);
    await assert.rejects(meter(['read', '--tcp', '127.0.0.1:502', '--model', 'sdm120']), /--unit is required/);
    await assert.rejects(meter(['read', '--tcp', '127.0.0.1:502', '--unit', '300', '--model', 'sdm120']), /--unit must be an integer from 1 to 247/);
    await assert.rejects(meter(['read', '--tcp', '127.0.0.1:502', '--unit', '1', '--model', 'abb']), /unknown meter model "abb": use sdm120, dds238/);
    await assert.rejects(meter(['read', '--tcp', '127.0.0.1:502', '--baud', '9600', '--unit', '1', '--model', 'sdm120']), /--baud is for --rtu only/);
    await assert.rejects(meter(['write']), /unknown action "write"/);
    const help = await meter(['read', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /usage: onecard meter read/);
  });
});
