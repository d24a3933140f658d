import { strict as assert } from 'node:assert';
import { localTime } from '../../lib/local-time.js';
import type { TariffRecord } from '../dataset-types.js';
import { INITIAL_BILLING, JUMP_SLACK_WH, MICROFEN_PER_FEN, accrue, classifyReading, priceAt, takeCharge, type BillingState } from './room-billing.js';

function tariff(t: Partial<TariffRecord> = {}): TariffRecord {
  return {
    id: 'elec', basis: 'per_kwh', priceMillifen: 60_000, bands: [], minimumChargeFen: 0, maxSessionMs: 0, maxSessionCostFen: 0,
    freeEnergyWhPerMonth: 0, fallbackPriceMillifenPerSecond: 0, ...t,
  };
}

const at = (iso: string) => localTime(Date.parse(iso), 'Asia/Shanghai');
const start: BillingState = { ...INITIAL_BILLING, meterEnergyWh: 0 };

describe('room billing', () => {
  it('prices a minute at the first band that holds it, the base price elsewhere', () => {
    const t = tariff({ priceMillifen: 60_000, bands: [{ startMinute: 0, endMinute: 420, priceMillifen: 30_000 }, { startMinute: 360, endMinute: 600, priceMillifen: 90_000 }] });
    assert.equal(priceAt(t, 0), 30_000);
    assert.equal(priceAt(t, 419), 30_000);
    assert.equal(priceAt(t, 420), 90_000, 'end is exclusive; the next band holds it');
    assert.equal(priceAt(t, 600), 60_000);
    assert.equal(priceAt(t, 1439), 60_000);
  });

  it('classifies a reading: first, unchanged, delta, reset, and a jump beyond maxPowerW over the elapsed time', () => {
    assert.deepEqual(classifyReading(null, 500, 0, 20_000), { kind: 'baseline' });
    assert.deepEqual(classifyReading(500, 500, 60_000, 20_000), { kind: 'unchanged' });
    assert.deepEqual(classifyReading(500, 499, 60_000, 20_000), { kind: 'reset', baselineWh: 500 });
    // 20 kW for 60 s = 333.3 Wh, rounded up, plus the slack
    const limitWh = 334 + JUMP_SLACK_WH;
    assert.deepEqual(classifyReading(500, 500 + limitWh, 60_000, 20_000), { kind: 'delta', deltaWh: limitWh });
    assert.deepEqual(classifyReading(500, 501 + limitWh, 60_000, 20_000), { kind: 'jump', deltaWh: limitWh + 1, limitWh });
    assert.deepEqual(classifyReading(500, 100_500, 5 * 3_600_000, 20_000), { kind: 'delta', deltaWh: 100_000 }, 'five hours silent: 100 kWh is plausible');
    assert.equal(classifyReading(500, 600, -60_000, 20_000).kind, 'jump', 'a clock that went back allows only the slack');
  });

  it('accrues money in microfen (Wh x millifen/kWh) with nothing rounded away', () => {
    const s = accrue(start, 7, 7, tariff({ priceMillifen: 56_789 }), at('2024-03-10T10:00:00+08:00'));
    assert.deepEqual(s, { meterEnergyWh: 7, month: '2024-03', freeUsedWh: 0, accruedWh: 7, accruedFreeWh: 0, accruedMicrofen: 397_523 });
  });

  it('charges exactly floor(total cost) over any sequence of deltas, carrying the remainder', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const t = tariff({ priceMillifen: 56_789, bands: [{ startMinute: 0, endMinute: 480, priceMillifen: 28_391 }] });
    let s = start;
    let charged = 0;
    let exactMicrofen = 0;
    let reported = 0;
    let meter = 0;
    for (let i = 0; i < 2000; i++) {
      const delta = 1 + Math.floor(random() * 40);
      meter += delta;
      const when = at(new Date(Date.parse('2024-03-10T00:00:00+08:00') + i * 60_000).toISOString());
      exactMicrofen += delta * priceAt(t, when.minuteOfDay);
      s = accrue(s, delta, meter, t, when);
      const due = takeCharge(s);
      if (due) {
        charged += due.charge.amountFen;
        reported += due.charge.energyWh;
        s = due.next;
      }
      assert.equal(charged * MICROFEN_PER_FEN + s.accruedMicrofen, exactMicrofen, `nothing lost or doubled after delta ${i}`);
      assert.ok(s.accruedMicrofen < MICROFEN_PER_FEN, 'never a whole fen left uncharged');
    }
    assert.equal(charged, Math.floor(exactMicrofen / MICROFEN_PER_FEN));
    assert.equal(reported + s.accruedWh, meter, 'every Wh reported once');
  });

  it('uses the monthly allowance first, then bills, and starts it again in a new local month', () => {
    const t = tariff({ freeEnergyWhPerMonth: 1000 });
    let s = accrue(start, 600, 600, t, at('2024-03-31T23:00:00+08:00'));
    assert.deepEqual([s.freeUsedWh, s.accruedFreeWh, s.accruedWh, s.accruedMicrofen], [600, 600, 0, 0]);
    s = accrue(s, 600, 1200, t, at('2024-03-31T23:30:00+08:00'));
    assert.deepEqual([s.freeUsedWh, s.accruedFreeWh, s.accruedWh, s.accruedMicrofen], [1000, 1000, 200, 200 * 60_000]);
    s = accrue(s, 300, 1500, t, at('2024-03-31T16:30:00Z')); // 00:30 on 1 April in Shanghai
    assert.deepEqual([s.month, s.freeUsedWh, s.accruedFreeWh, s.accruedWh], ['2024-04', 300, 1300, 200]);
  });

  it('makes a charge due at one whole fen or at 1 kWh not yet reported, and carries the remainder', () => {
    assert.equal(takeCharge({ ...start, accruedWh: 16, accruedMicrofen: 999_999 }), null);
    assert.deepEqual(takeCharge({ ...start, accruedWh: 17, accruedMicrofen: 1_020_000 }), {
      charge: { amountFen: 1, energyWh: 17, freeEnergyWh: 0 },
      next: { ...start, accruedWh: 0, accruedFreeWh: 0, accruedMicrofen: 20_000 },
    });
    assert.deepEqual(takeCharge({ ...start, accruedFreeWh: 1000 })?.charge, { amountFen: 0, energyWh: 0, freeEnergyWh: 1000 }, 'the subsidy is reported without money');
    assert.deepEqual(takeCharge({ ...start, accruedWh: 999, accruedFreeWh: 1 })?.charge, { amountFen: 0, energyWh: 999, freeEnergyWh: 1 }, 'energy at a zero price');
  });
});
