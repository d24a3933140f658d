/**
 * The bus on modbus-serial through the real stacks: RTU over a socat pty pair to the emulated
 * meters' RTU slave, TCP on loopback to modbus-serial's ServerTCP. Faults come from the emulator's
 * switches; each gives a typed error, a bounded retry and a logged reason.
 */
import { strict as assert } from 'node:assert';
import { MemoryLogger } from '../../../lib/log.js';
import { tempDir, waitFor } from '../../../test/helpers.js';
import { EmulatedMeter } from '../../../emulators/modbus-meter.js';
import { serveMetersRtu, serveMetersTcp, type RtuLineStats } from '../../../emulators/modbus-slave-servers.js';
import { openPtyPair, type PtyPair } from '../../../emulators/socat-pty.js';
import type { ModbusBus } from './bus.js';
import { DDS238, SDM120 } from './meter-models.js';
import { ModbusMeter } from './meter.js';
import { createModbusBus } from './modbus-serial-bus.js';

const RTU = { kind: 'rtu', baudRate: 9600, parity: 'none', dataBits: 8, stopBits: 1 } as const;
const TIMING = { timeoutMs: 200, retries: 2 };

describe('Modbus bus over modbus-serial', function () {
  this.timeout(20_000);
  let cleanups: Array<() => Promise<void>> = [];
  const later = (fn: () => Promise<void>) => cleanups.unshift(fn);
  afterEach(async () => {
    for (const fn of cleanups) await fn();
    cleanups = [];
  });

  describe('RTU over a pty pair', () => {
    let pty: PtyPair;
    let sdm: EmulatedMeter;
    let dds: EmulatedMeter;
    let stats: RtuLineStats;
    let logger: MemoryLogger;
    let bus: ModbusBus;

    async function line(replyDelayMs = 0) {
      const dir = await tempDir('onecard-modbus-');
      later(dir.remove);
      pty = await openPtyPair(dir.path);
      later(pty.close);
      sdm = new EmulatedMeter({ model: SDM120, unit: 1, powerW: 1500, energyWh: 1_234_567 });
      dds = new EmulatedMeter({ model: DDS238, unit: 2, powerW: 800, energyWh: 5000 });
      const server = await serveMetersRtu([sdm, dds], { path: pty.b, baudRate: 9600, replyDelayMs });
      later(server.close);
      stats = server.stats;
      logger = new MemoryLogger();
      bus = createModbusBus({ name: 'rs485-1', transport: { ...RTU, path: pty.a }, timing: TIMING, logger });
      later(() => bus.close());
      await bus.open();
    }

    it('reads an SDM120 and a DDS238 sharing one line, and switches the DDS238 relay', async () => {
      await line();
      const a = new ModbusMeter({ name: 'room-101', bus, unit: 1, model: SDM120, logger });
      const b = new ModbusMeter({ name: 'room-102', bus, unit: 2, model: DDS238, logger });
      assert.deepEqual(await a.read(), { ok: true, reading: { voltageMv: 230_000, currentMa: 6522, powerW: 1500, energyWh: 1_234_567 } });
      assert.deepEqual(await b.read(), { ok: true, reading: { energyWh: 5000, voltageMv: 230_000, currentMa: 3480, powerW: 800, relayClosed: true } });
      assert.deepEqual(await b.setRelay(false), { ok: true, relayClosed: false });
      assert.equal(dds.relayClosed, false);
      assert.deepEqual(dds.requests.map((r) => r.fn), [3, 16, 3], 'read, FC16 write, read back');
    });

    it('times out on a unit nobody answers: typed timeout after 3 attempts on the wire, each retry logged', async () => {
      await line();
      const r = await bus.readInputRegisters(9, 0, 2);
      assert.equal(!r.ok && r.error, 'timeout');
      assert.equal(stats.frames, 3, 'first attempt and two retries reached the line');
      assert.deepEqual(logger.find('modbus.retry').map((l) => l.fields.reason), ['timeout', 'timeout']);
      assert.equal(logger.find('modbus.failed')[0]?.fields.reason, 'timeout');
    });

    it('times out on a silent meter, then reads it again once it answers', async () => {
      await line();
      sdm.setFault({ kind: 'silent' });
      const meter = new ModbusMeter({ name: 'room-101', bus, unit: 1, model: SDM120, logger });
      const r = await meter.read();
      assert.equal(!r.ok && r.error, 'timeout');
      sdm.setFault({ kind: 'none' });
      assert.equal((await meter.read()).ok, true);
    });

    it('retries a reply with a bad CRC and recovers; gives a typed crc error when every reply is corrupted', async () => {
      await line();
      sdm.setFault({ kind: 'corrupt-crc', replies: 1 });
      assert.deepEqual(await bus.readInputRegisters(1, 0x0156, 2), { ok: true, registers: [0x449a, 0x5225] }, '1234.567 kWh as float32');
      assert.deepEqual(logger.find('modbus.retry').map((l) => l.fields.reason), ['crc']);
      assert.match(String(logger.find('modbus.retry')[0]?.fields.message), /CRC error/);
      sdm.setFault({ kind: 'corrupt-crc', replies: 100 });
      const r = await bus.readInputRegisters(1, 0, 2);
      assert.equal(!r.ok && r.error, 'crc');
      assert.match(!r.ok ? r.message : '', /after 3 attempts/);
    });

    it('gives exception replies as typed errors with their code, sent once and never retried', async () => {
      await line();
      const before = stats.frames;
      const beyond = await bus.readInputRegisters(1, 0x0200, 2);
      assert.deepEqual(beyond.ok ? null : [beyond.error, beyond.exceptionCode], ['exception', 2]);
      const fc6 = await bus.writeRegister(2, 0x001a, 0);
      assert.deepEqual(fc6.ok ? null : [fc6.error, fc6.exceptionCode], ['exception', 1], 'the DDS238 does not implement FC6');
      dds.setFault({ kind: 'exception', code: 4 });
      const failing = await new ModbusMeter({ name: 'room-102', bus, unit: 2, model: DDS238, logger }).read();
      assert.deepEqual(failing.ok ? null : [failing.error, failing.exceptionCode], ['exception', 4]);
      assert.equal(stats.frames - before, 3, 'three requests, three frames');
      assert.equal(logger.find('modbus.retry').length, 0);
      assert.deepEqual(logger.find('modbus.failed').map((l) => l.fields.exceptionCode), [2, 1, 4]);
    });

    it('never lets two requests overlap on the line, even when callers fire them together', async () => {
      await line(20);
      const a = new ModbusMeter({ name: 'room-101', bus, unit: 1, model: SDM120, logger });
      const b = new ModbusMeter({ name: 'room-102', bus, unit: 2, model: DDS238, logger });
      const results = await Promise.all([a.read(), b.read(), a.read(), b.setRelay(false), b.read()]);
      assert.deepEqual(results.map((r) => r.ok), [true, true, true, true, true]);
      assert.equal(stats.overlapped, 0, 'no request reached the slave while a reply was pending');
      assert.equal(stats.frames, 2 + 1 + 2 + 2 + 1);
    });

    it('shows why: modbus-serial alone, two requests at once overlap on the line and one is lost', async () => {
      await line(20);
      await bus.close();
      const ModbusRTU = (await import('modbus-serial')).default as unknown as new () => import('modbus-serial/ModbusRTU.js').ModbusRTU;
      const raw = new ModbusRTU();
      await raw.connectRTUBuffered(pty.a, { baudRate: 9600 });
      later(() => new Promise<void>((resolve) => raw.close(() => resolve())));
      raw.setID(1);
      raw.setTimeout(300);
      const both = await Promise.allSettled([raw.readInputRegisters(0, 2), raw.readInputRegisters(0x0156, 2)]);
      assert.ok(stats.overlapped >= 1, 'the second request reached the slave before the first was answered');
      assert.ok(both.some((r) => r.status === 'rejected'), 'at least one of them did not get its answer');
    });

    it('gives disconnected at once when the adapter goes away mid-read, and reconnects when it is back', async () => {
      const dir = await tempDir('onecard-modbus-');
      later(dir.remove);
      let pair = await openPtyPair(dir.path);
      const closePair = () => pair.close();
      later(closePair);
      const meter = new EmulatedMeter({ model: SDM120, unit: 1, powerW: 10 });
      let server = await serveMetersRtu([meter], { path: pair.b });
      later(() => server.close());
      logger = new MemoryLogger();
      bus = createModbusBus({ name: 'usb-1', transport: { ...RTU, path: pair.a }, timing: { timeoutMs: 5000, retries: 2, reconnectIntervalMs: 0 }, logger });
      later(() => bus.close());
      await bus.open();
      meter.setFault({ kind: 'silent' });
      const pending = bus.readInputRegisters(1, 0, 2);
      await waitFor('the request on the line', () => meter.requests.length === 1);
      await server.close();
      await pair.close();
      const r = await pending;
      assert.equal(!r.ok && r.error, 'disconnected', 'not a timeout 5 s later, and not retried');
      assert.match(!r.ok ? r.message : '', /connection closed/);
      assert.equal(meter.requests.length, 1);
      const absent = await bus.readInputRegisters(1, 0, 2);
      assert.match(!absent.ok ? absent.message : '', /cannot connect: .*No such file or directory/);
      pair = await openPtyPair(dir.path);
      meter.setFault({ kind: 'none' });
      server = await serveMetersRtu([meter], { path: pair.b });
      assert.equal((await bus.readInputRegisters(1, 0, 2)).ok, true);
      assert.equal(logger.find('modbus.connected').length, 2);
    });

    it('answers disconnected when the serial device does not exist, naming it', async () => {
      logger = new MemoryLogger();
      const missing = createModbusBus({ name: 'rs485-9', transport: { ...RTU, path: '/dev/onecard-no-such-tty' }, timing: TIMING, logger });
      later(() => missing.close());
      await missing.open();
      const r = await missing.readInputRegisters(1, 0, 2);
      assert.equal(!r.ok && r.error, 'disconnected');
      assert.match(!r.ok ? r.message : '', /onecard-no-such-tty/);
      assert.equal(logger.find('modbus.connect_failed').length, 1);
    });
  });

  describe('TCP on loopback', () => {
    it('reads both models through ServerTCP, times out on a wrong unit and gives exceptions with their code', async () => {
      const sdm = new EmulatedMeter({ model: SDM120, unit: 1, powerW: 2300, energyWh: 42_000 });
      const dds = new EmulatedMeter({ model: DDS238, unit: 5, powerW: 100, energyWh: 990 });
      const server = await serveMetersTcp([sdm, dds], { host: '127.0.0.1', port: 0 });
      later(server.close);
      const logger = new MemoryLogger();
      const bus = createModbusBus({ name: 'gw-1', transport: { kind: 'tcp', host: '127.0.0.1', port: server.port }, timing: TIMING, logger });
      later(() => bus.close());
      await bus.open();
      assert.deepEqual(await new ModbusMeter({ name: 'a', bus, unit: 1, model: SDM120, logger }).read(), { ok: true, reading: { voltageMv: 230_000, currentMa: 10_000, powerW: 2300, energyWh: 42_000 } });
      const b = new ModbusMeter({ name: 'b', bus, unit: 5, model: DDS238, logger });
      assert.deepEqual(await b.read(), { ok: true, reading: { energyWh: 990, voltageMv: 230_000, currentMa: 430, powerW: 100, relayClosed: true } });
      assert.deepEqual(await b.setRelay(false), { ok: true, relayClosed: false });
      const wrong = await bus.readInputRegisters(3, 0, 2);
      assert.equal(!wrong.ok && wrong.error, 'timeout');
      assert.deepEqual(logger.find('modbus.retry').map((l) => l.fields.reason), ['timeout', 'timeout']);
      sdm.setFault({ kind: 'exception', code: 6 });
      const busy = await bus.readInputRegisters(1, 0, 2);
      assert.deepEqual(busy.ok ? null : [busy.error, busy.exceptionCode], ['exception', 6]);
    });

    it('answers disconnected when the server goes away, and reconnects when it is back', async () => {
      const sdm = new EmulatedMeter({ model: SDM120, unit: 1, powerW: 10 });
      const first = await serveMetersTcp([sdm], { host: '127.0.0.1', port: 0 });
      const logger = new MemoryLogger();
      const bus = createModbusBus({ name: 'gw-2', transport: { kind: 'tcp', host: '127.0.0.1', port: first.port }, timing: { ...TIMING, reconnectIntervalMs: 0 }, logger });
      later(() => bus.close());
      await bus.open();
      assert.equal((await bus.readInputRegisters(1, 0, 2)).ok, true);
      await first.close();
      const gone = await bus.readInputRegisters(1, 0, 2);
      assert.equal(!gone.ok && gone.error, 'disconnected');
      const again = await serveMetersTcp([sdm], { host: '127.0.0.1', port: first.port });
      later(again.close);
      assert.equal((await bus.readInputRegisters(1, 0, 2)).ok, true);
      assert.equal(logger.find('modbus.connected').length, 2);
    });
  });
});
