/**
 * The shared Firmata board connection (johnny-five over a socat pty pair to the board emulator):
 * the handshake, sharing and closing, and the typed failures.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { waitFor } from '../../../test/helpers.js';
import { FirmataBoards } from './boards.js';
import { FirmataError, loadJohnnyFive } from './five.js';
import { FirmataInput } from './input.js';
import { FirmataRelay } from './output.js';
import { FirmataPulseCounter } from './pulse-counter.js';
import { ManualClock, deviceOf, processHoldsDevice, startRig, type FirmataRig } from './test-rig.js';

const isCode = (code: string) => (err: unknown) => err instanceof FirmataError && err.code === code;

describe('firmata board connection (johnny-five over a pty to the board emulator)', function () {
  this.timeout(30_000);
  let rig: FirmataRig | null = null;
  const opened: { close(): Promise<void> }[] = [];

  afterEach(async () => {
    for (const driver of opened.splice(0)) await driver.close().catch(() => undefined);
    await rig?.cleanup();
    rig = null;
  });

  it('initialises a board that announces itself, with the handshake firmata.js expects', async () => {
    rig = await startRig();
    const relay = new FirmataRelay('r', rig.boards, { port: rig.pty.hostPath, pin: 7 });
    opened.push(relay);
    await relay.open();
    const kinds = rig.emulator.commands.map((c) => c.kind);
    assert.deepEqual(kinds.slice(0, 2), ['capability-query', 'analog-mapping-query']);
    const ready = rig.logger.find('firmata.board_ready');
    assert.equal(ready.length, 1);
    assert.equal(ready[0]!.fields.pins, 20);
  });

  it('initialises a board that does not announce itself: firmata.js asks for version and firmware after 5 s', async () => {
    rig = await startRig({ emulator: { announce: false } });
    const relay = new FirmataRelay('r', rig.boards, { port: rig.pty.hostPath, pin: 7 });
    opened.push(relay);
    await relay.open();
    assert.deepEqual(rig.emulator.commands.slice(0, 4).map((c) => c.kind), ['report-version', 'query-firmware', 'capability-query', 'analog-mapping-query']);
  });

  it('shares one board among all pins of a port and closes the serial port with the last pin', async () => {
    rig = await startRig();
    const port = rig.pty.hostPath;
    const relay = new FirmataRelay('r', rig.boards, { port, pin: 7 });
    const input = new FirmataInput('i', rig.boards, { port, pin: 8 });
    const counter = new FirmataPulseCounter('c', rig.boards, { port, pin: 2 });
    opened.push(relay, input, counter);
    await Promise.all([relay.open(), input.open(), counter.open()]);
    assert.equal(rig.emulator.commands.filter((c) => c.kind === 'capability-query').length, 1);
    const device = deviceOf(port);
    assert.equal(processHoldsDevice(device), true);
    await relay.close();
    await input.close();
    assert.equal(processHoldsDevice(device), true);
    await counter.close();
    assert.equal(processHoldsDevice(device), false);
    assert.deepEqual(rig.boards.paths(), []);
    assert.equal((await loadJohnnyFive()).Board.cache?.length, 0, 'johnny-five keeps no closed board');
  });

  it('a board that never answers fails open() with not_ready, logged, its port closed; a rebooted board then opens', async () => {
    rig = await startRig({ startEmulator: false, boards: { readyTimeoutMs: 1500 } });
    rig.emulator.setSilent(true);
    await rig.emulator.start();
    const relay = new FirmataRelay('r', rig.boards, { port: rig.pty.hostPath, pin: 7 });
    await assert.rejects(relay.open(), isCode('not_ready'));
    assert.equal(rig.logger.find('firmata.board_not_ready').length, 1);
    assert.equal(processHoldsDevice(deviceOf(rig.pty.hostPath)), false);
    assert.deepEqual(rig.boards.paths(), []);

    rig.emulator.setSilent(false);
    rig.emulator.reboot();
    opened.push(relay);
    await relay.open();
    await relay.set(true);
    await waitFor('pin 7 HIGH', () => rig!.emulator.outputLevel(7));
  });

  it('a serial port that does not exist fails open() with port_failed', async () => {
    rig = await startRig();
    const relay = new FirmataRelay('r', rig.boards, { port: join(rig.pty.hostPath, '..', 'ttyNONE'), pin: 7 });
    await assert.rejects(relay.open(), (err: unknown) => isCode('port_failed')(err) && /ttyNONE/.test((err as Error).message));
  });

  it('johnny-five failing to load fails open() with package_missing, naming the package and the build tools', async () => {
    const boards = new FirmataBoards({ loadFive: () => loadJohnnyFive('johnny-five-absent') });
    const relay = new FirmataRelay('r', boards, { port: '/dev/ttyACM9', pin: 7 });
    await assert.rejects(relay.open(), (err: unknown) => isCode('package_missing')(err) && /johnny-five-absent/.test((err as Error).message) && /build-essential/.test((err as Error).message));
  });

  it('serialport 8 failing to load inside johnny-five fails open() with package_missing and leaves no timer', async () => {
    class BrokenBoard {
      constructor() {
        throw 'Missing serialport dependency'; // what firmata's com.js throws when serialport fails to load
      }
    }
    const clock = new ManualClock();
    const boards = new FirmataBoards({ clock, loadFive: async () => ({ Board: BrokenBoard as never }) });
    const relay = new FirmataRelay('r', boards, { port: '/dev/ttyACM9', pin: 7 });
    await assert.rejects(relay.open(), (err: unknown) => isCode('package_missing')(err) && /@serialport\/bindings/.test((err as Error).message));
    assert.equal(clock.pending, 0, 'the ready timer was cleared');
  });

  it('the line going away while nothing is written is seen by itself (serialport 8 would spin on end-of-file reads)', async () => {
    rig = await startRig();
    const input = new FirmataInput('i', rig.boards, { port: rig.pty.hostPath, pin: 8 });
    opened.push(input);
    await input.open(); // its first report was just read: the next read meets the hang-up
    await rig.unplug();
    await waitFor('board failure logged', () => rig!.logger.find('firmata.board_failed').length === 1, 3000);
    assert.equal(rig.logger.find('firmata.board_failed')[0]!.fields.code, 'disconnected');
    await assert.rejects(input.read(), isCode('disconnected'));
  });

  it('the line going away (socat killed) makes every pin reject with disconnected, logged once', async () => {
    rig = await startRig();
    const port = rig.pty.hostPath;
    const relay = new FirmataRelay('r', rig.boards, { port, pin: 7 });
    const input = new FirmataInput('i', rig.boards, { port, pin: 8 });
    const counter = new FirmataPulseCounter('c', rig.boards, { port, pin: 2 });
    opened.push(relay, input, counter);
    await Promise.all([relay.open(), input.open(), counter.open()]);
    await relay.set(true);
    const device = deviceOf(port);
    await rig.pty.stop();
    await waitFor('board failure logged', () => rig!.logger.find('firmata.board_failed').length > 0);
    await assert.rejects(relay.set(false), isCode('disconnected'));
    await assert.rejects(relay.get(), isCode('disconnected'));
    await assert.rejects(input.read(), isCode('disconnected'));
    await assert.rejects(counter.count(), isCode('disconnected'));
    await assert.rejects(relay.close(), isCode('disconnected'));
    await input.close();
    await counter.close();
    assert.equal(rig.logger.find('firmata.board_failed').length, 1);
    assert.equal(processHoldsDevice(device), false);
  });
});
