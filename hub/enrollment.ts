/**
 * Device enrollment with a one-time code.
 *
 * The card office asks for an enrollment of a device id: the hub answers with a one-time code
 * (shown once; only its SHA-256 is stored) valid for `ttlMs`. The installer runs
 * `onecard controller enroll` on the device, which makes its Ed25519 key pair and sends the public
 * key with the code. The hub then stores the public key (never the private one) and the code is
 * spent. A wrong code counts against the enrollment; after `maxFailedAttempts` it is void. A device
 * already enrolled and not revoked cannot be enrolled again: revoke it first (a stolen controller
 * is revoked, then its replacement enrolled).
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import { failure, type Outcome } from './outcome.js';
import { createAccount } from './ledger.js';
import { merchantAccountId } from './account-ids.js';

/** Crockford base32 without I, L, O, U: easy to read aloud and type on a device. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 12;

export interface EnrollmentOptions {
  now: () => number;
  /** How long a code stays valid (default 24 h). */
  ttlMs?: number;
  /** Wrong codes accepted before the enrollment is void (default 5). */
  maxFailedAttempts?: number;
  /** Random integer in [0, max): injected for deterministic tests. */
  randomInt?: (max: number) => number;
}

export class EnrollmentStore {
  private readonly ttlMs: number;
  private readonly maxFailedAttempts: number;
  private readonly random: (max: number) => number;

  constructor(private readonly db: Kysely<Database>, private readonly options: EnrollmentOptions) {
    this.ttlMs = options.ttlMs ?? 24 * 3600 * 1000;
    this.maxFailedAttempts = options.maxFailedAttempts ?? 5;
    this.random = options.randomInt ?? ((max) => randomInt(max));
  }

  /** Opens (or replaces) the enrollment of a device id and returns its code, shown this once. */
  async create(input: { deviceId: string; name: string }): Promise<Outcome<{ code: string; expiresAtMs: number }>> {
    const code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[this.random(ALPHABET.length)]).join('');
    const now = this.options.now();
    const expiresAtMs = now + this.ttlMs;
    return this.db.transaction().execute(async (trx) => {
      const device = await trx.selectFrom('devices').select(['revoked_at_ms']).where('device_id', '=', input.deviceId).executeTakeFirst();
      if (device && device.revoked_at_ms === null) {
        return failure('device_exists', `device ${input.deviceId} is enrolled; revoke it before enrolling it again`, 'deviceId');
      }
      const row = { name: input.name, code_sha256: sha256(code), created_at_ms: now, expires_at_ms: expiresAtMs, failed_attempts: 0 };
      await trx
        .insertInto('device_enrollments')
        .values({ device_id: input.deviceId, ...row })
        .onConflict((oc) => oc.column('device_id').doUpdateSet(row))
        .execute();
      return { ok: true as const, code: formatCode(code), expiresAtMs };
    });
  }

  /** Spends a code: stores the device's public key. The caller has validated the key. */
  async redeem(input: { deviceId: string; code: string; publicKey: string }): Promise<Outcome<{ deviceId: string }>> {
    const now = this.options.now();
    return this.db.transaction().execute(async (trx) => {
      const enrollment = await trx.selectFrom('device_enrollments').selectAll().where('device_id', '=', input.deviceId).executeTakeFirst();
      // One answer for every refusal: a guesser learns nothing about which part was wrong.
      const refused = failure('enrollment_refused', 'no valid enrollment for this device id and code', 'code');
      if (!enrollment) return refused;
      if (Number(enrollment.expires_at_ms) <= now || enrollment.failed_attempts >= this.maxFailedAttempts) {
        await trx.deleteFrom('device_enrollments').where('device_id', '=', input.deviceId).execute();
        return refused;
      }
      if (!sameDigest(sha256(normaliseCode(input.code)), enrollment.code_sha256)) {
        await trx
          .updateTable('device_enrollments')
          .set({ failed_attempts: enrollment.failed_attempts + 1 })
          .where('device_id', '=', input.deviceId)
          .execute();
        return refused;
      }
      await trx
        .insertInto('devices')
        .values({ device_id: input.deviceId, name: enrollment.name, public_key: input.publicKey, created_at_ms: now, acked_seq: 0, last_seen_at_ms: null, revoked_at_ms: null })
        .onConflict((oc) => oc.column('device_id').doUpdateSet({ public_key: input.publicKey, name: enrollment.name, revoked_at_ms: null }))
        .execute();
      await createAccount(trx, { accountId: merchantAccountId(input.deviceId), kind: 'merchant', ownerId: input.deviceId, name: enrollment.name, atMs: now });
      await trx.deleteFrom('device_enrollments').where('device_id', '=', input.deviceId).execute();
      return { ok: true as const, deviceId: input.deviceId };
    });
  }
}

/** Codes are shown in three groups of four (e.g. 7K3M-Q9TD-2PWA); dashes, spaces and case do not matter when typed back. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
