/**
 * Operators: personal, accountable accounts of the card office, finance, facilities, maintenance,
 * auditors and admins (hub/roles.ts). Passwords are scrypt hashes (hub/passwords.ts); a login gives
 * a bearer token (hub/sessions.ts).
 *
 * Failed logins are limited: every password check counts as an attempt until one succeeds; the
 * `maxFailedLogins`-th attempt in a row locks the operator for `lockMs` (15 minutes by default),
 * during which even the right password is refused without being checked. The attempt is counted
 * before the (slow) check, so parallel guesses cannot outrun the lock. An unknown operator id costs
 * the same hashing time as a known one, and gets the same answer as a wrong password.
 *
 * There is always an enabled admin: disabling the last one, or taking its admin role, is refused.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from './db/schema.js';
import type { OperatorTables, OperatorsTable } from './db/schema-operators.js';
import { canonicalRoles, type Role } from './roles.js';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword, type ScryptParams } from './passwords.js';
import { SessionStore, DEFAULT_SESSION_TTL_MS, tokenHash, type Session } from './sessions.js';
import { failure, type Failure, type Outcome } from './outcome.js';
import { isPostgres } from './db/dialect.js';

export interface OperatorView {
  operatorId: string;
  name: string;
  roles: Role[];
  disabledAtMs: number | null;
  /** The password was generated or reset by an admin: the operator must set their own first. */
  passwordMustChange: boolean;
  lockedUntilMs: number | null;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface OperatorStoreOptions {
  scrypt?: ScryptParams;
  sessionTtlMs?: number;
  maxFailedLogins?: number;
  lockMs?: number;
}

export const DEFAULT_MAX_FAILED_LOGINS = 5;
export const DEFAULT_LOCK_MS = 15 * 60 * 1000;

/** Why a password check failed (for the audit log; the caller is told only login_failed). */
export type LoginRefusal = 'unknown_operator' | 'wrong_password' | 'disabled' | 'locked';

export type PasswordCheck = { ok: true; operator: OperatorView } | (Failure & { why: LoginRefusal; lockedUntilMs: number | null });

export type LoginOutcome = { ok: true; operator: OperatorView; token: string; expiresAtMs: number } | (Failure & { why: LoginRefusal; lockedUntilMs: number | null });

export interface AuthenticatedOperator {
  operator: OperatorView;
  session: Session;
}

type Row = Selectable<OperatorsTable>;

function view(row: Row): OperatorView {
  return {
    operatorId: row.operator_id,
    name: row.name,
    roles: canonicalRoles(JSON.parse(row.roles) as Role[]),
    disabledAtMs: row.disabled_at_ms === null ? null : Number(row.disabled_at_ms),
    passwordMustChange: Number(row.password_must_change) === 1,
    lockedUntilMs: row.locked_until_ms === null ? null : Number(row.locked_until_ms),
    createdAtMs: Number(row.created_at_ms),
    updatedAtMs: Number(row.updated_at_ms),
  };
}

export class OperatorStore {
  private readonly db: Kysely<Database & OperatorTables>;
  readonly sessions: SessionStore;
  private readonly scrypt: ScryptParams;
  private readonly maxFailedLogins: number;
  private readonly lockMs: number;
  private readonly postgres: boolean;
  private dummyHash: Promise<string> | null = null;

