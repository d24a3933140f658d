/** Operator API routes (who may call each: hub/permissions-blacklist.ts). */
import type { Kysely } from 'kysely';
import type { Reply, Request } from './api-http.js';
import type { Database } from './db/schema.js';

export interface BlacklistApiDeps {
  db: Kysely<Database>;
  now: () => number;
}

export async function routeBlacklist(_deps: BlacklistApiDeps, _request: Request): Promise<Reply | null> {
  return null;
}
