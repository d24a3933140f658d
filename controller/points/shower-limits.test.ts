import { strict as assert } from 'node:assert';
import { SessionEnd, SpendRule } from '../../protocol/messages.js';
import { ZERO_COUNTS, type MeterCounts, type ShowerTariff } from './shower-meter.js';
import { limitEnd, nextReadingDelayMs, tamperDue, type LimitInput, type RunningTimes } from './shower-limits.js';

const TARIFF: ShowerTariff = { id: 'hot', basis: 'per_second', priceMillifen: 1_000, minimumChargeFen: 0, maxSessionMs: 0, maxSessionCostFen: 0, fallbackPriceMillifenPerSecond: 0 };
const LIMITS = { sessionTimeoutMs: 300_000, flowTamperMs: 60_000, progressIntervalMs: 5_000, pollIntervalMs: 500 };
/** A per-second session billed `ms` (1 fen a second). */
const billed = (ms: number): MeterCounts => ({ ...ZERO_COUNTS, durationMs: ms, billedDurationMs: ms });
const input = (over: Partial<LimitInput> = {}): LimitInput => ({
  counts: billed(1_000), tariff: TARIFF, allowanceFen: 100, spendRule: SpendRule.SPEND_RULE_BALANCE, elapsedMs: 1_000, silentMs: 1_000, ...over,
});

describe('shower session limits', () => {
  it('finds tamper due once a session, only with a flow sensor, from flowTamperMs of silence', () => {
    assert.equal(tamperDue(true, false, 60_000, 60_000), true);
    assert.equal(tamperDue(true, false, 59_999, 60_000), false);
    assert.equal(tamperDue(true, true, 90_000, 60_000), false, 'already seen in this session');
    assert.equal(tamperDue(false, false, 90_000, 60_000), false, 'no sensor: nothing to tamper with');
  });

  it('ends on the allowance (exactly reached) as FUNDS_EXHAUSTED, or MAX_COST when the tariff capped it', () => {
    assert.equal(limitEnd(input({ counts: billed(99_999) }), LIMITS.sessionTimeoutMs), null);
    assert.equal(limitEnd(input({ counts: billed(100_000) }), LIMITS.sessionTimeoutMs), SessionEnd.SESSION_END_FUNDS_EXHAUSTED);
    assert.equal(limitEnd(input({ counts: billed(100_000), spendRule: SpendRule.SPEND_RULE_MAX_SESSION_COST }), LIMITS.sessionTimeoutMs), SessionEnd.SESSION_END_MAX_COST);
  });

  it('ends at the tariff maxSessionMs (0: none) and after sessionTimeoutMs without a pulse, the allowance first', () => {
    const capped = { ...TARIFF, maxSessionMs: 600_000 };
    assert.equal(limitEnd(input({ tariff: capped, elapsedMs: 599_999 }), LIMITS.sessionTimeoutMs), null);
    assert.equal(limitEnd(input({ tariff: capped, elapsedMs: 600_000 }), LIMITS.sessionTimeoutMs), SessionEnd.SESSION_END_MAX_DURATION);
    assert.equal(limitEnd(input({ elapsedMs: 10_000_000 }), LIMITS.sessionTimeoutMs), null, 'no maximum duration');
    assert.equal(limitEnd(input({ silentMs: 300_000 }), LIMITS.sessionTimeoutMs), SessionEnd.SESSION_END_TIMEOUT);
    assert.equal(limitEnd(input({ tariff: capped, elapsedMs: 600_000, silentMs: 300_000 }), LIMITS.sessionTimeoutMs), SessionEnd.SESSION_END_MAX_DURATION);
    assert.equal(limitEnd(input({ counts: billed(100_000), silentMs: 300_000 }), LIMITS.sessionTimeoutMs), SessionEnd.SESSION_END_FUNDS_EXHAUSTED);
  });

  it('reads again after pollIntervalMs, or sooner when something of the session falls due, never in under 1 ms', () => {
    const times = (over: Partial<RunningTimes> = {}): RunningTimes => ({
      openedAtMs: 0, lastFlowAtMs: 0, lastProgressAtMs: 0, maxSessionMs: 0, watchTamper: false, msUntilAllowanceUsed: null, ...over,
    });
    assert.equal(nextReadingDelayMs(LIMITS, 1_000, null), 500, 'idle: the poll interval');
    assert.equal(nextReadingDelayMs(LIMITS, 1_000, times()), 500);
    assert.equal(nextReadingDelayMs(LIMITS, 4_800, times()), 200, 'the next PROGRESS');
    assert.equal(nextReadingDelayMs(LIMITS, 59_900, times({ lastProgressAtMs: 59_000, watchTamper: true })), 100, 'the tamper time');
    assert.equal(nextReadingDelayMs(LIMITS, 59_900, times({ lastProgressAtMs: 59_000 })), 500, 'tamper not watched');
    assert.equal(nextReadingDelayMs(LIMITS, 1_000, times({ lastProgressAtMs: 1_000, maxSessionMs: 1_250 })), 250, 'maxSessionMs');
    assert.equal(nextReadingDelayMs(LIMITS, 1_000, times({ lastProgressAtMs: 1_000, msUntilAllowanceUsed: 30.2 })), 31, 'rounded up');
    assert.equal(nextReadingDelayMs(LIMITS, 1_000, times({ lastProgressAtMs: 1_000, msUntilAllowanceUsed: 0 })), 1, 'due now: 1 ms');
    assert.equal(nextReadingDelayMs(LIMITS, 301_000, times({ lastProgressAtMs: 301_000, lastFlowAtMs: 1_000 })), 1, 'timed out already');
  });
});
