/**
 * People and their cards, and the two datasets derived from them: the blacklist (lost cards) and the
 * cards list (every card the devices may know, with its holder's type, validity window, groups,
 * personal account and daily limits). Each change runs in one transaction that also bumps the
 * dataset version and logs which cards the version changed (hub/dataset-log.ts), so a version
 * always names exactly one content and devices can be sent deltas.
 *
 * A person gets their personal account (`person.<personId>`, balance 0) in the transaction that
 * adds them; the balances dataset then holds it, so a device knows the account before any top-up.
 *
 * Card statuses: active, lost (blacklisted LOST; found makes it active again), replaced and
 * cancelled (blacklisted REPLACED / CANCELLED for ever: hub/card-life.ts). A person holds at most
 * one active card (also a partial unique index), and gets none once their account is closed.
 */
import type { Kysely, Transaction } from 'kysely';
import type { CardStatus, Database, PersonType } from './db/schema.js';
import { failure, type Failure, type Outcome } from './outcome.js';
import { DEFAULT_LOG_RETENTION_VERSIONS, effectiveValidity, parseGroups, recordChange, type DatasetChange, type Validity } from './dataset-log.js';
import { createAccount, lockAccount } from './ledger.js';
import { personAccountId } from './account-ids.js';
import { markBalancesChanged } from './balances.js';
import { AssertionError } from '../lib/errors.js';

export type { DatasetKey, DatasetChange } from './dataset-log.js';

export interface CardView {
  uid: string;
  personId: string;
  status: CardStatus;
  updatedAtMs: number;
  /** The card's own validity window (unix ms, null: unbounded) and groups. */
  validFromMs: number | null;
  validUntilMs: number | null;
  groups: string[];
  /** What devices apply: the card's and its holder's windows intersected, their groups joined. */
  effective: Validity;
  /** The card's spending limits per day (null: the controller's default). */
  dailyLimitFen: number | null;
  offlineDailyLimitFen: number | null;
  /** The holder's personal account the card spends from. */
  accountId: string | null;
  /** The card that replaced this one (status replaced), else null. */
  replacedByUid: string | null;
}

/** A person's org unit and contact fields. */
export interface ContactInput {
  orgUnit?: string;
  phone?: string;
  email?: string;
}

/** In a patch, null clears a field. */
export interface ContactPatch {
  orgUnit?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** A card's spending limits per day; in a patch, null returns to the controller's default. */
export interface LimitsInput {
  dailyLimitFen?: number | null;
  offlineDailyLimitFen?: number | null;
}

/** Optional validity and groups of a person or a card; in a patch, null clears a bound. */
export interface ValidityInput {
  validFromMs?: number | null;
  validUntilMs?: number | null;
  groups?: string[];
}

export interface CardStoreOptions {
  /** Versions kept in each dataset's change log (default 10,000). */
  logRetentionVersions?: number;
}

export class CardStore {
  private readonly retention: number;

  constructor(private readonly db: Kysely<Database>, private readonly now: () => number, options: CardStoreOptions = {}) {
    this.retention = options.logRetentionVersions ?? DEFAULT_LOG_RETENTION_VERSIONS;
  }

