/**
 * Backup and restore of the hub database (`onecard hub backup` / `restore`; DESIGN.md: data is
 * backed up regularly and can be restored). SQLite is copied with SQLite's online backup
 * (hub/backup-sqlite.ts), PostgreSQL with pg_dump and pg_restore (hub/backup-postgres.ts); both
 * work while the hub runs. A backup restores only into the same kind of database.
 *
 * A restore refuses, before touching anything: a file that is not a onecard hub backup (no
 * migrations table, or none of this hub's migrations), a backup made by a newer onecard (a
 * migration this one does not know), a database in use (stop the hub first), and a database that
 * already holds tables unless `force` is given. It replaces the database whole or not at all.
 *
 * What a restore means for devices (docs/backup.md): the hub goes back to the backup's moment,
 * but devices do not. So the restore moves every dataset's version past anything a device can
 * hold (`restoredVersion`: the restore time in microseconds) and makes it the oldest a delta may
 * start from: every device gets a full snapshot of every dataset at its next connection.
 */
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Database } from './db/schema.js';
import { loadMigrations } from './db/migrations/index.js';
import { checkLedger, type LedgerCheck } from './ledger.js';
import type { Result } from '../lib/errors.js';

export type Progress = (line: string) => void;

export type BackupFailureCode =
  | 'unsupported_url'
  | 'not_a_hub_database'
  | 'not_a_hub_backup'
  | 'newer_backup'
  | 'wrong_kind'
  | 'in_use'
  | 'not_empty'
  | 'out_exists'
  | 'tool_missing'
  | 'tool_failed';

export type BackupResult<T> = Result<T, { code: BackupFailureCode; message: string }>;

export function refuse(code: BackupFailureCode, message: string): { ok: false; code: BackupFailureCode; message: string } {
  return { ok: false, code, message };
}

/** What a hub database holds, for the operator to see what a backup or restore covered. */
export interface HubContents {
  /** The last migration applied (the schema's version). */
  lastMigration: string;
  people: number;
  cards: number;
  devices: number;
  accounts: number;
  transfers: number;
  events: number;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  contents: HubContents;
}

export interface RestoreSummary {
  contents: HubContents;
  /** The version every dataset now has (devices get snapshots at it). */
  datasetVersion: number;
  /** The ledger of the restored database (null for a schema from before the ledger). */
  ledger: LedgerCheck | null;
}

export function kindOfUrl(url: string): 'sqlite' | 'postgres' | null {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  if (url.startsWith('sqlite:')) return 'sqlite';
  return null;
}

/** The file's kind by its first bytes: a SQLite database, a pg_dump custom archive, or neither. */
export function kindOfBackup(head: Buffer): 'sqlite' | 'postgres' | null {
  if (head.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') return 'sqlite';
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
  return null;
}

/** The first migration every hub database has, and the first with what a restore changes (datasets.log_floor_version). */
const FIRST_MIGRATION = '0001_initial';
const NEEDED_MIGRATION = '0003_dataset_log';

/**
 * Checks the migrations a database (or backup) names: it is a onecard hub database this build can
 * run. `what` names it in messages. Returns the last migration.
 */
export async function checkMigrations(names: readonly string[] | null, what: string): Promise<BackupResult<{ lastMigration: string }>> {
  if (names === null || !names.includes(FIRST_MIGRATION)) {
    return refuse('not_a_hub_backup', `${what} is not a onecard hub database: it has no migrations table with ${FIRST_MIGRATION}`);
  }
  const known = Object.keys(await loadMigrations());
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    return refuse('newer_backup', `${what} was made by a newer onecard (migration ${unknown.join(', ')} is unknown to this one): restore it with that version`);
  }
  if (!names.includes(NEEDED_MIGRATION)) return refuse('newer_backup', `${what} is from a onecard too old to restore (before ${NEEDED_MIGRATION})`);
  return { ok: true, lastMigration: [...names].sort().at(-1)! };
}

/**
 * The dataset version a restore made at `nowMs` gives every dataset: the time in microseconds,
 * far above any version a device could have been given before (versions grow by one per change),
 * and below 2^53 for centuries.
 */
export function restoredVersion(nowMs: number): number {
  return Math.floor(nowMs) * 1000;
}

/** The statement a restore runs in its transaction (literals: psql runs it without parameters). */
export function datasetsAfterRestoreSql(dialect: 'sqlite' | 'postgres', version: number, nowMs: number): string {
  const table = dialect === 'postgres' ? 'public.datasets' : 'datasets';
  const greatest = dialect === 'postgres' ? 'greatest' : 'max';
  const v = `${greatest}(version + 1, ${Math.floor(version)})`;
  return `update ${table} set version = ${v}, log_floor_version = ${v}, updated_at_ms = ${Math.floor(nowMs)}`;
}

const COUNTED = ['people', 'cards', 'devices', 'accounts', 'transfers', 'events'] as const;

/** Counts what a database holds, without migrating it (the tables of its own schema version). */
export async function hubContents(db: Kysely<Database>, tables: readonly string[], lastMigration: string): Promise<HubContents> {
  const contents: HubContents = { lastMigration, people: 0, cards: 0, devices: 0, accounts: 0, transfers: 0, events: 0 };
  for (const table of COUNTED) {
    if (!tables.includes(table)) continue;
    const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    contents[table] = Number(row.rows[0]?.n ?? 0);
  }
  return contents;
}

export function describeContents(c: HubContents): string {
  return `${c.people} people, ${c.cards} cards, ${c.devices} devices, ${c.accounts} accounts, ${c.transfers} transfers, ${c.events} events; schema ${c.lastMigration}`;
}

/** The ledger check of a restored database, when its schema has the ledger. */
export async function ledgerOf(db: Kysely<Database>, tables: readonly string[]): Promise<LedgerCheck | null> {
  return tables.includes('transfers') && tables.includes('accounts') ? checkLedger(db) : null;
}

/** Kysely over an open better-sqlite3 database or pg pool, without migrating (for the checks above). */
export function inspect(database: ConstructorParameters<typeof SqliteDialect>[0]['database'] | null, pool: ConstructorParameters<typeof PostgresDialect>[0]['pool'] | null): Kysely<Database> {
  if (database) return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool! }) });
}

/** Prints a percentage at most every 10 points (and 100 once). */
export function percentReporter(progress: Progress, label: string): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const pct = total <= 0 ? 100 : Math.floor((100 * done) / total);
    if (pct >= 100 ? last === 100 : pct < last + 10) return;
    last = pct >= 100 ? 100 : pct - (pct % 10);
    progress(`${label} ${last}%`);
  };
}
