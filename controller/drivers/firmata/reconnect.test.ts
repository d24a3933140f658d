/**
 * A Firmata board unplugged and plugged back (socat ended and started again on the same paths, the
 * board emulator closed and reopened): calls fail fast while it is away, the board reconnects by
 * itself with backoff, and its pins come back de-energised, reporting, counting on.
 */
import { strict as assert } from 'node:assert';
import { waitFor } from '../../../test/helpers.js';
import { PinMode } from '../../../emulators/firmata-protocol.js';
import type { InputEdge } from '../digital-input.js';
import { FirmataError } from './five.js';
import { FirmataInput } from './input.js';
import { FirmataRelay } from './output.js';
import { FirmataPulseCounter } from './pulse-counter.js';
import { ManualClock, deviceOf, processHoldsDevice, startRig, type FirmataRig } from './test-rig.js';

const isCode = (code: string) => (err: unknown) => err instanceof FirmataError && err.code === code;

describe('firmata board unplugged and plugged back (johnny-five over a pty to the board emulator)', function () {
  this.timeout(30_000);
  let rig: FirmataRig | null = null;
  const opened: { close(): Promise<void> }[] = [];

  async function open<T extends { open(): Promise<void>; close(): Promise<void> }>(driver: T): Promise<T> {
    opened.push(driver);
    await driver.open();
    return driver;
  }

  const logged = (event: string) => rig?.logger.find(event) ?? [];

  afterEach(async () => {
    for (const driver of opened.splice(0)) await driver.close().catch(() => undefined);
    await rig?.cleanup();
    rig = null;
  });

  it('fails fast while unplugged; plugged back, the relay is de-energised first and works, the input reports its new level, the pulse counter keeps its count', async () => {
    rig = await startRig({ boards: { reconnectMinDelayMs: 50, reconnectMaxDelayMs: 200 } });
    const emulator = rig.emulator;
    const port = rig.pty.hostPath;
    const relay = await open(new FirmataRelay('door-a/relay', rig.boards, { port, pin: 4 }, { activeLow: true }));
    const contact = await open(new FirmataInput('door-a/contact', rig.boards, { port, pin: 8 }, { debounceMs: 0 }));
    const flow = await open(new FirmataPulseCounter('shower-1/flow', rig.boards, { port, pin: 2 }));
    const edges: InputEdge[] = [];
    contact.subscribe((edge) => edges.push(edge));
    const back: string[] = [];
    rig.boards.onReconnected((path) => back.push(path));

    for (let i = 0; i < 3; i++) {
      emulator.setInput(2, true);
      emulator.setInput(2, false);
    }
    await waitFor('3 pulses counted', async () => (await flow.count()) === 3);
    await relay.set(true);
    await waitFor('relay energised (activeLow: pin 4 LOW)', () => !emulator.outputLevel(4));

    await rig.unplug();
    await waitFor('board failure logged', () => logged('firmata.board_failed').length === 1);
    await assert.rejects(relay.set(false), isCode('disconnected'));
    await assert.rejects(relay.get(), isCode('disconnected'));
    await assert.rejects(contact.read(), isCode('disconnected'));
    await assert.rejects(flow.count(), isCode('disconnected'));
    await assert.rejects(new FirmataRelay('door-b/relay', rig.boards, { port, pin: 7 }).open(), isCode('disconnected'));
    await waitFor('a reconnection attempt failed (no port)', () => logged('firmata.reconnect_failed').length > 0);
    assert.equal(logged('firmata.reconnect_failed')[0]!.fields.code, 'port_failed');

    emulator.setInput(8, true); // the door opened while the board was away
    emulator.setInput(2, true); // a pulse nobody could see
    emulator.setInput(2, false);
    const modeWritesBefore = emulator.modeWrites.length;
    const levelWritesBefore = emulator.levelWrites.length;
    await rig.replug(); // the board boots: every pin OUTPUT LOW, so the activeLow relay is energised
    await waitFor('board reconnected', () => logged('firmata.board_reconnected').length === 1);

    assert.equal(emulator.outputLevel(4), true, 'the relay was driven de-energised (HIGH) on reconnect');
    assert.deepEqual(emulator.levelWrites.slice(levelWritesBefore).map((w) => [w.pin, w.level]), [[4, true]]);
    assert.deepEqual(
      emulator.modeWrites.slice(modeWritesBefore).map((w) => [w.pin, w.mode]).sort((a, b) => a[0]! - b[0]!),
      [[2, PinMode.INPUT], [4, PinMode.OUTPUT], [8, PinMode.INPUT]],
    );
    assert.equal(await relay.get(), false);
    assert.equal(await contact.read(), true);
    assert.deepEqual(edges.map((e) => e.level), [true]);
    assert.equal(await flow.count(), 3, 'the count goes on from where it was; the pulse during the outage is unknown');
    assert.deepEqual(back, [port]);
    const { fields } = logged('firmata.board_reconnected')[0]!;
    assert.deepEqual([fields.outputs, fields.inputs], [1, 2]);
    assert.equal(logged('firmata.board_failed').length, 1);

    await relay.set(true);
    await waitFor('relay energised again', () => !emulator.outputLevel(4));
    assert.equal(await relay.get(), true);
    emulator.setInput(8, false);
    await waitFor('door closed edge', () => edges.length === 2 && edges[1]!.level === false);
    emulator.setInput(2, true);
    emulator.setInput(2, false);
    await waitFor('4th pulse counted', async () => (await flow.count()) === 4);
  });

  it('a board that kept its levels while its cable was out has its energised relay driven de-energised on reconnect', async () => {
    rig = await startRig({ boards: { reconnectMinDelayMs: 50, reconnectMaxDelayMs: 200 } });
    const emulator = rig.emulator;
    const relay = await open(new FirmataRelay('room-101/breaker', rig.boards, { port: rig.pty.hostPath, pin: 7 }));
    await relay.set(true);
    await waitFor('pin 7 HIGH', () => emulator.outputLevel(7));
    await rig.unplug();
    await waitFor('board failure logged', () => logged('firmata.board_failed').length === 1);
    await rig.replug({ keepState: true }); // no reset, no announcement: firmata.js asks after 5 s
    assert.equal(emulator.outputLevel(7), true, 'still energised on the board');
    await waitFor('board reconnected', () => logged('firmata.board_reconnected').length === 1, 15_000);
    assert.equal(emulator.outputLevel(7), false);
    assert.deepEqual(emulator.levelWrites.filter((w) => w.pin === 7).map((w) => w.level), [true, false]);
    assert.equal(await relay.get(), false);
  });

  it('retries with backoff doubling to its cap, each attempt logged; closing the last pin cancels it, leaving no timer and no port', async () => {
    const clock = new ManualClock();
    rig = await startRig({ boards: { clock, reconnectMinDelayMs: 500, reconnectMaxDelayMs: 2000 } });
    const device = deviceOf(rig.pty.hostPath);
    const relay = await open(new FirmataRelay('door-a/relay', rig.boards, { port: rig.pty.hostPath, pin: 7 }));
    await rig.unplug();
    await waitFor('board failure logged', () => logged('firmata.board_failed').length === 1);
    assert.equal(logged('firmata.board_failed')[0]!.fields.reconnectInMs, 500);
    assert.equal(clock.pending, 1, 'the reconnection timer');

    const attempts = () => logged('firmata.reconnect_failed');
    clock.advance(499);
    assert.equal(clock.pending, 1);
    assert.equal(attempts().length, 0);
    for (const [waitMs, count] of [[1, 1], [1000, 2], [2000, 3]] as const) {
      clock.advance(waitMs);
      await waitFor(`attempt ${count} failed`, () => attempts().length === count);
    }
    assert.deepEqual(
      attempts().map((r) => [r.fields.attempt, r.fields.nextAttemptInMs, r.level]),
      [[1, 1000, 'info'], [2, 2000, 'info'], [3, 2000, 'debug']],
    );
    assert.equal(logged('firmata.board_still_away').length, 1);
    assert.equal(clock.pending, 1);

    await assert.rejects(relay.close(), isCode('disconnected'));
    assert.equal(clock.pending, 0, 'no reconnection timer left');
    assert.equal(processHoldsDevice(device), false);
    assert.deepEqual(rig.boards.paths(), []);
    assert.equal(logged('firmata.reconnect_cancelled').length, 1);
  });

  it('closing the last pin while an attempt waits for the handshake ends the attempt and closes the port', async () => {
    const clock = new ManualClock();
    rig = await startRig({ boards: { clock, reconnectMinDelayMs: 500 } });
    const relay = await open(new FirmataRelay('door-a/relay', rig.boards, { port: rig.pty.hostPath, pin: 7 }));
    await rig.unplug();
    await waitFor('board failure logged', () => logged('firmata.board_failed').length === 1);
    rig.emulator.setSilent(true); // plugged back, but the firmware does not answer
    await rig.replug();
    const device = deviceOf(rig.pty.hostPath);
    clock.advance(500);
    await waitFor('the attempt opened the port', () => processHoldsDevice(device));
    await assert.rejects(relay.close(), isCode('disconnected'));
    assert.equal(clock.pending, 0, 'the attempt\'s ready timer is gone too');
    assert.equal(processHoldsDevice(device), false);
    assert.equal(logged('firmata.board_reconnected').length, 0);
  });

  it('a contact change still inside its debounce window when the board goes away is dropped: the level after reconnection decides', async () => {
    rig = await startRig({ boards: { reconnectMinDelayMs: 50 } });
    const clock = new ManualClock();
    const contact = await open(new FirmataInput('door-a/contact', rig.boards, { port: rig.pty.hostPath, pin: 8 }, { debounceMs: 50, clock }));
    const edges: InputEdge[] = [];
    contact.subscribe((edge) => edges.push(edge));
    rig.emulator.setInput(8, true);
    await waitFor('the rise waits out its debounce window', () => clock.pending === 1);
    await rig.unplug();
    await waitFor('board failure logged', () => logged('firmata.board_failed').length === 1);
    assert.equal(clock.pending, 0, 'the pending change was dropped');
    rig.emulator.setInput(8, false); // it was a bounce: the contact is back
    await rig.replug();
    await waitFor('board reconnected', () => logged('firmata.board_reconnected').length === 1);
    clock.advance(100);
    assert.deepEqual(edges, []);
    assert.equal(await contact.read(), false);
  });

  it('a pin closed while the board was away is not restored', async () => {
    rig = await startRig({ boards: { reconnectMinDelayMs: 50 } });
    const port = rig.pty.hostPath;
    const relay = await open(new FirmataRelay('door-a/relay', rig.boards, { port, pin: 7 }));
    const contact = new FirmataInput('door-a/contact', rig.boards, { port, pin: 8 });
    await contact.open();
    await rig.unplug();
    await waitFor('board failure logged', () => logged('firmata.board_failed').length === 1);
    await contact.close();
    const modeWritesBefore = rig.emulator.modeWrites.length;
    await rig.replug();
    await waitFor('board reconnected', () => logged('firmata.board_reconnected').length === 1);
    assert.deepEqual(rig.emulator.modeWrites.slice(modeWritesBefore).map((w) => w.pin), [7]);
    assert.equal(rig.emulator.pinMode(8), PinMode.OUTPUT, 'left as the board boots');
    assert.deepEqual([logged('firmata.board_reconnected')[0]!.fields.inputs], [0]);
    await relay.set(true);
    await waitFor('pin 7 HIGH', () => rig!.emulator.outputLevel(7));
  });
});
