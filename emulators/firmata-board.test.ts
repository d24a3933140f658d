/**
 * The Firmata board emulator spoken to with raw bytes over a socat pty pair (serialport 13 as the
 * host), for the messages johnny-five does not send on its own: SET_DIGITAL_PIN_VALUE, pin state,
 * sampling interval, system reset, and the fault switches.
 */
import { strict as assert } from 'node:assert';
import { SerialPort } from 'serialport';
import { tempDir, waitFor } from '../test/helpers.js';
import { openPtyPair, type PtyPair } from './socat-pty.js';
import { FirmataBoardEmulator } from './firmata-board.js';
import { PinMode } from './firmata-protocol.js';

const bytes = (hex: string): Buffer => Buffer.from(hex.replace(/\s+/g, ''), 'hex');

describe('firmata board emulator (raw bytes over a pty)', function () {
  this.timeout(20_000);
  let dir: { path: string; remove(): Promise<void> };
  let pty: PtyPair;
  let board: FirmataBoardEmulator;
  let host: SerialPort;
  let received: Buffer;

  /** Sends `hex`, then waits until the bytes received since contain `answerHex` (when given). */
  async function exchange(hex: string, answerHex?: string): Promise<void> {
    received = Buffer.alloc(0);
    host.write(bytes(hex));
    if (answerHex) await waitFor(`answer ${answerHex}`, () => received.includes(bytes(answerHex)), 3000);
    else await new Promise<void>((resolve) => host.drain(() => resolve()));
  }

  beforeEach(async () => {
    dir = await tempDir('onecard-firmata-emu-');
    pty = await openPtyPair(dir.path);
    board = new FirmataBoardEmulator({ path: pty.a, announce: false });
    await board.start();
    host = new SerialPort({ path: pty.b, baudRate: 57600 });
    await new Promise<void>((resolve, reject) => host.once('open', resolve).once('error', reject));
    received = Buffer.alloc(0);
    host.on('data', (d: Buffer) => (received = Buffer.concat([received, d])));
  });

  afterEach(async () => {
    if (host.isOpen) await new Promise<void>((resolve) => host.close(() => resolve()));
    await board.stop();
    await pty.close();
    await dir.remove();
  });

  it('answers version, firmware and pin state queries', async () => {
    await exchange('F9', 'F9 02 05');
    await exchange('F0 79 F7', 'F0 79 02 05 53 00 74 00');
    await exchange('F4 07 01 F5 07 01 F0 6D 07 F7', 'F0 6E 07 01 01 F7');
    assert.deepEqual(board.levelWrites.map((w) => [w.pin, w.level, w.applied]), [[7, true, true]]);
  });

  it('SET_DIGITAL_PIN_VALUE and DIGITAL_MESSAGE drive only pins in OUTPUT mode', async () => {
    await exchange('F4 03 01 F4 04 00 F5 03 01 F5 04 01 90 10 00 F9', 'F9');
    assert.equal(board.outputLevel(3), false, 'the port write after the single write set pin 3 LOW again');
    assert.equal(board.outputLevel(4), false, 'an input is not driven');
    assert.equal(board.pullUpEnabled(4), true, 'an INPUT pin written 1 gets its pull-up, as StandardFirmata does');
    assert.deepEqual(board.levelWrites.map((w) => [w.pin, w.level]), [[3, true], [3, false]]);
  });

  it('reports an input port when reporting is switched on and at each change, masked to inputs', async () => {
    await exchange('F4 08 00 F4 09 0B D1 01', '91 02 00');
    board.setInput(8, true);
    await waitFor('pin 8 reported', () => received.includes(bytes('91 03 00')));
    await exchange('D1 00 F9', 'F9');
    board.setInput(8, false);
    await exchange('F9', 'F9');
    assert.equal(received.includes(bytes('91 02 00')), false, 'no report once reporting is off');
  });

  it('keeps the sampling interval and resets pins and reporting on SYSTEM_RESET', async () => {
    await exchange('F0 7A 64 00 F7 F4 05 01 F5 05 01 F4 08 00 D1 01 F9', 'F9');
    assert.equal(board.samplingIntervalMs, 100);
    await exchange('FF F9', 'F9');
    assert.deepEqual([board.pinMode(5), board.outputLevel(5), board.pinMode(8)], [PinMode.OUTPUT, false, PinMode.OUTPUT]);
    board.setInput(8, true);
    await exchange('F9', 'F9');
    assert.equal(received.length, 3, 'nothing but the version answer: reporting is off after reset');
  });

  it('answers an unsupported mode with the StandardFirmata string and leaves the pin alone', async () => {
    await exchange('F4 01 01', 'F0 71 55 00 6E 00');
    assert.equal(board.pinMode(1), 0x7f);
  });

  it('fault switches: a stuck output keeps its level; a silent board answers nothing', async () => {
    board.setStuckOutput(6, true);
    await exchange('F4 06 01 F5 06 00 F0 6D 06 F7', 'F0 6E 06 01 01 F7');
    const last = board.levelWrites.at(-1)!;
    assert.deepEqual([last.pin, last.level, last.applied], [6, false, false]);
    board.setSilent(true);
    await exchange('F9 F0 79 F7 F4 06 00');
    await waitFor('silent board heard 7 bytes', () => board.bytesIgnoredWhileSilent === 7);
    board.setSilent(false);
    await exchange('F9', 'F9');
    assert.equal(received.toString('hex'), 'f90205', 'only the answer to the query sent after the board came back');
    assert.equal(board.pinMode(6), PinMode.OUTPUT);
  });
});
