import { strict as assert } from 'node:assert';
import type { TariffRecord } from '../dataset-types.js';
import { SessionMeter, ZERO_COUNTS, allowanceUsed, chargeFor, costFen, showerTariff, type ShowerTariff } from './shower-meter.js';

const record = (over: Partial<TariffRecord> = {}): TariffRecord => ({
  id: 'hot', basis: 'per_litre', priceMillifen: 2_500, bands: [], minimumChargeFen: 0, maxSessionMs: 0, maxSessionCostFen: 0,
  freeEnergyWhPerMonth: 0, fallbackPriceMillifenPerSecond: 500, ...over,
});
const tariff = (over: Partial<TariffRecord> = {}): ShowerTariff => showerTariff(record(over), true, 0) as ShowerTariff;

describe('shower metering and prices', () => {
  it('turns pulses into millilitres (rounded down) and bills litres in millifen, rounded up to whole fen once', () => {
    const meter = new SessionMeter(tariff(), { pulsesPerLitre: 450, hasFlowSensor: true, openedAtMs: 1_000, baselinePulses: 50 });
    assert.equal(meter.observe(2_000, 50 + 1_000), 1_000);
    const counts = meter.counts(11_000);
    assert.deepEqual(counts, { pulses: 1_000, volumeMl: 2_222, durationMs: 10_000, timeBilled: false, billedVolumeMl: 2_222, billedDurationMs: 0 });
    assert.equal(costFen(counts, meter.tariff), 6); // 2.222 L x 2.5 fen = 5.555 fen
  });

  it('bills a per-second tariff by the time the valve was open, whatever the flow', () => {
    const meter = new SessionMeter(tariff({ basis: 'per_second', priceMillifen: 300 }), { pulsesPerLitre: 100, hasFlowSensor: true, openedAtMs: 0, baselinePulses: 0 });
    meter.observe(500, 700);
    const counts = meter.counts(61_500);
    assert.deepEqual([counts.billedDurationMs, counts.billedVolumeMl, counts.volumeMl], [61_500, 0, 7_000]);
    assert.equal(costFen(counts, meter.tariff), 19); // 61.5 s x 0.3 fen = 18.45 fen
  });

  it('after a silent sensor bills the volume up to the last pulse, then time at the fallback price', () => {
    const meter = new SessionMeter(tariff(), { pulsesPerLitre: 100, hasFlowSensor: true, openedAtMs: 0, baselinePulses: 0 });
    meter.observe(10_000, 400); // 4 litres, last pulse seen at 10 s
    assert.equal(meter.fallBackToTime(), true);
    meter.observe(50_000, 500); // pulses after the fallback are reported, not billed
    const counts = meter.counts(70_000);
    assert.deepEqual(counts, { pulses: 500, volumeMl: 5_000, durationMs: 70_000, timeBilled: true, billedVolumeMl: 4_000, billedDurationMs: 60_000 });
    assert.equal(costFen(counts, meter.tariff), 10 + 30);
  });

  it('cannot fall back without a fallback price; a per-litre tariff without a sensor is billed by time from the start', () => {
    const meter = new SessionMeter(tariff({ fallbackPriceMillifenPerSecond: 0 }), { pulsesPerLitre: 100, hasFlowSensor: true, openedAtMs: 0, baselinePulses: 0 });
    assert.equal(meter.fallBackToTime(), false);
    const timed = new SessionMeter(tariff(), { pulsesPerLitre: 100, hasFlowSensor: false, openedAtMs: 0, baselinePulses: 0 });
    assert.equal(timed.timeBilled, true);
    assert.equal(costFen(timed.counts(20_000), timed.tariff), 10);
  });

  it('charges at least the minimum when the session cost anything, never above the allowance', () => {
    const t = tariff({ minimumChargeFen: 50 });
    const used = { ...ZERO_COUNTS, volumeMl: 1_000, billedVolumeMl: 1_000 };
    assert.deepEqual(chargeFor(used, t, 1_000), { amountFen: 50, minimumApplied: true });
    assert.deepEqual(chargeFor(used, t, 30), { amountFen: 30, minimumApplied: true });
    assert.deepEqual(chargeFor(ZERO_COUNTS, t, 1_000), { amountFen: 0, minimumApplied: false });
    const big = { ...ZERO_COUNTS, billedVolumeMl: 100_000 };
    assert.deepEqual(chargeFor(big, t, 200), { amountFen: 200, minimumApplied: false });
  });

  it('says the allowance is used only once the exact cost reaches it', () => {
    const t = tariff();
    assert.equal(allowanceUsed({ ...ZERO_COUNTS, billedVolumeMl: 3_999 }, t, 10), false); // 9.9975 fen
    assert.equal(allowanceUsed({ ...ZERO_COUNTS, billedVolumeMl: 4_000 }, t, 10), true);
  });

  it('knows when a time-billed session will have used its allowance', () => {
    const meter = new SessionMeter(tariff({ basis: 'per_second', priceMillifen: 300 }), { pulsesPerLitre: 100, hasFlowSensor: false, openedAtMs: 0, baselinePulses: 0 });
    assert.equal(meter.msUntilAllowanceUsed(10_000, 9), 20_000);
    assert.equal(meter.msUntilAllowanceUsed(40_000, 9), 0);
    const byVolume = new SessionMeter(tariff(), { pulsesPerLitre: 100, hasFlowSensor: true, openedAtMs: 0, baselinePulses: 0 });
    assert.equal(byVolume.msUntilAllowanceUsed(0, 9), null);
  });

  it('takes the price of the time-of-use band the session opened in', () => {
    const r = record({ bands: [{ startMinute: 18 * 60, endMinute: 23 * 60, priceMillifen: 4_000 }] });
    assert.equal((showerTariff(r, true, 19 * 60) as ShowerTariff).priceMillifen, 4_000);
    assert.equal((showerTariff(r, true, 12 * 60) as ShowerTariff).priceMillifen, 2_500);
  });

  it('refuses tariffs a shower cannot bill by', () => {
    assert.match(String(showerTariff(record({ basis: 'per_kwh' }), true, 0)), /per_kwh, not per litre or per second/);
    assert.match(String(showerTariff(record({ fallbackPriceMillifenPerSecond: 0 }), false, 0)), /no flow sensor.*no fallback price/);
    assert.equal(typeof showerTariff(record({ fallbackPriceMillifenPerSecond: 0 }), true, 0), 'object');
  });
});
