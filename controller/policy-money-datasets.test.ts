import { strict as assert } from 'node:assert';
import { Policy } from './policy.js';
import { AccessReason, BlacklistReason, DatasetName, TariffBasis, type DatasetUpdate } from '../protocol/messages.js';
import { MemoryLogger } from '../lib/log.js';
import { tempDir } from '../test/helpers.js';

const A = '04A1B2C3D4E5F6';
const B = '04B2C3D4E5F607';
const C = '04C3D4E5F60718';
const { DATASET_NAME_BLACKLIST: BL, DATASET_NAME_CARDS: CARDS, DATASET_NAME_BALANCES: BALANCES, DATASET_NAME_TARIFFS: TARIFFS, DATASET_NAME_SCHEDULES: SCHEDULES } = DatasetName;

describe('policy: blacklist reasons, balances, tariffs and schedules', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  async function policy(): Promise<Policy> {
    const p = new Policy({ dir: dir.path, logger: new MemoryLogger() });
    await p.start();
    return p;
  }

  async function apply(p: Policy, update: DatasetUpdate): Promise<void> {
    const r = await p.apply(update);
    assert.ok(r.ok, JSON.stringify(r));
  }

  it('denies a blacklisted card with the card office reason: lost, replaced, cancelled', async () => {
    const p = await policy();
    await apply(p, { name: CARDS, version: 1, fullSnapshot: true, cards: { upsert: [A, B, C].map((cardUid, i) => ({ cardUid, personId: `P${i}` })) } });
    await apply(p, {
      name: BL, version: 1, fullSnapshot: true,
      blacklist: { add: [{ cardUid: A, reason: BlacklistReason.BLACKLIST_REASON_LOST }, { cardUid: B, reason: BlacklistReason.BLACKLIST_REASON_REPLACED }, { cardUid: C, reason: BlacklistReason.BLACKLIST_REASON_CANCELLED }] },
    });
    assert.deepEqual([A, B, C].map((uid) => p.decide(uid).reason), [
      AccessReason.ACCESS_REASON_DENIED_LOST, AccessReason.ACCESS_REASON_DENIED_REPLACED, AccessReason.ACCESS_REASON_DENIED_CANCELLED,
    ]);
    await p.stop();
  });

  it('keeps balances, tariffs, schedules and holidays across a restart', async () => {
    const p = await policy();
    await apply(p, { name: CARDS, version: 1, fullSnapshot: true, cards: { upsert: [{ cardUid: A, personId: 'P1', accountId: 'acct-1', dailyLimitFen: 3000 }] } });
    await apply(p, { name: BALANCES, version: 7, fullSnapshot: true, balances: { upsert: [{ accountId: 'acct-1', balanceFen: -120, postedSeq: 42 }] } });
    await apply(p, {
      name: TARIFFS, version: 2, fullSnapshot: true,
      tariffs: { upsert: [{ tariffId: 'shower-std', basis: TariffBasis.TARIFF_BASIS_PER_LITRE, priceMillifen: 25_000, minimumChargeFen: 10, bands: [{ startMinute: 0, endMinute: 480, priceMillifen: 20_000 }] }] },
    });
    await apply(p, {
      name: SCHEDULES, version: 3, fullSnapshot: true,
      schedules: { upsert: [{ scheduleId: 'dorm-hours', periods: [{ daysMask: 0x7f, startMinute: 360, endMinute: 1410 }] }], addHolidays: ['2026-10-01'] },
    });
    await p.stop();
    const again = await policy();
    assert.deepEqual(again.card(A)?.accountId, 'acct-1');
    assert.equal(again.card(A)?.dailyLimitFen, 3000);
    assert.deepEqual(again.balance('acct-1'), { accountId: 'acct-1', balanceFen: -120, postedSeq: 42 });
    assert.equal(again.tariff('shower-std')?.priceMillifen, 25_000);
    assert.equal(again.tariff('shower-std')?.basis, 'per_litre');
    assert.deepEqual(again.tariff('shower-std')?.bands, [{ startMinute: 0, endMinute: 480, priceMillifen: 20_000 }]);
    assert.deepEqual(again.schedule('dorm-hours')?.periods, [{ daysMask: 0x7f, startMinute: 360, endMinute: 1410 }]);
    assert.equal(again.isHoliday('2026-10-01'), true);
    assert.equal(again.isHoliday('2026-10-02'), false);
    assert.deepEqual(again.heldVersions().map((v) => v.version), [0, 1, 7, 2, 3]);
    await again.stop();
  });

  it('applies balance deltas and tells listeners which accounts changed', async () => {
    const p = await policy();
    const seen: Array<[number, string[] | null]> = [];
    p.onApplied((name, ids) => seen.push([name, ids ? [...ids] : null]));
    await apply(p, { name: BALANCES, version: 1, fullSnapshot: true, balances: { upsert: [{ accountId: 'acct-1', balanceFen: 100 }, { accountId: 'acct-2', balanceFen: 5 }] } });
    await apply(p, { name: BALANCES, version: 2, fromVersion: 1, balances: { upsert: [{ accountId: 'acct-2', balanceFen: 505, postedSeq: 3 }], removeAccountIds: ['acct-1'] } });
    assert.equal(p.balance('acct-1'), undefined);
    assert.equal(p.balance('acct-2')?.balanceFen, 505);
    assert.deepEqual(seen, [[BALANCES, null], [BALANCES, ['acct-2', 'acct-1']]]);
    await p.stop();
  });

  it('refuses bad entries whole, naming the field, and keeps what it held', async () => {
    const p = await policy();
    await apply(p, { name: TARIFFS, version: 1, fullSnapshot: true, tariffs: { upsert: [{ tariffId: 't1', basis: TariffBasis.TARIFF_BASIS_PER_SECOND, priceMillifen: 100 }] } });
    const cases: Array<[DatasetUpdate, RegExp]> = [
      [{ name: TARIFFS, version: 2, fromVersion: 1, tariffs: { upsert: [{ tariffId: 't2', basis: 0 }] } }, /tariffs.upsert\[0\].basis/],
      [{ name: TARIFFS, version: 2, fromVersion: 1, tariffs: { upsert: [{ tariffId: 't2', basis: 1, bands: [{ startMinute: 600, endMinute: 500 }] }] } }, /bands\[0\]: minutes/],
      [{ name: SCHEDULES, version: 1, fullSnapshot: true, schedules: { upsert: [{ scheduleId: 's', periods: [{ daysMask: 0, startMinute: 0, endMinute: 10 }] }] } }, /days_mask/],
      [{ name: SCHEDULES, version: 1, fullSnapshot: true, schedules: { addHolidays: ['2026-13-01'] } }, /add_holidays\[0\]/],
      [{ name: BALANCES, version: 1, fullSnapshot: true, balances: { upsert: [{ accountId: 'bad id!', balanceFen: 1 }] } }, /balances.upsert\[0\].account_id/],
      [{ name: BALANCES, version: 1, fullSnapshot: true, balances: { upsert: [{ accountId: 'a', balanceFen: 1.5 }] } }, /balance_fen/],
      [{ name: BALANCES, version: 1, fullSnapshot: true, tariffs: { upsert: [] } }, /balances update must carry balances data/],
      [{ name: CARDS, version: 1, fullSnapshot: true, cards: { upsert: [{ cardUid: A, personId: 'P', accountId: '-x' }] } }, /account_id/],
    ];
    for (const [update, message] of cases) {
      const r = await p.apply(update);
      assert.equal(r.ok, false, JSON.stringify(update));
      assert.match(!r.ok ? r.message : '', message);
    }
    assert.equal(p.tariff('t1')?.basis, 'per_second');
    assert.equal(p.tariff('t2'), undefined);
    assert.deepEqual(p.heldVersions().map((v) => v.version), [0, 0, 0, 1, 0]);
    await p.stop();
  });
});
