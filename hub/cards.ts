/**
 * People and their cards, and the two datasets derived from them: the blacklist (lost cards) and the
 * cards list (every card the devices may know, with its holder's type, validity window and groups).
 * Each change runs in one transaction that also bumps the dataset version and logs which cards the
 * version changed (hub/dataset-log.ts), so a version always names exactly one content and devices
 * can be sent deltas.
 */
import type { Kysely, Transaction } from 'kysely';
import type { CardStatus, Database, PersonType } from './db/schema.js';
import { failure, type Outcome } from './outcome.js';
import { DEFAULT_LOG_RETENTION_VERSIONS, datasetState, effectiveValidity, parseGroups, readUpdate, recordChange, type DatasetKey, type DatasetState, type Validity } from './dataset-log.js';
import type { DatasetUpdate } from '../protocol/messages.js';

export type { DatasetKey } from './dataset-log.js';

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
}

export interface DatasetChange {
  name: DatasetKey;
  version: number;
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

  async addPerson(input: { personId: string; name: string; type: PersonType } & ValidityInput): Promise<Outcome<{ personId: string }>> {
    const window = checkWindow(input.validFromMs ?? null, input.validUntilMs ?? null);
    if (window) return window;
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('people').select('person_id').where('person_id', '=', input.personId).executeTakeFirst();
      if (existing) return failure('person_exists', `person ${input.personId} exists`, 'personId');
      await trx
        .insertInto('people')
        .values({
          person_id: input.personId, name: input.name, person_type: input.type, created_at_ms: this.now(),
          valid_from_ms: input.validFromMs ?? null, valid_until_ms: input.validUntilMs ?? null, groups: JSON.stringify(input.groups ?? []),
        })
        .execute();
      return { ok: true as const, personId: input.personId };
    });
  }

  /** Changes a person's type, validity or groups; every card they hold changes in the cards dataset. */
  async updatePerson(personId: string, patch: { type?: PersonType } & ValidityInput): Promise<Outcome<{ personId: string; change: DatasetChange | null }>> {
    return this.db.transaction().execute(async (trx) => {
      const person = await trx.selectFrom('people').selectAll().where('person_id', '=', personId).executeTakeFirst();
      if (!person) return failure('not_found', `no person ${personId}`, 'personId');
      const from = patch.validFromMs !== undefined ? patch.validFromMs : person.valid_from_ms;
      const until = patch.validUntilMs !== undefined ? patch.validUntilMs : person.valid_until_ms;
      const window = checkWindow(from, until);
      if (window) return window;
      await trx
        .updateTable('people')
        .set({ person_type: patch.type ?? person.person_type, valid_from_ms: from, valid_until_ms: until, groups: patch.groups ? JSON.stringify(patch.groups) : person.groups })
        .where('person_id', '=', personId)
        .execute();
      const cards = await trx.selectFrom('cards').select('card_uid').where('person_id', '=', personId).execute();
      if (cards.length === 0) return { ok: true as const, personId, change: null };
      const version = await recordChange(trx, 'cards', cards.map((c) => c.card_uid), this.now(), this.retention);
      return { ok: true as const, personId, change: { name: 'cards' as const, version } };
    });
  }

  /** Issues a card to a person; a person holds at most one active card. */
  async addCard(input: { uid: string; personId: string } & ValidityInput): Promise<Outcome<{ card: CardView; change: DatasetChange }>> {
    const window = checkWindow(input.validFromMs ?? null, input.validUntilMs ?? null);
    if (window) return window;
    return this.db.transaction().execute(async (trx) => {
      const person = await trx.selectFrom('people').select('person_id').where('person_id', '=', input.personId).executeTakeFirst();
      if (!person) return failure('unknown_person', `no person ${input.personId}`, 'personId');
      const existing = await trx.selectFrom('cards').select('card_uid').where('card_uid', '=', input.uid).executeTakeFirst();
      if (existing) return failure('card_exists', `card ${input.uid} is already issued`, 'uid');
      const active = await activeCardOf(trx, input.personId);
      if (active) return failure('person_has_active_card', `person ${input.personId} already holds active card ${active}`, 'personId');
      const at = this.now();
      await trx
        .insertInto('cards')
        .values({
          card_uid: input.uid, person_id: input.personId, status: 'active', created_at_ms: at, updated_at_ms: at,
          valid_from_ms: input.validFromMs ?? null, valid_until_ms: input.validUntilMs ?? null, groups: JSON.stringify(input.groups ?? []),
        })
        .execute();
      const version = await recordChange(trx, 'cards', [input.uid], at, this.retention);
      return { ok: true as const, card: (await cardView(trx, input.uid))!, change: { name: 'cards' as const, version } };
    });
  }

  /** Changes a card's own validity or groups. */
  async updateCard(uid: string, patch: ValidityInput): Promise<Outcome<{ card: CardView; change: DatasetChange }>> {
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
        .set({ valid_from_ms: from, valid_until_ms: until, groups: patch.groups ? JSON.stringify(patch.groups) : card.groups, updated_at_ms: at })
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

  async versions(): Promise<Record<DatasetKey, number>> {
    const rows = await this.db.selectFrom('datasets').select(['name', 'version']).execute();
    const out: Record<DatasetKey, number> = { blacklist: 0, cards: 0 };
    for (const r of rows) if (r.name === 'blacklist' || r.name === 'cards') out[r.name] = Number(r.version);
    return out;
  }

  async datasetState(key: DatasetKey): Promise<DatasetState> {
    return datasetState(this.db, key);
  }

  /** The update bringing a device holding `held` to the current version (see hub/dataset-log.ts). */
  async updateFor(key: DatasetKey, held: number): Promise<DatasetUpdate | null> {
    return readUpdate(this.db, key, held);
  }

  private async setStatus(uid: string, status: CardStatus): Promise<Outcome<{ card: CardView; change: DatasetChange; cardsChange: DatasetChange }>> {
    return this.db.transaction().execute(async (trx) => {
      const card = await trx.selectFrom('cards').selectAll().where('card_uid', '=', uid).executeTakeFirst();
      if (!card) return failure('not_found', `no card ${uid}`, 'uid');
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

/** A window must end after it starts; named on the field an operator would fix. */
function checkWindow(from: number | null, until: number | null) {
  if (from !== null && until !== null && until <= Number(from)) return failure('invalid_body', 'validUntil: must be later than validFrom', 'validUntil');
  return null;
}

async function cardView(trx: Transaction<Database>, uid: string): Promise<CardView | undefined> {
  const row = await trx
    .selectFrom('cards as c')
    .innerJoin('people as p', 'p.person_id', 'c.person_id')
    .select(['c.card_uid', 'c.person_id', 'c.status', 'c.updated_at_ms', 'c.valid_from_ms', 'c.valid_until_ms', 'c.groups', 'p.valid_from_ms as p_from', 'p.valid_until_ms as p_until', 'p.groups as p_groups'])
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
  };
}

/** The UID of the person's active card, if any (one person holds at most one). */
async function activeCardOf(trx: Transaction<Database>, personId: string): Promise<string | undefined> {
  const row = await trx.selectFrom('cards').select('card_uid').where('person_id', '=', personId).where('status', '=', 'active').executeTakeFirst();
  return row?.card_uid;
}