  async addPerson(input: { personId: string; name: string; type: PersonType } & ValidityInput & ContactInput): Promise<Outcome<{ personId: string; accountId: string; change: DatasetChange }>> {
    const window = checkWindow(input.validFromMs ?? null, input.validUntilMs ?? null);
    if (window) return window;
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('people').select('person_id').where('person_id', '=', input.personId).executeTakeFirst();
      if (existing) return failure('person_exists', `person ${input.personId} exists`, 'personId');
      const at = this.now();
      const [accountId] = await insertPeople(trx, [input], at);
      const version = (await markBalancesChanged(trx, [accountId!], at))!;
      return { ok: true as const, personId: input.personId, accountId: accountId!, change: { name: 'balances' as const, version } };
    });
  }

  /** Changes a person's type, validity, groups, org unit or contact; a change of the first three changes every card they hold in the cards dataset. */
  async updatePerson(personId: string, patch: { type?: PersonType } & ValidityInput & ContactPatch): Promise<Outcome<{ personId: string; change: DatasetChange | null }>> {
    return this.db.transaction().execute(async (trx) => {
      const person = await trx.selectFrom('people').selectAll().where('person_id', '=', personId).executeTakeFirst();
      if (!person) return failure('not_found', `no person ${personId}`, 'personId');
      const from = patch.validFromMs !== undefined ? patch.validFromMs : person.valid_from_ms;
      const until = patch.validUntilMs !== undefined ? patch.validUntilMs : person.valid_until_ms;
      const window = checkWindow(from, until);
      if (window) return window;
      await trx
        .updateTable('people')
        .set({
          person_type: patch.type ?? person.person_type, valid_from_ms: from, valid_until_ms: until, groups: patch.groups ? JSON.stringify(patch.groups) : person.groups,
          org_unit: patch.orgUnit !== undefined ? patch.orgUnit : person.org_unit,
          phone: patch.phone !== undefined ? patch.phone : person.phone,
          email: patch.email !== undefined ? patch.email : person.email,
        })
        .where('person_id', '=', personId)
        .execute();
      if (patch.type === undefined && patch.validFromMs === undefined && patch.validUntilMs === undefined && patch.groups === undefined) {
        return { ok: true as const, personId, change: null };
      }
      const cards = await trx.selectFrom('cards').select('card_uid').where('person_id', '=', personId).execute();
      if (cards.length === 0) return { ok: true as const, personId, change: null };
      const version = await recordChange(trx, 'cards', cards.map((c) => c.card_uid), this.now(), this.retention);
      return { ok: true as const, personId, change: { name: 'cards' as const, version } };
    });
  }

  /** Issues a card to a person; a person holds at most one active card. */
  async addCard(input: { uid: string; personId: string } & ValidityInput & LimitsInput): Promise<Outcome<{ card: CardView; change: DatasetChange }>> {
    const window = checkWindow(input.validFromMs ?? null, input.validUntilMs ?? null);
    if (window) return window;
    return this.db.transaction().execute(async (trx) => {
      const person = await trx.selectFrom('people').select('person_id').where('person_id', '=', input.personId).executeTakeFirst();
      if (!person) return failure('unknown_person', `no person ${input.personId}`, 'personId');
      const existing = await trx.selectFrom('cards').select('card_uid').where('card_uid', '=', input.uid).executeTakeFirst();
      if (existing) return failure('card_exists', `card ${input.uid} is already issued`, 'uid');
      await lockAccount(trx, personAccountId(input.personId));
      const closed = await closedAccountOf(trx, input.personId);
      if (closed) return closed;
      const active = await activeCardOf(trx, input.personId);
      if (active) return failure('person_has_active_card', `person ${input.personId} already holds active card ${active}`, 'personId');
      const at = this.now();
      await trx
        .insertInto('cards')
        .values({
          card_uid: input.uid, person_id: input.personId, status: 'active', created_at_ms: at, updated_at_ms: at,
          valid_from_ms: input.validFromMs ?? null, valid_until_ms: input.validUntilMs ?? null, groups: JSON.stringify(input.groups ?? []),
          daily_limit_fen: input.dailyLimitFen ?? null, offline_daily_limit_fen: input.offlineDailyLimitFen ?? null,
        })
        .execute();
      const version = await recordChange(trx, 'cards', [input.uid], at, this.retention);
      return { ok: true as const, card: (await cardView(trx, input.uid))!, change: { name: 'cards' as const, version } };
    });
  }

  /** Changes a card's own validity, groups or daily limits. */
  async updateCard(uid: string, patch: ValidityInput & LimitsInput): Promise<Outcome<{ card: CardView; change: DatasetChange }>> {
    return this.db.transaction().execute(async (trx) => {
      const card = await trx.selectFrom('cards').selectAll().where('card_uid', '=', uid).executeTakeFirst();
      if (!card) return failure('not_found', `no card ${uid}`, 'uid');
      const from = patch.validFromMs !== undefined ? patch.validFromMs : card.valid_from_ms;
      const until = patch.validUntilMs !== undefined ? patch.validUntilMs : card.valid_until_ms;
      const window = checkWindow(from, until);
      if (window) return window;
      const at = this.now();
      await trx
        .updateTable('cards')
        .set({
          valid_from_ms: from, valid_until_ms: until, groups: patch.groups ? JSON.stringify(patch.groups) : card.groups, updated_at_ms: at,
          daily_limit_fen: patch.dailyLimitFen !== undefined ? patch.dailyLimitFen : card.daily_limit_fen,
          offline_daily_limit_fen: patch.offlineDailyLimitFen !== undefined ? patch.offlineDailyLimitFen : card.offline_daily_limit_fen,
        })
        .where('card_uid', '=', uid)
        .execute();
      const version = await recordChange(trx, 'cards', [uid], at, this.retention);
      return { ok: true as const, card: (await cardView(trx, uid))!, change: { name: 'cards' as const, version } };
    });
  }

  async reportLost(uid: string): Promise<Outcome<{ card: CardView; change: DatasetChange; cardsChange: DatasetChange }>> {
    return this.setStatus(uid, 'lost');
  }

  async reportFound(uid: string): Promise<Outcome<{ card: CardView; change: DatasetChange; cardsChange: DatasetChange }>> {
    return this.setStatus(uid, 'active');
  }

  async get(uid: string): Promise<CardView | undefined> {
    return this.db.transaction().execute((trx) => cardView(trx, uid));
  }

  private async setStatus(uid: string, status: CardStatus): Promise<Outcome<{ card: CardView; change: DatasetChange; cardsChange: DatasetChange }>> {
    return this.db.transaction().execute(async (trx) => {
      const holder = await trx.selectFrom('cards').select('person_id').where('card_uid', '=', uid).executeTakeFirst();
      if (!holder) return failure('not_found', `no card ${uid}`, 'uid');
      // As every change of a holder's cards (hub/card-life.ts): the account's lock first, then the card.
      await lockAccount(trx, personAccountId(holder.person_id));
      const card = (await trx.selectFrom('cards').selectAll().where('card_uid', '=', uid).executeTakeFirst())!;
      const final = finalStatusFailure(card);
      if (final) return final;
      if (status === 'lost' && card.status === 'lost') return failure('card_already_lost', `card ${uid} is already reported lost`);
      if (status === 'active' && card.status !== 'lost') return failure('card_not_lost', `card ${uid} is not reported lost`);
      const other = status === 'active' ? await activeCardOf(trx, card.person_id) : undefined;
      if (other) return failure('person_has_active_card', `person ${card.person_id} holds active card ${other}; card ${uid} stays lost`);
      const at = this.now();
      await trx.updateTable('cards').set({ status, updated_at_ms: at }).where('card_uid', '=', uid).execute();
      const version = await recordChange(trx, 'blacklist', [uid], at, this.retention);
      // A lost card also leaves the cards dataset (and comes back when found): a device whose
      // blacklist update failed still denies it, as an unknown card. Deny wins twice over.
      const cardsVersion = await recordChange(trx, 'cards', [uid], at, this.retention);
      await trx
        .insertInto('card_changes')
        .values({ card_uid: uid, change: status === 'lost' ? 'lost' : 'found', blacklist_version: version, at_ms: at })
        .execute();
      return {
        ok: true as const,
        card: (await cardView(trx, uid))!,
        change: { name: 'blacklist' as const, version },
        cardsChange: { name: 'cards' as const, version: cardsVersion },
      };
    });
  }
}

