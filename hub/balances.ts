/**
 * The balances dataset: the balance of every personal and room account, as devices hold it to
 * decide spending offline (DESIGN.md "Money offline").
 *
 * A transaction that changes balances bumps the dataset's version once and stamps each changed
 * account with it (`balance_version`): one column per account instead of a log row per change.
 * A device holding version h gets a delta with the current balance of every account stamped after
 * h; a device holding 0, or a version below the dataset's `log_floor_version` (set by a restore,
 * hub/backup.ts), gets a snapshot of every account. (A device claiming a version the hub
 * never reached is answered with a snapshot at the hub's version, which the device ignores since
 * versions only grow: hub/dataset-sync.ts logs it.)
 *
 * Each entry's `posted_seq` is the receiving device's acked seq, read in the same transaction as
 * the balances: every charge of that device up to it is stored, and posted in the transaction that
 * stored it (or held for review, hub/posting.ts), so the balance includes all of them. The device
 * subtracts its own charges above it. (A charge above a gap in the device's seqs is posted too but
 * stays above posted_seq until the gap fills: the device then counts it twice, on the safe side.)
 * Updates therefore differ per device and are built for each one (hub/dataset-sync.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import { DatasetName, type DatasetUpdate } from '../protocol/messages.js';
import { STORED_BALANCE_KINDS } from './account-ids.js';
import { bumpVersion, datasetState } from './dataset-log.js';
import type { Database } from './db/schema.js';

const KINDS = [...STORED_BALANCE_KINDS];

/** Records that these accounts' balances changed: one new version for all. Returns it (null when none changed). */
export async function markBalancesChanged(trx: Transaction<Database>, accountIds: Iterable<string>, atMs: number): Promise<number | null> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return null;
  const version = await bumpVersion(trx, 'balances', atMs);
  for (let i = 0; i < ids.length; i += 500) {
    await trx.updateTable('accounts').set({ balance_version: version }).where('account_id', 'in', ids.slice(i, i + 500)).execute();
  }
  return version;
}

/** The balances update bringing `deviceId`, holding `held`, to the current version; null when it holds it. */
export async function readBalancesUpdate(db: Kysely<Database>, held: number, deviceId: string | undefined): Promise<DatasetUpdate | null> {
  return db.transaction().execute(async (trx) => {
    const { version, logFloorVersion } = await datasetState(trx, 'balances');
    if (version === 0 || (held === version && held > 0)) return null;
    const device = deviceId === undefined ? undefined : await trx.selectFrom('devices').select('acked_seq').where('device_id', '=', deviceId).executeTakeFirst();
    const postedSeq = Number(device?.acked_seq ?? 0);
    // Below the floor (a restore moved it, hub/backup.ts), what the device holds is from another history.
    const delta = held > 0 && held < version && held >= logFloorVersion;
    let q = trx.selectFrom('accounts').select(['account_id', 'balance_fen']).where('kind', 'in', KINDS);
    if (delta) q = q.where('balance_version', '>', held);
    const rows = await q.orderBy('account_id').execute();
    const upsert = rows.map((r) => ({ accountId: r.account_id, balanceFen: Number(r.balance_fen), postedSeq }));
    const name = DatasetName.DATASET_NAME_BALANCES;
    return delta ? { name, version, fromVersion: held, fullSnapshot: false, balances: { upsert } } : { name, version, fullSnapshot: true, balances: { upsert } };
  });
}
