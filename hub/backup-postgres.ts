/**
 * Backup and restore of a PostgreSQL hub database (hub/backup.ts says what each promises), with
 * Debian's postgresql-client tools: pg_dump, pg_restore and psql.
 *
 * Backup: the contents are counted in a read-only snapshot that pg_dump then dumps (`--snapshot`),
 * so the summary is exactly what the file holds, taken while the hub runs. The archive (custom
 * format) is written beside its name, listed back by pg_restore, and only then renamed to it.
 *
 * Restore: the archive is checked first (readable, a onecard hub's migrations table, none unknown
 * to this build), then the target (nobody connected, no tables unless forced). Then one psql
 * transaction drops what the target holds in schema public, runs pg_restore's script and moves the
 * datasets' versions; any error, in psql or in pg_restore, rolls all of it back.
 *
 * A password in the URL is handed to the tools in PGPASSWORD, not on their command line.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import pg from 'pg';
import {
  checkMigrations, datasetsAfterRestoreSql, describeContents, inspect, kindOfBackup, ledgerOf, hubContents, refuse, restoredVersion,
  type BackupResult, type BackupSummary, type HubContents, type Progress, type RestoreSummary,
} from './backup.js';
import { readHead } from './backup-sqlite.js';

type Tool = 'pg_dump' | 'pg_restore' | 'psql';

/** Drops everything a onecard hub creates in schema public (tables, their sequences, functions), keeping the schema and its rights. */
const DROP_PUBLIC = `DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', r.tablename); END LOOP;
  FOR r IN SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public' LOOP EXECUTE format('DROP SEQUENCE IF EXISTS public.%I CASCADE', r.sequence_name); END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' LOOP EXECUTE format('DROP ROUTINE IF EXISTS %s CASCADE', r.f); END LOOP;
END $$;`;

/** The URL for the tools (without its password) and their environment (with it). */
function toolConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env, PGOPTIONS: '-c client_min_messages=warning' };
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  return { url: u.toString(), env };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

function missing(tool: Tool): { ok: false; code: 'tool_missing'; message: string } {
  return { ok: false, code: 'tool_missing', message: `${tool} was not found: install Debian's postgresql-client (scripts/install-system-deps.sh does), whose major version is at least the server's` };
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The tool is not installed. */
  notFound: boolean;
}

/** Runs a tool to its end; `onStderrLine` sees its messages as they come (pg_dump -v progress). */
function run(tool: Tool, args: string[], env: NodeJS.ProcessEnv, onStderrLine?: (line: string) => void): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      const text = partial + d.toString();
      const lines = text.split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        onStderrLine?.(line);
        if (!onStderrLine || !/^pg_(dump|restore): (dumping|processing|creating|executing|reading|identifying|saving|finding|flagging|last built-in|implied|connecting|disconnecting|launching)/.test(line)) stderr += line + '\n';
      }
    });
    child.on('error', (err: NodeJS.ErrnoException) => resolve({ code: null, stdout, stderr: err.message, notFound: err.code === 'ENOENT' }));
    child.on('close', (code) => resolve({ code, stdout, stderr: stderr + partial, notFound: false }));
  });
}

/** Migration names in an archive (the data of its kysely_migration table), or null when it has none. */
async function archiveMigrations(file: string, env: NodeJS.ProcessEnv): Promise<BackupResult<{ names: string[] | null }>> {
  const list = await run('pg_restore', ['--list', file], env);
  if (list.notFound) return missing('pg_restore');
  if (list.code !== 0) return refuse('not_a_hub_backup', `${file} cannot be read as a pg_dump archive: ${list.stderr.trim()}`);
  if (!/TABLE DATA public kysely_migration /.test(list.stdout)) return { ok: true, names: null };
  const data = await run('pg_restore', ['--data-only', '--table=kysely_migration', '-f', '-', file], env);
  if (data.code !== 0) return refuse('not_a_hub_backup', `${file}: its migrations cannot be read: ${data.stderr.trim()}`);
  const block = /COPY public\.kysely_migration \([^)]*\) FROM stdin;\n([\s\S]*?)\n\\\./.exec(data.stdout);
  return { ok: true, names: block ? block[1]!.split('\n').filter((l) => l !== '').map((l) => l.split('\t')[0]!) : [] };
}

