import { strict as assert } from 'node:assert';
import { eventDetail } from './event-detail.js';
import { ChargeBasis, SessionEnd, SessionPhase, SpendRule, pb } from '../protocol/messages.js';

const encode = (payload: object) => pb.Event.encode({ deviceId: 'd1', seq: 1, pointId: 'p', ...payload }).finish();

describe('event detail for the API (decoded from the stored payload)', () => {
  it('gives an alarm its kind, state and detail, and a session and a charge their names and quantities', () => {
    assert.deepEqual(eventDetail(encode({ alarm: { kind: 'low_balance', active: true, detail: 'balance 15 fen' } })), { alarm: { kind: 'low_balance', active: true, detail: 'balance 15 fen' } });
    const session = eventDetail(encode({ showerSession: { sessionId: 'shower-1-7', phase: SessionPhase.SESSION_PHASE_CLOSE, end: SessionEnd.SESSION_END_FUNDS_EXHAUSTED, volumeMl: 12_000, amountFen: 30 } }));
    assert.ok('showerSession' in session);
    assert.deepEqual([session.showerSession.phase, session.showerSession.end, session.showerSession.volumeMl, session.showerSession.amountFen], ['close', 'funds_exhausted', 12_000, 30]);
    const charge = eventDetail(encode({ charge: { accountId: 'room.701', amountFen: 15, basis: ChargeBasis.CHARGE_BASIS_ENERGY, energyWh: 250, spendRule: SpendRule.SPEND_RULE_BALANCE } }));
    assert.ok('charge' in charge);
    assert.deepEqual([charge.charge.basis, charge.charge.energyWh, charge.charge.spendRule], ['energy', 250, 'balance']);
  });

  it('gives nothing for bytes that do not decode', () => {
    assert.deepEqual(eventDetail(Buffer.from([0xff, 0xff, 0xff])), {});
  });
});
