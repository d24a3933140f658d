/**
 * Merchants over the API, on each back end: added with their kind, fee rate, canteen surcharge and
 * settlement account; devices (and so their points) bound, moved between merchants; operators
 * bound; refusals named on the field an operator would fix; every change in the audit log.
 */
import { strict as assert } from 'node:assert';
import { api } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { expectApi, startCampus, type Campus } from '../test/settlement-kit.js';
import { registerDevice } from '../test/raw-device.js';

for (const backend of BACKENDS) describe(`merchants (${backend})`, () => {
  let campus: Campus;

  beforeEach(async () => {
    campus = await startCampus(backend, '2026-03-01 09:00');
    for (const d of ['pos-1', 'pos-2', 'shower-ctl-1']) await registerDevice(campus.hub, d);
  });
  afterEach(() => campus.stop());

  const addCanteen = () => expectApi(campus.hub, 201, 'POST', '/api/merchants', { merchantId: 'canteen-1', name: '一食堂', kind: 'canteen', feeRateBp: 150, surchargeBp: 1000, settlementAccount: 'ICBC 6222 0001' });

  it('adds a merchant with its clearing account, binds devices and lists them with their rates', async () => {
    const added = await addCanteen();
    assert.deepEqual(
      { ...added.merchant, createdAtMs: 0, updatedAtMs: 0 },
      {
        merchantId: 'canteen-1', name: '一食堂', kind: 'canteen', feeRateBp: 150, surchargeBp: 1000, settlementAccount: 'ICBC 6222 0001',
        clearingAccountId: 'settle.canteen-1', deviceIds: [], operatorIds: [], createdAtMs: 0, updatedAtMs: 0,
      },
    );
    const clearing = await expectApi(campus.hub, 200, 'GET', '/api/accounts/settle.canteen-1');
    assert.deepEqual([clearing.account.kind, clearing.account.balanceFen], ['merchant', 0]);
    const bound = await expectApi(campus.hub, 200, 'POST', '/api/merchants/canteen-1/devices', { deviceIds: ['pos-1', 'pos-2'] });
    assert.deepEqual([bound.merchant.deviceIds, bound.moved], [['pos-1', 'pos-2'], []]);
    await expectApi(campus.hub, 201, 'POST', '/api/merchants', { merchantId: 'bath-1', name: '浴室', kind: 'shower', feeRateBp: 200 });
    const moved = await expectApi(campus.hub, 200, 'POST', '/api/merchants/bath-1/devices', { deviceIds: ['shower-ctl-1', 'pos-2'] });
    assert.deepEqual(moved.moved, [{ deviceId: 'pos-2', fromMerchantId: 'canteen-1' }], 'a device belongs to one merchant: binding it elsewhere moves it');
    const list = (await expectApi(campus.hub, 200, 'GET', '/api/merchants')).merchants as { merchantId: string; deviceIds: string[]; surchargeBp: number }[];
    assert.deepEqual(list.map((m) => [m.merchantId, m.deviceIds, m.surchargeBp]), [['bath-1', ['pos-2', 'shower-ctl-1'], 0], ['canteen-1', ['pos-1'], 1000]]);
    const patched = await expectApi(campus.hub, 200, 'PATCH', '/api/merchants/canteen-1', { feeRateBp: 120 });
    assert.deepEqual([patched.merchant.feeRateBp, patched.merchant.surchargeBp], [120, 1000]);
  });

  it('refuses a second merchant of the same id, a surcharge outside a canteen, an unregistered device and an unknown merchant', async () => {
    await addCanteen();
    const again = await api(campus.hub, 'POST', '/api/merchants', { merchantId: 'canteen-1', name: 'x', kind: 'canteen', feeRateBp: 0 });
    assert.deepEqual([again.status, again.body.error.code, again.body.error.field], [409, 'merchant_exists', 'merchantId']);
    const surcharge = await api(campus.hub, 'POST', '/api/merchants', { merchantId: 'bath-1', name: '浴室', kind: 'shower', feeRateBp: 200, surchargeBp: 500 });
    assert.deepEqual([surcharge.status, surcharge.body.error.code, surcharge.body.error.field], [400, 'invalid_body', 'surchargeBp']);
    const rate = await api(campus.hub, 'POST', '/api/merchants', { merchantId: 'bath-1', name: '浴室', kind: 'shower', feeRateBp: 9000 });
    assert.deepEqual([rate.status, rate.body.error.field], [400, 'feeRateBp']);
    const device = await api(campus.hub, 'POST', '/api/merchants/canteen-1/devices', { deviceIds: ['pos-1', 'pos-9'] });
    assert.deepEqual([device.status, device.body.error.code, device.body.error.message], [422, 'unknown_device', 'no device pos-9 is registered (register it first: onecard admin device add)']);
    assert.deepEqual((await expectApi(campus.hub, 200, 'GET', '/api/merchants/canteen-1')).merchant.deviceIds, [], 'nothing bound when one device is refused');
    const nobody = await api(campus.hub, 'POST', '/api/merchants/canteen-9/devices', { deviceIds: ['pos-1'] });
    assert.deepEqual([nobody.status, nobody.body.error.code], [404, 'not_found']);
    const operator = await api(campus.hub, 'POST', '/api/merchants/canteen-1/operators', { operatorId: 'nobody' });
    assert.deepEqual([operator.status, operator.body.error.code], [422, 'unknown_operator']);
  });

  it('keeps every merchant change in the audit log with the merchant before and after', async () => {
    await addCanteen();
    await expectApi(campus.hub, 200, 'POST', '/api/merchants/canteen-1/devices', { deviceIds: ['pos-1'] });
    const entries = (await campus.hub.audit.list({ action: 'merchant.', limit: 10 })).reverse();
    assert.deepEqual(entries.map((e) => [e.action, e.targetKind, e.targetId, e.outcome]), [
      ['merchant.add', 'merchant', 'canteen-1', 'ok'],
      ['merchant.bind_devices', 'merchant', 'canteen-1', 'ok'],
    ]);
    assert.deepEqual([(entries[1]!.before as { devices: string[] }).devices, (entries[1]!.after as { devices: string[] }).devices], [[], ['pos-1']]);
  });
});
