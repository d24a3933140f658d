/** The emulators' faults and the wiring of the emulated world the self-test relies on. */
import { strict as assert } from 'node:assert';
import { EmulatedDrivers } from './drivers.js';
import { EmulatedWallClock } from './wall-clock.js';
import type { CardReaderEvent } from '../controller/drivers/card-reader.js';

describe('emulator faults', () => {
  let nowMs = 0;
  const drivers = () => new EmulatedDrivers({ now: () => nowMs });
  beforeEach(() => (nowMs = 1000));

  it('a feedback input follows a relay\'s contacts, which a stuck fault detaches from the coil', async () => {
    const d = drivers();
    const relay = d.relay({ driver: 'emulated' }, 'door/relay');
    const feedback = d.digitalInput({ driver: 'emulated' }, 'door/relay/feedback');
    await relay.open();
    await feedback.open();
    await relay.set(true);
    assert.equal(await feedback.read(), true);
    await relay.set(false);
    assert.equal(await feedback.read(), false);
    d.setFault('door/relay', 'stuck-closed');
    assert.equal(await feedback.read(), true, 'welded: closed with the coil off');
    d.setFault('door/relay', 'stuck-open');
    await relay.set(true);
    assert.deepEqual([await relay.get(), await feedback.read()], [true, false], 'the driver cannot tell; the contact can');
  });

  it('a flow sensor counts while its valve passes water, not when stuck; a valve stuck open keeps the water running', async () => {
    const d = drivers();
    const valve = d.valve({ driver: 'emulated' }, 'shower/valve');
    const flow = d.pulseCounter({ driver: 'emulated', flowPulsesPerSecond: 7.5 }, 'shower/flow');
    await valve.open();
    await flow.open();
    await valve.setOpen(true);
    nowMs += 1000;
    assert.equal(await flow.count(), 7, 'whole pulses only');
    nowMs += 1000;
    assert.equal(await flow.count(), 15);
    assert.equal(await flow.lastPulseAtMs(), 3000);
    await valve.setOpen(false);
    nowMs += 5000;
    assert.equal(await flow.count(), 15, 'closed: no water');
    d.setFault('shower/valve', 'stuck-open');
    nowMs += 2000;
    assert.equal(await flow.count(), 30, 'stuck open: the water runs with the valve driven closed');
    d.setFault('shower/flow', 'stuck');
    d.pulseCounterNamed('shower/flow').pulse(10);
    nowMs += 2000;
    assert.equal(await flow.count(), 30, 'a stuck sensor counts nothing');
  });

  it('a fault set before the emulator exists applies when it is made; a wrong fault for the kind is refused', () => {
    const d = drivers();
    d.setFault('hall/reader', 'unplugged');
    const reader = d.cardReader({ driver: 'emulated' }, 'hall/reader');
    assert.equal(reader.plugged, false);
    assert.throws(() => d.setFault('hall/reader', 'stuck'), /a reader takes the faults none, unplugged, not "stuck"/);
    assert.throws(() => d.setFault('later/thing', 'melted'), /no emulator takes the fault "melted"/);
    d.setFault('later/relay', 'silent');
    assert.throws(() => d.relay({ driver: 'emulated' }, 'later/relay'), /a relay takes the faults none, stuck-open, stuck-closed, not "silent"/);
  });

  it('an unplugged reader reports detach, reads nothing, and attaches again when plugged back', async () => {
    const d = drivers();
    const reader = d.cardReader({ driver: 'emulated' }, 'hall/reader');
    const seen: string[] = [];
    reader.subscribe((e: CardReaderEvent) => seen.push(e.kind));
    await reader.open();
    d.setFault('hall/reader', 'unplugged');
    assert.throws(() => reader.tap('04A1B2C3'), /unplugged/);
    d.setFault('hall/reader', 'none');
    reader.tap('04A1B2C3');
    assert.deepEqual(seen, ['attach', 'detach', 'attach', 'card']);
  });

  it('a meter fault from the spec makes it silent, and clearing it lets it answer', async () => {
    const d = drivers();
    const meter = d.meter({ driver: 'emulated', model: 'dds238', unit: 1, energyWh: 0, powerW: 0, fault: 'silent' }, 'room/meter');
    await meter.open();
    assert.equal((await meter.read()).ok, false);
    d.setFault('room/meter', 'none');
    assert.equal((await meter.read()).ok, true);
    await meter.close();
  });

  it('the wall clock jumps and can be set, the base clock going on underneath', () => {
    let base = 1_700_000_000_000;
    const wall = new EmulatedWallClock(() => base);
    wall.jump(3_600_000);
    base += 10;
    assert.equal(wall.now(), 1_700_003_600_010);
    wall.set(86_400_000);
    base += 5;
    assert.equal(wall.now(), 86_400_005);
  });
});
