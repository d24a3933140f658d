/**
 * The ledger core on a real SQLite file: result codes of transfers, balances kept with each
 * transfer, merchant balances derived, and the invariant (sum zero, balance = sum of transfers)
 * under random top-ups, device charges, replacement fees, corrections and duplicate submissions.
 */
import { strict as assert } from 'node:assert';
import type { Kysely } from 'kysely';
import { openDatabase } from './db/open.js';
import type { Database } from './db/schema.js';
import { checkLedger, createAccount, getAccount, statement, transfer, type TransferInput } from './ledger.js';
import { CASH_ACCOUNT_ID, FEES_ACCOUNT_ID, merchantAccountId, personAccountId, roomAccountId } from './account-ids.js';
import { EventStore } from './events.js';
import { DeviceStore } from './devices.js';
import { generateDeviceKeyPair } from '../protocol/auth.js';
import { seededRandom } from '../controller/journal/fuzz.js';
import { tempDir } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { backendDb, type BackendDb } from './backend-fixture.js';

const A = personAccountId('S1');
const B = personAccountId('S2');

for (const backend of BACKENDS) describe(`ledger core (${backend})`, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: BackendDb;
  let db: Kysely<Database>;

  beforeEach(async () => {
    dir = await tempDir();
    store = await backendDb(backend, dir.path);
    db = await openDatabase(store.url);
    await db.transaction().execute(async (trx) => {
      for (const [accountId, ownerId] of [[A, 'S1'], [B, 'S2']] as const) await createAccount(trx, { accountId, kind: 'personal', ownerId, name: ownerId, atMs: 1 });
      await createAccount(trx, { accountId: merchantAccountId('shower-ctl-1'), kind: 'merchant', ownerId: 'shower-ctl-1', name: 'showers', atMs: 1 });
    });
  });

  afterEach(async () => {
    await db.destroy();
    await store.drop();
    await dir.remove();
  });

  const run = (t: Partial<TransferInput> & { transferId: string }) =>
    db.transaction().execute((trx) => transfer(trx, { debitAccountId: CASH_ACCOUNT_ID, creditAccountId: A, amountFen: 5000, kind: 'topup', atMs: 10, ...t }));
  const balance = async (id: string) => (await getAccount(db, id))!.balanceFen;

  it('answers created, then exists for the same content, exists_with_different_amount and exists_with_different_accounts for the same id, moving money once', async () => {
    assert.deepEqual(await run({ transferId: 'topup:cash:R1' }), { result: 'created', changed: [A] });
    assert.deepEqual(await run({ transferId: 'topup:cash:R1' }), { result: 'exists', changed: [] });
    assert.deepEqual(await run({ transferId: 'topup:cash:R1', amountFen: 500 }), { result: 'exists_with_different_amount', changed: [] });
    assert.deepEqual(await run({ transferId: 'topup:cash:R1', creditAccountId: B }), { result: 'exists_with_different_accounts', changed: [] });
    assert.deepEqual([await balance(A), await balance(B), await balance(CASH_ACCOUNT_ID)], [5000, 0, -5000]);
    assert.equal((await statement(db, A, { limit: 10 })).length, 1);
  });

  it('refuses a transfer naming an unknown account or the same account twice, moving nothing', async () => {
    assert.equal((await run({ transferId: 't1', creditAccountId: 'person.nobody' })).result, 'credit_account_not_found');
    assert.equal((await run({ transferId: 't2', debitAccountId: 'system.nowhere' })).result, 'debit_account_not_found');
    assert.equal((await run({ transferId: 't3', debitAccountId: A })).result, 'accounts_must_differ');
    assert.deepEqual(await checkLedger(db), { sumFen: 0, mismatches: [] });
    assert.equal((await db.selectFrom('transfers').select('transfer_id').execute()).length, 0);
  });

  it('lets a charge take a balance below zero (an overdraft), and keeps the merchant balance derived: its row never changes', async () => {
    const merchant = merchantAccountId('shower-ctl-1');
    assert.equal((await run({ transferId: 'shower-ctl-1:1', debitAccountId: A, creditAccountId: merchant, amountFen: 120, kind: 'charge' })).result, 'created');
    assert.equal((await run({ transferId: 'shower-ctl-1:2', debitAccountId: A, creditAccountId: merchant, amountFen: 80, kind: 'charge' })).result, 'created');
    assert.deepEqual([await balance(A), await balance(merchant)], [-200, 200]);
    const row = await db.selectFrom('accounts').select('balance_fen').where('account_id', '=', merchant).executeTakeFirstOrThrow();
    assert.equal(Number(row.balance_fen), 0, 'no merchant balance row is updated per charge');
    assert.deepEqual((await statement(db, A, { limit: 10 })).map((e) => [e.transferId, e.amountFen, e.counterpartyAccountId]), [
      ['shower-ctl-1:2', -80, merchant],
      ['shower-ctl-1:1', -120, merchant],
    ]);
  });

  it('keeps the sum of all balances at zero and every balance equal to the sum of its transfers under random top-ups, charges, replacement fees, corrections and duplicate submissions', async () => {
    const random = seededRandom(20260901);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const people = ['S1', 'S2', 'S3', 'S4', 'S5'];
    const devices = ['shower-ctl-1', 'shower-ctl-2', 'room-ctl-1'];
    const keys = generateDeviceKeyPair();
    const deviceStore = new DeviceStore(db, () => 1);
    for (const d of devices) await deviceStore.register({ deviceId: d, publicKey: keys.publicKeyBase64, name: d });
    await db.transaction().execute(async (trx) => {
      for (const p of people.slice(2)) await createAccount(trx, { accountId: personAccountId(p), kind: 'personal', ownerId: p, name: p, atMs: 1 });
      await createAccount(trx, { accountId: roomAccountId('R101'), kind: 'room', ownerId: 'R101', name: 'R101', atMs: 1 });
    });
    const accounts = [...people.map(personAccountId), roomAccountId('R101')];
    const events = new EventStore(db, () => 1_700_000_000_000);
    const model = new Map<string, number>();
    const move = (id: string, fen: number) => model.set(id, (model.get(id) ?? 0) + fen);
    const topUps: TransferInput[] = [];
    const seqs = new Map(devices.map((d) => [d, 0]));
    const sent = new Map<string, ReturnType<typeof chargeEvent>[]>();
    const corrected = new Set<string>();
    function chargeEvent(deviceId: string, seq: number, accountId: string, amountFen: number) {
      return { deviceId, seq, pointId: 'p1', deviceTimeUnixMs: 1_700_000_000_000, charge: { accountId, amountFen } };
    }
    for (let step = 0; step < 600; step++) {
      const r = random();
      if (r < 0.3) {
        const t: TransferInput = { transferId: `topup:cash:R${step}`, debitAccountId: CASH_ACCOUNT_ID, creditAccountId: pick(accounts), amountFen: 1 + Math.floor(random() * 10_000), kind: 'topup', atMs: step };
        assert.equal((await db.transaction().execute((trx) => transfer(trx, t))).result, 'created');
        move(t.creditAccountId, t.amountFen);
        move(CASH_ACCOUNT_ID, -t.amountFen);
        topUps.push(t);
      } else if (r < 0.4 && topUps.length > 0) {
        // A top-up sent again: as it was, with another amount, or to another account.
        const t = pick(topUps);
        const variant = pick(['same', 'amount', 'account'] as const);
        const again = variant === 'same' ? t : variant === 'amount' ? { ...t, amountFen: t.amountFen + 1 } : { ...t, creditAccountId: accounts.find((a) => a !== t.creditAccountId)! };
        const expected = { same: 'exists', amount: 'exists_with_different_amount', account: 'exists_with_different_accounts' }[variant];
        assert.equal((await db.transaction().execute((trx) => transfer(trx, again))).result, expected);
      } else if (r < 0.47) {
        // A card replaced: the fee from the holder's balance to the fees account (the card office's
        // rule about short balances is hub/cards.ts's; the ledger moves what it is told), sometimes sent twice.
        const t: TransferInput = { transferId: `fee:replace:C${step}`, debitAccountId: pick(accounts.slice(0, people.length)), creditAccountId: FEES_ACCOUNT_ID, amountFen: 1000, kind: 'fee', atMs: step };
        assert.equal((await db.transaction().execute((trx) => transfer(trx, t))).result, 'created');
        if (random() < 0.3) assert.equal((await db.transaction().execute((trx) => transfer(trx, t))).result, 'exists');
        move(t.debitAccountId, -t.amountFen);
        move(FEES_ACCOUNT_ID, t.amountFen);
      } else if (r < 0.55 && sent.size > 0) {
        // A correction: a new transfer refunding part of a posted charge, never an edit; sent twice it is one.
        const deviceId = pick([...sent.keys()]);
        const e = pick(sent.get(deviceId)!);
        if (e.charge.amountFen > 0 && !corrected.has(`${deviceId}:${e.seq}`)) {
          corrected.add(`${deviceId}:${e.seq}`);
          const t: TransferInput = { transferId: `correction:${deviceId}:${e.seq}`, debitAccountId: merchantAccountId(deviceId), creditAccountId: e.charge.accountId, amountFen: 1 + Math.floor(random() * e.charge.amountFen), kind: 'correction', atMs: step };
          assert.equal((await db.transaction().execute((trx) => transfer(trx, t))).result, 'created');
          assert.equal((await db.transaction().execute((trx) => transfer(trx, { ...t, amountFen: t.amountFen + 1 }))).result, 'exists_with_different_amount');
          move(t.debitAccountId, -t.amountFen);
          move(t.creditAccountId, t.amountFen);
        }
      } else if (r < 0.9) {
        // A batch of charges from one device, some of 0 fen, some overdrawing.
        const deviceId = pick(devices);
        const batch = Array.from({ length: 1 + Math.floor(random() * 5) }, () => {
          const seq = seqs.get(deviceId)! + 1;
          seqs.set(deviceId, seq);
          return chargeEvent(deviceId, seq, pick(accounts), random() < 0.1 ? 0 : Math.floor(random() * 3000));
        });
        const outcome = await events.ingest(deviceId, batch);
        assert.deepEqual(outcome.results, batch.map(() => 'created'));
        for (const e of batch) {
          move(e.charge.accountId, -e.charge.amountFen);
          move(merchantAccountId(deviceId), e.charge.amountFen);
        }
        sent.set(deviceId, [...(sent.get(deviceId) ?? []), ...batch]);
      } else if (sent.size > 0) {
        // A device resends events the hub already holds (a lost ack): nothing is posted twice.
        const deviceId = pick([...sent.keys()]);
        const list = sent.get(deviceId)!;
        const start = Math.floor(random() * list.length);
        const outcome = await events.ingest(deviceId, list.slice(start, start + 4));
        assert.ok(outcome.results.every((x) => x === 'exists'));
        assert.equal(outcome.balancesVersion, null);
      }
      if (step % 50 === 49) assert.deepEqual(await checkLedger(db), { sumFen: 0, mismatches: [] }, `after step ${step}`);
    }
    assert.deepEqual(await checkLedger(db), { sumFen: 0, mismatches: [] });
    for (const [id, fen] of model) assert.equal(await balance(id), fen, id);
    const charged = [...sent.values()].flat().filter((e) => e.charge.amountFen > 0).length;
    assert.equal((await db.selectFrom('transfers').select('transfer_id').where('kind', '=', 'charge').execute()).length, charged, 'each charge above 0 fen posted once');
  });
});
