/**
 * Where a controller keeps the datasets the hub pushed: one SQLite file (better-sqlite3) holding the
 * blacklist, the cards and each dataset's version. It scales to 100,000s of entries without holding
 * them in the JS heap: a decision is one indexed lookup (a few microseconds), a delta is one
 * transaction touching only its own rows, and a restart opens the file instead of parsing it.
 *
 * Two connections on a file: updates are written on one, in chunks that yield to the event loop
 * between them, inside one transaction committed at the end (WAL, synchronous=FULL: durable at
 * commit). Decisions read on the other, which keeps seeing the last committed content until the
 * commit, so a large snapshot neither blocks taps for long nor is ever seen half applied.
 * With `path` null the store lives in memory on one connection and updates run in one go.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import type { BalanceRecord, BlacklistReasonText, CardRecord, DatasetKey, ScheduleRecord, TariffRecord } from './dataset-types.js';

export type { CardRecord, DatasetKey } from './dataset-types.js';

export const DATASET_KEY_LIST: readonly DatasetKey[] = ['blacklist', 'cards', 'balances', 'tariffs', 'schedules'];

export interface StoreOptions {
  /** File of the database, or null for memory only. */
  path: string | null;
  /** Rows written between two yields to the event loop (file only). */
  rowsPerChunk?: number;
  /** SQLite page cache per connection, in KiB. */
  cacheKib?: number;
}

const SCHEMA = `
  create table if not exists versions (name text primary key, version integer not null) without rowid;
  create table if not exists blacklist (uid text primary key) without rowid;
  create table if not exists cards (
    uid text primary key, person_id text not null, person_type text not null,
    valid_from_ms integer not null, valid_until_ms integer not null, groups text not null
  ) without rowid;
  create table if not exists balances (account_id text primary key, balance_fen integer not null, posted_seq integer not null) without rowid;
  create table if not exists tariffs (id text primary key, json text not null) without rowid;
  create table if not exists schedules (id text primary key, json text not null) without rowid;
  create table if not exists holidays (date text primary key) without rowid;
  insert or ignore into versions (name, version) values ('blacklist', 0), ('cards', 0), ('balances', 0), ('tariffs', 0), ('schedules', 0);
`;

/** Columns added after the first release: [table, column, definition]. Added when missing. */
const ADDED_COLUMNS: ReadonlyArray<[string, string, string]> = [
  ['blacklist', 'reason', "text not null default ''"],
  ['cards', 'account_id', "text not null default ''"],
  ['cards', 'daily_limit_fen', 'integer not null default 0'],
  ['cards', 'offline_daily_limit_fen', 'integer not null default 0'],
];

interface CardRow {
  uid: string;
  person_id: string;
  person_type: string;
  valid_from_ms: number;
  valid_until_ms: number;
  groups: string;
  account_id: string;
  daily_limit_fen: number;
  offline_daily_limit_fen: number;
}

export class DatasetStore {
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private readonly rowsPerChunk: number;
  private readonly isBlacklistedStmt: Database.Statement<[string], { uid: string; reason: string }>;
  private readonly cardStmt: Database.Statement<[string], CardRow>;
  private readonly balanceStmt: Database.Statement<[string], { account_id: string; balance_fen: number; posted_seq: number }>;
  private closed = false;

  constructor(options: StoreOptions) {
    const cacheKib = options.cacheKib ?? 2048;
    if (options.path) mkdirSync(dirname(options.path), { recursive: true });
    this.writer = new Database(options.path ?? ':memory:');
    this.writer.pragma(`cache_size = -${cacheKib}`);
    if (options.path) {
      this.writer.pragma('journal_mode = WAL');
      // A version is acknowledged to the hub only once its commit survives a power cut.
      this.writer.pragma('synchronous = FULL');
    }
    this.writer.exec(SCHEMA);
    for (const [table, column, definition] of ADDED_COLUMNS) {
      const columns = this.writer.prepare(`pragma table_info(${table})`).all() as { name: string }[];
      if (!columns.some((c) => c.name === column)) this.writer.exec(`alter table ${table} add column ${column} ${definition}`);
    }
    this.reader = options.path ? new Database(options.path, { readonly: true }) : this.writer;
    if (this.reader !== this.writer) this.reader.pragma(`cache_size = -${cacheKib}`);
    this.rowsPerChunk = options.path ? (options.rowsPerChunk ?? 2000) : Number.POSITIVE_INFINITY;
    this.isBlacklistedStmt = this.reader.prepare('select uid, reason from blacklist where uid = ?');
    this.cardStmt = this.reader.prepare('select * from cards where uid = ?');
    this.balanceStmt = this.reader.prepare('select * from balances where account_id = ?');
  }

  versions(): Record<DatasetKey, number> {
    const rows = this.reader.prepare('select name, version from versions').all() as { name: string; version: number }[];
    const out: Record<DatasetKey, number> = { blacklist: 0, cards: 0, balances: 0, tariffs: 0, schedules: 0 };
    for (const r of rows) if ((DATASET_KEY_LIST as readonly string[]).includes(r.name)) out[r.name as DatasetKey] = r.version;
    return out;
  }

  isBlacklisted(uid: string): boolean {
    return this.isBlacklistedStmt.get(uid) !== undefined;
  }

  /** The card office's reason for a blacklisted card ('' when none was given), or null when not blacklisted. */
  blacklistReason(uid: string): BlacklistReasonText | null {
    const row = this.isBlacklistedStmt.get(uid);
    return row ? (row.reason as BlacklistReasonText) : null;
  }

  balance(accountId: string): BalanceRecord | undefined {
    const row = this.balanceStmt.get(accountId);
    return row && { accountId: row.account_id, balanceFen: row.balance_fen, postedSeq: row.posted_seq };
  }