/** A new person as insertPeople takes one. */
export type NewPerson = { personId: string; name: string; type: PersonType } & ValidityInput & ContactInput;

/**
 * Inserts people and opens their personal accounts (balance 0), in the caller's transaction, in
 * batches. Returns the account ids, in order; the caller marks them in the balances dataset.
 */
export async function insertPeople(trx: Transaction<Database>, people: readonly NewPerson[], atMs: number): Promise<string[]> {
  for (let i = 0; i < people.length; i += 200) {
    const slice = people.slice(i, i + 200);
    await trx
      .insertInto('people')
      .values(slice.map((p) => ({
        person_id: p.personId, name: p.name, person_type: p.type, created_at_ms: atMs,
        valid_from_ms: p.validFromMs ?? null, valid_until_ms: p.validUntilMs ?? null, groups: JSON.stringify(p.groups ?? []),
        org_unit: p.orgUnit ?? null, phone: p.phone ?? null, email: p.email ?? null,
      })))
      .execute();
    for (const p of slice) {
      const accountId = personAccountId(p.personId);
      if ((await createAccount(trx, { accountId, kind: 'personal', ownerId: p.personId, name: p.name, atMs })) === 'exists') {
        throw new AssertionError(`account ${accountId} exists for a person who did not`);
      }
    }
  }
  return people.map((p) => personAccountId(p.personId));
}

