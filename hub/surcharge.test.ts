/**
 * The temporary-card surcharge (搭伙费) with fixed data, on each back end: a temporary cardholder's
 * charge at a canteen-type merchant's terminal brings a second transfer `<device>:<seq>:surcharge`
 * of 10% (half up) posted with it; none for a student there, none for the same temporary card at
 * the bath house's shower, none at a device bound to no merchant; a resent event posts nothing
 * again; the statement counts the surcharges apart.
 */
import { strict as assert } from 'node:assert';
import { BACKENDS } from '../test/pg.js';
import { Feed, expectApi, holder, startCampus, type Campus } from '../test/settlement-kit.js';
import { checkLedger } from './ledger.js';

for (const backend of BACKENDS) describe(`temporary-card surcharge at canteens (${backend})`, () => {
  let campus: Campus;

  beforeEach(async () => {
    campus = await startCampus(backend, '2026-03-01 09:00');
  });
  afterEach(async () => {
    const ledger = await checkLedger(campus.hub.db);
    await campus.stop();
    assert.deepEqual(ledger, { sumFen: 0, mismatches: [] });
  });

  it('takes 10% more from a temporary card at a canteen merchant, and nothing more at a shower merchant or from a student', async () => {
    const { hub } = campus;
    const canteen = await Feed.register(campus, 'canteen-pos-1');
    const shower = await Feed.register(campus, 'shower-ctl-1');
    const unbound = await Feed.register(campus, 'kiosk-1');
    await expectApi(hub, 201, 'POST', '/api/merchants', { merchantId: 'canteen-1', name: '一食堂', kind: 'canteen', feeRateBp: 100, surchargeBp: 1000 });
    await expectApi(hub, 201, 'POST', '/api/merchants', { merchantId: 'bath-1', name: '浴室', kind: 'shower', feeRateBp: 200 });
    await expectApi(hub, 200, 'POST', '/api/merchants/canteen-1/devices', { deviceIds: ['canteen-pos-1'] });
    await expectApi(hub, 200, 'POST', '/api/merchants/bath-1/devices', { deviceIds: ['shower-ctl-1'] });
    const t1 = await holder(hub, 'T1', 'temporary', 10_000);
    const s1 = await holder(hub, 'S1', 'student', 10_000);

    campus.at('2026-03-05 12:00');
    const meals = [canteen.charge(t1, 1250), canteen.charge(t1, 1255), canteen.charge(s1, 1000)];
    await canteen.send(...meals);
    await canteen.send(...meals);
    await shower.send(shower.charge(t1, 500));
    await unbound.send(unbound.charge(t1, 300));

    const transfers = await hub.db.selectFrom('transfers').select(['transfer_id', 'kind', 'debit_account_id', 'credit_account_id', 'amount_fen']).where('kind', 'in', ['charge', 'surcharge']).orderBy('transfer_id').execute();
    assert.deepEqual(transfers.map((t) => [t.transfer_id, t.kind, t.debit_account_id, t.credit_account_id, Number(t.amount_fen)]), [
      ['canteen-pos-1:1', 'charge', t1, 'merchant.canteen-pos-1', 1250],
      ['canteen-pos-1:1:surcharge', 'surcharge', t1, 'merchant.canteen-pos-1', 125],
      ['canteen-pos-1:2', 'charge', t1, 'merchant.canteen-pos-1', 1255],
      ['canteen-pos-1:2:surcharge', 'surcharge', t1, 'merchant.canteen-pos-1', 126],
      ['canteen-pos-1:3', 'charge', s1, 'merchant.canteen-pos-1', 1000],
      ['kiosk-1:1', 'charge', t1, 'merchant.kiosk-1', 300],
      ['shower-ctl-1:1', 'charge', t1, 'merchant.shower-ctl-1', 500],
    ]);
    const balance = async (id: string) => (await expectApi(hub, 200, 'GET', `/api/accounts/${id}`)).account.balanceFen as number;
    assert.deepEqual([await balance(t1), await balance(s1)], [10_000 - 1250 - 125 - 1255 - 126 - 500 - 300, 10_000 - 1000]);

    const statement = await expectApi(hub, 200, 'GET', '/api/settlement/2026-03/merchants/canteen-1');
    const s = statement.statement;
    // (3505 + 251) x 1% = 37.56 -> 38.
    assert.deepEqual([s.chargesCount, s.grossFen, s.surchargesCount, s.surchargesFen, s.feeFen, s.payoutFen], [3, 3505, 2, 251, 38, 3718]);
    assert.deepEqual(statement.lines.map((l: any) => [l.transferId, l.kind, l.amountFen]).slice(0, 2), [['canteen-pos-1:1', 'charge', 1250], ['canteen-pos-1:1:surcharge', 'surcharge', 125]]);
    const bath = (await expectApi(hub, 200, 'GET', '/api/settlement/2026-03/merchants/bath-1')).statement;
    assert.deepEqual([bath.grossFen, bath.surchargesCount], [500, 0]);
  });
});
