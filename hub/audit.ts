/**
 * The audit log: who did what, when, from where, to which target, with the target's row before and
 * after; every login and failed login; every look-up of personal data with its stated reason.
 *
 * Append-only: this module inserts and reads, nothing else, and the database refuses UPDATE and
 * DELETE on the table (migration 0009). There is no API to change or remove an entry.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from './db/schema.js';
import type { AuditLogTable, OperatorTables } from './db/schema-operators.js';

export interface AuditEntryInput {
  operatorId: string | null;
  action: string;
  method: string;
  path: string;
  remoteAddress: string;
  targetKind?: string | null;
  targetId?: string | null;
  reason?: string | null;
  status: number;
  /** `ok` or the error code answered. */
  outcome: string;
  request?: unknown;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry {
  id: number;
  atMs: number;
  operatorId: string | null;
  action: string;
  method: string;
  path: string;
  remoteAddress: string;
  targetKind: string | null;
  targetId: string | null;
  reason: string | null;
  status: number;
  outcome: string;
  request: unknown;
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  operatorId?: string;
  /** An action (`card.lost`) or a prefix ending in `.` (`card.`). */
  action?: string;
  fromMs?: number;
  /** Exclusive. */
  toMs?: number;
  /** Entries with a smaller id (the next page of a newest-first listing). */
  beforeId?: number;
  limit: number;
}

const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));
const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

function entry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: Number(row.id),
    atMs: Number(row.at_ms),
    operatorId: row.operator_id,
    action: row.action,
    method: row.method,
    path: row.path,
    remoteAddress: row.remote_address,
    targetKind: row.target_kind,
    targetId: row.target_id,
    reason: row.reason,
    status: Number(row.status),
    outcome: row.outcome,
    request: parse(row.request_json),
    before: parse(row.before_json),
    after: parse(row.after_json),
  };
}

export class AuditLog {
  private readonly db: Kysely<Database & OperatorTables>;

  constructor(
    db: Kysely<Database>,
    private readonly now: () => number,
  ) {
    this.db = db.withTables<OperatorTables>();
  }

  async append(input: AuditEntryInput): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at_ms: this.now(),
        operator_id: input.operatorId,
        action: input.action,
        method: input.method,
        path: input.path,
        remote_address: input.remoteAddress,
        target_kind: input.targetKind ?? null,
        target_id: input.targetId ?? null,
        reason: input.reason ?? null,
        status: input.status,
        outcome: input.outcome,
        request_json: json(input.request),
        before_json: json(input.before),
        after_json: json(input.after),
      })
      .execute();
  }

  /** Entries newest first. */
  async list(query: AuditQuery): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (query.operatorId !== undefined) q = q.where('operator_id', '=', query.operatorId);
    if (query.action !== undefined) {
      q = query.action.endsWith('.')
        ? q.where(sql<string>`substr(action, 1, ${sql.lit(query.action.length)})`, '=', query.action)
        : q.where('action', '=', query.action);
    }
    if (query.fromMs !== undefined) q = q.where('at_ms', '>=', query.fromMs);
    if (query.toMs !== undefined) q = q.where('at_ms', '<', query.toMs);
    if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId);
    return (await q.orderBy('id', 'desc').limit(query.limit).execute()).map(entry);
  }
}
