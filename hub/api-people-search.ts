/**
 * The card office's people search for the web console (who may call it: hub/permissions-people-search.ts):
 *
 *   GET /api/people?q=TEXT&limit=   people whose name holds q (case-insensitive), whose person number
 *       starts with q (case-insensitive), or who hold a card whose UID starts with q (hex, any case);
 *       each with their cards (every status, active first) and their personal account's balance.
 *       limit: 1-100, 20 by default; `truncated` says more matched. Personal data: a reason is required.
 *
 * Order: an exact person number or card UID first, then number and UID prefixes, then name matches;
 * by person number within each. The card UID look-up is a range on the cards' primary key; the name
 * is a substring and so one pass over people (10,000 take a few milliseconds on either database).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { z } from 'zod';
import { ok, fail, parseQuery, type Reply, type Request } from './api-http.js';
import type { CardStatus, Database, PersonType } from './db/schema.js';
import { isPostgres } from './db/dialect.js';
import { parseGroups } from './dataset-log.js';

export interface PeopleSearchApiDeps {
  db: Kysely<Database>;
  now: () => number;
}

export const MAX_SEARCH_LIMIT = 100;

export const peopleSearchSchemas = {
  search: z
    .object({
      q: z
        .string({ error: 'must be given: a name, a person number or a card UID' })
        .trim()
        .min(1, 'must be 1-100 characters: a name, a person number or a card UID')
        .max(100, 'must be 1-100 characters: a name, a person number or a card UID'),
      limit: z.coerce.number().int('must be a whole number').min(1, 'must be 1-100').max(MAX_SEARCH_LIMIT, 'must be 1-100').default(20),
    })
    .strict(),
};

export type MatchedBy = 'personId' | 'card' | 'name';

export interface FoundCard {
  uid: string;
  status: CardStatus;
  createdAtMs: number;
  updatedAtMs: number;
  validFromMs: number | null;
  validUntilMs: number | null;
  dailyLimitFen: number | null;
  offlineDailyLimitFen: number | null;
  replacedByUid: string | null;
}

export interface FoundPerson {
  personId: string;
  name: string;
  type: PersonType;
  orgUnit: string | null;
  phone: string | null;
  email: string | null;
  validFromMs: number | null;
  validUntilMs: number | null;
  groups: string[];
  createdAtMs: number;
  matchedBy: MatchedBy;
  account: { accountId: string; balanceFen: number; closedAtMs: number | null } | null;
  cards: FoundCard[];
}

const STATUS_ORDER: Record<CardStatus, number> = { active: 0, lost: 1, replaced: 2, cancelled: 3 };

export async function routePeopleSearch(deps: PeopleSearchApiDeps, r: Request): Promise<Reply | null> {
  if (r.path !== '/api/people' || r.method !== 'GET') return null;
  const query = parseQuery(r.url, peopleSearchSchemas.search);
  if (!query.ok) return fail(query);
  const { q, limit } = query.value;
  const { people, truncated } = await searchPeople(deps.db, q, limit);
  return ok(200, { q, limit, people, truncated });
}

/** `\`, `%` and `_` taken literally in a LIKE pattern (with ESCAPE '\'). */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A query that could begin a card UID. */
const HEX = /^[0-9A-Fa-f]{1,20}$/;