  constructor(
    db: Kysely<Database>,
    private readonly now: () => number,
    options: OperatorStoreOptions = {},
  ) {
    this.db = db.withTables<OperatorTables>();
    this.postgres = isPostgres(db as unknown as Kysely<unknown>);
    this.scrypt = options.scrypt ?? DEFAULT_SCRYPT;
    this.maxFailedLogins = options.maxFailedLogins ?? DEFAULT_MAX_FAILED_LOGINS;
    this.lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
    this.sessions = new SessionStore(db, now, options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS);
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('operators').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async list(): Promise<OperatorView[]> {
    return (await this.db.selectFrom('operators').selectAll().orderBy('operator_id').execute()).map(view);
  }

  async get(operatorId: string): Promise<OperatorView | null> {
    const row = await this.db.selectFrom('operators').selectAll().where('operator_id', '=', operatorId).executeTakeFirst();
    return row ? view(row) : null;
  }

  async add(input: { operatorId: string; name: string; roles: Role[]; password: string; mustChange?: boolean }): Promise<Outcome<{ operator: OperatorView }>> {
    const passwordHash = await hashPassword(input.password, this.scrypt);
    const nowMs = this.now();
    const row: Row = {
      operator_id: input.operatorId,
      name: input.name,
      roles: JSON.stringify(canonicalRoles(input.roles)),
      password_hash: passwordHash,
      password_must_change: input.mustChange ? 1 : 0,
      created_at_ms: nowMs,
      updated_at_ms: nowMs,
      disabled_at_ms: null,
      failed_logins: 0,
      locked_until_ms: null,
    };
    const inserted = await this.db.insertInto('operators').values(row).onConflict((oc) => oc.column('operator_id').doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return failure('operator_exists', `operator ${input.operatorId} exists`, 'operatorId');
    return { ok: true, operator: view(row) };
  }

  /**
   * The first admin of an empty hub (`onecard hub` at its first start). Null when there are
   * operators already (or another hub process made the first one just now).
   */
  async createFirstAdmin(input: { operatorId: string; password: string; mustChange: boolean }): Promise<OperatorView | null> {
    if ((await this.count()) > 0) return null;
    const result = await this.add({ ...input, name: 'first administrator', roles: ['admin'] });
    return result.ok ? result.operator : null;
  }

  async update(operatorId: string, patch: { name?: string | undefined; roles?: Role[] | undefined; disabled?: boolean | undefined }): Promise<Outcome<{ operator: OperatorView }>> {
    const outcome = await this.db.transaction().execute(async (trx): Promise<Outcome<{ operator: OperatorView }>> => {
      const row = await trx.selectFrom('operators').selectAll().where('operator_id', '=', operatorId).executeTakeFirst();
      if (!row) return failure('not_found', `no operator ${operatorId}`, 'operatorId');
      const before = view(row);
      const roles = patch.roles ? canonicalRoles(patch.roles) : before.roles;
      const disabledAtMs = patch.disabled === undefined ? before.disabledAtMs : patch.disabled ? (before.disabledAtMs ?? this.now()) : null;
      const wasAdmin = before.roles.includes('admin') && before.disabledAtMs === null;
      const staysAdmin = roles.includes('admin') && disabledAtMs === null;
      if (wasAdmin && !staysAdmin) {
        const admins = (await trx.selectFrom('operators').select(['roles']).where('disabled_at_ms', 'is', null).where('operator_id', '!=', operatorId).execute()).filter((r) =>
          (JSON.parse(r.roles) as string[]).includes('admin'),
        );
        if (admins.length === 0) return failure('last_admin', `operator ${operatorId} is the last enabled admin: make another admin first`, patch.disabled ? 'disabled' : 'roles');
      }
      await trx
        .updateTable('operators')
        .set({ ...(patch.name !== undefined ? { name: patch.name } : {}), roles: JSON.stringify(roles), disabled_at_ms: disabledAtMs, updated_at_ms: this.now() })
        .where('operator_id', '=', operatorId)
        .execute();
      const after = await trx.selectFrom('operators').selectAll().where('operator_id', '=', operatorId).executeTakeFirstOrThrow();
      return { ok: true, operator: view(after) };
    });
    if (outcome.ok && outcome.operator.disabledAtMs !== null) await this.sessions.revokeAll(operatorId);
    return outcome;
  }

  /**
   * Sets a password. `mustChange`: an admin's reset (the operator sets their own at next login).
   * Every other session of the operator ends; `keepToken` (the operator's own, changing it) stays.
   */
  async setPassword(operatorId: string, password: string, options: { mustChange: boolean; keepToken?: string }): Promise<Outcome<{ operator: OperatorView }>> {
    const passwordHash = await hashPassword(password, this.scrypt);
    const result = await this.db
      .updateTable('operators')
      .set({ password_hash: passwordHash, password_must_change: options.mustChange ? 1 : 0, failed_logins: 0, locked_until_ms: null, updated_at_ms: this.now() })
      .where('operator_id', '=', operatorId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return failure('not_found', `no operator ${operatorId}`, 'operatorId');
    await this.sessions.revokeAll(operatorId, options.keepToken === undefined ? undefined : tokenHash(options.keepToken));
    return { ok: true, operator: (await this.get(operatorId))! };
  }

  /** Checks an operator's password, counting the attempt toward the lock (see the file comment). */
  async checkPassword(operatorId: string, password: string): Promise<PasswordCheck> {
    const refused = (why: LoginRefusal, lockedUntilMs: number | null = null): PasswordCheck =>
      why === 'locked'
        ? { ...failure('login_locked', `too many failed logins: operator ${operatorId} is locked until ${new Date(lockedUntilMs!).toISOString()}`), why, lockedUntilMs }
        : { ...failure('login_failed', 'wrong operator id or password'), why, lockedUntilMs };
    const nowMs = this.now();
    const attempt = await this.db.transaction().execute(async (trx) => {
      let select = trx.selectFrom('operators').selectAll().where('operator_id', '=', operatorId);
      // Concurrent attempts queue on the row (SQLite runs one write transaction at a time anyway).
      if (this.postgres) select = select.forUpdate();
      const row = await select.executeTakeFirst();
      if (!row) return { row: null, lockedUntilMs: null, lockedNow: false };
      if (row.locked_until_ms !== null && Number(row.locked_until_ms) > nowMs) return { row, lockedUntilMs: Number(row.locked_until_ms), lockedNow: false };
      const attempts = Number(row.failed_logins) + 1;
      const lock = attempts >= this.maxFailedLogins;
      await trx
        .updateTable('operators')
        .set(lock ? { failed_logins: 0, locked_until_ms: nowMs + this.lockMs } : { failed_logins: attempts, locked_until_ms: null })
        .where('operator_id', '=', operatorId)
        .execute();
      return { row, lockedUntilMs: lock ? nowMs + this.lockMs : null, lockedNow: lock };
    });
    if (attempt.row && !attempt.lockedNow && attempt.lockedUntilMs !== null) return refused('locked', attempt.lockedUntilMs);
    const matches = await verifyPassword(password, attempt.row?.password_hash ?? (await this.unknownOperatorHash()));
    if (!attempt.row) return refused('unknown_operator');
    if (!matches) return refused('wrong_password', attempt.lockedUntilMs);
    // The right password: the attempts (and a lock this very attempt set) are forgotten.
    await this.db.updateTable('operators').set({ failed_logins: 0, locked_until_ms: null }).where('operator_id', '=', operatorId).execute();
    const operator = view({ ...attempt.row, failed_logins: 0, locked_until_ms: null });
    if (operator.disabledAtMs !== null) return refused('disabled');
    return { ok: true, operator };
  }

  async login(operatorId: string, password: string, remoteAddress: string): Promise<LoginOutcome> {
    const checked = await this.checkPassword(operatorId, password);
    if (!checked.ok) return checked;
    const session = await this.sessions.create(operatorId, remoteAddress);
    return { ok: true, operator: checked.operator, ...session };
  }

  /** The operator a bearer token stands for: the session live and the operator enabled. */
  async authenticate(token: string): Promise<AuthenticatedOperator | null> {
    const session = await this.sessions.find(token);
    if (!session) return null;
    const operator = await this.get(session.operatorId);
    if (!operator || operator.disabledAtMs !== null) return null;
    return { operator, session };
  }

  /** A hash of a password nobody knows, so an unknown operator id costs the same time as a known one. */
  private unknownOperatorHash(): Promise<string> {
    this.dummyHash ??= hashPassword('no operator has this password', this.scrypt);
    return this.dummyHash;
  }
}
