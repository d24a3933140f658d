import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Policy } from './policy.js';
import { Wallet, type WalletOptions } from './wallet.js';
import { Journal } from './journal.js';
import { AccessReason, DatasetName, SpendRule } from '../protocol/messages.js';
import { MemoryLogger } from '../lib/log.js';
import { tempDir } from '../test/helpers.js';

const CARD = '04A1B2C3D4E5F6';
const OTHER = '04B2C3D4E5F607';
const CARDS = DatasetName.DATASET_NAME_CARDS;
const BALANCES = DatasetName.DATASET_NAME_BALANCES;
// 2026-11-23 10:00 in Shanghai.
const MORNING = Date.UTC(2026, 10, 23, 2, 0);
const HOUR = 3_600_000;

describe('wallet: money at the edge', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let policy: Policy;
  let now: number;
  let online: boolean;
  const wallets: Wallet[] = [];
  beforeEach(async () => {
    dir = await tempDir();
    now = MORNING;
    online = true;
    policy = new Policy({ dir: join(dir.path, 'datasets'), logger: new MemoryLogger() });
    await policy.start();
    await policy.apply({
      name: CARDS, version: 1, fullSnapshot: true,
      cards: { upsert: [{ cardUid: CARD, personId: 'P1', accountId: 'acct-1' }, { cardUid: OTHER, personId: 'P2', accountId: 'acct-2', dailyLimitFen: 500, offlineDailyLimitFen: 300 }] },
    });
  });
  afterEach(async () => {
    for (const w of wallets.splice(0)) await w.stop();
    await policy.stop();
    await dir.remove();
  });

  async function wallet(overrides: Partial<WalletOptions> = {}, journal?: Journal): Promise<Wallet> {
    const w = new Wallet({
      dir: join(dir.path, 'datasets'), policy, logger: new MemoryLogger(), wallNow: () => now, timeZone: 'Asia/Shanghai',
      isOnline: () => online, dailyLimitFen: 10_000, offlineDailyLimitFen: 2_000, ...overrides,
    });
    await w.start(journal);
    wallets.push(w);
    return w;
  }

  async function pushBalance(version: number, accountId: string, balanceFen: number, postedSeq: number): Promise<void> {
    const r = await policy.apply({ name: BALANCES, version, fromVersion: version - 1, balances: { upsert: [{ accountId, balanceFen, postedSeq }] } });
    assert.ok(r.ok, JSON.stringify(r));
  }

  it('refuses a card whose account has no balance held, naming the rule', async () => {
    const w = await wallet();
    const a = w.allowance(CARD);
    assert.equal(a.ok, false);
    assert.equal(!a.ok && a.reason, AccessReason.ACCESS_REASON_DENIED_NO_ACCOUNT);
    const unknown = w.allowance('04FFFFFFFFFFFF');
    assert.equal(!unknown.ok && unknown.reason, AccessReason.ACCESS_REASON_DENIED_NO_ACCOUNT);
  });

  it('lets a card spend up to its balance, then refuses with insufficient balance', async () => {
    await pushBalance(1, 'acct-1', 800, 0);
    const w = await wallet();
    assert.deepEqual(w.allowance(CARD), { ok: true, accountId: 'acct-1', allowanceFen: 800, rule: SpendRule.SPEND_RULE_BALANCE, offline: false });
    w.recordCharge({ seq: 5, accountId: 'acct-1', cardUid: CARD, amountFen: 800 });
    const after = w.allowance(CARD);
    assert.equal(!after.ok && after.reason, AccessReason.ACCESS_REASON_DENIED_INSUFFICIENT_BALANCE);
    assert.equal(w.balance('acct-1'), 0);
  });

  it('subtracts only its own charges above the seq the pushed balance includes', async () => {
    await pushBalance(1, 'acct-1', 1000, 0);
    const w = await wallet();
    w.recordCharge({ seq: 3, accountId: 'acct-1', cardUid: CARD, amountFen: 100 });
    w.recordCharge({ seq: 4, accountId: 'acct-1', cardUid: CARD, amountFen: 50 });
    assert.equal(w.balance('acct-1'), 850);
    // The hub posted seq 3 (and a 500 top-up): 1000 - 100 + 500 = 1400, includes seq <= 3.
    await pushBalance(2, 'acct-1', 1400, 3);
    assert.equal(w.balance('acct-1'), 1350, 'seq 4 is still local');
    await pushBalance(3, 'acct-1', 1350, 4);
    assert.equal(w.balance('acct-1'), 1350);
  });

  it('applies the daily limit per card, online and offline, and names it', async () => {
    await pushBalance(1, 'acct-2', 10_000, 0);
    const w = await wallet();
    assert.deepEqual(w.allowance(OTHER), { ok: true, accountId: 'acct-2', allowanceFen: 500, rule: SpendRule.SPEND_RULE_DAILY_LIMIT, offline: false });
    w.recordCharge({ seq: 1, accountId: 'acct-2', cardUid: OTHER, amountFen: 500 });
    const refused = w.allowance(OTHER);
    assert.equal(!refused.ok && refused.reason, AccessReason.ACCESS_REASON_DENIED_DAILY_LIMIT);
    now += 24 * HOUR;
    assert.equal(w.allowance(OTHER).ok, true, 'a new local day starts a new limit');
  });

  it('offline, allows the smaller of the balance and the offline limit per day', async () => {
    await pushBalance(1, 'acct-1', 5_000, 0);
    await pushBalance(2, 'acct-2', 250, 0);
    const w = await wallet();
    online = false;
    assert.deepEqual(w.allowance(CARD), { ok: true, accountId: 'acct-1', allowanceFen: 2_000, rule: SpendRule.SPEND_RULE_OFFLINE_LIMIT, offline: true });
    assert.deepEqual(w.allowance(OTHER), { ok: true, accountId: 'acct-2', allowanceFen: 250, rule: SpendRule.SPEND_RULE_BALANCE, offline: true });
    w.recordCharge({ seq: 1, accountId: 'acct-1', cardUid: CARD, amountFen: 2_000 });
    const refused = w.allowance(CARD);
    assert.equal(!refused.ok && refused.reason, AccessReason.ACCESS_REASON_DENIED_OFFLINE_LIMIT);
    online = true;
    assert.deepEqual(w.allowance(CARD), { ok: true, accountId: 'acct-1', allowanceFen: 3_000, rule: SpendRule.SPEND_RULE_BALANCE, offline: false }, 'online, the balance rules again');
  });

  it('holds what an open session reserved until it is released', async () => {
    await pushBalance(1, 'acct-1', 1_000, 0);
    const w = await wallet();
    const r = w.reserve(CARD, 'acct-1', 600);
    assert.equal(w.reservedFor(CARD), 600);
    assert.equal(w.balance('acct-1'), 400);
    r.release();
    r.release();
    assert.equal(w.reservedFor(CARD), 0);
    assert.equal(w.balance('acct-1'), 1_000);
  });

  it('keeps local charges and day totals across a restart, and counts charges the journal holds that it had not stored', async () => {
    await pushBalance(1, 'acct-1', 1_000, 0);
    const journal = new Journal({ dir: join(dir.path, 'journal'), deviceId: 'd1', logger: new MemoryLogger(), now: () => now });
    await journal.start();
    const first = await wallet({}, journal);
    const a = journal.append({ pointId: 'shower-1', charge: { cardUid: CARD, accountId: 'acct-1', amountFen: 120 } });
    assert.ok(a.ok);
    first.recordCharge({ seq: a.seq, accountId: 'acct-1', cardUid: CARD, amountFen: 120, durable: a.durable });
    await a.durable;
    // A second charge reaches the journal, and the process dies before the wallet stored it.
    const b = journal.append({ pointId: 'shower-1', charge: { cardUid: CARD, accountId: 'acct-1', amountFen: 30 } });
    assert.ok(b.ok);
    await b.durable;
    await new Promise((resolve) => setImmediate(resolve));
    await first.stop();
    wallets.splice(0);
    const again = await wallet({}, journal);
    assert.equal(again.balance('acct-1'), 850);
    assert.equal(again.spentToday(CARD).spentFen, 150);
    await journal.stop();
  });

  it('tells listeners which accounts changed when balances are pushed', async () => {
    const w = await wallet();
    const seen: string[][] = [];
    w.onBalanceChange((ids) => seen.push([...ids]));
    await pushBalance(1, 'acct-1', 100, 0);
    w.recordCharge({ seq: 1, accountId: 'acct-1', cardUid: '', amountFen: 10 });
    assert.deepEqual(seen, [['acct-1'], ['acct-1']]);
    assert.equal(w.spentToday('').spentFen, 0, 'a room charge (no card) has no day total');
  });
});
