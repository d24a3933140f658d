/**
 * `onecard hub backup` and `onecard hub restore` (hub/backup.ts): a hub database to a file and back,
 * SQLite or PostgreSQL. Progress goes to stdout as it happens; a refusal is one line on stderr and
 * exit status 1.
 */
import { resolve as resolvePath } from 'node:path';
import { backupPostgres, restorePostgres } from '../hub/backup-postgres.js';
import { backupSqlite, restoreSqlite } from '../hub/backup-sqlite.js';
import { describeContents, kindOfUrl, refuse, type BackupResult, type BackupSummary, type Progress, type RestoreSummary } from '../hub/backup.js';
import { UsageError, parse } from './args.js';

const USAGE = `usage: onecard hub backup [--db URL] --out FILE
       onecard hub restore [--db URL] --from FILE [--force]

  --db     the hub's database: sqlite:PATH or postgres://USER@HOST:PORT/DB (default sqlite:./data/hub.sqlite)
  --out    backup: the file to write (must not exist). SQLite is copied with SQLite's online backup,
           PostgreSQL with pg_dump (custom format); both while the hub runs
  --from   restore: a backup made by 'onecard hub backup' of the same kind of database
  --force  restore: replace a database that already holds tables (without it, restore refuses)

Restore with the hub stopped. Devices keep running: at their next connection each gets every
dataset whole, and charges they had already delivered after the backup was taken are lost to the
hub (docs/backup.md).`;

export async function backupHub(dbUrl: string, out: string, progress: Progress): Promise<BackupResult<BackupSummary>> {
  switch (kindOfUrl(dbUrl)) {
    case 'sqlite':
      return backupSqlite(dbUrl.slice('sqlite:'.length), out, progress);
    case 'postgres':
      return backupPostgres(dbUrl, out, progress);
    default:
      return refuse('unsupported_url', `unsupported database URL ${JSON.stringify(dbUrl)}: use sqlite:PATH or postgres://USER@HOST:PORT/DATABASE`);
  }
}

export async function restoreHub(dbUrl: string, from: string, options: { force: boolean }, progress: Progress): Promise<BackupResult<RestoreSummary>> {
  switch (kindOfUrl(dbUrl)) {
    case 'sqlite':
      return restoreSqlite(dbUrl.slice('sqlite:'.length), from, options.force, progress);
    case 'postgres':
      return restorePostgres(dbUrl, from, options.force, progress);
    default:
      return refuse('unsupported_url', `unsupported database URL ${JSON.stringify(dbUrl)}: use sqlite:PATH or postgres://USER@HOST:PORT/DATABASE`);
  }
}

export async function run(args: string[]): Promise<number> {
  const [which, ...rest] = args;
  const { values } = parse(rest, { db: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' }, force: { type: 'boolean' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const db = values.db ?? 'sqlite:./data/hub.sqlite';
  const progress: Progress = (line) => console.log(`  ${line}`);
  if (which === 'backup') {
    if (!values.out) throw new UsageError(`backup needs --out FILE\n\n${USAGE}`);
    if (values.from !== undefined || values.force) throw new UsageError(`--from and --force go with restore\n\n${USAGE}`);
    const out = resolvePath(values.out);
    console.log(`onecard hub backup: ${db} -> ${out}`);
    const r = await backupHub(db, out, progress);
    if (!r.ok) return refused('backup', r);
    console.log(`backed up: ${describeContents(r.contents)}; ${r.bytes} bytes in ${r.file}`);
    return 0;
  }
  if (!values.from) throw new UsageError(`restore needs --from FILE\n\n${USAGE}`);
  if (values.out !== undefined) throw new UsageError(`--out goes with backup\n\n${USAGE}`);
  console.log(`onecard hub restore: ${resolvePath(values.from)} -> ${db}`);
  const r = await restoreHub(db, resolvePath(values.from), { force: values.force ?? false }, progress);
  if (!r.ok) return refused('restore', r);
  console.log(`restored: ${describeContents(r.contents)}`);
  if (r.ledger) {
    const sound = r.ledger.sumFen === 0 && r.ledger.mismatches.length === 0;
    console.log(sound
      ? 'ledger check: sum of all balances 0, every balance the sum of its transfers'
      : `ledger check FAILED: sum ${r.ledger.sumFen} fen, ${r.ledger.mismatches.length} accounts whose balance is not the sum of their transfers (the backup holds them so)`);
  }
  console.log(`datasets: every dataset is now at version ${r.datasetVersion}; each device gets them whole at its next connection`);
  return 0;
}

function refused(what: string, r: { code: string; message: string }): number {
  console.error(`onecard hub ${what}: ${r.message}`);
  return 1;
}
