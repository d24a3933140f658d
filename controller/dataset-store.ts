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

export type DatasetKey = 'blacklist' | 'cards';

export interface CardRecord {
  uid: string;
  personId: string;
  /** staff, student, freshman, temporary; '' when the hub did not say. */
  personType: string;
  /** 0 means unbounded on that side. */
  validFromMs: number;
  validUntilMs: number;
  groups: string[];
}

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
  insert or ignore into versions (name, version) values ('blacklist', 0), ('cards', 0);
`;

interface CardRow {
  uid: string;
  person_id: string;
  person_type: string;
  valid_from_ms: number;
  valid_until_ms: number;
  groups: string;
}

export class DatasetStore {
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private readonly rowsPerChunk: number;
  private readonly isBlacklistedStmt: Database.Statement<[string], { uid: string }>;
  private readonly cardStmt: Database.Statement<[string], CardRow>;
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
    this.reader = options.path ? new Database(options.path, { readonly: true }) : this.writer;
    if (this.reader !== this.writer) this.reader.pragma(`cache_size = -${cacheKib}`);
    this.rowsPerChunk = options.path ? (options.rowsPerChunk ?? 2000) : Number.POSITIVE_INFINITY;
    this.isBlacklistedStmt = this.reader.prepare('select uid from blacklist where uid = ?');
    this.cardStmt = this.reader.prepare('select * from cards where uid = ?');
  }

  versions(): Record<DatasetKey, number> {
    const rows = this.reader.prepare('select name, version from versions').all() as { name: string; version: number }[];
    const out: Record<DatasetKey, number> = { blacklist: 0, cards: 0 };
    for (const r of rows) if (r.name === 'blacklist' || r.name === 'cards') out[r.name] = r.version;
    return out;
  }

  isBlacklisted(uid: string): boolean {
    return this.isBlacklistedStmt.get(uid) !== undefined;
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
    };
  }

  count(key: DatasetKey): number {
    return (this.reader.prepare(`select count(*) as n from ${key}`).get() as { n: number }).n;
  }

  /** Replaces (full) or changes the blacklist and sets its version, all or nothing. */
  async writeBlacklist(version: number, full: boolean, add: readonly string[], remove: readonly string[]): Promise<void> {
    const del = this.writer.prepare('delete from blacklist where uid = ?');
    const ins = this.writer.prepare('insert or ignore into blacklist (uid) values (?)');
    await this.transaction('blacklist', version, full, async (step) => {
      for (const uid of remove) await step(() => del.run(uid));
      for (const uid of add) await step(() => ins.run(uid));
    });
  }

  /** Replaces (full) or changes the cards and sets their version, all or nothing. */
  async writeCards(version: number, full: boolean, upsert: readonly CardRecord[], remove: readonly string[]): Promise<void> {
    const del = this.writer.prepare('delete from cards where uid = ?');
    const put = this.writer.prepare(
      'insert or replace into cards (uid, person_id, person_type, valid_from_ms, valid_until_ms, groups) values (?, ?, ?, ?, ?, ?)',
    );
    await this.transaction('cards', version, full, async (step) => {
      for (const uid of remove) await step(() => del.run(uid));
      for (const c of upsert) await step(() => put.run(c.uid, c.personId, c.personType, c.validFromMs, c.validUntilMs, c.groups.join(',')));
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.reader !== this.writer) this.reader.close();
    this.writer.close();
  }

  private async transaction(
    key: DatasetKey,
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
      if (full) this.writer.exec(`delete from ${key}`);
      await body(step);
      if (this.closed) throw new Error('dataset store closed during an update');
      this.writer.prepare('update versions set version = ? where name = ?').run(version, key);
      this.writer.exec('commit');
    } catch (err) {
      if (!this.closed && this.writer.inTransaction) this.writer.exec('rollback');
      throw err;
    }
  }
}
