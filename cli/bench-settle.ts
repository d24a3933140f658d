/**
 * `onecard bench settle`: a month's settlement over a million charges on SQLite. A fresh hub
 * database gets merchants (canteens with the temporary-card surcharge, showers, electricity),
 * devices bound to them, cardholders (some temporary) with a top-up each, and N charge events with
 * their transfers (and surcharges), inserted in bulk straight into SQLite (as the gateway would
 * have stored and posted them, hash chain and all); 1% of the events were made offline the month
 * before and uploaded after the cut-off (late). Then the clock: the period is closed through the
 * hub's own settlement (hub/settlement.ts: one pass over the period's transfers, the sweep, fee and
 * payout transfers, the statements frozen), and the largest merchant's statement is rendered as
 * CSV. The ledger is checked after (sum zero, balances = sums of transfers).
 * Last line: {"bench":"settle","events":..,"seconds":..,"statement_csv_s":..,"generate_s":..}.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { openDatabase } from '../hub/db/open.js';
import { CASH_ACCOUNT_ID, merchantAccountId, personAccountId } from '../hub/account-ids.js';
import { checkLedger } from '../hub/ledger.js';
import { MerchantStore } from '../hub/merchants.js';
import { Settlement } from '../hub/settlement.js';
import { statementCsv } from '../hub/settlement-render.js';
import { periodBounds, DEFAULT_SETTLEMENT_TIME_ZONE } from '../hub/periods.js';
import { surchargeOf } from '../hub/surcharge.js';
import { pb } from '../protocol/messages.js';
import { ZERO_HASH, eventHash } from '../protocol/event-chain.js';
import type { MerchantKind } from '../hub/db/schema-settlement.js';
import { UsageError, integerOption, parse } from './args.js';

const USAGE = `usage: onecard bench settle [--events N] [--merchants N] [--devices N] [--accounts N] [--db sqlite:PATH]

  --events     charge events (and transfers) in the month settled (default 1000000)
  --merchants  merchants (default 20: every fourth a canteen with a 10% temporary-card surcharge)
  --devices    devices, shared between the merchants (default 400)
  --accounts   cardholders (default 20000; one in twenty temporary)
  --db         sqlite:PATH of a file that must not exist yet (kept afterwards); default a temporary
               file, removed afterwards`;

const PERIOD = '2026-03';
const TIME_ZONE = DEFAULT_SETTLEMENT_TIME_ZONE;
const SURCHARGE_BP = 1000;

export interface SettleBenchOptions {
  events: number;
  merchants: number;
  devices: number;
  accounts: number;
  /** A SQLite file that does not exist yet; default a temporary one. */
  path?: string;
}

