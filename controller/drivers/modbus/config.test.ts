/** The Modbus config section: defaults, field-named errors, meter specs checked against buses and models. */
import { strict as assert } from 'node:assert';
import { MemoryLogger } from '../../../lib/log.js';
import { DDS238 } from './meter-models.js';
import { checkMeterSpecs, createBuses, modbusConfigSchema, modbusMeterSpecSchema, modelFor, timingOf } from './config.js';

const issues = (doc: unknown) => {
  const r = modbusConfigSchema.safeParse(doc);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('Modbus config', () => {
  it('fills RTU line settings and timing defaults, leaving the silence to the baud rate', () => {
    const c = modbusConfigSchema.parse({ buses: [{ id: 'rs485-1', transport: { kind: 'rtu', path: '/dev/ttyUSB0' } }, { id: 'gw', transport: { kind: 'tcp', host: '10.0.0.7' } }] });
    assert.deepEqual(c.buses[0]!.transport, { kind: 'rtu', path: '/dev/ttyUSB0', baudRate: 9600, parity: 'none', dataBits: 8, stopBits: 1 });
    assert.deepEqual(c.buses[1]!.transport, { kind: 'tcp', host: '10.0.0.7', port: 502 });
    assert.deepEqual(timingOf(c.buses[0]!), { timeoutMs: 1000, retries: 2, maxQueueLength: 32, reconnectIntervalMs: 2000, connectTimeoutMs: 3000 });
    assert.deepEqual(c.models, []);
  });

  it('names the bad field', () => {
    assert.match(issues({ buses: [{ id: 'a', transport: { kind: 'rtu', path: '/dev/x', parity: 'mark' } }] })[0]!, /^buses\.0\.transport\.parity: /);
    assert.match(issues({ buses: [{ id: 'a', transport: { kind: 'tcp', host: 'h' }, retries: 9 }] })[0]!, /^buses\.0\.retries: /);
    assert.match(issues({ buses: [{ id: 'a', transport: { kind: 'serial', path: '/dev/x' } }] })[0]!, /^buses\.0\.transport\.kind: /);
    assert.deepEqual(issues({ buses: [{ id: 'a', transport: { kind: 'tcp', host: 'h' } }, { id: 'a', transport: { kind: 'tcp', host: 'i' } }] }), ['buses.1.id: duplicate bus id a']);
    assert.match(issues({ models: [{ id: 'm', fields: { energyWh: { address: 0, kind: 'input', type: 'u8', scale: 1 } } }] })[0]!, /^models\.0\.fields\.energyWh\.type: /);
  });

  it('checks each meter spec against the buses and models it names', () => {
    const modbus = modbusConfigSchema.parse({ buses: [{ id: 'rs485-1', transport: { kind: 'rtu', path: '/dev/ttyUSB0' } }], models: [{ id: 'acme', fields: { powerW: { address: 0, kind: 'input', type: 'i16', scale: 1 } } }] });
    const spec = (bus: string, unit: number, model: string) => modbusMeterSpecSchema.parse({ driver: 'modbus', bus, unit, model });
    assert.deepEqual(checkMeterSpecs(modbus, [{ path: ['points', 0, 'meter'], spec: spec('rs485-1', 1, 'dds238') }, { path: ['points', 1, 'meter'], spec: spec('rs485-1', 2, 'acme') }]), []);
    assert.deepEqual(
      checkMeterSpecs(modbus, [
        { path: ['points', 0, 'meter'], spec: spec('rs485-1', 1, 'dds238') },
        { path: ['points', 1, 'meter'], spec: spec('rs485-1', 1, 'sdm630') },
        { path: ['points', 2, 'meter'], spec: spec('rs485-2', 5, 'sdm120') },
      ]).map((p) => `${p.path.join('.')}: ${p.message}`),
      [
        'points.1.meter.model: unknown meter model sdm630 (have: sdm120, dds238, acme)',
        'points.1.meter.unit: another meter already has unit 1 on bus rs485-1',
        'points.2.meter.bus: no bus rs485-2 in modbus.buses (have: rs485-1)',
      ],
    );
    assert.equal(modelFor(modbus, 'dds238'), DDS238);
    assert.equal(modelFor(modbus, 'acme')?.fields.powerW?.type, 'i16');
    assert.equal(modelFor(modbus, 'nope'), null);
  });

  it('builds one bus per configured line, unopened', async () => {
    const modbus = modbusConfigSchema.parse({ buses: [{ id: 'gw', transport: { kind: 'tcp', host: '127.0.0.1', port: 1 } }] });
    const buses = createBuses(modbus, new MemoryLogger());
    assert.deepEqual([...buses.keys()], ['gw']);
    await buses.get('gw')!.close();
  });
});
