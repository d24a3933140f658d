/**
 * Operator sessions: a bearer token per login, random (256 bits), stored only as its SHA-256, valid
 * until it expires (8 hours by default) or is revoked (logout, a password change, the operator
 * disabled). A token names its operator; the operator's roles are read at each request, so a role
 * taken away applies at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { OperatorTables } from './db/schema-operators.js';

export const DEFAULT_SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/** Tokens start with this, so one found in a log or a paste is recognisable. */
const TOKEN_PREFIX = 'oc1_';

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface Session {
  operatorId: string;
  tokenSha256: string;
  createdAtMs: number;
  expiresAtMs: number;
}

export class SessionStore {
  private readonly db: Kysely<Database & OperatorTables>;

  constructor(
    db: Kysely<Database>,
    private readonly now: () => number,
    private readonly ttlMs = DEFAULT_SESSION_TTL_MS,
  ) {
    this.db = db.withTables<OperatorTables>();
  }

  async create(operatorId: string, remoteAddress: string): Promise<{ token: string; expiresAtMs: number }> {
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const nowMs = this.now();
    const expiresAtMs = nowMs + this.ttlMs;
    // Sessions expired for a day are of no use to anyone: drop them as new ones come.
    await this.db.deleteFrom('operator_sessions').where('expires_at_ms', '<', nowMs - 24 * 60 * 60 * 1000).execute();
    await this.db
      .insertInto('operator_sessions')
      .values({ token_sha256: tokenHash(token), operator_id: operatorId, created_at_ms: nowMs, expires_at_ms: expiresAtMs, revoked_at_ms: null, remote_address: remoteAddress })
      .execute();
    return { token, expiresAtMs };
  }

  /** The live session of a token: not expired, not revoked. */
  async find(token: string): Promise<Session | null> {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
    const row = await this.db.selectFrom('operator_sessions').selectAll().where('token_sha256', '=', tokenHash(token)).executeTakeFirst();
    if (!row || row.revoked_at_ms !== null || row.expires_at_ms <= this.now()) return null;
    return { operatorId: row.operator_id, tokenSha256: row.token_sha256, createdAtMs: Number(row.created_at_ms), expiresAtMs: Number(row.expires_at_ms) };
  }

  /** Revokes one token; false when it was not live. */
  async revoke(token: string): Promise<boolean> {
    const result = await this.db
      .updateTable('operator_sessions')
      .set({ revoked_at_ms: this.now() })
      .where('token_sha256', '=', tokenHash(token))
      .where('revoked_at_ms', 'is', null)
      .where('expires_at_ms', '>', this.now())
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Revokes every live session of an operator, but the one whose hash is `keepSha256`. */
  async revokeAll(operatorId: string, keepSha256?: string): Promise<number> {
    let query = this.db
      .updateTable('operator_sessions')
      .set({ revoked_at_ms: this.now() })
      .where('operator_id', '=', operatorId)
      .where('revoked_at_ms', 'is', null)
      .where('expires_at_ms', '>', this.now());
    if (keepSha256 !== undefined) query = query.where('token_sha256', '!=', keepSha256);
    return Number((await query.executeTakeFirst()).numUpdatedRows);
  }
}