async function connect(url: string): Promise<BackupResult<{ client: pg.Client }>> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return { ok: true, client };
  } catch (err) {
    await client.end().catch(() => undefined);
    return refuse('unsupported_url', `cannot connect to PostgreSQL at ${redact(url)}: ${(err as Error).message}`);
  }
}

async function publicTables(client: pg.Client): Promise<string[]> {
  return (await client.query<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public' order by tablename`)).rows.map((r) => r.tablename);
}

async function countContents(client: pg.Client, tables: string[], lastMigration: string): Promise<HubContents> {
  const contents: HubContents = { lastMigration, people: 0, cards: 0, devices: 0, accounts: 0, transfers: 0, events: 0 };
  for (const table of ['people', 'cards', 'devices', 'accounts', 'transfers', 'events'] as const) {
    if (tables.includes(table)) contents[table] = Number((await client.query<{ n: string }>(`select count(*) as n from public.${table}`)).rows[0]!.n);
  }
  return contents;
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function backupPostgres(url: string, out: string, progress: Progress): Promise<BackupResult<BackupSummary>> {
  if (existsSync(out)) return refuse('out_exists', `${out} exists: give the backup a new name (or remove the old file)`);
  const tool = toolConnection(url);
  const version = await run('pg_dump', ['--version'], tool.env);
  if (version.notFound) return missing('pg_dump');
  const connected = await connect(url);
  if (!connected.ok) return connected;
  const { client } = connected;
  const partial = `${out}.partial`;
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
    const tables = await publicTables(client);
    const names = tables.includes('kysely_migration') ? (await client.query<{ name: string }>('select name from public.kysely_migration order by name')).rows.map((r) => r.name) : null;
    const checked = await checkMigrations(names, redact(url));
    if (!checked.ok) return checked.code === 'not_a_hub_backup' ? refuse('not_a_hub_database', checked.message) : checked;
    const contents = await countContents(client, tables, checked.lastMigration);
    progress(`backing up ${describeContents(contents)}`);
    await rm(partial, { force: true });
    let dumped = 0;
    const dump = await run('pg_dump', ['--format=custom', '--no-owner', '--no-acl', `--snapshot=${snapshot}`, '--verbose', '--file', partial, '--dbname', tool.url], tool.env, (line) => {
      const m = /dumping contents of table "public\.([^"]+)"/.exec(line);
      if (m) progress(`dumping table ${m[1]} (${++dumped} of ${tables.length})`);
    });
    if (dump.code !== 0) return refuse('tool_failed', `pg_dump failed: ${dump.stderr.trim()}`);
    await client.query('commit');
    const listed = await run('pg_restore', ['--list', partial], tool.env);
    if (listed.notFound) return missing('pg_restore');
    if (listed.code !== 0) return refuse('tool_failed', `the archive pg_dump wrote cannot be read back: ${listed.stderr.trim()}`);
    await fsyncPath(partial);
    await rename(partial, out);
    await fsyncPath(dirname(out));
    return { ok: true, file: out, bytes: (await stat(out)).size, contents };
  } finally {
    await client.end().catch(() => undefined);
    await rm(partial, { force: true });
  }
}