  tariffs(): TariffRecord[] {
    return (this.reader.prepare('select json from tariffs').all() as { json: string }[]).map((r) => JSON.parse(r.json) as TariffRecord);
  }

  schedules(): ScheduleRecord[] {
    return (this.reader.prepare('select json from schedules').all() as { json: string }[]).map((r) => JSON.parse(r.json) as ScheduleRecord);
  }

  holidays(): string[] {
    return (this.reader.prepare('select date from holidays').all() as { date: string }[]).map((r) => r.date);
  }

  card(uid: string): CardRecord | undefined {
    const row = this.cardStmt.get(uid);
    return row && {
      uid: row.uid,
      personId: row.person_id,
      personType: row.person_type,
      validFromMs: row.valid_from_ms,
      validUntilMs: row.valid_until_ms,
      groups: row.groups === '' ? [] : row.groups.split(','),
      accountId: row.account_id,
      dailyLimitFen: row.daily_limit_fen,
      offlineDailyLimitFen: row.offline_daily_limit_fen,
    };
  }

  count(key: DatasetKey): number {
    return (this.reader.prepare(`select count(*) as n from ${key}`).get() as { n: number }).n;
  }

  /** Replaces (full) or changes the blacklist and sets its version, all or nothing. */
  async writeBlacklist(version: number, full: boolean, add: ReadonlyArray<{ uid: string; reason: BlacklistReasonText }>, remove: readonly string[]): Promise<void> {
    const del = this.writer.prepare('delete from blacklist where uid = ?');
    const ins = this.writer.prepare('insert or replace into blacklist (uid, reason) values (?, ?)');
    await this.transaction(['blacklist'], version, full, async (step) => {
      for (const uid of remove) await step(() => del.run(uid));
      for (const e of add) await step(() => ins.run(e.uid, e.reason));
    });
  }

  async writeBalances(version: number, full: boolean, upsert: readonly BalanceRecord[], remove: readonly string[]): Promise<void> {
    const del = this.writer.prepare('delete from balances where account_id = ?');
    const put = this.writer.prepare('insert or replace into balances (account_id, balance_fen, posted_seq) values (?, ?, ?)');
    await this.transaction(['balances'], version, full, async (step) => {
      for (const id of remove) await step(() => del.run(id));
      for (const b of upsert) await step(() => put.run(b.accountId, b.balanceFen, b.postedSeq));
    });
  }

  async writeTariffs(version: number, full: boolean, upsert: readonly TariffRecord[], remove: readonly string[]): Promise<void> {
    const del = this.writer.prepare('delete from tariffs where id = ?');
    const put = this.writer.prepare('insert or replace into tariffs (id, json) values (?, ?)');
    await this.transaction(['tariffs'], version, full, async (step) => {
      for (const id of remove) await step(() => del.run(id));
      for (const t of upsert) await step(() => put.run(t.id, JSON.stringify(t)));
    });
  }

  async writeSchedules(
    version: number,
    full: boolean,
    change: { upsert: readonly ScheduleRecord[]; remove: readonly string[]; addHolidays: readonly string[]; removeHolidays: readonly string[] },
  ): Promise<void> {
    const del = this.writer.prepare('delete from schedules where id = ?');
    const put = this.writer.prepare('insert or replace into schedules (id, json) values (?, ?)');
    const delDay = this.writer.prepare('delete from holidays where date = ?');
    const putDay = this.writer.prepare('insert or ignore into holidays (date) values (?)');
    await this.transaction(['schedules', 'holidays'], version, full, async (step) => {
      for (const id of change.remove) await step(() => del.run(id));
      for (const s of change.upsert) await step(() => put.run(s.id, JSON.stringify(s)));
      for (const d of change.removeHolidays) await step(() => delDay.run(d));
      for (const d of change.addHolidays) await step(() => putDay.run(d));
    });
  }

  /** Replaces (full) or changes the cards and sets their version, all or nothing. */
  async writeCards(version: number, full: boolean, upsert: readonly CardRecord[], remove: readonly string[]): Promise<void> {
    const del = this.writer.prepare('delete from cards where uid = ?');
    const put = this.writer.prepare(
      'insert or replace into cards (uid, person_id, person_type, valid_from_ms, valid_until_ms, groups, account_id, daily_limit_fen, offline_daily_limit_fen) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    await this.transaction(['cards'], version, full, async (step) => {
      for (const uid of remove) await step(() => del.run(uid));
      for (const c of upsert) {
        await step(() => put.run(c.uid, c.personId, c.personType, c.validFromMs, c.validUntilMs, c.groups.join(','), c.accountId, c.dailyLimitFen, c.offlineDailyLimitFen));
      }
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.reader !== this.writer) this.reader.close();
    this.writer.close();
  }

  /** `tables[0]` is the dataset's name (its version row); a full snapshot empties every table listed. */
  private async transaction(
    tables: readonly string[],
    version: number,
    full: boolean,
    body: (step: (row: () => unknown) => Promise<void>) => Promise<void>,
  ): Promise<void> {
    let rows = 0;
    const step = async (row: () => unknown): Promise<void> => {
      row();
      if (++rows % this.rowsPerChunk === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    };
    this.writer.exec('begin immediate');
    try {
      if (full) for (const table of tables) this.writer.exec(`delete from ${table}`);
      await body(step);
      if (this.closed) throw new Error('dataset store closed during an update');
      this.writer.prepare('update versions set version = ? where name = ?').run(version, tables[0]);
      this.writer.exec('commit');
    } catch (err) {
      if (!this.closed && this.writer.inTransaction) this.writer.exec('rollback');
      throw err;
    }
  }
}
