/**
 * The reconciliation report with fixed data, on each back end: a door controller whose seqs 4-5
 * never arrived (a gap), a canteen terminal whose third event does not chain to the second (a
 * break), a charge held from unauthorised offline work, an overdrawn account, and the online
 * channel's list of the day against the hub's top-ups (matched, missing at the hub, unknown at the
 * channel, amount differs). As JSON and as CSV; a bad channel list is refused whole, by line.
 */
import { strict as assert } from 'node:assert';
import { api, operatorToken } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { Feed, expectApi, holder, startCampus, type Campus } from '../test/settlement-kit.js';

for (const backend of BACKENDS) describe(`reconciliation report (${backend})`, () => {
  let campus: Campus;

  beforeEach(async () => {
    campus = await startCampus(backend, '2026-03-10 08:00');
  });
  afterEach(() => campus.stop());

  it('finds nothing to look at in a sound day', async () => {
    await holder(campus.hub, 'S1', 'student', 5000);
    const report = (await expectApi(campus.hub, 200, 'GET', '/api/reconciliation?date=2026-03-10')).report;
    assert.deepEqual([report.ok, report.ledger.ok, report.seqGaps.count, report.chainBreaks.count, report.held.count, report.overdraft.accounts], [true, true, 0, 0, 0, 0]);
    assert.deepEqual(report.topUps.map((c: any) => [c.channel, c.count, c.amountFen, c.listImported]), [['cash', 1, 5000, false], ['online', 0, 0, false]]);
  });

  it('finds a seq gap, a hash-chain break, a held charge, an overdraft and the channel list differences', async () => {
    const { hub } = campus;
    const s1 = await holder(hub, 'S1', 'student', 5000);
    const s2 = await holder(hub, 'S2', 'student', 0);
    const door = await Feed.register(campus, 'door-ctl-1');
    const pos = await Feed.register(campus, 'canteen-pos-1');
    await door.send(door.access(), door.access(), door.access());
    door.skip(2);
    await door.send(door.access(), door.access());
    await pos.send(pos.charge(s1, 400), pos.charge(s2, 200));
    pos.breakChain();
    await pos.send(pos.charge(s1, 100), pos.charge(s1, 300, { offline: 'unauthorised' }));
    for (const [reference, amountFen] of [['ONL-1', 1000], ['ONL-2', 2000], ['ONL-3', 500]] as const) {
      await expectApi(hub, 201, 'POST', `/api/accounts/${s1}/topups`, { amountFen, reference, channel: 'online' });
    }
    const list = 'reference,amount,time\nONL-1,10.00,2026-03-10 09:12\nONL-2,25.00,2026-03-10 10:00\nONL-4,8,2026-03-10 23:59\n';
    const imported = await expectApi(hub, 200, 'POST', '/api/reconciliation/channels/online/lists/2026-03-10', { csv: list });
    assert.deepEqual(imported.import, { channel: 'online', date: '2026-03-10', rows: 3, added: 3, updated: 0, unchanged: 0 });
    assert.deepEqual((await expectApi(hub, 200, 'POST', '/api/reconciliation/channels/online/lists/2026-03-10', { csv: list })).import.unchanged, 3, 'importing the list again changes nothing');

    campus.at('2026-03-11 08:00');
    const finance = await operatorToken(hub, 'qian-finance', ['finance']);
    const report = (await expectApi(hub, 200, 'GET', '/api/reconciliation', undefined, { token: finance })).report;
    assert.equal(report.date, '2026-03-10', 'yesterday by default');
    assert.equal(report.ok, false);
    assert.deepEqual(report.ledger, { sumFen: 0, mismatches: [], ok: true });
    assert.deepEqual(report.seqGaps, { count: 1, missingSeqs: 2, gaps: [{ deviceId: 'door-ctl-1', fromSeq: 4, toSeq: 5 }] });
    assert.deepEqual(report.chainBreaks.count, 1);
    assert.deepEqual(report.chainBreaks.events.map((e: any) => [e.deviceId, e.seq]), [['canteen-pos-1', 3]]);
    assert.deepEqual([report.held.count, report.held.amountFen, report.held.byReason], [1, 300, [{ reason: 'unauthorised_offline', count: 1, amountFen: 300 }]]);
    assert.deepEqual(report.overdraft, { accounts: 1, totalFen: -200, list: [{ accountId: s2, balanceFen: -200 }] });
    const online = report.topUps.find((c: any) => c.channel === 'online');
    assert.deepEqual(
      [online.count, online.amountFen, online.listImported, online.listCount, online.listAmountFen, online.matched],
      [3, 3500, true, 3, 4300, 1],
    );
    assert.deepEqual(online.missingAtHub, [{ reference: 'ONL-4', amountFen: 800 }]);
    assert.deepEqual(online.unknownAtChannel.map((u: any) => [u.reference, u.amountFen, u.accountId]), [['ONL-3', 500, s1]]);
    assert.deepEqual(online.amountDiffers, [{ reference: 'ONL-2', hubFen: 2000, channelFen: 2500 }]);

    const res = await fetch(`${hub.url}/api/reconciliation.csv?date=2026-03-10`, { headers: { authorization: `Bearer ${finance}` } });
    assert.deepEqual([res.status, res.headers.get('content-type')], [200, 'text/csv; charset=utf-8']);
    const rows = (await res.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    assert.equal(rows[0], 'check,subject,detail,count,amount_fen');
    for (const row of [
      'ok,no,,,', 'ledger_sum,all accounts,zero,,0', 'seq_gap,door-ctl-1,4-5,2,', 'held_reason,unauthorised_offline,,1,300',
      'missing_at_hub,online,ONL-4,1,800', 'unknown_at_channel,online,ONL-3 person.S1,1,500', 'amount_differs,online,"ONL-2: hub 2000, channel 2500",1,-500',
      'overdraft,accounts below zero,,1,-200', 'overdraft_account,person.S2,,1,-200',
    ]) assert.ok(rows.includes(row), `${row} in\n${rows.join('\n')}`);
    assert.ok(rows.some((r) => r.startsWith('chain_break,canteen-pos-1,seq 3 received 2026-03-10 08:00:00')), rows.join('\n'));
    const noDate = await api(hub, 'GET', '/api/reconciliation.csv');
    assert.deepEqual([noDate.status, noDate.body.error.field], [400, 'date']);
  });

  it('refuses a channel list with bad rows whole, naming each line', async () => {
    const { hub } = campus;
    const bad = await api(hub, 'POST', '/api/reconciliation/channels/online/lists/2026-03-10', { csv: '流水号,金额\nA-1,10.00\nA 2,5.00\nA-3,-1\nA-1,3.00\n' });
    assert.deepEqual([bad.status, bad.body.error.code, bad.body.error.field], [422, 'channel_list_invalid', 'csv']);
    assert.deepEqual(bad.body.errors, [
      { line: 3, message: 'reference "A 2" must be 1-128 printable characters without spaces' },
      { line: 4, message: 'amount "-1" must be yuan above zero with at most two decimals' },
      { line: 5, message: 'reference A-1 is listed twice (line 2 too)' },
    ]);
    const header = await api(hub, 'POST', '/api/reconciliation/channels/online/lists/2026-03-10', { csv: 'ref,sum\nA-1,10\n' });
    assert.equal(header.body.error.code, 'channel_list_invalid');
    const channel = await api(hub, 'POST', '/api/reconciliation/channels/bank/lists/2026-03-10', { csv: 'reference,amount_fen\nA-1,1000\n' });
    assert.deepEqual([channel.status, channel.body.error.field], [400, 'channel']);
    const report = (await expectApi(hub, 200, 'GET', '/api/reconciliation?date=2026-03-10')).report;
    assert.equal(report.topUps.find((c: any) => c.channel === 'online').listImported, false, 'nothing was imported');
  });
});
