import { strict as assert } from 'node:assert';
import { AccessReason, SpendRule } from '../../protocol/messages.js';
import type { TariffRecord } from '../dataset-types.js';
import type { SpendAllowance } from '../wallet.js';
import { admitTap, capAllowance, type AdmissionContext, type TapState } from './shower-admission.js';

const HOT: TariffRecord = {
  id: 'hot', basis: 'per_litre', priceMillifen: 2_500, bands: [{ startMinute: 1_320, endMinute: 1_440, priceMillifen: 1_000 }], minimumChargeFen: 0,
  maxSessionMs: 0, maxSessionCostFen: 0, freeEnergyWhPerMonth: 0, fallbackPriceMillifenPerSecond: 0,
};
const IDLE: TapState = { tariffId: 'hot', hasFlowSensor: true, sessionOpen: false, outOfService: false, chargeWaiting: false };
const OK: SpendAllowance = { ok: true, accountId: 'acc-1', allowanceFen: 500, rule: SpendRule.SPEND_RULE_BALANCE, offline: false };

function context(over: { granted?: AccessReason; tariff?: TariffRecord | undefined; reservedFen?: number; allowance?: SpendAllowance; wallIso?: string } = {}): AdmissionContext {
  const granted = over.granted ?? AccessReason.ACCESS_REASON_GRANTED;
  const tariff = 'tariff' in over ? over.tariff : HOT;
  return {
    policy: { decide: () => ({ granted: granted === AccessReason.ACCESS_REASON_GRANTED, reason: granted }), tariff: (id) => (id === 'hot' ? tariff : undefined) },
    wallet: { reservedFor: () => over.reservedFen ?? 0, allowance: () => over.allowance ?? OK },
    wallNow: () => Date.parse(over.wallIso ?? '2024-05-01T10:00:00+08:00'),
    timeZone: 'Asia/Shanghai',
  };
}

describe('shower admission', () => {
  it('grants with the wallet allowance and the tariff priced at the band of the local minute now', () => {
    const day = admitTap('c1', IDLE, context());
    assert.deepEqual(day.granted && [day.accountId, day.allowanceFen, day.spendRule, day.tariff.priceMillifen], ['acc-1', 500, SpendRule.SPEND_RULE_BALANCE, 2_500]);
    const night = admitTap('c1', IDLE, context({ wallIso: '2024-05-01T22:30:00+08:00' }));
    assert.equal(night.granted && night.tariff.priceMillifen, 1_000);
  });

  it('refuses in order: policy, busy, out of service, charge waiting, tariff, card busy elsewhere, allowance', () => {
    const reason = (state: Partial<TapState>, ctx: AdmissionContext) => {
      const a = admitTap('c1', { ...IDLE, ...state }, ctx);
      return a.granted ? 'granted' : AccessReason[a.reason];
    };
    const broke: SpendAllowance = { ok: false, reason: AccessReason.ACCESS_REASON_DENIED_INSUFFICIENT_BALANCE, rule: SpendRule.SPEND_RULE_BALANCE, offline: false, message: 'no money' };
    const all = { sessionOpen: true, outOfService: true, chargeWaiting: true };
    assert.equal(reason(all, context({ granted: AccessReason.ACCESS_REASON_DENIED_LOST, tariff: undefined })), 'ACCESS_REASON_DENIED_LOST');
    assert.equal(reason(all, context()), 'ACCESS_REASON_DENIED_SESSION_OPEN');
    assert.equal(reason({ outOfService: true, chargeWaiting: true }, context()), 'ACCESS_REASON_DENIED_POINT_FAULT');
    assert.equal(reason({ chargeWaiting: true }, context({ tariff: undefined })), 'ACCESS_REASON_DENIED_JOURNAL_FULL');
    assert.equal(reason({}, context({ tariff: undefined, reservedFen: 5 })), 'ACCESS_REASON_DENIED_NO_TARIFF');
    assert.equal(reason({}, context({ reservedFen: 5, allowance: broke })), 'ACCESS_REASON_DENIED_SESSION_OPEN');
    assert.equal(reason({}, context({ allowance: broke })), 'ACCESS_REASON_DENIED_INSUFFICIENT_BALANCE');
  });

  it('says why a tariff cannot be used: not held, or not one a shower bills by', () => {
    const missing = admitTap('c1', IDLE, context({ tariff: undefined }));
    assert.deepEqual(missing, { granted: false, reason: AccessReason.ACCESS_REASON_DENIED_NO_TARIFF, tariffProblem: 'tariff hot is not held' });
    const power = admitTap('c1', IDLE, context({ tariff: { ...HOT, basis: 'per_kwh' } }));
    assert.equal(!power.granted && power.tariffProblem, 'tariff hot is per_kwh, not per litre or per second');
  });

  it('caps the allowance by the tariff maximum session cost only when that is smaller (0: no cap)', () => {
    const wallet = { allowanceFen: 500, spendRule: SpendRule.SPEND_RULE_DAILY_LIMIT };
    assert.deepEqual(capAllowance(wallet, 300), { allowanceFen: 300, spendRule: SpendRule.SPEND_RULE_MAX_SESSION_COST });
    assert.deepEqual(capAllowance(wallet, 500), wallet);
    assert.deepEqual(capAllowance(wallet, 800), wallet);
    assert.deepEqual(capAllowance(wallet, 0), wallet);
    const granted = admitTap('c1', IDLE, context({ tariff: { ...HOT, maxSessionCostFen: 200 } }));
    assert.deepEqual(granted.granted && [granted.allowanceFen, granted.spendRule], [200, SpendRule.SPEND_RULE_MAX_SESSION_COST]);
  });
});
