/**
 * Registered devices: identity (public key), progress (acked seq) and the dataset versions applied.
 * A device is registered with its merchant account (`merchant.<deviceId>`), which its charges credit.
 */
import type { Kysely } from 'kysely';
import type { Database, DevicesTable } from './db/schema.js';
import { failure, type Outcome } from './outcome.js';
import { createAccount } from './ledger.js';
import { merchantAccountId } from './account-ids.js';

export interface DeviceView {
  deviceId: string;
  name: string;
  ackedSeq: number;
  lastSeenAtMs: number | null;
  revokedAtMs: number | null;
  datasets: Record<string, { appliedVersion: number; appliedAtMs: number | null }>;
}

export class DeviceStore {
  constructor(private readonly db: Kysely<Database>, private readonly now: () => number) {}

  async register(input: { deviceId: string; publicKey: string; name: string }): Promise<Outcome<{ created: boolean }>> {
    const existing = await this.get(input.deviceId);
    if (existing) {
      if (existing.public_key === input.publicKey) return { ok: true, created: false };
      return failure('device_exists', `device ${input.deviceId} is registered with another key`, 'deviceId');
    }
    await this.db.transaction().execute(async (trx) => {
      const at = this.now();
      await trx
        .insertInto('devices')
        .values({ device_id: input.deviceId, name: input.name, public_key: input.publicKey, created_at_ms: at, acked_seq: 0, last_seen_at_ms: null })
        .execute();
      await createAccount(trx, { accountId: merchantAccountId(input.deviceId), kind: 'merchant', ownerId: input.deviceId, name: input.name, atMs: at });
    });
    return { ok: true, created: true };
  }

  async get(deviceId: string): Promise<DevicesTable | undefined> {
    const row = await this.db.selectFrom('devices').selectAll().where('device_id', '=', deviceId).executeTakeFirst();
    return row && { ...row, acked_seq: Number(row.acked_seq), revoked_at_ms: row.revoked_at_ms === null ? null : Number(row.revoked_at_ms) };
  }

  /** Refuses the device's key from now on (it can be enrolled again with a new key). */
  async revoke(deviceId: string): Promise<Outcome<{ revokedAtMs: number }>> {
    const at = this.now();
    const result = await this.db.updateTable('devices').set({ revoked_at_ms: at }).where('device_id', '=', deviceId).where('revoked_at_ms', 'is', null).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const device = await this.get(deviceId);
      if (!device) return failure('not_found', `no device ${deviceId}`, 'deviceId');
      return { ok: true, revokedAtMs: Number(device.revoked_at_ms) };
    }
    return { ok: true, revokedAtMs: at };
  }

  /**
   * Moves the device's acked seq up to `seq` (never down) over events the hub lost, then on over
   * any held contiguously above it; returns the acked seq now.
   */
  async skipAckedTo(deviceId: string, seq: number): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('devices').select('acked_seq').where('device_id', '=', deviceId).executeTakeFirstOrThrow();
      let acked = Math.max(Number(row.acked_seq), seq);
      const above = await trx.selectFrom('events').select('seq').where('device_id', '=', deviceId).where('seq', '>', acked).orderBy('seq').limit(10_000).execute();
      for (const r of above) {
        if (Number(r.seq) !== acked + 1) break;
        acked += 1;
      }
      await trx.updateTable('devices').set({ acked_seq: acked }).where('device_id', '=', deviceId).execute();
      return acked;
    });
  }

  async touch(deviceId: string): Promise<void> {
    await this.db.updateTable('devices').set({ last_seen_at_ms: this.now() }).where('device_id', '=', deviceId).execute();
  }

  async recordApplied(deviceId: string, name: string, version: number): Promise<void> {
    await this.db
      .insertInto('device_datasets')
      .values({ device_id: deviceId, name, version, applied_at_ms: this.now() })
      .onConflict((oc) => oc.columns(['device_id', 'name']).doUpdateSet({ version, applied_at_ms: this.now() }))
      .execute();
  }

  async list(): Promise<DeviceView[]> {
    const devices = await this.db.selectFrom('devices').selectAll().orderBy('device_id').execute();
    const applied = await this.db.selectFrom('device_datasets').selectAll().execute();
    return devices.map((d) => ({
      deviceId: d.device_id,
      name: d.name,
      ackedSeq: Number(d.acked_seq),
      lastSeenAtMs: d.last_seen_at_ms === null ? null : Number(d.last_seen_at_ms),
      revokedAtMs: d.revoked_at_ms === null ? null : Number(d.revoked_at_ms),
      datasets: Object.fromEntries(
        applied
          .filter((a) => a.device_id === d.device_id)
          .map((a) => [a.name, { appliedVersion: Number(a.version), appliedAtMs: Number(a.applied_at_ms) }]),
      ),
    }));
  }
}
