/**
 * The emulated meter as an independent master sees it: mbpoll (libmodbus) reads its registers over
 * TCP and over RTU on a socat pty pair, and gets its exceptions and its silence.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { tempDir } from '../test/helpers.js';
import { DDS238, SDM120 } from '../controller/drivers/modbus/meter-models.js';
import { EmulatedMeter } from './modbus-meter.js';
import { serveMetersRtu, serveMetersTcp } from './modbus-slave-servers.js';
import { openPtyPair } from './socat-pty.js';

/** The emulators' clock stands still: energy stays where the test put it. */
const frozen = () => 0;

interface Poll {
  code: number;
  values: Map<number, string>;
  output: string;
}

/** One poll (`-1`) with mbpoll; references are 1-based (`-r 1` is address 0). */
function mbpoll(args: string[]): Promise<Poll> {
  return new Promise((resolve) => {
    execFile('mbpoll', ['-1', '-o', '0.5', ...args], { timeout: 10_000 }, (err, stdout, stderr) => {
      const values = new Map<number, string>();
      for (const m of stdout.matchAll(/^\[(\d+)\]:\s+(\S+)/gm)) values.set(Number(m[1]), m[2]!);
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, values, output: stdout + stderr });
    });
  });
}

describe('emulated Modbus meter, read by mbpoll', function () {
  this.timeout(30_000);
  let cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const fn of cleanups) await fn();
    cleanups = [];
  });

  it('serves SDM120 float32 input registers and DDS238 integer holding registers over TCP', async () => {
    const sdm = new EmulatedMeter({ model: SDM120, unit: 1, powerW: 1500, energyWh: 1_234_567, now: frozen });
    const dds = new EmulatedMeter({ model: DDS238, unit: 2, powerW: 800, energyWh: 4321_25 * 10, now: frozen });
    const server = await serveMetersTcp([sdm, dds], { host: '127.0.0.1', port: 0 });
    cleanups.unshift(server.close);
    const tcp = ['-m', 'tcp', '-p', String(server.port)];
    const floats = await mbpoll([...tcp, '-a', '1', '-t', '3:float', '-B', '-r', '1', '-c', '7', '127.0.0.1']);
    assert.equal(floats.code, 0, floats.output);
    assert.deepEqual([floats.values.get(1), floats.values.get(7), floats.values.get(13)], ['230', '6.52174', '1500']);
    const energy = await mbpoll([...tcp, '-a', '1', '-t', '3:float', '-B', '-r', '343', '127.0.0.1']);
    assert.equal(energy.values.get(343), '1234.57', 'total active energy in kWh at 30343 (address 0x0156)');
    const ints = await mbpoll([...tcp, '-a', '2', '-t', '4', '-r', '13', '-c', '3', '127.0.0.1']);
    assert.deepEqual([ints.values.get(13), ints.values.get(14), ints.values.get(15)], ['2300', '348', '800'], '0.1 V, 0.01 A, W');
    const total = await mbpoll([...tcp, '-a', '2', '-t', '4:int', '-B', '-r', '1', '127.0.0.1']);
    assert.equal(total.values.get(1), '432125', 'energy u32 high word first, in 0.01 kWh');
    const relay = await mbpoll([...tcp, '-a', '2', '-t', '4', '-r', '27', '127.0.0.1']);
    assert.equal(relay.values.get(27), '1', 'relay 0x001A closed');
  });

  it('serves the same registers over RTU on a pty pair, with exceptions and silence an independent master understands', async () => {
    const dir = await tempDir('onecard-mbpoll-');
    cleanups.unshift(dir.remove);
    const pty = await openPtyPair(dir.path);
    cleanups.unshift(pty.close);
    const sdm = new EmulatedMeter({ model: SDM120, unit: 1, powerW: 230, energyWh: 500, now: frozen });
    const dds = new EmulatedMeter({ model: DDS238, unit: 2, powerW: 0 });
    const server = await serveMetersRtu([sdm, dds], { path: pty.b, baudRate: 19200, parity: 'even' });
    cleanups.unshift(server.close);
    const rtu = ['-m', 'rtu', '-b', '19200', '-P', 'even'];
    const floats = await mbpoll([...rtu, '-a', '1', '-t', '3:float', '-B', '-r', '1', '-c', '7', pty.a]);
    assert.equal(floats.code, 0, floats.output);
    assert.deepEqual([floats.values.get(1), floats.values.get(7), floats.values.get(13)], ['230', '1', '230']);
    assert.equal((await mbpoll([...rtu, '-a', '1', '-t', '3:float', '-B', '-r', '343', pty.a])).values.get(343), '0.5');

    const fc6 = await mbpoll([...rtu, '-a', '2', '-t', '4', '-r', '27', pty.a, '0']);
    assert.notEqual(fc6.code, 0);
    assert.match(fc6.output, /Illegal function/, 'the DDS238 refuses FC6 writes');
    const beyond = await mbpoll([...rtu, '-a', '1', '-t', '3', '-r', '401', pty.a]);
    assert.match(beyond.output, /Illegal data address/);
    sdm.setFault({ kind: 'exception', code: 4 });
    assert.match((await mbpoll([...rtu, '-a', '1', '-t', '3', '-r', '1', pty.a])).output, /Slave device or server failure/);
    sdm.setFault({ kind: 'silent' });
    const silent = await mbpoll([...rtu, '-a', '1', '-t', '3', '-r', '1', pty.a]);
    assert.notEqual(silent.code, 0);
    assert.match(silent.output, /timed out/i);
    assert.equal(server.stats.noiseBytes, 0, 'every frame mbpoll sent was framed and CRC-checked cleanly');
  });
});
