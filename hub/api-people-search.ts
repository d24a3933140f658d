/** Operator API routes (who may call each: hub/permissions-people-search.ts). */
import type { Kysely } from 'kysely';
import type { Reply, Request } from './api-http.js';
import type { Database } from './db/schema.js';

export interface PeopleSearchApiDeps {
  db: Kysely<Database>;
  now: () => number;
}

export async function routePeopleSearch(_deps: PeopleSearchApiDeps, _request: Request): Promise<Reply | null> {
  return null;
}
