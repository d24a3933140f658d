/**
 * The Firmata pin drivers running the real johnny-five / firmata.js / serialport 8 code against the
 * board emulator over a socat pty pair.
 */
import { strict as assert } from 'node:assert';
import { waitFor } from '../../../test/helpers.js';
import { PinMode } from '../../../emulators/firmata-protocol.js';
import { FirmataError } from './five.js';
import { FirmataInput } from './input.js';
import { FirmataRelay, FirmataValve } from './output.js';
import { FirmataPulseCounter } from './pulse-counter.js';
import { ManualClock, startRig, type FirmataRig } from './test-rig.js';
import type { InputEdge } from '../digital-input.js';

describe('firmata pin drivers (johnny-five over a pty to the board emulator)', function () {
  this.timeout(30_000);
  let rig: FirmataRig;
  const opened: { close(): Promise<void> }[] = [];

  async function open<T extends { open(): Promise<void>; close(): Promise<void> }>(driver: T): Promise<T> {
    opened.push(driver);
    await driver.open();
    return driver;
  }

  beforeEach(async () => {
    rig = await startRig();
  });

  afterEach(async () => {
    for (const driver of opened.splice(0)) await driver.close().catch(() => undefined);
    await rig.cleanup();
  });

  it('a relay set(true)/set(false) drives its pin HIGH/LOW on the board, and close() leaves it LOW', async () => {
    const relay = await open(new FirmataRelay('door-a/relay', rig.boards, { port: rig.pty.hostPath, pin: 7 }));
    assert.equal(rig.emulator.pinMode(7), PinMode.OUTPUT);
    await relay.set(true);
    await waitFor('pin 7 HIGH', () => rig.emulator.outputLevel(7));
    assert.equal(await relay.get(), true);
    await relay.set(false);
    await waitFor('pin 7 LOW', () => !rig.emulator.outputLevel(7));
    await relay.set(true);
    await relay.close();
    await waitFor('pin 7 LOW after close', () => !rig.emulator.outputLevel(7));
    assert.deepEqual(rig.emulator.levelWrites.filter((w) => w.pin === 7).map((w) => w.level), [true, false, true, false]);
    await assert.rejects(relay.set(true), { name: 'AssertionError' });
  });

  it('an activeLow relay rests HIGH and is energised by driving its pin LOW', async () => {
    const relay = await open(new FirmataRelay('door-a/relay', rig.boards, { port: rig.pty.hostPath, pin: 4 }, { activeLow: true }));
    await waitFor('pin 4 HIGH at rest', () => rig.emulator.outputLevel(4));
    await relay.set(true);
    await waitFor('pin 4 LOW when energised', () => !rig.emulator.outputLevel(4));
    assert.equal(await relay.readBack(), true);
    await relay.close();
    await waitFor('pin 4 HIGH after close', () => rig.emulator.outputLevel(4));
  });

  it('readBack() shows a stuck output that set() could not move', async () => {
    const relay = await open(new FirmataRelay('door-a/relay', rig.boards, { port: rig.pty.hostPath, pin: 9 }));
    rig.emulator.setStuckOutput(9, false);
    await relay.set(true);
    assert.equal(await relay.get(), true);
    assert.equal(await relay.readBack(), false);
    const lastWrite = rig.emulator.levelWrites.filter((w) => w.pin === 9).at(-1);
    assert.deepEqual([lastWrite?.level, lastWrite?.applied], [true, false]);
  });

  it('an input driven by the board produces one debounced edge, bounces included', async () => {
    const clock = new ManualClock();
    const input = await open(new FirmataInput('door-a/contact', rig.boards, { port: rig.pty.hostPath, pin: 8 }, { debounceMs: 50, clock }));
    const edges: InputEdge[] = [];
    input.subscribe((edge) => edges.push(edge));
    assert.equal(await input.read(), false);

    rig.emulator.setInput(8, true);
    await waitFor('raw rise seen', () => clock.pending === 1);
    clock.advance(20);
    rig.emulator.setInput(8, false); // a bounce, shorter than 50 ms
    await waitFor('bounce cancelled', () => clock.pending === 0);
    clock.advance(20);
    rig.emulator.setInput(8, true);
    await waitFor('second rise seen', () => clock.pending === 1);
    const risenAtMs = clock.nowMs();
    clock.advance(49);
    assert.deepEqual(edges, []);
    clock.advance(1);
    assert.deepEqual(edges, [{ level: true, atMs: risenAtMs }]);
    assert.equal(await input.read(), true);
  });

  it('a pull-up input with activeLow reads inactive while open and reports the closed contact as active', async () => {
    const input = await open(new FirmataInput('door-a/exit', rig.boards, { port: rig.pty.hostPath, pin: 12 }, { pullUp: true, activeLow: true }));
    assert.equal(rig.emulator.pinMode(12), PinMode.PULLUP);
    assert.equal(await input.read(), false);
    const edges: boolean[] = [];
    input.subscribe((edge) => edges.push(edge.level));
    rig.emulator.setInput(12, false);
    await waitFor('active edge', () => edges.length === 1);
    assert.deepEqual(edges, [true]);
  });

  it('a relay write does not turn on the pull-up of a HIGH input on the same port', async () => {
    const input = await open(new FirmataInput('door-a/contact', rig.boards, { port: rig.pty.hostPath, pin: 5 }));
    const relay = await open(new FirmataRelay('door-a/relay', rig.boards, { port: rig.pty.hostPath, pin: 6 }));
    rig.emulator.setInput(5, true);
    await waitFor('input HIGH', async () => await input.read());
    await relay.set(true);
    await waitFor('pin 6 HIGH', () => rig.emulator.outputLevel(6));
    assert.equal(rig.emulator.pullUpEnabled(5), false);
  });

  it('counts pulses on an input, and its glitch filter drops a pulse shorter than the window', async () => {
    const counter = await open(new FirmataPulseCounter('shower-1/flow', rig.boards, { port: rig.pty.hostPath, pin: 2 }));
    assert.equal(await counter.lastPulseAtMs(), null);
    for (let i = 0; i < 25; i++) {
      rig.emulator.setInput(2, true);
      rig.emulator.setInput(2, false);
    }
    await waitFor('25 pulses', async () => (await counter.count()) === 25);
    assert.equal(typeof (await counter.lastPulseAtMs()), 'number');

    const clock = new ManualClock();
    const filtered = await open(new FirmataPulseCounter('shower-2/flow', rig.boards, { port: rig.pty.hostPath, pin: 3 }, { glitchFilterMs: 5, clock }));
    rig.emulator.setInput(3, true);
    await waitFor('rise seen', () => clock.pending === 1);
    clock.advance(2);
    rig.emulator.setInput(3, false);
    await waitFor('glitch dropped', () => clock.pending === 0);
    rig.emulator.setInput(3, true);
    await waitFor('rise seen', () => clock.pending === 1);
    const risenAtMs = clock.nowMs();
    clock.advance(5);
    assert.equal(await filtered.count(), 1);
    assert.equal(await filtered.lastPulseAtMs(), risenAtMs);
  });

  it('a valve opens on setOpen(true) and is closed by close()', async () => {
    const valve = await open(new FirmataValve('shower-1/valve', rig.boards, { port: rig.pty.hostPath, pin: 10 }));
    await valve.setOpen(true);
    await waitFor('valve pin HIGH', () => rig.emulator.outputLevel(10));
    assert.equal(await valve.isOpen(), true);
    await valve.close();
    await waitFor('valve pin LOW', () => !rig.emulator.outputLevel(10));
    await assert.rejects(valve.isOpen(), { name: 'AssertionError' });
  });

  it('refuses a pin another driver holds and a pin the board does not offer, with typed errors', async () => {
    await open(new FirmataRelay('a', rig.boards, { port: rig.pty.hostPath, pin: 7 }));
    await assert.rejects(open(new FirmataInput('b', rig.boards, { port: rig.pty.hostPath, pin: 7 })), (err: FirmataError) => err.code === 'pin_in_use' && /already used by relay a/.test(err.message));
    await assert.rejects(open(new FirmataRelay('c', rig.boards, { port: rig.pty.hostPath, pin: 1 })), (err: FirmataError) => err.code === 'unsupported_pin');
    await assert.rejects(open(new FirmataRelay('d', rig.boards, { port: rig.pty.hostPath, pin: 40 })), (err: FirmataError) => err.code === 'unsupported_pin' && /pins 0-19/.test(err.message));
    // The refused drivers released their references: the relay alone holds the board.
    assert.deepEqual(rig.boards.paths(), [rig.pty.hostPath]);
  });
});
