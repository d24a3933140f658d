/**
 * Another process writing to a hub database, for test/ledger-concurrency.test.ts: it opens its own
 * connection (its own pool on PostgreSQL), prints "ready", waits for "go" on stdin, then posts
 * everything at once (all transactions in flight together) and prints one JSON line with what
 * each call answered, then exits.
 *
 *   node --import tsx test/ledger-writer-child.ts DB_URL transfers WRITER COUNT ACCOUNT MERCHANT
 *   node --import tsx test/ledger-writer-child.ts DB_URL topups WRITER COUNT ACCOUNT
 *   node --import tsx test/ledger-writer-child.ts DB_URL charges WRITER COUNT ACCOUNT DEVICE_ID
 *
 * Amounts are 100 + WRITER * 1000 + i, so every posting differs and a lost one shows in the sum.
 */
import { createInterface } from 'node:readline';
import { openDatabase } from '../hub/db/open.js';
import { CASH_ACCOUNT_ID } from '../hub/account-ids.js';
import { transfer } from '../hub/ledger.js';
import { markBalancesChanged } from '../hub/balances.js';
import { AccountStore } from '../hub/accounts.js';
import { EventStore } from '../hub/events.js';

const [url, mode, writerText, countText, accountId, extra] = process.argv.slice(2);
const writer = Number(writerText);
const count = Number(countText);
const amountOf = (i: number) => 100 + writer * 1000 + i;

const db = await openDatabase(url!);
console.log('ready');
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));

type Posted = { result: string; fen: number };
let posted: Promise<Posted>[];
if (mode === 'transfers') {
  posted = Array.from({ length: count }, (_, i) =>
    db.transaction().execute(async (trx) => {
      const charge = i % 2 === 0;
      const outcome = await transfer(trx, {
        transferId: `w${writer}:${i}`, amountFen: amountOf(i), kind: charge ? 'charge' : 'topup', atMs: i,
        debitAccountId: charge ? accountId! : CASH_ACCOUNT_ID, creditAccountId: charge ? extra! : accountId!,
      });
      await markBalancesChanged(trx, outcome.changed, i);
      return { result: outcome.result, fen: charge ? -amountOf(i) : amountOf(i) };
    }),
  );
} else if (mode === 'topups') {
  const accounts = new AccountStore(db, () => 1);
  posted = Array.from({ length: count }, async (_, i) => {
    const res = await accounts.topUp(accountId!, { amountFen: amountOf(i), channel: 'cash', reference: `child-${writer}-${i}` });
    return { result: res.ok ? res.result : res.code, fen: amountOf(i) };
  });
} else if (mode === 'charges') {
  // Batches of 4 charge events from one device, all batches in flight together.
  const events = new EventStore(db, () => 1_700_000_000_000);
  posted = Array.from({ length: count / 4 }, async (_, b) => {
    const batch = Array.from({ length: 4 }, (_, k) => {
      const seq = b * 4 + k + 1;
      return { deviceId: extra!, seq, pointId: 'shower', deviceTimeUnixMs: 1_700_000_000_000, charge: { accountId: accountId!, amountFen: amountOf(seq) } };
    });
    const outcome = await events.ingest(extra!, batch);
    const result = outcome.held.length > 0 ? 'held' : [...new Set(outcome.results)].join(',');
    return { result, fen: batch.reduce((sum, e) => sum - e.charge.amountFen, 0) };
  });
} else {
  throw new Error(`unknown mode ${String(mode)}`);
}
const settled = await Promise.allSettled(posted);
console.log(JSON.stringify(settled.map((s) => (s.status === 'fulfilled' ? s.value : { result: `error: ${(s.reason as Error).message}`, fen: 0 }))));
await db.destroy();