export async function restorePostgres(url: string, from: string, force: boolean, progress: Progress): Promise<BackupResult<RestoreSummary>> {
  const kind = kindOfBackup(await readHead(from));
  if (kind === 'sqlite') return refuse('wrong_kind', `${from} is a SQLite backup: restore it into a sqlite: database`);
  if (kind !== 'postgres') return refuse('not_a_hub_backup', `${from} is not a onecard hub backup (neither a SQLite database nor a pg_dump archive)`);
  const tool = toolConnection(url);
  const psql = await run('psql', ['--version'], tool.env);
  if (psql.notFound) return missing('psql');
  const migrations = await archiveMigrations(from, tool.env);
  if (!migrations.ok) return migrations;
  const checked = await checkMigrations(migrations.names, from);
  if (!checked.ok) return checked;
  const connected = await connect(url);
  if (!connected.ok) return connected;
  const { client } = connected;
  try {
    const others = await client.query<{ n: string; who: string | null }>(
      `select count(*) as n, string_agg(distinct coalesce(nullif(application_name, ''), host(client_addr), 'local'), ', ') as who
         from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    const inUse = Number(others.rows[0]!.n);
    if (inUse > 0) return refuse('in_use', `${redact(url)} is in use (${inUse} other connection${inUse === 1 ? '' : 's'}: ${others.rows[0]!.who ?? ''}): stop the hub first`);
    const tables = await publicTables(client);
    if (tables.length > 0 && !force) {
      const names = tables.includes('kysely_migration') ? (await client.query<{ name: string }>('select name from public.kysely_migration order by name')).rows.map((r) => r.name) : null;
      const what = names ? `a onecard hub database (${describeContents(await countContents(client, tables, names.at(-1) ?? ''))})` : `${tables.length} tables`;
      return refuse('not_empty', `${redact(url)} already holds ${what}; restoring replaces all of it: add --force to do so`);
    }
    progress(`restoring ${from} (schema ${checked.lastMigration}) in one transaction`);
    const nowMs = Date.now();
    const version = restoredVersion(nowMs);
    const restored = await pipeRestore(from, tool, datasetsAfterRestoreSql('postgres', version, nowMs), progress);
    if (!restored.ok) return restored;
    const after = await publicTables(client);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const db = inspect(null, pool);
      return { ok: true, contents: await hubContents(db, after, checked.lastMigration), datasetVersion: version, ledger: await ledgerOf(db, after) };
    } finally {
      await pool.end();
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * pg_restore's script into psql, between the drop and the datasets' move, in one transaction.
 * The COMMIT is written only once pg_restore has ended well: a script cut short (pg_restore
 * failing half way) ends psql's input without it, and PostgreSQL rolls everything back.
 */
function pipeRestore(from: string, tool: { url: string; env: NodeJS.ProcessEnv }, after: string, progress: Progress): Promise<BackupResult<object>> {
  return new Promise((resolve) => {
    const restore = spawn('pg_restore', ['--no-owner', '--no-acl', '--verbose', '-f', '-', from], { env: tool.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const psql = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', tool.url, '-f', '-'], { env: tool.env, stdio: ['pipe', 'ignore', 'pipe'] });
    psql.stdin.on('error', () => undefined); // psql stopped at an error: the rest has nowhere to go
    psql.stdin.write(`BEGIN;\n${DROP_PUBLIC}\n`);
    restore.stdout.pipe(psql.stdin, { end: false });
    let restoreErr = '';
    let psqlErr = '';
    let partial = '';
    restore.stderr.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        const m = /processing data for table "public\.([^"]+)"/.exec(line);
        if (m) progress(`restoring table ${m[1]}`);
        else if (!/^pg_restore: (creating|processing|executing|connecting|implied)/.test(line)) restoreErr += line + '\n';
      }
    });
    psql.stderr.on('data', (d: Buffer) => (psqlErr += d.toString()));
    let restoreCode: number | null = null;
    const restoreDone = new Promise<void>((done) => {
      restore.on('error', (err) => {
        restoreErr += err.message;
        done();
      });
      restore.on('close', (code) => {
        restoreCode = code;
        done();
      });
    });
    void restoreDone.then(() => {
      if (restoreCode === 0) psql.stdin.end(`\n${after};\nCOMMIT;\n`);
      else psql.stdin.end();
    });
    psql.on('error', (err) => resolve(refuse('tool_failed', `psql: ${err.message}`)));
    psql.on('close', (code) => {
      void restoreDone.then(() => {
        if (code === 0 && restoreCode === 0) return resolve({ ok: true });
        const why = [psqlErr.trim(), restoreErr.trim()].filter((t) => t !== '').join('\n');
        resolve(refuse('tool_failed', `restore failed and nothing was changed (the transaction was rolled back): ${why || `psql exit ${String(code)}, pg_restore exit ${String(restoreCode)}`}`));
      });
    });
  });
}
