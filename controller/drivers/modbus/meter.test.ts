/** The meter driver on the bus contract, against emulated meters (in memory, no line). */
import { strict as assert } from 'node:assert';
import { AssertionError } from '../../../lib/errors.js';
import { MemoryLogger } from '../../../lib/log.js';
import { EmulatedMeter } from '../../../emulators/modbus-meter.js';
import { createEmulatedModbusBus } from '../../../emulators/modbus-bus.js';
import { DDS238, SDM120, parseMeterModel, type MeterModel } from './meter-models.js';
import { ModbusMeter, planReads } from './meter.js';

async function setup(model: MeterModel, init: { powerW?: number; energyWh?: number } = {}) {
  let nowMs = 1_000_000;
  const logger = new MemoryLogger();
  const device = new EmulatedMeter({ model, unit: 7, now: () => nowMs, ...init });
  const bus = createEmulatedModbusBus([device], { name: 'room-bus', logger, timing: { retries: 1 } });
  await bus.open();
  const meter = new ModbusMeter({ name: 'room-301', bus, unit: 7, model, logger });
  return { device, bus, meter, logger, advanceMs: (ms: number) => (nowMs += ms) };
}

describe('Modbus meter', () => {
  it('plans one request per span of nearby registers: SDM120 in two, DDS238 (with its relay) in one', () => {
    assert.deepEqual(planReads(SDM120).map((b) => [b.kind, b.address, b.count]), [['input', 0x0000, 14], ['input', 0x0156, 2]]);
    assert.deepEqual(planReads(DDS238).map((b) => [b.kind, b.address, b.count, b.items.map((i) => i.name)]), [['holding', 0, 27, ['energyWh', 'voltageMv', 'currentMa', 'powerW', 'relay']]]);
    const oneByOne = parseMeterModel({ id: 'x', fields: { energyWh: { address: 0, kind: 'holding', type: 'u32', scale: 1 }, powerW: { address: 2, kind: 'holding', type: 'u16', scale: 1 } } });
    assert.deepEqual(planReads(oneByOne).map((b) => [b.address, b.count]), [[0, 2], [2, 1]], 'maxRegistersPerRead 1 reads each field whole, on its own');
  });

  it('reads an SDM120 as integers in the named units', async () => {
    const { meter, bus } = await setup(SDM120, { powerW: 1500, energyWh: 1_234_567 });
    const r = await meter.read();
    assert.deepEqual(r, { ok: true, reading: { voltageMv: 230_000, currentMa: 6522, powerW: 1500, energyWh: 1_234_567 } });
    assert.equal(meter.hasRelay, false);
    await assert.rejects(meter.setRelay(false), AssertionError, 'a meter without a relay cannot be told to cut');
    await bus.close();
  });

  it('sees energy advance with the load over the emulator clock: 1500 W for one hour is 1500 Wh', async () => {
    const { meter, device, advanceMs, bus } = await setup(DDS238, { powerW: 1500, energyWh: 10_000 });
    advanceMs(3_600_000);
    const r = await meter.read();
    assert.ok(r.ok);
    assert.equal(r.reading.energyWh, 11_500);
    device.setPowerW(500);
    advanceMs(30 * 60_000);
    const later = await meter.read();
    assert.ok(later.ok);
    assert.equal(later.reading.energyWh, 11_750, 'DDS238 counts in 0.01 kWh, so 250 Wh more shows exactly');
    assert.equal(later.reading.powerW, 500);
    await bus.close();
  });

  it('cuts and restores the supply through the DDS238 relay register, confirmed by reading it back', async () => {
    const { meter, device, advanceMs, bus, logger } = await setup(DDS238, { powerW: 2000, energyWh: 0 });
    assert.deepEqual(await meter.setRelay(false), { ok: true, relayClosed: false });
    assert.equal(device.relayClosed, false);
    advanceMs(3_600_000);
    const cut = await meter.read();
    assert.ok(cut.ok);
    assert.equal(cut.reading.relayClosed, false);
    assert.equal(cut.reading.powerW, 0, 'no load behind an open relay');
    assert.equal(cut.reading.energyWh, 0, 'and no energy counted');
    assert.deepEqual(await meter.setRelay(true), { ok: true, relayClosed: true });
    assert.deepEqual(bus.link.sent.filter((s) => s.fn.startsWith('write')).map((s) => s.fn), ['write-multiple', 'write-multiple'], 'the DDS238 is written with FC16 only');
    assert.equal(logger.find('meter.relay').length, 2);
    await bus.close();
  });

  it('refuses implausible values as errors, never as readings: NaN, negative energy, out of range, odd relay value', async () => {
    const { meter, device, bus, logger } = await setup(SDM120, { powerW: 100 });
    device.forceRegisters('input', 0x0000, [0x7fc0, 0x0000]); // voltage NaN
    let r = await meter.read();
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error, 'implausible');
    assert.match(!r.ok ? r.message : '', /voltageMv/);
    device.clearForcedRegisters();
    device.forceRegisters('input', 0x0156, [0xbf80, 0x0000]); // energy -1 kWh
    r = await meter.read();
    assert.equal(!r.ok && r.error, 'implausible');
    assert.match(!r.ok ? r.message : '', /negative energy/);
    device.clearForcedRegisters();
    device.forceRegisters('input', 0x0000, [0x43fa, 0x0000]); // 500 V on a 230 V meter
    r = await meter.read();
    assert.match(!r.ok ? r.message : '', /voltageMv: 500000 is outside 0\.\.300000/);
    assert.equal(logger.find('meter.implausible').length, 3);

    const dds = await setup(DDS238);
    dds.device.forceRegisters('holding', 0x001a, [7]);
    const odd = await dds.meter.read();
    assert.equal(!odd.ok && odd.error, 'implausible');
    assert.match(!odd.ok ? odd.message : '', /relay: register 26 holds 7/);
    await bus.close();
    await dds.bus.close();
  });

  it('gives the bus error of any failed request, with no partial reading', async () => {
    const { meter, device, bus } = await setup(SDM120);
    device.setFault({ kind: 'exception', code: 4 });
    const ex = await meter.read();
    assert.deepEqual(ex.ok ? null : [ex.error, ex.exceptionCode], ['exception', 4]);
    device.setFault({ kind: 'silent' });
    const silent = await meter.read();
    assert.deepEqual(silent.ok ? null : silent.error, 'timeout');
    assert.equal(Object.keys(silent).includes('reading'), false);
    await bus.close();
  });

  it('reads a meter defined in config, scaled to the named units', async () => {
    const model = parseMeterModel({
      id: 'acme-prepaid',
      fields: {
        energyWh: { address: 0x10, kind: 'input', type: 'u32', wordOrder: 'low-first', scale: 100 },
        voltageMv: { address: 0x20, kind: 'input', type: 'u16', scale: 10 },
      },
      relay: { address: 0x40, write: 'single' },
      maxRegistersPerRead: 32,
    });
    const { meter, bus } = await setup(model, { energyWh: 123_400 });
    assert.deepEqual(await meter.read(), { ok: true, reading: { energyWh: 123_400, voltageMv: 230_000, relayClosed: true } });
    assert.deepEqual(await meter.setRelay(false), { ok: true, relayClosed: false });
    assert.deepEqual(bus.link.sent.map((s) => s.fn), ['read-input', 'read-holding', 'write-single', 'read-holding']);
    await bus.close();
  });
});
