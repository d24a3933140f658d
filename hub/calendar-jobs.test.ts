/**
 * Calendar jobs with fixed data, on each back end: an account still open six months after its
 * holder's validity ended is closed with its balance in bad debt (and one not yet six months is
 * left); a run is kept under its key, so asking again does nothing, and a run that failed half-way
 * resumes where it stood; graduates cancelled in bulk from a list; freshman cards due for
 * exchange and temporary cards expiring within 30 days listed; the daily reconciliation and the
 * monthly settlement as jobs; the daily schedule on a manual clock, stopped by stop().
 */
import { strict as assert } from 'node:assert';
import { api, operatorToken, startHub, tempDir, waitFor } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { Feed, cst, expectApi, holder, startCampus, type Campus } from '../test/settlement-kit.js';
import { ManualClock } from '../lib/manual-clock.js';
import { MemoryLogger } from '../lib/log.js';
import { JobSchedule } from './job-schedule.js';
import { checkLedger } from './ledger.js';

for (const backend of BACKENDS) describe(`calendar jobs (${backend})`, () => {
  let campus: Campus;

  beforeEach(async () => {
    campus = await startCampus(backend, '2025-06-01 09:00');
  });
  afterEach(async () => {
    const ledger = await checkLedger(campus.hub.db);
    await campus.stop();
    assert.deepEqual(ledger, { sumFen: 0, mismatches: [] });
  });

  const balance = async (accountId: string) => (await expectApi(campus.hub, 200, 'GET', `/api/accounts/${accountId}`)).account;
  const until = (date: string) => `${date}T23:59:59+08:00`;

  it('closes an account 6 months after expiry with its balance in bad debt, once, and not one expired less than 6 months ago', async () => {
    const { hub } = campus;
    await holder(hub, 'T1', 'temporary', 3000, { validUntil: until('2025-09-15') });
    await expectApi(hub, 201, 'POST', '/api/cards', { uid: '04AA000001', personId: 'T1' });
    await holder(hub, 'E2', 'staff', 1200, { validUntil: until('2025-10-20') });
    await holder(hub, 'S3', 'student', 500);
    campus.at('2026-03-16 02:00');
    const card = await operatorToken(hub, 'sun-card', ['card_office']);
    const run = await expectApi(hub, 201, 'POST', '/api/jobs/close-expired/run', {}, { token: card });
    assert.deepEqual([run.result, run.run.job, run.run.runKey, run.run.state], ['created', 'close-expired', '2026-03-16', 'done']);
    assert.deepEqual(
      [run.run.result.months, run.run.result.cancelled, run.run.result.settledFen, run.run.result.people.map((p: any) => [p.personId, p.settlement, p.settledFen, p.transferId])],
      [6, 1, 3000, [['T1', 'write_off', 3000, 'cancel:T1']]],
    );
    const t1 = await balance('person.T1');
    assert.deepEqual([t1.balanceFen, t1.closedAtMs], [0, cst('2026-03-16 02:00')]);
    assert.equal((await balance('system.bad_debt')).balanceFen, 3000, 'the balance went to bad debt (呆账), not back as cash');
    assert.equal((await expectApi(hub, 200, 'GET', '/api/cards/04AA000001', undefined, { reason: 'job check' })).card.status, 'cancelled');
    assert.deepEqual([(await balance('person.E2')).closedAtMs, (await balance('person.S3')).closedAtMs], [null, null], 'expired 5 months ago; no end at all');

    const again = await expectApi(hub, 200, 'POST', '/api/jobs/close-expired/run', {}, { token: card });
    assert.deepEqual([again.result, again.run.result.cancelled], ['exists', 1]);
    campus.at('2026-04-21 02:00');
    const later = await expectApi(hub, 201, 'POST', '/api/jobs/close-expired/run', { at: '2026-04-21' }, { token: await operatorToken(hub, 'sun-card', ['card_office']) });
    assert.deepEqual(later.run.result.people.map((p: any) => [p.personId, p.settledFen]), [['E2', 1200]]);
    assert.equal((await balance('system.bad_debt')).balanceFen, 4200);
  });

  it('resumes a run that failed half-way where it stood, closing nobody twice', async () => {
    const { hub } = campus;
    for (const id of ['A1', 'A2', 'A3']) await holder(hub, id, 'staff', 1000, { validUntil: until('2025-07-31') });
    const cancel = hub.cardLife.cancel.bind(hub.cardLife);
    let calls = 0;
    hub.cardLife.cancel = async (...args) => {
      if (++calls === 2) throw new Error('the database went away');
      return cancel(...args);
    };
    campus.at('2026-03-01 02:00');
    const failed = await hub.jobs.run('close-expired', campus.nowMs());
    assert.deepEqual([failed.result, failed.run.state, failed.run.error, failed.run.result.cancelled], ['created', 'failed', 'the database went away', 1]);
    const resumed = await hub.jobs.run('close-expired', campus.nowMs());
    assert.deepEqual([resumed.result, resumed.run.state, resumed.run.error, resumed.run.result.cancelled, resumed.run.result.alreadyClosed], ['resumed', 'done', null, 3, 0]);
    assert.deepEqual((resumed.run.result.people as { personId: string }[]).map((p) => p.personId), ['A1', 'A2', 'A3']);
    assert.equal((await balance('system.bad_debt')).balanceFen, 3000);
    assert.equal(calls, 4, 'A1 once, A2 twice (the failed try), A3 once');
  });

  it('cancels graduates in bulk from a list, reporting each one refused', async () => {
    const { hub } = campus;
    await holder(hub, 'G1', 'student', 2500);
    await holder(hub, 'G2', 'student', 0);
    await holder(hub, 'G3', 'student', 700, { validUntil: until('2026-06-30') });
    await holder(hub, 'E4', 'staff', 100, { validUntil: until('2026-06-30') });
    const pos = await Feed.register(campus, 'canteen-pos-1');
    await pos.send(pos.charge('person.G2', 300));
    campus.at('2026-07-05 10:00');
    const run = await expectApi(hub, 201, 'POST', '/api/jobs/graduates/run', { personIds: ['G1', 'G2', 'NOBODY'] }, { token: await operatorToken(hub, 'sun-card', ['card_office']) });
    const r = run.run.result;
    assert.match(run.run.runKey, /^list-[0-9a-f]{16}$/);
    assert.deepEqual([r.listed, r.cancelled, r.settledFen, r.people.map((p: any) => [p.personId, p.settlement, p.settledFen])], [3, 1, 2500, [['G1', 'refund', 2500]]]);
    assert.deepEqual(r.failed.map((f: any) => [f.personId, f.code]), [['G2', 'balance_owed'], ['NOBODY', 'not_found']]);
    const wrongJob = await api(hub, 'POST', '/api/jobs/close-expired/run', { personIds: ['G1'] });
    assert.deepEqual([wrongJob.status, wrongJob.body.error.field], [400, 'personIds']);
    const byValidity = await expectApi(hub, 201, 'POST', '/api/jobs/graduates/run', {});
    assert.deepEqual([byValidity.run.runKey, byValidity.run.result.people.map((p: any) => p.personId)], ['2026-07-05', ['G3']], 'students whose validity ended, without a list');
  });

  it('lists freshman cards due for exchange and temporary cards expiring within 30 days', async () => {
    const { hub } = campus;
    campus.at('2025-09-01 10:00');
    await holder(hub, 'F1', 'freshman', 0);
    await expectApi(hub, 201, 'POST', '/api/cards', { uid: '04F1000001', personId: 'F1' });
    campus.at('2026-01-10 10:00');
    await holder(hub, 'F2', 'freshman', 0);
    await expectApi(hub, 201, 'POST', '/api/cards', { uid: '04F2000001', personId: 'F2' });
    await holder(hub, 'T2', 'temporary', 0, { validUntil: until('2026-04-01'), phone: '13800000000' });
    await expectApi(hub, 201, 'POST', '/api/cards', { uid: '04A2000001', personId: 'T2' });
    await holder(hub, 'T3', 'temporary', 0, { validUntil: until('2026-06-01') });
    await holder(hub, 'T4', 'temporary', 0, { validUntil: until('2026-03-01') });
    campus.at('2026-03-16 02:00');
    const card = await operatorToken(hub, 'sun-card', ['card_office']);
    const freshmen = (await expectApi(hub, 201, 'POST', '/api/jobs/freshman-exchange/run', {}, { token: card })).run.result;
    assert.deepEqual([freshmen.months, freshmen.count, freshmen.cards.map((c: any) => [c.personId, c.uid, c.issuedAtMs])], [3, 1, [['F1', '04F1000001', cst('2025-09-01 10:00')]]]);
    const temporary = (await expectApi(hub, 201, 'POST', '/api/jobs/temporary-expiring/run', {}, { token: card })).run.result;
    assert.deepEqual(
      [temporary.days, temporary.count, temporary.people.map((p: any) => [p.personId, p.uid, p.phone, p.validUntilMs])],
      [30, 1, [['T2', '04A2000001', '13800000000', Date.parse(until('2026-04-01'))]]],
    );
  });

  it('runs the daily reconciliation of the day before and closes last month as jobs', async () => {
    const { hub } = campus;
    await expectApi(hub, 201, 'POST', '/api/merchants', { merchantId: 'bath-1', name: '浴室', kind: 'shower', feeRateBp: 200 });
    campus.at('2026-04-01 02:00');
    const finance = await operatorToken(hub, 'qian-finance', ['finance']);
    const rec = await expectApi(hub, 201, 'POST', '/api/jobs/reconciliation/run', {}, { token: finance });
    assert.deepEqual([rec.run.runKey, rec.run.result.report.date, rec.run.result.report.ok], ['2026-03-31', '2026-03-31', true]);
    const settle = await expectApi(hub, 201, 'POST', '/api/jobs/settlement/run', {}, { token: finance });
    assert.deepEqual([settle.run.runKey, settle.run.state, settle.run.result.period, settle.run.result.closed], ['2026-03', 'done', '2026-03', 'created']);
    assert.equal((await expectApi(hub, 200, 'GET', '/api/settlement/2026-03')).period.closedBy, 'jobs');
    const runs = (await expectApi(hub, 200, 'GET', '/api/jobs/runs', undefined, { token: finance })).runs;
    assert.deepEqual(runs.map((r: any) => [r.job, r.runKey, r.state]).sort(), [['reconciliation', '2026-03-31', 'done'], ['settlement', '2026-03', 'done']]);
    const early = await expectApi(hub, 201, 'POST', '/api/jobs/settlement/run', { at: '2026-05-01' }, { token: finance });
    assert.deepEqual([early.run.state, early.run.error.startsWith('period_not_ended')], ['failed', true], "April's cut-off has not come at the hub's clock");
  });

  it('runs the daily jobs at 02:00 campus time on its clock, at start when late, and stops its timer', async () => {
    const { hub } = campus;
    campus.at('2026-03-15 10:00');
    const clock = new ManualClock(cst('2026-03-15 10:00'));
    const schedule = new JobSchedule({ jobs: hub.jobs, clock, now: () => clock.nowMs(), timeZone: 'Asia/Shanghai', logger: new MemoryLogger() });
    const runs = async () => (await hub.jobs.list({ limit: 50 })).filter((r) => r.state === 'done').map((r) => `${r.job} ${r.runKey}`).sort();
    schedule.start();
    await waitFor('the catch-up run', async () => (await runs()).length === 5);
    assert.deepEqual(await runs(), ['close-expired 2026-03-15', 'freshman-exchange 2026-03-15', 'reconciliation 2026-03-14', 'settlement 2026-02', 'temporary-expiring 2026-03-15']);
    await waitFor('the next run is set', () => clock.pending === 1);
    assert.equal(schedule.nextRunMs(), cst('2026-03-16 02:00'));
    clock.advance(cst('2026-03-16 02:00') - clock.nowMs());
    await waitFor('the 02:00 run', async () => (await runs()).includes('close-expired 2026-03-16'));
    await waitFor('the next run is set', () => clock.pending === 1);
    await schedule.stop();
    assert.equal(clock.pending, 0, 'stop() clears the timer');
    clock.advance(3 * 86_400_000);
    assert.equal((await runs()).filter((r) => r.startsWith('close-expired')).length, 2, 'nothing runs after stop()');
  });
});

describe('calendar jobs inside the hub', () => {
  it('sets the daily timer when the hub starts with daily jobs and clears it when it stops', async () => {
    const clock = new ManualClock(0);
    const dir = await tempDir();
    const hub = await startHub(dir.path, new MemoryLogger(), { now: () => cst('2026-03-15 01:00'), dailyJobs: { clock } });
    try {
      assert.equal(clock.pending, 1, 'before 02:00: nothing runs at start, the timer is set');
    } finally {
      await hub.stop();
      await dir.remove();
    }
    assert.equal(clock.pending, 0);
  });
});