export async function searchPeople(db: Kysely<Database>, q: string, limit: number): Promise<{ people: FoundPerson[]; truncated: boolean }> {
  const postgres = isPostgres(db as unknown as Kysely<unknown>);
  // Case-insensitive on both: ILIKE on PostgreSQL; SQLite's LIKE folds ASCII (names in Chinese have no case).
  const like = (column: string, pattern: string): RawBuilder<boolean> => sql<boolean>`${sql.ref(column)} ${sql.raw(postgres ? 'ilike' : 'like')} ${pattern} escape '\\'`;
  const escaped = likeEscape(q);
  const idPrefix = like('person_id', `${escaped}%`);

  const byText = await db
    .selectFrom('people')
    .selectAll()
    .where((eb) => eb.or([like('name', `%${escaped}%`), idPrefix]))
    .orderBy(sql`case when ${idPrefix} then 0 else 1 end`)
    .orderBy('person_id')
    .limit(limit + 1)
    .execute();

  // Card UIDs are upper-case hex: a prefix is a range of the primary key ([uid, uid + 'G'): G follows F).
  const uid = q.toUpperCase();
  const byCard = HEX.test(q)
    ? await db.selectFrom('cards').select(['card_uid', 'person_id']).where('card_uid', '>=', uid).where('card_uid', '<', `${uid}G`).orderBy('card_uid').limit(limit + 1).execute()
    : [];

  const rank = new Map<string, { rank: number; matchedBy: MatchedBy }>();
  const note = (personId: string, r: number, matchedBy: MatchedBy) => {
    const seen = rank.get(personId);
    if (!seen || r < seen.rank) rank.set(personId, { rank: r, matchedBy });
  };
  const lowerQ = q.toLowerCase();
  for (const p of byText) {
    const id = p.person_id.toLowerCase();
    if (id === lowerQ) note(p.person_id, 0, 'personId');
    else if (id.startsWith(lowerQ)) note(p.person_id, 1, 'personId');
    else note(p.person_id, 2, 'name');
  }
  for (const c of byCard) note(c.person_id, c.card_uid === uid ? 0 : 1, 'card');

  const rows = new Map(byText.map((p) => [p.person_id, p]));
  const missing = [...rank.keys()].filter((id) => !rows.has(id));
  if (missing.length > 0) for (const p of await db.selectFrom('people').selectAll().where('person_id', 'in', missing).execute()) rows.set(p.person_id, p);

  const ordered = [...rank.entries()].sort(([a, x], [b, y]) => x.rank - y.rank || (a < b ? -1 : a > b ? 1 : 0));
  const truncated = byText.length > limit || byCard.length > limit || ordered.length > limit;
  const chosen = ordered.slice(0, limit);
  const ids = chosen.map(([id]) => id);
  if (ids.length === 0) return { people: [], truncated: false };

  const cards = await db.selectFrom('cards').selectAll().where('person_id', 'in', ids).execute();
  const accounts = await db.selectFrom('accounts').select(['account_id', 'owner_id', 'balance_fen', 'closed_at_ms']).where('kind', '=', 'personal').where('owner_id', 'in', ids).execute();
  const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

  const people = chosen.map(([id, { matchedBy }]): FoundPerson => {
    const p = rows.get(id)!;
    const account = accounts.find((a) => a.owner_id === id);
    return {
      personId: p.person_id,
      name: p.name,
      type: p.person_type,
      orgUnit: p.org_unit,
      phone: p.phone,
      email: p.email,
      validFromMs: num(p.valid_from_ms),
      validUntilMs: num(p.valid_until_ms),
      groups: parseGroups(p.groups),
      createdAtMs: Number(p.created_at_ms),
      matchedBy,
      account: account ? { accountId: account.account_id, balanceFen: Number(account.balance_fen), closedAtMs: num(account.closed_at_ms) } : null,
      cards: cards
        .filter((c) => c.person_id === id)
        .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || Number(b.updated_at_ms) - Number(a.updated_at_ms))
        .map((c) => ({
          uid: c.card_uid,
          status: c.status,
          createdAtMs: Number(c.created_at_ms),
          updatedAtMs: Number(c.updated_at_ms),
          validFromMs: num(c.valid_from_ms),
          validUntilMs: num(c.valid_until_ms),
          dailyLimitFen: num(c.daily_limit_fen),
          offlineDailyLimitFen: num(c.offline_daily_limit_fen),
          replacedByUid: c.replaced_by,
        })),
    };
  });
  return { people, truncated };
}
