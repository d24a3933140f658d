/**
 * Tables of operators, their sessions and the audit log (migration 0009), as Kysely sees them.
 * Stores use `db.withTables<OperatorTables>()`. Times are unix milliseconds.
 */
import type { Generated } from 'kysely';

export interface OperatorsTable {
  operator_id: string;
  name: string;
  /** JSON array of roles (hub/roles.ts), in catalogue order. */
  roles: string;
  /** `scrypt$N$r$p$<salt base64>$<hash base64>` (hub/passwords.ts). */
  password_hash: string;
  /** 1: the password was generated or reset by an admin; the operator must set their own. */
  password_must_change: number;
  created_at_ms: number;
  updated_at_ms: number;
  disabled_at_ms: number | null;
  /** Consecutive failed logins since the last success or lock. */
  failed_logins: number;
  locked_until_ms: number | null;
}

export interface OperatorSessionsTable {
  /** SHA-256 (hex) of the bearer token; the token itself is never stored. */
  token_sha256: string;
  operator_id: string;
  created_at_ms: number;
  expires_at_ms: number;
  revoked_at_ms: number | null;
  remote_address: string;
}

/** Append-only: rows are inserted, never updated or deleted (triggers refuse both). */
export interface AuditLogTable {
  id: Generated<number>;
  at_ms: number;
  /** The acting operator; for a failed login, the operator id that was tried. */
  operator_id: string | null;
  /** e.g. `card.lost`, `session.login`, `session.login_failed`, `person.view`. */
  action: string;
  method: string;
  path: string;
  remote_address: string;
  target_kind: string | null;
  target_id: string | null;
  /** The reason stated for the request (required for personal data). */
  reason: string | null;
  /** HTTP status of the answer. */
  status: number;
  /** `ok`, or the error code answered. */
  outcome: string;
  /** The request body (passwords removed) or query, as JSON. */
  request_json: string | null;
  /** The target row before and after the action, as JSON. */
  before_json: string | null;
  after_json: string | null;
}

export type OperatorTables = {
  operators: OperatorsTable;
  operator_sessions: OperatorSessionsTable;
  audit_log: AuditLogTable;
};
