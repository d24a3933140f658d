/**
 * People and their cards, and the two datasets derived from them: the blacklist (lost cards) and the
 * cards list (every card the devices may know). Each change runs in one transaction that also bumps
 * the dataset version, so a version always names exactly one content.
 */
import type { Kysely, Transaction } from 'kysely';
import type { CardStatus, Database, PersonType } from './db/schema.js';
import { failure, type Outcome } from './outcome.js';

export type DatasetKey = 'blacklist' | 'cards';

export interface CardView {
  uid: string;
  personId: string;
  status: CardStatus;
  updatedAtMs: number;
}

export interface DatasetChange {
  name: DatasetKey;
  version: number;
}

export class CardStore {
  constructor(private readonly db: Kysely<Database>, private readonly now: () => number) {}

  async addPerson(input: { personId: string; name: string; type: PersonType }): Promise<Outcome<{ personId: string }>> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('people').select('person_id').where('person_id', '=', input.personId).executeTakeFirst();
      if (existing) return failure('person_exists', `person ${input.personId} exists`, 'personId');
      await trx
        .insertInto('people')
        .values({ person_id: input.personId, name: input.name, person_type: input.type, created_at_ms: this.now() })
        .execute();
      return { ok: true as const, personId: input.personId };
    });
  }

  /** Issues a card to a person; a person holds at most one active card. */
  async addCard(input: { uid: string; personId: string }): Promise<Outcome<{ card: CardView; change: DatasetChange }>> {
    return this.db.transaction().execute(async (trx) => {
      const person = await trx.selectFrom('people').select('person_id').where('person_id', '=', input.personId).executeTakeFirst();
      if (!person) return failure('unknown_person', `no person ${input.personId}`, 'personId');
      const existing = await trx.selectFrom('cards').select('card_uid').where('card_uid', '=', input.uid).executeTakeFirst();
      if (existing) return failure('card_exists', `card ${input.uid} is already issued`, 'uid');
      const active = await activeCardOf(trx, input.personId);
      if (active) return failure('person_has_active_card', `person ${input.personId} already holds active card ${active}`, 'personId');
      const at = this.now();
      await trx.insertInto('cards').values({ card_uid: input.uid, person_id: input.personId, status: 'active', created_at_ms: at, updated_at_ms: at }).execute();
      const version = await bumpVersion(trx, 'cards', at);
      return { ok: true as const, card: { uid: input.uid, personId: input.personId, status: 'active' as const, updatedAtMs: at }, change: { name: 'cards' as const, version } };
    });
  }

  async reportLost(uid: string): Promise<Outcome<{ card: CardView; change: DatasetChange }>> {
    return this.setStatus(uid, 'lost');
  }

  async reportFound(uid: string): Promise<Outcome<{ card: CardView; change: DatasetChange }>> {
    return this.setStatus(uid, 'active');
  }

  async get(uid: string): Promise<CardView | undefined> {
    const row = await this.db.selectFrom('cards').selectAll().where('card_uid', '=', uid).executeTakeFirst();
    return row && { uid: row.card_uid, personId: row.person_id, status: row.status, updatedAtMs: Number(row.updated_at_ms) };
  }

  async versions(): Promise<Record<DatasetKey, number>> {
    const rows = await this.db.selectFrom('datasets').select(['name', 'version']).execute();
    const out: Record<DatasetKey, number> = { blacklist: 0, cards: 0 };
    for (const r of rows) if (r.name === 'blacklist' || r.name === 'cards') out[r.name] = Number(r.version);
    return out;
  }

  /** The dataset's version and content, read in one transaction so they match. */
  async snapshot(name: 'blacklist'): Promise<{ version: number; uids: string[] }>;
  async snapshot(name: 'cards'): Promise<{ version: number; cards: { uid: string; personId: string }[] }>;
  async snapshot(name: DatasetKey): Promise<{ version: number; uids?: string[]; cards?: { uid: string; personId: string }[] }> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('datasets').select('version').where('name', '=', name).executeTakeFirstOrThrow();
      const version = Number(row.version);
      if (name === 'blacklist') {
        const rows = await trx.selectFrom('cards').select('card_uid').where('status', '=', 'lost').orderBy('card_uid').execute();
        return { version, uids: rows.map((r) => r.card_uid) };
      }
      const rows = await trx.selectFrom('cards').select(['card_uid', 'person_id']).orderBy('card_uid').execute();
      return { version, cards: rows.map((r) => ({ uid: r.card_uid, personId: r.person_id })) };
    });
  }

  private async setStatus(uid: string, status: CardStatus): Promise<Outcome<{ card: CardView; change: DatasetChange }>> {
    return this.db.transaction().execute(async (trx) => {
      const card = await trx.selectFrom('cards').selectAll().where('card_uid', '=', uid).executeTakeFirst();
      if (!card) return failure('not_found', `no card ${uid}`, 'uid');
      if (status === 'lost' && card.status === 'lost') return failure('card_already_lost', `card ${uid} is already reported lost`);
      if (status === 'active' && card.status !== 'lost') return failure('card_not_lost', `card ${uid} is not reported lost`);
      const other = status === 'active' ? await activeCardOf(trx, card.person_id) : undefined;
      if (other) return failure('person_has_active_card', `person ${card.person_id} holds active card ${other}; card ${uid} stays lost`);
      const at = this.now();
      await trx.updateTable('cards').set({ status, updated_at_ms: at }).where('card_uid', '=', uid).execute();
      const version = await bumpVersion(trx, 'blacklist', at);
      await trx
        .insertInto('card_changes')
        .values({ card_uid: uid, change: status === 'lost' ? 'lost' : 'found', blacklist_version: version, at_ms: at })
        .execute();
      return { ok: true as const, card: { uid, personId: card.person_id, status, updatedAtMs: at }, change: { name: 'blacklist' as const, version } };
    });
  }
}

/** The UID of the person's active card, if any (one person holds at most one). */
async function activeCardOf(trx: Transaction<Database>, personId: string): Promise<string | undefined> {
  const row = await trx.selectFrom('cards').select('card_uid').where('person_id', '=', personId).where('status', '=', 'active').executeTakeFirst();
  return row?.card_uid;
}

async function bumpVersion(trx: Transaction<Database>, name: DatasetKey, at: number): Promise<number> {
  const row = await trx.selectFrom('datasets').select('version').where('name', '=', name).executeTakeFirstOrThrow();
  const version = Number(row.version) + 1;
  await trx.updateTable('datasets').set({ version, updated_at_ms: at }).where('name', '=', name).execute();
  return version;
}
