/**
 * Correction tickets (消费纠错) with fixed data, on each back end: a wrong canteen charge raised by one
 * finance operator is refused when the same operator approves it (four eyes) and refunded when
 * another does, by a new transfer; the original charge is never edited. Refunds never exceed the
 * charge, a closed account takes none, and the refund shows in the settlement of the month it was
 * approved in. Every step is in the audit log with the ticket before and after.
 */
import { strict as assert } from 'node:assert';
import { api, operatorToken } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { Feed, expectApi, holder, startCampus, type Campus } from '../test/settlement-kit.js';
import { checkLedger } from './ledger.js';

for (const backend of BACKENDS) describe(`correction tickets (${backend})`, () => {
  let campus: Campus;
  let pos: Feed;
  let s1: string;
  let wang: string;
  let zhao: string;

  beforeEach(async () => {
    campus = await startCampus(backend, '2026-03-02 09:00');
    const { hub } = campus;
    pos = await Feed.register(campus, 'canteen-pos-1');
    await expectApi(hub, 201, 'POST', '/api/merchants', { merchantId: 'canteen-1', name: '一食堂', kind: 'canteen', feeRateBp: 100 });
    await expectApi(hub, 200, 'POST', '/api/merchants/canteen-1/devices', { deviceIds: ['canteen-pos-1'] });
    s1 = await holder(hub, 'S1', 'student', 10_000);
    campus.at('2026-03-05 12:00');
    await pos.send(pos.charge(s1, 1200), pos.charge(s1, 300));
    wang = await operatorToken(hub, 'wang', ['finance']);
    zhao = await operatorToken(hub, 'zhao', ['finance']);
  });

  afterEach(async () => {
    const ledger = await checkLedger(campus.hub.db);
    await campus.stop();
    assert.deepEqual(ledger, { sumFen: 0, mismatches: [] });
  });

  const balance = async (accountId: string) => (await expectApi(campus.hub, 200, 'GET', `/api/accounts/${accountId}`)).account.balanceFen as number;
  const original = () => campus.hub.db.selectFrom('transfers').selectAll().where('transfer_id', '=', 'canteen-pos-1:1').executeTakeFirstOrThrow();

  it('refuses a correction approved by the operator who raised it, and refunds it when a second operator approves', async () => {
    const { hub } = campus;
    const before = await original();
    const raised = await expectApi(hub, 201, 'POST', '/api/corrections', { transferId: 'canteen-pos-1:1', reason: '重复扣款: charged twice for one meal' }, { token: wang });
    const id = raised.correction.correctionId as number;
    assert.deepEqual([raised.correction.status, raised.correction.amountFen, raised.correction.accountId, raised.correction.raisedBy], ['open', 1200, s1, 'wang']);

    const self = await api(hub, 'POST', `/api/corrections/${id}/approve`, {}, { token: wang });
    assert.deepEqual([self.status, self.body.error.code], [403, 'four_eyes_required']);
    assert.equal(self.body.error.message, `correction ${id} was raised by wang: another operator must approve it (four eyes)`);
    assert.equal((await expectApi(hub, 200, 'GET', `/api/corrections/${id}`)).correction.status, 'open');
    assert.equal(await balance(s1), 10_000 - 1500, 'nothing refunded without a second approver');

    campus.at('2026-03-05 16:00');
    const approved = await expectApi(hub, 200, 'POST', `/api/corrections/${id}/approve`, { note: 'checked the till roll' }, { token: zhao });
    assert.deepEqual(
      [approved.correction.status, approved.correction.decidedBy, approved.correction.refundTransferId, approved.correction.decisionNote],
      ['approved', 'zhao', `refund:${id}`, 'checked the till roll'],
    );
    assert.equal(await balance(s1), 10_000 - 300);
    assert.equal(await balance('merchant.canteen-pos-1'), 300);
    const statement = (await expectApi(hub, 200, 'GET', `/api/accounts/${s1}/transfers`, undefined, { reason: 'correction check' })).transfers;
    assert.deepEqual(statement[0], {
      transferId: `refund:${id}`, kind: 'correction', amountFen: 1200, counterpartyAccountId: 'merchant.canteen-pos-1', deviceId: 'canteen-pos-1', seq: 1,
      reference: 'canteen-pos-1:1', createdAtMs: campus.nowMs(),
    });
    assert.deepEqual(await original(), before, 'the original charge is never edited');

    const again = await api(hub, 'POST', `/api/corrections/${id}/approve`, {}, { token: zhao });
    assert.deepEqual([again.status, again.body.error.code], [409, 'correction_not_open']);

    const audit = (await hub.audit.list({ action: 'correction.', limit: 10 })).reverse();
    assert.deepEqual(audit.map((e) => [e.action, e.operatorId, e.outcome, e.targetId]), [
      ['correction.raise', 'wang', 'ok', null],
      ['correction.approve', 'wang', 'four_eyes_required', String(id)],
      ['correction.approve', 'zhao', 'ok', String(id)],
      ['correction.approve', 'zhao', 'correction_not_open', String(id)],
    ]);
    const step = audit[2]!;
    assert.deepEqual([(step.before as { status: string }).status, (step.after as { status: string; refund_transfer_id: string }).status], ['open', 'approved']);
  });

  it('never refunds more than the charge, refunds only charges, and lets the raiser withdraw a ticket', async () => {
    const { hub } = campus;
    const part = await expectApi(hub, 201, 'POST', '/api/corrections', { transferId: 'canteen-pos-1:1', amountFen: 500, reason: 'half portion' }, { token: wang });
    const more = await api(hub, 'POST', '/api/corrections', { transferId: 'canteen-pos-1:1', amountFen: 800, reason: 'the rest and then some' }, { token: wang });
    assert.deepEqual([more.status, more.body.error.code, more.body.error.field], [409, 'refund_exceeds_charge', 'amountFen']);
    assert.equal(more.body.error.message, 'transfer canteen-pos-1:1 charged 12.00 yuan; 5.00 yuan of it is refunded or asked already, so 8.00 yuan more cannot be');
    const topUp = await api(hub, 'POST', '/api/corrections', { transferId: 'topup:cash:CASH-S1', reason: 'not a charge' }, { token: wang });
    assert.deepEqual([topUp.status, topUp.body.error.code], [422, 'not_correctable']);
    const unknown = await api(hub, 'POST', '/api/corrections', { transferId: 'canteen-pos-1:99', reason: 'no such charge' }, { token: wang });
    assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'not_found']);
    const withdrawn = await expectApi(hub, 200, 'POST', `/api/corrections/${part.correction.correctionId}/reject`, { note: 'raised by mistake' }, { token: wang });
    assert.deepEqual([withdrawn.correction.status, withdrawn.correction.decidedBy], ['rejected', 'wang']);
    await expectApi(hub, 201, 'POST', '/api/corrections', { transferId: 'canteen-pos-1:1', amountFen: 1200, reason: 'the whole meal' }, { token: wang });
    const open = await expectApi(hub, 200, 'GET', '/api/corrections?status=open');
    assert.deepEqual(open.corrections.map((c: any) => [c.transferId, c.amountFen]), [['canteen-pos-1:1', 1200]]);
  });

  it('lists the decided tickets (approved,rejected) however many newer ones are open, and refuses an unknown status', async () => {
    const { hub } = campus;
    const approved = await expectApi(hub, 201, 'POST', '/api/corrections', { transferId: 'canteen-pos-1:2', amountFen: 100, reason: 'wrong price' }, { token: wang });
    await expectApi(hub, 200, 'POST', `/api/corrections/${approved.correction.correctionId}/approve`, {}, { token: zhao });
    const rejected = await expectApi(hub, 201, 'POST', '/api/corrections', { transferId: 'canteen-pos-1:2', amountFen: 100, reason: 'asked twice' }, { token: wang });
    await expectApi(hub, 200, 'POST', `/api/corrections/${rejected.correction.correctionId}/reject`, { note: 'a duplicate' }, { token: zhao });
    for (let i = 0; i < 4; i++) await expectApi(hub, 201, 'POST', '/api/corrections', { transferId: 'canteen-pos-1:1', amountFen: 100, reason: `open ${i}` }, { token: wang });
    const latest = await expectApi(hub, 200, 'GET', '/api/corrections?limit=3');
    assert.deepEqual(latest.corrections.map((c: any) => c.status), ['open', 'open', 'open'], 'the newest tickets are open ones');
    const decided = await expectApi(hub, 200, 'GET', '/api/corrections?status=approved,rejected&limit=3');
    assert.deepEqual(decided.corrections.map((c: any) => [c.correctionId, c.status, c.decidedBy]), [
      [rejected.correction.correctionId, 'rejected', 'zhao'],
      [approved.correction.correctionId, 'approved', 'zhao'],
    ]);
    const onlyApproved = await expectApi(hub, 200, 'GET', '/api/corrections?status=approved');
    assert.deepEqual(onlyApproved.corrections.map((c: any) => c.refundTransferId), [`refund:${approved.correction.correctionId}`]);
    assert.equal((await expectApi(hub, 200, 'GET', '/api/corrections?status=open,open')).corrections.length, 4, 'a status named twice counts once');
    for (const status of ['decided', 'approved,', 'approved,bogus', 'APPROVED', '']) {
      const bad = await api(hub, 'GET', `/api/corrections?status=${encodeURIComponent(status)}`);
      assert.deepEqual([bad.status, bad.body.error.code, bad.body.error.field], [400, 'invalid_query', 'status'], status);
    }
  });

  it('refunds no account closed since (its holder left)', async () => {
    const { hub } = campus;
    const raised = await expectApi(hub, 201, 'POST', '/api/corrections', { transferId: 'canteen-pos-1:2', reason: 'wrong price' }, { token: wang });
    await expectApi(hub, 200, 'POST', '/api/people/S1/cancel', {});
    const refused = await api(hub, 'POST', `/api/corrections/${raised.correction.correctionId}/approve`, {}, { token: zhao });
    assert.deepEqual([refused.status, refused.body.error.code], [409, 'account_closed']);
  });

  it('shows an approved refund in the settlement of the month it was approved in, the fee on the net', async () => {
    const { hub } = campus;
    const raised = await expectApi(hub, 201, 'POST', '/api/corrections', { transferId: 'canteen-pos-1:2', reason: 'wrong price' }, { token: wang });
    campus.at('2026-04-02 09:00');
    await expectApi(hub, 200, 'POST', `/api/corrections/${raised.correction.correctionId}/approve`, {}, { token: await operatorToken(hub, 'zhao', ['finance']) });
    const march = await expectApi(hub, 201, 'POST', '/api/settlement/2026-03/close');
    assert.deepEqual([march.period.merchants[0].grossFen, march.period.merchants[0].refundsFen], [1500, 0]);
    campus.at('2026-05-01 09:00');
    const april = (await expectApi(hub, 201, 'POST', '/api/settlement/2026-04/close')).period.merchants[0];
    assert.deepEqual([april.grossFen, april.refundsCount, april.refundsFen, april.feeFen, april.payoutFen], [0, 1, 300, 0, -300], 'the merchant gives the refund back');
    const lines = (await expectApi(hub, 200, 'GET', '/api/settlement/2026-04/merchants/canteen-1')).lines;
    assert.deepEqual(lines.map((l: any) => [l.transferId, l.kind, l.amountFen, l.accountId]), [[`refund:${raised.correction.correctionId}`, 'refund', -300, s1]]);
    assert.deepEqual([await balance('settle.canteen-1'), await balance('merchant.canteen-pos-1'), await balance('system.payouts')], [0, 0, 1500 - 15 - 300]);
  });
});
