/**
 * Monthly settlement with fixed data, on each back end: March 2026 (campus time) at a canteen and a
 * bath house, with a canteen terminal working offline over the cut-off. Its charge made at 23:50 on
 * 31 March arrives at 00:10 on 1 April, after March was closed: it is settled in April and marked
 * late; its unauthorised offline charge is held, never settled. Statements (部门结算报表) as JSON,
 * CSV and a printable page; the close is once (closing again moves nothing); a period is not
 * closed before its cut-off nor with a device bound to no merchant; a merchant's clerk reads their
 * own flows of this month and last only.
 */
import { strict as assert } from 'node:assert';
import { api, operatorToken } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { Feed, expectApi, holder, startCampus, type Campus } from '../test/settlement-kit.js';
import { checkLedger } from './ledger.js';

for (const backend of BACKENDS) describe(`monthly settlement (${backend})`, () => {
  let campus: Campus;
  let pos1: Feed;
  let pos2: Feed;
  let shower: Feed;
  let orphan: Feed;
  let s1: string;
  let s2: string;

  beforeEach(async () => {
    campus = await startCampus(backend, '2026-02-20 09:00');
    const { hub } = campus;
    pos1 = await Feed.register(campus, 'canteen-pos-1');
    pos2 = await Feed.register(campus, 'canteen-pos-2');
    shower = await Feed.register(campus, 'shower-ctl-1');
    orphan = await Feed.register(campus, 'orphan-1');
    await expectApi(hub, 201, 'POST', '/api/merchants', { merchantId: 'canteen-1', name: '一食堂', kind: 'canteen', feeRateBp: 150, surchargeBp: 1000, settlementAccount: 'ICBC 6222 0001' });
    await expectApi(hub, 201, 'POST', '/api/merchants', { merchantId: 'bath-1', name: '浴室', kind: 'shower', feeRateBp: 200 });
    await expectApi(hub, 200, 'POST', '/api/merchants/canteen-1/devices', { deviceIds: ['canteen-pos-1', 'canteen-pos-2'] });
    await expectApi(hub, 200, 'POST', '/api/merchants/bath-1/devices', { deviceIds: ['shower-ctl-1'] });
    s1 = await holder(hub, 'S1', 'student', 100_000);
    s2 = await holder(hub, 'S2', 'student', 50_000);
  });

  afterEach(async () => {
    const ledger = await checkLedger(campus.hub.db);
    await campus.stop();
    assert.deepEqual(ledger, { sumFen: 0, mismatches: [] }, 'the ledger balances after every test');
  });

  const balance = async (accountId: string) => (await expectApi(campus.hub, 200, 'GET', `/api/accounts/${accountId}`)).account.balanceFen as number;
  const figures = (s: any) => [s.chargesCount, s.grossFen, s.refundsFen, s.feeFen, s.payoutFen, s.lateCount, s.lateFen];

  /** March: charges at both merchants; canteen-pos-2 offline over the cut-off, its events still on the device. */
  async function march(): Promise<void> {
    campus.at('2026-03-05 12:00');
    await pos1.send(pos1.charge(s1, 1200), pos1.charge(s2, 1000));
    campus.at('2026-03-10 21:00');
    await shower.send(shower.charge(s1, 350), shower.charge(s2, 500));
  }

  it('settles a month with late offline events across the cut-off in the period they arrive in, marked late', async () => {
    const { hub } = campus;
    await march();
    const late = pos2.charge(s1, 800, { deviceTime: '2026-03-31 23:50', offline: 'authorised' });
    const unauthorised = pos2.charge(s2, 300, { deviceTime: '2026-03-31 23:55', offline: 'unauthorised' });

    campus.at('2026-04-01 00:05');
    const closed = await expectApi(hub, 201, 'POST', '/api/settlement/2026-03/close');
    assert.equal(closed.result, 'created');
    const [bath, canteen] = closed.period.merchants;
    // 2200 x 1.5% = 33; 850 x 2% = 17.
    assert.deepEqual([canteen.merchantId, ...figures(canteen)], ['canteen-1', 2, 2200, 0, 33, 2167, 0, 0]);
    assert.deepEqual([bath.merchantId, ...figures(bath)], ['bath-1', 2, 850, 0, 17, 833, 0, 0]);
    assert.deepEqual([closed.period.state, closed.period.closedBy], ['closed', 'test-admin']);

    campus.at('2026-04-01 00:10');
    await pos2.send(late, unauthorised);
    campus.at('2026-04-02 12:00');
    await pos1.send(pos1.charge(s1, 600));
    const march2 = await expectApi(hub, 200, 'GET', '/api/settlement/2026-03/merchants/canteen-1');
    assert.deepEqual(figures(march2.statement), [2, 2200, 0, 33, 2167, 0, 0], 'a closed period does not change when late events arrive');

    campus.at('2026-05-01 02:00');
    const april = await expectApi(hub, 201, 'POST', '/api/settlement/2026-04/close');
    const aprilCanteen = april.period.merchants.find((m: any) => m.merchantId === 'canteen-1');
    // 1400 x 1.5% = 21; the late 8 yuan counted in April and marked.
    assert.deepEqual(figures(aprilCanteen), [2, 1400, 0, 21, 1379, 1, 800]);
    const statement = await expectApi(hub, 200, 'GET', '/api/settlement/2026-04/merchants/canteen-1');
    assert.deepEqual(
      statement.lines.map((l: any) => [l.transferId, l.kind, l.accountId, l.amountFen, l.late]),
      [['canteen-pos-2:1', 'charge', s1, 800, true], ['canteen-pos-1:3', 'charge', s1, 600, false]],
    );
    const held = (await expectApi(hub, 200, 'GET', '/api/events?held=1')).events;
    assert.deepEqual(held.map((e: any) => [e.deviceId, e.seq, e.heldReason]), [['canteen-pos-2', 2, 'unauthorised_offline']], 'the unauthorised one is held, in no statement');

    // The ledger: each period's takings swept through the clearing account to the fee and the payout.
    assert.deepEqual(
      [await balance('settle.canteen-1'), await balance('merchant.canteen-pos-1'), await balance('merchant.canteen-pos-2'), await balance('merchant.shower-ctl-1')],
      [0, 0, 0, 0],
    );
    assert.deepEqual([await balance('system.fees'), await balance('system.payouts')], [33 + 17 + 21, 2167 + 833 + 1379]);
    assert.deepEqual([await balance(s1), await balance(s2)], [100_000 - 1200 - 350 - 800 - 600, 50_000 - 1000 - 500]);
    const clearing = (await expectApi(hub, 200, 'GET', '/api/accounts/settle.canteen-1/transfers')).transfers.map((t: any) => [t.transferId, t.kind, t.amountFen]);
    assert.deepEqual(clearing.sort(), [
      ['settle:2026-03:canteen-1:fee', 'settlement_fee', -33], ['settle:2026-03:canteen-1:payout', 'payout', -2167], ['settle:2026-03:canteen-pos-1', 'settlement', 2200],
      ['settle:2026-04:canteen-1:fee', 'settlement_fee', -21], ['settle:2026-04:canteen-1:payout', 'payout', -1379], ['settle:2026-04:canteen-pos-1', 'settlement', 600],
      ['settle:2026-04:canteen-pos-2', 'settlement', 800],
    ]);
  });

  it('closes a period once: closing again answers exists with the same figures and moves nothing', async () => {
    const { hub } = campus;
    await march();
    campus.at('2026-04-03 09:00');
    const first = await expectApi(hub, 201, 'POST', '/api/settlement/2026-03/close');
    const transfers = await hub.db.selectFrom('transfers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const again = await expectApi(hub, 200, 'POST', '/api/settlement/2026-03/close', undefined, { token: await operatorToken(hub, 'wang-finance', ['finance']) });
    assert.equal(again.result, 'exists');
    assert.deepEqual(again.period, first.period);
    assert.deepEqual(await hub.db.selectFrom('transfers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(), transfers);
  });

  it('does not close a period before its cut-off (and a minute after it), nor with flows on a device bound to no merchant', async () => {
    const { hub } = campus;
    await march();
    await orphan.send(orphan.charge(s1, 100));
    for (const at of ['2026-03-31 23:59', '2026-04-01 00:00']) {
      campus.at(at);
      const early = await api(hub, 'POST', '/api/settlement/2026-03/close');
      assert.deepEqual([early.status, early.body.error.code], [409, 'period_not_ended'], at);
    }
    campus.at('2026-04-01 08:00');
    const open = await expectApi(hub, 200, 'GET', '/api/settlement/2026-03');
    assert.deepEqual([open.period.state, open.period.unboundDevices], ['open', [{ deviceId: 'orphan-1', netFen: 100 }]]);
    const unbound = await api(hub, 'POST', '/api/settlement/2026-03/close');
    assert.deepEqual([unbound.status, unbound.body.error.code], [409, 'devices_unbound']);
    assert.match(unbound.body.error.message, /orphan-1/);
    await expectApi(hub, 200, 'POST', '/api/merchants/bath-1/devices', { deviceIds: ['orphan-1'] });
    const closed = await expectApi(hub, 201, 'POST', '/api/settlement/2026-03/close');
    const bath = closed.period.merchants.find((m: any) => m.merchantId === 'bath-1');
    assert.deepEqual([bath.deviceIds, ...figures(bath)], [['orphan-1', 'shower-ctl-1'], 3, 950, 0, 19, 931, 0, 0]);
  });

  it('gives the statement (部门结算报表) as CSV and as a printable page', async () => {
    const { hub } = campus;
    await march();
    campus.at('2026-04-01 00:10');
    await pos2.send(pos2.charge(s1, 800, { deviceTime: '2026-03-31 23:50', offline: 'authorised' }));
    const token = await operatorToken(hub, 'zhao-finance', ['finance']);
    const get = async (path: string) => {
      const res = await fetch(hub.url + path, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    };
    const csv = await get('/api/settlement/2026-04/merchants/canteen-1/statement.csv');
    assert.deepEqual([csv.status, csv.type], [200, 'text/csv; charset=utf-8']);
    const rows = csv.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    assert.equal(rows[0], '部门结算报表 merchant statement,canteen-1,一食堂');
    assert.ok(rows.includes('gross charges 消费总额,8.00,1'), csv.text);
    assert.ok(rows.includes('fee 手续费 (1.50%),-0.12,'), csv.text);
    assert.ok(rows.includes('net payout 应付金额,7.88,'), csv.text);
    assert.equal(rows.at(-1), '2026-04-01 00:10:00,2026-03-31 23:50:00,canteen-pos-2,1,canteen-pos-2:1,charge,person.S1,8.00,800,late');
    const html = await get('/api/settlement/2026-04/merchants/canteen-1/statement.html');
    assert.deepEqual([html.status, html.type], [200, 'text/html; charset=utf-8']);
    assert.match(html.text, /<h1>部门结算报表 Merchant statement<\/h1>/);
    assert.match(html.text, /<tr class="late"><td>2026-04-01 00:10:00<\/td><td>2026-03-31 23:50:00<\/td><td>canteen-pos-2<\/td>/);
    assert.match(html.text, /@media print/);
    const missing = await get('/api/settlement/2026-04/merchants/canteen-9/statement.csv');
    assert.deepEqual([missing.status, JSON.parse(missing.text).error.code], [404, 'not_found']);
  });

  it("lets a merchant's clerk read their own flows of this month and last, and nothing else", async () => {
    const { hub } = campus;
    await march();
    campus.at('2026-04-15 10:00');
    await pos1.send(pos1.charge(s1, 600));
    await operatorToken(hub, 'clerk-canteen', ['merchant']);
    await expectApi(hub, 200, 'POST', '/api/merchants/canteen-1/operators', { operatorId: 'clerk-canteen' });
    const clerk = await operatorToken(hub, 'clerk-canteen', ['merchant']);
    const own = await expectApi(hub, 200, 'GET', '/api/merchants/canteen-1/flows', undefined, { token: clerk });
    assert.deepEqual([own.statement.period, own.statement.grossFen, own.lines.map((l: any) => [l.transferId, l.accountId, l.amountFen])], ['2026-04', 600, [['canteen-pos-1:3', 'person.*1', 600]]]);
    const last = await expectApi(hub, 200, 'GET', '/api/merchants/canteen-1/flows?period=2026-03', undefined, { token: clerk });
    assert.deepEqual([last.statement.grossFen, last.lines.map((l: any) => l.transferId)], [2200, ['canteen-pos-1:1', 'canteen-pos-1:2']]);
    const older = await api(hub, 'GET', '/api/merchants/canteen-1/flows?period=2026-02', undefined, { token: clerk });
    assert.deepEqual([older.status, older.body.error.code], [403, 'period_out_of_range']);
    const other = await api(hub, 'GET', '/api/merchants/bath-1/flows', undefined, { token: clerk });
    assert.deepEqual([other.status, other.body.error.code, other.body.error.message], [403, 'forbidden', 'operator clerk-canteen acts for merchant canteen-1, not bath-1']);
    const statements = await api(hub, 'GET', '/api/settlement/2026-03/merchants/canteen-1', undefined, { token: clerk });
    assert.deepEqual([statements.status, statements.body.error.code], [403, 'forbidden'], "finance's statements are not the clerk's");
    const maintenance = await api(hub, 'GET', '/api/merchants/canteen-1/flows', undefined, { token: await operatorToken(hub, 'li-maint', ['maintenance']) });
    assert.deepEqual([maintenance.status, maintenance.body.error.code], [403, 'forbidden']);
  });
});
