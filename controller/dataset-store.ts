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
 *
 * A chunked snapshot is staged: each chunk's rows go into staging tables (`staged_<table>`, same
 * columns) in a transaction of their own, so nothing of it is held in memory between chunks and
 * decisions, reading the dataset's own tables, never see it. Once the last chunk is staged, one
 * durable transaction swaps the staging tables in (drop the old table, rename the staged one) and
 * sets the version. Staging tables are dropped when a snapshot is discarded and when the store opens.
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

/** The tables holding each dataset (the first names its version row). */
const DATASET_TABLES: Record<DatasetKey, readonly string[]> = {
  blacklist: ['blacklist'], cards: ['cards'], balances: ['balances'], tariffs: ['tariffs'], schedules: ['schedules', 'holidays'],
};

const STAGED = 'staged_';

/** A dataset's rows to write: what a checked update (controller/dataset-check.ts) carries. */
export type DatasetRows =
  | { key: 'blacklist'; add: ReadonlyArray<{ uid: string; reason: BlacklistReasonText }>; remove: readonly string[] }
  | { key: 'cards'; upsert: readonly CardRecord[]; remove: readonly string[] }
  | { key: 'balances'; upsert: readonly BalanceRecord[]; remove: readonly string[] }
  | { key: 'tariffs'; upsert: readonly TariffRecord[]; remove: readonly string[] }
  | { key: 'schedules'; upsert: readonly ScheduleRecord[]; remove: readonly string[]; addHolidays: readonly string[]; removeHolidays: readonly string[] };

/**
 * Bytes of the fields of `rows` (text as its length, a number as 8): what staging them adds, for
 * the device's limit on staged bytes.
 */
