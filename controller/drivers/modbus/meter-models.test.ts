/** Meter models as data: the built-in register maps, and models written in config with clear errors. */
import { strict as assert } from 'node:assert';
import { BUILT_IN_MODELS, DDS238, MeterModelError, SDM120, findMeterModel, meterModelSchema, parseMeterModel } from './meter-models.js';

function problems(doc: unknown): string[] {
  try {
    parseMeterModel(doc, 'meters.yaml models[0]');
  } catch (err) {
    assert.ok(err instanceof MeterModelError);
    assert.match(err.message, /^meters\.yaml models\[0\]: invalid meter model:/);
    return err.problems;
  }
  assert.fail('the model was accepted');
}

const valid = { id: 'acme', fields: { energyWh: { address: 0, kind: 'holding', type: 'u32', scale: 10 } } };

describe('meter models', () => {
  it('describes the SDM120 as float32 input registers at the published addresses', () => {
    assert.deepEqual(
      Object.fromEntries(Object.entries(SDM120.fields).map(([q, f]) => [q, [f.address, f.kind, f.type, f.scale]])),
      { voltageMv: [0x0000, 'input', 'float32', 1000], currentMa: [0x0006, 'input', 'float32', 1000], powerW: [0x000c, 'input', 'float32', 1], energyWh: [0x0156, 'input', 'float32', 1000] },
    );
    assert.equal(SDM120.relay, undefined);
  });

  it('describes the DDS238 as integer holding registers with a relay written by FC16 at 0x001A', () => {
    assert.deepEqual(
      Object.fromEntries(Object.entries(DDS238.fields).map(([q, f]) => [q, [f.address, f.type, f.scale]])),
      { energyWh: [0x0000, 'u32', 10], voltageMv: [0x000c, 'u16', 100], currentMa: [0x000d, 'u16', 10], powerW: [0x000e, 'i16', 1] },
    );
    assert.deepEqual(DDS238.relay, { address: 0x001a, kind: 'holding', write: 'multiple', closedValue: 1, openValue: 0 });
  });

  it('finds built-in models and config models by id', () => {
    const acme = parseMeterModel(valid);
    assert.equal(findMeterModel('sdm120'), SDM120);
    assert.equal(findMeterModel('acme', [acme]), acme);
    assert.equal(findMeterModel('nope', [acme]), null);
    assert.deepEqual(Object.keys(BUILT_IN_MODELS), ['sdm120', 'dds238']);
  });

  it('fills defaults: high-first words, plausible ranges, relay values 1 closed / 0 open, one field per read', () => {
    const m = parseMeterModel({ ...valid, relay: { address: 26, write: 'multiple' } });
    assert.deepEqual(m.fields.energyWh, { address: 0, kind: 'holding', type: 'u32', wordOrder: 'high-first', scale: 10, min: 0, max: 1e12 });
    assert.deepEqual(m.relay, { address: 26, write: 'multiple', closedValue: 1, openValue: 0, kind: 'holding' });
    assert.equal(m.maxRegistersPerRead, 1);
    assert.equal(m.name, 'acme');
  });

  it('names the bad field in every error', () => {
    assert.deepEqual(problems({ ...valid, fields: { energyWh: { ...valid.fields.energyWh, type: 'u64' } } }), ['fields.energyWh.type: Invalid option: expected one of "u16"|"i16"|"u32"|"i32"|"float32"']);
    assert.match(problems({ ...valid, fields: { powerW: { address: 70000, kind: 'input', type: 'u16', scale: 1 } } })[0]!, /^fields\.powerW\.address: /);
    assert.match(problems({ ...valid, fields: { voltageMv: { address: 0, kind: 'coil', type: 'u16', scale: 1 } } })[0]!, /^fields\.voltageMv\.kind: /);
    assert.match(problems({ ...valid, fields: { currentMa: { address: 0, kind: 'input', type: 'u16', scale: 0 } } })[0]!, /^fields\.currentMa\.scale: /);
    assert.match(problems({ ...valid, fields: { frequencyHz: { address: 0, kind: 'input', type: 'u16', scale: 1 } } })[0]!, /^fields: Unrecognized key: "frequencyHz"/);
    assert.deepEqual(problems({ ...valid, fields: {} }), ['fields: give at least one of energyWh, powerW, voltageMv, currentMa']);
    assert.deepEqual(problems({ ...valid, fields: { energyWh: { address: 65535, kind: 'input', type: 'float32', scale: 1 } } }), ['fields.energyWh.address: a float32 at 65535 runs past register 65535']);
    assert.deepEqual(problems({ ...valid, fields: { powerW: { address: 1, kind: 'input', type: 'i16', scale: 1, min: 10, max: 5 } } }), ['fields.powerW.max: must be above min (10)']);
    assert.deepEqual(problems({ ...valid, relay: { address: 1, write: 'single', closedValue: 0 } }), ['relay.openValue: must differ from closedValue']);
    assert.match(problems({ ...valid, relay: { address: 1, write: 'fc5' } })[0]!, /^relay\.write: /);
    assert.deepEqual(problems({ ...valid, id: 'sdm120' }), ['id: "sdm120" is a built-in model']);
    assert.match(problems({ ...valid, id: 'Bad Id' })[0]!, /^id: /);
    assert.match(problems({ ...valid, maxRegistersPerRead: 200 })[0]!, /^maxRegistersPerRead: /);
  });

  it('exports the schema for the controller config to embed', () => {
    assert.equal(meterModelSchema.safeParse(valid).success, true);
  });
});
