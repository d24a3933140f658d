/**
 * The change log of the versioned card datasets (blacklist, cards) and the updates built from it;
 * the version counter every dataset shares (`bumpVersion`).
 *
 * Every change bumps the dataset's version by one in the transaction that makes it, and records in
 * `dataset_log` which cards that version changed. A device holding version h gets a delta holding
 * the current state of every card changed after h, when h is still covered by the log (h at or
 * above `log_floor_version`); a device holding 0, or one too far behind (versions older than the
 * retention have been pruned), or one claiming a version the hub never reached, gets a full snapshot.
 * Versions only grow. Entries are read in the same transaction as the version, so an update's
 * content is exactly its version's.
 *
 * Blacklist entries carry the card office's reason: LOST (reported lost), REPLACED (a new card took
 * its place) and CANCELLED (its holder left); the last two are final. Card entries carry the
 * holder's personal account and the card's daily limits.
 */
import type { Kysely, Transaction } from 'kysely';
import { BlacklistReason, DatasetName, type DatasetUpdate } from '../protocol/messages.js';
import type { onecard } from '../protocol/gen/onecard.js';
import type { CardStatus, Database } from './db/schema.js';

export type DatasetKey = 'blacklist' | 'cards' | 'balances' | 'tariffs' | 'schedules';
/** The datasets built from the card change log. */
export type CardDatasetKey = 'blacklist' | 'cards';

/** Versions kept in the change log by default; a device further behind gets a snapshot. */
export const DEFAULT_LOG_RETENTION_VERSIONS = 10_000;

export const DATASET_NAMES: Record<DatasetKey, DatasetName> = {
  blacklist: DatasetName.DATASET_NAME_BLACKLIST,
  cards: DatasetName.DATASET_NAME_CARDS,
  balances: DatasetName.DATASET_NAME_BALANCES,
  tariffs: DatasetName.DATASET_NAME_TARIFFS,
  schedules: DatasetName.DATASET_NAME_SCHEDULES,
};

/** A committed new version of a dataset, for the gateway to push. */
export interface DatasetChange {
  name: DatasetKey;
  version: number;
}

/** Why a card is on the blacklist, by its status (statuses not listed are not blacklisted). */
const BLACKLIST_REASONS: Partial<Record<CardStatus, BlacklistReason>> = {
  lost: BlacklistReason.BLACKLIST_REASON_LOST,
  replaced: BlacklistReason.BLACKLIST_REASON_REPLACED,
  cancelled: BlacklistReason.BLACKLIST_REASON_CANCELLED,
};
/** Card statuses that put a card on the blacklist. */
export const BLACKLISTED_STATUSES = Object.keys(BLACKLIST_REASONS) as CardStatus[];

/**
 * Bumps `key`'s version by one inside the caller's transaction and returns it. The row stays
 * locked until the commit, so versions commit in the order they are taken (a device that read
 * version v has seen every change up to v).
 */
export async function bumpVersion(trx: Transaction<Database>, key: DatasetKey, atMs: number): Promise<number> {
  await trx.updateTable('datasets').set((eb) => ({ version: eb('version', '+', 1), updated_at_ms: atMs })).where('name', '=', key).execute();
  const row = await trx.selectFrom('datasets').select('version').where('name', '=', key).executeTakeFirstOrThrow();
  return Number(row.version);
}

/**
 * Bumps `key`'s version, logs the cards it changed, and drops log entries older than the retention.
 * Runs inside the caller's transaction; returns the new version.
 */
