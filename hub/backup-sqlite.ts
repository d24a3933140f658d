/**
 * Backup and restore of a SQLite hub database (hub/backup.ts says what each promises).
 *
 * Backup: SQLite's online backup API (better-sqlite3 `backup()`) copies the pages while the hub
 * runs, a step at a time with its progress; should the hub write meanwhile (the copy would start
 * over), the rest is copied in one step, inside one read transaction. The copy is made a
 * self-contained file (rollback journal, no -wal beside it), checked, and only then renamed to
 * its name: a backup file is always whole.
 *
 * Restore: the backup is checked read-only; the target is opened with an exclusive lock, which
 * fails while a hub (or anyone) has it open, and kept locked to the end. The backup is copied next
 * to the target, its datasets moved past any version a device holds, checked, and renamed over the
 * target in one step: the target is the old database or the restored one, never a mixture.
 */
import { open, rename, rm, stat } from 'node:fs/promises';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase, { type Database } from 'better-sqlite3';
import {
  checkMigrations, datasetsAfterRestoreSql, describeContents, hubContents, inspect, kindOfBackup, ledgerOf, percentReporter, refuse, restoredVersion,
  type BackupResult, type BackupSummary, type Progress, type RestoreSummary,
} from './backup.js';

/** Pages per backup step while nobody writes (4 MiB at the default page size). */
const PAGES_PER_STEP = 1024;