export interface SettleBenchResult {
  events: number;
  surcharges: number;
  lateEvents: number;
  merchants: number;
  devices: number;
  generateS: number;
  closeS: number;
  statementCsvS: number;
  statementLines: number;
  statementBytes: number;
  grossFen: number;
  surchargesFen: number;
  feeFen: number;
  payoutFen: number;
  lateFen: number;
  ledgerSumFen: number;
  ledgerMismatches: number;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parse(args, { events: { type: 'string' }, merchants: { type: 'string' }, devices: { type: 'string' }, accounts: { type: 'string' }, db: { type: 'string' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  let path: string | undefined;
  if (values.db !== undefined) {
    if (!values.db.startsWith('sqlite:') || values.db === 'sqlite::memory:') throw new UsageError(`--db must be sqlite:PATH (the bench inserts straight into the file), got ${JSON.stringify(values.db)}\n\n${USAGE}`);
    path = values.db.slice('sqlite:'.length);
    if (existsSync(path)) throw new UsageError(`--db ${values.db}: the file exists; give a path that does not (the bench needs a fresh database)`);
  }
  const merchants = integerOption(values.merchants, 'merchants', 20, 1, 1000);
  const r = await benchSettle({
    events: integerOption(values.events, 'events', 1_000_000, 1, 100_000_000),
    merchants,
    devices: integerOption(values.devices, 'devices', 400, merchants, 100_000),
    accounts: integerOption(values.accounts, 'accounts', 20_000, 1, 10_000_000),
    ...(path !== undefined ? { path } : {}),
  });
  console.log(`settle: ${r.events} charge events (${r.lateEvents} uploaded late) and ${r.surcharges} surcharges at ${r.devices} devices of ${r.merchants} merchants, period ${PERIOD} on SQLite`);
  console.log(`  generated (bulk insert) in ${r.generateS.toFixed(2)} s`);
  console.log(`  period closed in ${r.closeS.toFixed(2)} s: gross ${yuan(r.grossFen)} yuan, surcharges ${yuan(r.surchargesFen)}, fees ${yuan(r.feeFen)}, payouts ${yuan(r.payoutFen)}; late ${yuan(r.lateFen)}`);
  console.log(`  largest merchant's statement as CSV in ${r.statementCsvS.toFixed(2)} s: ${r.statementLines} lines, ${r.statementBytes} bytes`);
  console.log(`  ledger after: sum of all balances ${r.ledgerSumFen}, ${r.ledgerMismatches} balances differing from their transfers`);
  console.log(JSON.stringify({ bench: 'settle', events: r.events, seconds: round(r.closeS), statement_csv_s: round(r.statementCsvS), generate_s: round(r.generateS) }));
  return r.ledgerSumFen === 0 && r.ledgerMismatches === 0 ? 0 : 1;
}

const round = (s: number) => Math.round(s * 1000) / 1000;
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export async function benchSettle(options: SettleBenchOptions): Promise<SettleBenchResult> {
  const dir = options.path === undefined ? await mkdtemp(join(tmpdir(), 'onecard-bench-settle-')) : null;
  const path = options.path ?? join(dir!, 'hub.sqlite');
  const bounds = periodBounds(PERIOD, TIME_ZONE);
  const before = periodBounds('2026-02', TIME_ZONE);
  // The hub's clock: the second day of the next month, after the cut-off.
  const now = () => bounds.endMs + 86_400_000;
  try {
    const startGenerate = performance.now();
    let db = await openDatabase(`sqlite:${path}`);
    const store = new MerchantStore(db, () => bounds.startMs - 86_400_000);
    const kinds: MerchantKind[] = ['canteen', 'shower', 'electricity', 'other'];
    const merchantIds: string[] = [];
    for (let m = 0; m < options.merchants; m++) {
      const kind = kinds[m % kinds.length]!;
      const merchantId = `bench-m${String(m + 1).padStart(3, '0')}`;
      const added = await store.add({ merchantId, name: `${kind} ${m + 1}`, kind, feeRateBp: 100 + (m % 5) * 50, surchargeBp: kind === 'canteen' ? SURCHARGE_BP : 0, settlementAccount: `6222 0000 ${String(m + 1).padStart(4, '0')}` });
      if (!added.ok) throw new Error(`merchant ${merchantId}: ${added.message}`);
      merchantIds.push(merchantId);
    }
    await db.destroy();

    const sqlite = new SqliteDatabase(path);
    // A bulk load into a fresh file: no journal, a large page cache (the hub reopens it in WAL mode after).
    sqlite.pragma('journal_mode = OFF');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('cache_size = -524288');
    // Secondary indexes are built once after the load (faster than kept up row by row), as the migrations made them.
    const indexes = sqlite.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name in ('events', 'transfers') and sql is not null").all() as { name: string; sql: string }[];
    for (const i of indexes) sqlite.exec(`drop index ${i.name}`);
    const deviceIds = Array.from({ length: options.devices }, (_, i) => `bench-dev-${String(i + 1).padStart(5, '0')}`);
    const merchantOf = (d: number) => merchantIds[d % merchantIds.length]!;
    const canteen = (d: number) => kinds[(d % merchantIds.length) % kinds.length] === 'canteen';
    const temporary = (a: number) => a % 20 === 0;
    const counts = { surcharges: 0, late: 0 };
    sqlite.transaction(() => {
      const setup = bounds.startMs - 86_400_000;
      const device = sqlite.prepare('insert into devices (device_id, name, public_key, created_at_ms, acked_seq) values (?, ?, ?, ?, ?)');
      const account = sqlite.prepare("insert into accounts (account_id, kind, owner_id, name, created_at_ms, balance_fen, balance_version) values (?, ?, ?, ?, ?, ?, 0)");
      const bind = sqlite.prepare('insert into device_merchants (device_id, merchant_id, bound_at_ms) values (?, ?, ?)');
      const person = sqlite.prepare("insert into people (person_id, name, person_type, created_at_ms, groups) values (?, ?, ?, ?, '[]')");
      const transfer = sqlite.prepare('insert into transfers (transfer_id, debit_account_id, credit_account_id, amount_fen, kind, device_id, seq, reference, created_at_ms) values (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      const event = sqlite.prepare(
        "insert into events (device_id, seq, point_id, device_time_ms, received_at_ms, kind, card_uid, payload, hash, prev_hash, chain_ok, account_id, amount_fen, offline, offline_authorised, transfer_id) values (?, ?, 'point-1', ?, ?, 'charge', ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
      );
      const perDevice = Math.ceil(options.events / options.devices);
      deviceIds.forEach((d, i) => {
        device.run(d, d, 'bench', setup, Math.min(perDevice, Math.max(0, options.events - i * perDevice)));
        account.run(merchantAccountId(d), 'merchant', d, d, setup, 0);
        bind.run(d, merchantOf(i), setup);
      });
      const balances = new Array<number>(options.accounts).fill(100_000);
      for (let a = 0; a < options.accounts; a++) {
        const id = `B${String(a + 1).padStart(7, '0')}`;
        person.run(id, `holder ${a + 1}`, temporary(a) ? 'temporary' : 'student', setup);
        account.run(personAccountId(id), 'personal', id, `holder ${a + 1}`, setup, 0);
        transfer.run(`topup:cash:bench-${a + 1}`, CASH_ACCOUNT_ID, personAccountId(id), 100_000, 'topup', null, null, `bench-${a + 1}`, setup);
      }
      const spanMs = bounds.endMs - bounds.startMs - 60_000;
      let n = 0;
      for (let d = 0; d < options.devices && n < options.events; d++) {
        const deviceId = deviceIds[d]!;
        const credit = merchantAccountId(deviceId);
        let prev: Uint8Array = ZERO_HASH;
        for (let seq = 1; seq <= perDevice && n < options.events; seq++, n++) {
          const a = (n * 7919) % options.accounts;
          const accountId = personAccountId(`B${String(a + 1).padStart(7, '0')}`);
          const amountFen = 100 + ((n * 31) % 1900);
          const late = n % 100 === 0;
          // In order of seq over the month; a late one was made offline in the month before and came in on the first day.
          const receivedAtMs = late ? bounds.startMs + 3_600_000 + (n % 86_400_000) : bounds.startMs + Math.floor((seq / (perDevice + 1)) * spanMs);
          const deviceTimeMs = late ? before.endMs - 600_000 : receivedAtMs - 1000;
          const uid = `04${String(a).padStart(8, '0')}`;
          const payload = pb.Event.encode({
            deviceId, seq, pointId: 'point-1', deviceTimeUnixMs: deviceTimeMs, prevHash: prev,
            charge: { cardUid: uid, accountId, amountFen, sessionId: `s-${seq}` }, ...(late ? { offline: true, offlineAuthorised: true } : {}),
          }).finish();
          const hash = eventHash(payload);
          const transferId = `${deviceId}:${seq}`;
          event.run(deviceId, seq, deviceTimeMs, receivedAtMs, uid, payload, hash, prev, accountId, amountFen, late ? 1 : 0, late ? 1 : 0, transferId);
          transfer.run(transferId, accountId, credit, amountFen, 'charge', deviceId, seq, null, receivedAtMs);
          balances[a]! -= amountFen;
          if (late) counts.late++;
          if (canteen(d) && temporary(a)) {
            const s = surchargeOf(amountFen, SURCHARGE_BP);
            transfer.run(`${transferId}:surcharge`, accountId, credit, s, 'surcharge', deviceId, seq, null, receivedAtMs);
            balances[a]! -= s;
            counts.surcharges++;
          }
          prev = hash;
        }
      }
      const balance = sqlite.prepare('update accounts set balance_fen = ? where account_id = ?');
      balances.forEach((b, a) => balance.run(b, personAccountId(`B${String(a + 1).padStart(7, '0')}`)));
    })();
    for (const i of indexes) sqlite.exec(i.sql);
    sqlite.pragma('journal_mode = WAL');
    sqlite.close();
    const generateS = (performance.now() - startGenerate) / 1000;

    db = await openDatabase(`sqlite:${path}`);
    try {
      const settlement = new Settlement(db, now, TIME_ZONE);
      const startClose = performance.now();
      const closed = await settlement.close(PERIOD, 'bench');
      const closeS = (performance.now() - startClose) / 1000;
      if (!closed.ok) throw new Error(`close ${PERIOD}: ${closed.code}: ${closed.message}`);
      const t = closed.summary.totals;
      if (t.chargesCount !== options.events) throw new Error(`the period settled ${t.chargesCount} charges, not ${options.events}`);
      const largest = [...closed.summary.merchants].sort((a, b) => b.chargesCount - a.chargesCount)[0]!;
      const startCsv = performance.now();
      const lines = await settlement.lines(PERIOD, largest.merchantId);
      const csv = statementCsv(largest, lines, TIME_ZONE);
      const statementCsvS = (performance.now() - startCsv) / 1000;
      const ledger = await checkLedger(db);
      return {
        events: options.events, surcharges: counts.surcharges, lateEvents: counts.late, merchants: options.merchants, devices: options.devices,
        generateS, closeS, statementCsvS, statementLines: lines.length, statementBytes: Buffer.byteLength(csv),
        grossFen: t.grossFen, surchargesFen: t.surchargesFen, feeFen: t.feeFen, payoutFen: t.payoutFen, lateFen: t.lateFen,
        ledgerSumFen: ledger.sumFen, ledgerMismatches: ledger.mismatches.length,
      };
    } finally {
      await db.destroy();
    }
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