/** Replaced and cancelled are final: no lost, found or replacement after them. */
export function finalStatusFailure(card: { card_uid: string; status: CardStatus; replaced_by: string | null }): Failure | null {
  if (card.status === 'replaced') return failure('card_replaced', `card ${card.card_uid} was replaced${card.replaced_by ? ` by card ${card.replaced_by}` : ''}: it is denied for ever`, 'uid');
  if (card.status === 'cancelled') return failure('card_cancelled', `card ${card.card_uid} was cancelled when its holder left: it is denied for ever`, 'uid');
  return null;
}

/** account_closed when the person's personal account is closed (they left). */
export async function closedAccountOf(trx: Transaction<Database>, personId: string): Promise<Failure | null> {
  const account = await trx.selectFrom('accounts').select(['account_id', 'closed_at_ms']).where('account_id', '=', personAccountId(personId)).executeTakeFirst();
  if (!account || account.closed_at_ms === null) return null;
  return failure('account_closed', `person ${personId} left: account ${account.account_id} was closed at ${new Date(Number(account.closed_at_ms)).toISOString()}`, 'personId');
}

/** A window must end after it starts; named on the field an operator would fix. */
function checkWindow(from: number | null, until: number | null) {
  if (from !== null && until !== null && until <= Number(from)) return failure('invalid_body', 'validUntil: must be later than validFrom', 'validUntil');
  return null;
}

export async function cardView(trx: Transaction<Database>, uid: string): Promise<CardView | undefined> {
  const row = await trx
    .selectFrom('cards as c')
    .innerJoin('people as p', 'p.person_id', 'c.person_id')
    .leftJoin('accounts as a', (j) => j.onRef('a.owner_id', '=', 'c.person_id').on('a.kind', '=', 'personal'))
    .select([
      'c.card_uid', 'c.person_id', 'c.status', 'c.updated_at_ms', 'c.replaced_by', 'c.valid_from_ms', 'c.valid_until_ms', 'c.groups', 'c.daily_limit_fen', 'c.offline_daily_limit_fen',
      'p.valid_from_ms as p_from', 'p.valid_until_ms as p_until', 'p.groups as p_groups', 'a.account_id',
    ])
    .where('c.card_uid', '=', uid)
    .executeTakeFirst();
  if (!row) return undefined;
  const own = { validFromMs: row.valid_from_ms === null ? null : Number(row.valid_from_ms), validUntilMs: row.valid_until_ms === null ? null : Number(row.valid_until_ms) };
  return {
    uid: row.card_uid,
    personId: row.person_id,
    status: row.status,
    updatedAtMs: Number(row.updated_at_ms),
    ...own,
    groups: parseGroups(row.groups),
    effective: effectiveValidity({ validFromMs: row.p_from, validUntilMs: row.p_until, groups: row.p_groups }, { ...own, groups: row.groups }),
    dailyLimitFen: row.daily_limit_fen === null ? null : Number(row.daily_limit_fen),
    offlineDailyLimitFen: row.offline_daily_limit_fen === null ? null : Number(row.offline_daily_limit_fen),
    accountId: row.account_id,
    replacedByUid: row.replaced_by,
  };
}

/** The UID of the person's active card, if any (one person holds at most one). */
export async function activeCardOf(trx: Transaction<Database>, personId: string): Promise<string | undefined> {
  const row = await trx.selectFrom('cards').select('card_uid').where('person_id', '=', personId).where('status', '=', 'active').executeTakeFirst();
  return row?.card_uid;
}
