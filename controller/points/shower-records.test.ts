import { strict as assert } from 'node:assert';
import { SessionEnd, SpendRule } from '../../protocol/messages.js';
import { ZERO_COUNTS, type ShowerTariff } from './shower-meter.js';
import { sessionRecord } from './shower-records.js';

const TARIFF: ShowerTariff = { id: 'hot', basis: 'per_litre', priceMillifen: 2_500, minimumChargeFen: 10, maxSessionMs: 0, maxSessionCostFen: 0, fallbackPriceMillifenPerSecond: 0 };
const SESSION = { pointId: 'shower-1', sessionId: 'shower-1-7', openSeq: 7, cardUid: '04A1B2C3', accountId: 'acc-1', allowanceFen: 500, spendRule: SpendRule.SPEND_RULE_BALANCE, tariff: TARIFF };

describe('shower session records', () => {
  it('builds the state record of a session open with its counts, and closing with its end', () => {
    const counts = { ...ZERO_COUNTS, pulses: 900, volumeMl: 2_000, billedVolumeMl: 2_000, durationMs: 30_000 };
    const opened = { ...SESSION, reservation: { release() {} } };
    const open = sessionRecord(opened, counts);
    assert.deepEqual(open, {
      phase: 'open', sessionId: 'shower-1-7', openSeq: 7, cardUid: '04A1B2C3', accountId: 'acc-1', allowanceFen: 500, spendRule: SpendRule.SPEND_RULE_BALANCE, tariff: TARIFF, counts,
    });
    assert.equal('end' in open, false, 'an open record has no end (the state file refuses unknown keys)');
    assert.deepEqual(sessionRecord(SESSION, counts, SessionEnd.SESSION_END_TIMEOUT), { ...open, phase: 'closing', end: SessionEnd.SESSION_END_TIMEOUT });
  });
});