export async function recordChange(trx: Transaction<Database>, key: CardDatasetKey, uids: readonly string[], atMs: number, retentionVersions: number): Promise<number> {
  const row = await trx.selectFrom('datasets').select(['version', 'log_floor_version']).where('name', '=', key).executeTakeFirstOrThrow();
  const version = Number(row.version) + 1;
  const floor = Math.max(Number(row.log_floor_version), version - retentionVersions);
  await trx.updateTable('datasets').set({ version, updated_at_ms: atMs, log_floor_version: floor }).where('name', '=', key).execute();
  const unique = [...new Set(uids)];
  for (let i = 0; i < unique.length; i += 500) {
    await trx.insertInto('dataset_log').values(unique.slice(i, i + 500).map((card_uid) => ({ name: key, version, card_uid }))).execute();
  }
  if (floor > Number(row.log_floor_version)) {
    await trx.deleteFrom('dataset_log').where('name', '=', key).where('version', '<=', floor).execute();
  }
  return version;
}

export interface DatasetState {
  version: number;
  logFloorVersion: number;
}

export async function datasetState(db: Kysely<Database> | Transaction<Database>, key: DatasetKey): Promise<DatasetState> {
  const row = await db.selectFrom('datasets').select(['version', 'log_floor_version']).where('name', '=', key).executeTakeFirstOrThrow();
  return { version: Number(row.version), logFloorVersion: Number(row.log_floor_version) };
}

/** Whether a device holding `held` can be brought to `state.version` by a delta. */
export function deltaPossible(state: DatasetState, held: number): boolean {
  return held > 0 && held >= state.logFloorVersion && held < state.version;
}

/**
 * The update bringing a device that holds `held` to the current version (a delta when possible,
 * else a snapshot; `held` 0 forces a snapshot), or null when it holds the current version.
 */
export async function readUpdate(db: Kysely<Database>, key: CardDatasetKey, held: number): Promise<DatasetUpdate | null> {
  return db.transaction().execute(async (trx) => {
    const state = await datasetState(trx, key);
    if (held === state.version && held > 0) return null;
    if (state.version === 0) return null;
    const name = DATASET_NAMES[key];
    if (!deltaPossible(state, held)) {
      const base = { name, version: state.version, fullSnapshot: true };
      if (key === 'blacklist') return { ...base, blacklist: { add: await blacklistedEntries(trx) } };
      return { ...base, cards: { upsert: (await cardEntries(trx, null)).map((e) => e.entry!) } };
    }
    const base = { name, version: state.version, fromVersion: held, fullSnapshot: false };
    if (key === 'blacklist') {
      const rows = await trx
        .selectFrom((q) => q.selectFrom('dataset_log').select('card_uid').distinct().where('name', '=', 'blacklist').where('version', '>', held).as('l'))
        .leftJoin('cards as c', 'c.card_uid', 'l.card_uid')
        .select(['l.card_uid', 'c.status'])
        .orderBy('l.card_uid')
        .execute();
      const reasonOf = (status: CardStatus | null) => (status === null ? undefined : BLACKLIST_REASONS[status]);
      return {
        ...base,
        blacklist: {
          add: rows.filter((r) => reasonOf(r.status) !== undefined).map((r) => ({ cardUid: r.card_uid, reason: reasonOf(r.status)! })),
          removeCardUids: rows.filter((r) => reasonOf(r.status) === undefined).map((r) => r.card_uid),
        },
      };
    }
    const entries = await cardEntries(trx, held);
    return {
      ...base,
      cards: {
        upsert: entries.filter((e) => e.entry).map((e) => e.entry!),
        removeCardUids: entries.filter((e) => !e.entry).map((e) => e.uid),
      },
    };
  });
}

async function blacklistedEntries(trx: Transaction<Database>): Promise<onecard.v1.BlacklistEntry.$Properties[]> {
  const rows = await trx.selectFrom('cards').select(['card_uid', 'status']).where('status', 'in', BLACKLISTED_STATUSES).orderBy('card_uid').execute();
  return rows.map((r) => ({ cardUid: r.card_uid, reason: BLACKLIST_REASONS[r.status]! }));
}

/**
 * Card entries as devices see them: every card (changedAfter null) or the cards the log says
 * changed after that version (entry undefined for a card that no longer exists).
 */