function migrationsOf(db: Database): string[] | null {
  const table = db.prepare(`select name from sqlite_master where type = 'table' and name = 'kysely_migration'`).get();
  if (!table) return null;
  return (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
}

function tablesOf(db: Database): string[] {
  return (db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name);
}

async function contentsOf(db: Database, lastMigration: string) {
  const k = inspect(db, null);
  const tables = tablesOf(db);
  return { contents: await hubContents(k, tables, lastMigration), ledger: await ledgerOf(k, tables) };
}

/** The first bytes of a file, which say what kind of backup it is. */
export async function readHead(path: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    const head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, 16, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function backupSqlite(path: string, out: string, progress: Progress): Promise<BackupResult<BackupSummary>> {
  if (path === ':memory:') return refuse('unsupported_url', 'sqlite::memory: holds nothing to back up');
  if (!existsSync(path)) return refuse('not_a_hub_database', `no database at ${path}`);
  if (existsSync(out)) return refuse('out_exists', `${out} exists: give the backup a new name (or remove the old file)`);
  const source = new SqliteDatabase(path, { fileMustExist: true });
  const partial = `${out}.partial`;
  try {
    source.pragma('busy_timeout = 5000');
    const checked = await checkMigrations(migrationsOf(source), `sqlite:${path}`);
    if (!checked.ok) return checked.code === 'not_a_hub_backup' ? refuse('not_a_hub_database', checked.message) : checked;
    await rm(partial, { force: true });
    const report = percentReporter(progress, 'copying pages:');
    let step = PAGES_PER_STEP;
    let lastRemaining = Infinity;
    await source.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        // The hub wrote and the copy started over: copy the rest at once, in one read transaction.
        if (remainingPages > lastRemaining) step = 0x7fffffff;
        lastRemaining = remainingPages;
        report(totalPages - remainingPages, totalPages);
        return step;
      },
    });
    report(1, 1);
  } finally {
    source.close();
  }
  const copy = new SqliteDatabase(partial, { fileMustExist: true });
  let summary;
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy in ${partial} fails its check: ${String(check)}`);
    const checked = await checkMigrations(migrationsOf(copy), partial);
    if (!checked.ok) throw new Error(checked.message);
    summary = await contentsOf(copy, checked.lastMigration);
  } finally {
    copy.close();
  }
  await fsyncFile(partial);
  await rename(partial, out);
  await fsyncFile(dirname(out));
  return { ok: true, file: out, bytes: (await stat(out)).size, contents: summary.contents };
}

export async function restoreSqlite(path: string, from: string, force: boolean, progress: Progress): Promise<BackupResult<RestoreSummary>> {
  if (path === ':memory:') return refuse('unsupported_url', 'sqlite::memory: cannot be restored into: give a file (sqlite:PATH)');
  const kind = kindOfBackup(await readHead(from));
  if (kind === 'postgres') return refuse('wrong_kind', `${from} is a PostgreSQL backup (pg_dump): restore it into a postgres:// database`);
  if (kind !== 'sqlite') return refuse('not_a_hub_backup', `${from} is not a onecard hub backup (neither a SQLite database nor a pg_dump archive)`);
  let backup: Database;
  let checked: Awaited<ReturnType<typeof checkMigrations>>;
  try {
    backup = new SqliteDatabase(from, { readonly: true, fileMustExist: true });
  } catch (err) {
    return refuse('not_a_hub_backup', `${from} cannot be opened as a SQLite backup: ${(err as Error).message}`);
  }
  try {
    checked = await checkMigrations(migrationsOf(backup), from);
    const check = backup.pragma('quick_check', { simple: true });
    if (checked.ok && check !== 'ok') checked = refuse('not_a_hub_backup', `${from} is damaged (SQLite's check says: ${String(check)})`);
  } catch (err) {
    checked = refuse('not_a_hub_backup', `${from} is damaged: ${(err as Error).message}`);
  }
  if (!checked.ok) {
    backup.close();
    return checked;
  }
  let target: Database | null = null;
  const restoring = `${path}.restoring`;
  try {
    if (existsSync(path)) {
      target = new SqliteDatabase(path, { fileMustExist: true });
      // Held to the end: nobody opens the old database while it is replaced.
      target.pragma('busy_timeout = 0');
      target.pragma('locking_mode = EXCLUSIVE');
      try {
        target.exec('begin exclusive; commit');
      } catch (err) {
        return refuse('in_use', `sqlite:${path} is in use (${(err as Error).message}): stop the hub first`);
      }
      const tables = tablesOf(target);
      if (tables.length > 0 && !force) {
        const migrations = migrationsOf(target);
        const what = migrations ? `a onecard hub database (${describeContents((await contentsOf(target, migrations.at(-1) ?? '')).contents)})` : `${tables.length} tables`;
        return refuse('not_empty', `sqlite:${path} already holds ${what}; restoring replaces all of it: add --force to do so`);
      }
    } else {
      mkdirSync(dirname(path), { recursive: true });
    }
    progress(`restoring ${from} (${describeContents((await contentsOf(backup, checked.lastMigration)).contents)})`);
    await rm(restoring, { force: true });
    const report = percentReporter(progress, 'copying pages:');
    await backup.backup(restoring, {
      progress: ({ totalPages, remainingPages }) => {
        report(totalPages - remainingPages, totalPages);
        return PAGES_PER_STEP;
      },
    });
    report(1, 1);
    const nowMs = Date.now();
    const version = restoredVersion(nowMs);
    const copy = new SqliteDatabase(restoring, { fileMustExist: true });
    let restored;
    try {
      copy.pragma('journal_mode = DELETE');
      copy.transaction(() => copy.exec(datasetsAfterRestoreSql('sqlite', version, nowMs)))();
      const copyCheck = copy.pragma('quick_check', { simple: true });
      if (copyCheck !== 'ok') throw new Error(`the restored copy fails its check: ${String(copyCheck)}`);
      restored = await contentsOf(copy, checked.lastMigration);
    } finally {
      copy.close();
    }
    await fsyncFile(restoring);
    if (target) {
      // The old database leaves its write-ahead log behind first: a -wal beside the restored file
      // would be replayed into it. (It stays whole as a rollback-journal database until replaced.)
      target.pragma('wal_checkpoint(TRUNCATE)');
      target.pragma('journal_mode = DELETE');
    }
    await rename(restoring, path);
    await fsyncFile(dirname(path));
    for (const stale of [`${path}-wal`, `${path}-shm`]) await rm(stale, { force: true });
    return { ok: true, contents: restored.contents, datasetVersion: version, ledger: restored.ledger };
  } finally {
    backup.close();
    target?.close();
    await rm(restoring, { force: true });
  }
}
