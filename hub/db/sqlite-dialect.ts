/**
 * Kysely's SQLite dialect (better-sqlite3) as the hub uses it, with two differences:
 *
 * - A transaction begins IMMEDIATE: it takes the database's write lock at its start, waiting for
 *   another writer up to the busy timeout. Kysely's own begins DEFERRED, and a deferred transaction
 *   that read first and writes later fails at once with SQLITE_BUSY whenever another connection
 *   (another process on the same file: a second hub, `onecard hub restore` checking, a tool)
 *   committed in between, since its snapshot is stale; the hub's write would fail, not wait.
 *   Transactions declared read only (`setAccessMode('read only')`) still begin deferred.
 *   Within one hub process nothing changes: Kysely runs its transactions one at a time on the one
 *   connection.
 * - Prepared statements are kept by their SQL text (the most recent STATEMENT_CACHE_SIZE) instead
 *   of being prepared again for every query.
 */
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase as KyselySqliteDatabase, type TransactionSettings } from 'kysely';

const STATEMENT_CACHE_SIZE = 500;

class HubSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(settings?.accessMode === 'read only' ? 'begin' : 'begin immediate'));
  }
}

export class HubSqliteDialect extends SqliteDialect {
  private readonly database: KyselySqliteDatabase;

  constructor(sqlite: SqliteDatabase) {
    const database = withStatementCache(sqlite);
    super({ database });
    this.database = database;
  }

  override createDriver(): Driver {
    return new HubSqliteDriver({ database: this.database });
  }
}

/** The database as Kysely sees it, preparing each distinct SQL text once. */
function withStatementCache(sqlite: SqliteDatabase): KyselySqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (sql: string) => {
      let stmt = cache.get(sql);
      if (stmt) {
        // Most recently used last: the oldest is the first to go.
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt as unknown as ReturnType<KyselySqliteDatabase['prepare']>;
    },
  };
}