async function cardEntries(trx: Transaction<Database>, changedAfter: number | null): Promise<{ uid: string; entry?: onecard.v1.CardEntry.$Properties }[]> {
  const select = [
    'c.card_uid', 'c.person_id', 'c.status', 'c.valid_from_ms', 'c.valid_until_ms', 'c.groups', 'c.daily_limit_fen', 'c.offline_daily_limit_fen',
    'p.person_type', 'p.valid_from_ms as p_from', 'p.valid_until_ms as p_until', 'p.groups as p_groups', 'a.account_id',
  ] as const;
  const rows =
    changedAfter === null
      ? await trx
          .selectFrom('cards as c')
          .innerJoin('people as p', 'p.person_id', 'c.person_id')
          .leftJoin('accounts as a', (j) => j.onRef('a.owner_id', '=', 'c.person_id').on('a.kind', '=', 'personal'))
          .select([...select, 'c.card_uid as uid'])
          .where('c.status', 'not in', BLACKLISTED_STATUSES)
          .orderBy('c.card_uid')
          .execute()
      : await trx
          .selectFrom((q) => q.selectFrom('dataset_log').select('card_uid').distinct().where('name', '=', 'cards').where('version', '>', changedAfter).as('l'))
          .leftJoin('cards as c', 'c.card_uid', 'l.card_uid')
          .leftJoin('people as p', 'p.person_id', 'c.person_id')
          .leftJoin('accounts as a', (j) => j.onRef('a.owner_id', '=', 'c.person_id').on('a.kind', '=', 'personal'))
          .select([...select, 'l.card_uid as uid'])
          .orderBy('l.card_uid')
          .execute();
  return rows.map((r) => {
    // Gone, or blacklisted: a lost card is not in the cards dataset (the blacklist names it too).
    if (r.card_uid === null || r.person_id === null || r.person_type === null || r.status === null || BLACKLIST_REASONS[r.status] !== undefined) return { uid: r.uid };
    const w = effectiveValidity({ validFromMs: r.p_from, validUntilMs: r.p_until, groups: r.p_groups ?? '[]' }, { validFromMs: r.valid_from_ms, validUntilMs: r.valid_until_ms, groups: r.groups ?? '[]' });
    const entry: onecard.v1.CardEntry.$Properties = { cardUid: r.card_uid, personId: r.person_id, personType: r.person_type, groups: w.groups };
    if (w.validFromMs !== null) entry.validFromUnixMs = w.validFromMs;
    if (w.validUntilMs !== null) entry.validUntilUnixMs = w.validUntilMs;
    if (r.account_id) entry.accountId = r.account_id;
    if (r.daily_limit_fen !== null) entry.dailyLimitFen = Number(r.daily_limit_fen);
    if (r.offline_daily_limit_fen !== null) entry.offlineDailyLimitFen = Number(r.offline_daily_limit_fen);
    return { uid: r.uid, entry };
  });
}

export interface Validity {
  validFromMs: number | null;
  validUntilMs: number | null;
  groups: string[];
}

/**
 * What a card allows: inside both its holder's window and its own (the later start, the earlier
 * end; null is unbounded), in the groups of either (the union, sorted).
 */
export function effectiveValidity(
  person: { validFromMs: number | null; validUntilMs: number | null; groups: string },
  card: { validFromMs: number | null; validUntilMs: number | null; groups: string },
): Validity {
  const num = (v: number | null) => (v === null ? null : Number(v));
  const pick = (a: number | null, b: number | null, f: (x: number, y: number) => number) => (a === null ? b : b === null ? a : f(a, b));
  return {
    validFromMs: pick(num(person.validFromMs), num(card.validFromMs), Math.max),
    validUntilMs: pick(num(person.validUntilMs), num(card.validUntilMs), Math.min),
    groups: [...new Set([...parseGroups(person.groups), ...parseGroups(card.groups)])].sort(),
  };
}

export function parseGroups(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
}