export function rowBytes(rows: DatasetRows): number {
  let n = 0;
  const text = (t: string) => (n += t.length);
  for (const id of rows.remove) text(id);
  switch (rows.key) {
    case 'blacklist':
      for (const e of rows.add) n += e.uid.length + e.reason.length;
      break;
    case 'cards':
      for (const c of rows.upsert) {
        n += c.uid.length + c.personId.length + c.personType.length + c.accountId.length + 32;
        for (const g of c.groups) n += g.length + 1;
      }
      break;
    case 'balances':
      for (const b of rows.upsert) n += b.accountId.length + 16;
      break;
    case 'tariffs':
    case 'schedules':
      for (const r of rows.upsert) n += r.id.length + JSON.stringify(r).length;
      if (rows.key === 'schedules') for (const d of [...rows.addHolidays, ...rows.removeHolidays]) text(d);
      break;
  }
  return n;
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
  /** A file (WAL, synchronous FULL), not memory. */
  private readonly durable: boolean;

  constructor(options: StoreOptions) {
    const cacheKib = options.cacheKib ?? 2048;
    if (options.path) mkdirSync(dirname(options.path), { recursive: true });
    this.writer = new Database(options.path ?? ':memory:');
    this.writer.pragma(`cache_size = -${cacheKib}`);
    this.durable = options.path !== null;
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
    await this.write(version, full, { key: 'blacklist', add, remove });
  }

  async writeBalances(version: number, full: boolean, upsert: readonly BalanceRecord[], remove: readonly string[]): Promise<void> {
    await this.write(version, full, { key: 'balances', upsert, remove });
  }

  async writeTariffs(version: number, full: boolean, upsert: readonly TariffRecord[], remove: readonly string[]): Promise<void> {
    await this.write(version, full, { key: 'tariffs', upsert, remove });
  }

  async writeSchedules(
    version: number,
    full: boolean,
    change: { upsert: readonly ScheduleRecord[]; remove: readonly string[]; addHolidays: readonly string[]; removeHolidays: readonly string[] },
  ): Promise<void> {
    await this.write(version, full, { key: 'schedules', upsert: change.upsert, remove: change.remove, addHolidays: change.addHolidays, removeHolidays: change.removeHolidays });
  }

  /** Replaces (full) or changes the cards and sets their version, all or nothing. */
  async writeCards(version: number, full: boolean, upsert: readonly CardRecord[], remove: readonly string[]): Promise<void> {
    await this.write(version, full, { key: 'cards', upsert, remove });
  }

  /** Replaces (full) or changes a dataset and sets its version, all or nothing. */
  async write(version: number, full: boolean, rows: DatasetRows): Promise<void> {
    await this.transaction(DATASET_TABLES[rows.key], version, full, (step) => this.writeRows('', rows, step));
  }

  /** Starts staging a chunked snapshot of `key`: empty staging tables (anything staged before is dropped). */
  beginStaging(key: DatasetKey): void {
    for (const table of DATASET_TABLES[key]) {
      this.writer.exec(`drop table if exists ${STAGED}${table}`);
      // The table's own definition (SCHEMA plus ADDED_COLUMNS, as SQLite holds it) under the staging name.
      const { sql } = this.writer.prepare("select sql from sqlite_master where type = 'table' and name = ?").get(table) as { sql: string };
      this.writer.exec(`create table ${STAGED}${table} ${sql.slice(sql.indexOf('('))}`);
    }
  }

  /** Whether a snapshot of `key` is being staged (its staging tables exist). */
  isStaging(key: DatasetKey): boolean {
    return DATASET_TABLES[key].every((table) => this.tableExists(`${STAGED}${table}`));
  }

  /**
   * Writes one chunk's rows into the staging tables, in a transaction of its own (yielding to the
   * event loop between groups of rows, as updates do). Decisions never read staging tables.
   */
  async stage(rows: DatasetRows): Promise<void> {
    if (!this.isStaging(rows.key)) throw new Error(`no snapshot of ${rows.key} is being staged`);
    // Not synced: staged rows need not survive a power cut (staging is dropped at open anyway),
    // and the commit of the switch syncs the WAL with every chunk written before it.
    if (this.durable) this.writer.pragma('synchronous = OFF');
    try {
      await this.run(async (step) => this.writeRows(STAGED, rows, step));
    } finally {
      if (this.durable && !this.closed) this.writer.pragma('synchronous = FULL');
    }
  }

  /**
   * Replaces `key` by what was staged and sets its version, in one durable transaction: until its
   * commit decisions see the dataset as it was, from then on the staged snapshot whole.
   */
  commitStaged(key: DatasetKey, version: number): void {
    const tables = DATASET_TABLES[key];
    if (!this.isStaging(key)) throw new Error(`no snapshot of ${key} is being staged`);
    this.writer.exec('begin immediate');
    try {
      for (const table of tables) {
        this.writer.exec(`drop table ${table}`);
        this.writer.exec(`alter table ${STAGED}${table} rename to ${table}`);
      }
      this.writer.prepare('update versions set version = ? where name = ?').run(version, tables[0]);
      this.writer.exec('commit');
    } catch (err) {
      if (!this.closed && this.writer.inTransaction) this.writer.exec('rollback');
      throw err;
    }
  }

  /** Drops what was staged for `key` (nothing when nothing was). */
  discardStaged(key: DatasetKey): void {
    if (this.closed) return;
    for (const table of DATASET_TABLES[key]) this.writer.exec(`drop table if exists ${STAGED}${table}`);
  }

  /** The datasets with staging tables left (by a process that stopped mid-snapshot); drops them. */
  discardLeftStaging(): DatasetKey[] {
    const left = DATASET_KEY_LIST.filter((key) => DATASET_TABLES[key].some((table) => this.tableExists(`${STAGED}${table}`)));
    for (const key of left) this.discardStaged(key);
    return left;
  }

  private tableExists(name: string): boolean {
    return this.writer.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined;
  }

  /** Writes rows into the dataset's tables, or its staging tables (`prefix` staged_). */
  private async writeRows(prefix: string, rows: DatasetRows, step: (row: () => unknown) => Promise<void>): Promise<void> {
    const w = this.writer;
    switch (rows.key) {
      case 'blacklist': {
        const del = w.prepare(`delete from ${prefix}blacklist where uid = ?`);
        const ins = w.prepare(`insert or replace into ${prefix}blacklist (uid, reason) values (?, ?)`);
        for (const uid of rows.remove) await step(() => del.run(uid));
        for (const e of rows.add) await step(() => ins.run(e.uid, e.reason));
        return;
      }
      case 'cards': {
        const del = w.prepare(`delete from ${prefix}cards where uid = ?`);
        const put = w.prepare(
          `insert or replace into ${prefix}cards (uid, person_id, person_type, valid_from_ms, valid_until_ms, groups, account_id, daily_limit_fen, offline_daily_limit_fen) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        for (const uid of rows.remove) await step(() => del.run(uid));
        for (const c of rows.upsert) {
          await step(() => put.run(c.uid, c.personId, c.personType, c.validFromMs, c.validUntilMs, c.groups.join(','), c.accountId, c.dailyLimitFen, c.offlineDailyLimitFen));
        }
        return;
      }
      case 'balances': {
        const del = w.prepare(`delete from ${prefix}balances where account_id = ?`);
        const put = w.prepare(`insert or replace into ${prefix}balances (account_id, balance_fen, posted_seq) values (?, ?, ?)`);
        for (const id of rows.remove) await step(() => del.run(id));
        for (const b of rows.upsert) await step(() => put.run(b.accountId, b.balanceFen, b.postedSeq));
        return;
      }
      case 'tariffs': {
        const del = w.prepare(`delete from ${prefix}tariffs where id = ?`);
        const put = w.prepare(`insert or replace into ${prefix}tariffs (id, json) values (?, ?)`);
        for (const id of rows.remove) await step(() => del.run(id));
        for (const t of rows.upsert) await step(() => put.run(t.id, JSON.stringify(t)));
        return;
      }
      case 'schedules': {
        const del = w.prepare(`delete from ${prefix}schedules where id = ?`);
        const put = w.prepare(`insert or replace into ${prefix}schedules (id, json) values (?, ?)`);
        const delDay = w.prepare(`delete from ${prefix}holidays where date = ?`);
        const putDay = w.prepare(`insert or ignore into ${prefix}holidays (date) values (?)`);
        for (const id of rows.remove) await step(() => del.run(id));
        for (const sch of rows.upsert) await step(() => put.run(sch.id, JSON.stringify(sch)));
        for (const d of rows.removeHolidays) await step(() => delDay.run(d));
        for (const d of rows.addHolidays) await step(() => putDay.run(d));
        return;
      }
    }
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
    await this.run(async (step) => {
      if (full) for (const table of tables) this.writer.exec(`delete from ${table}`);
      await body(step);
      if (this.closed) throw new Error('dataset store closed during an update');
      this.writer.prepare('update versions set version = ? where name = ?').run(version, tables[0]);
    });
  }

  /** Runs `body` in one write transaction, committed at its end (rolled back if it throws). */
  private async run(body: (step: (row: () => unknown) => Promise<void>) => Promise<void>): Promise<void> {
    let rows = 0;
    const step = async (row: () => unknown): Promise<void> => {
      row();
      if (++rows % this.rowsPerChunk === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    };
    this.writer.exec('begin immediate');
    try {
      await body(step);
      if (this.closed) throw new Error('dataset store closed during an update');
      this.writer.exec('commit');
    } catch (err) {
      if (!this.closed && this.writer.inTransaction) this.writer.exec('rollback');
      throw err;
    }
  }
}
