/** Operator API routes (who may call each: hub/permissions-activity.ts). */
import type { Kysely } from 'kysely';
import type { Reply, Request } from './api-http.js';
import type { Database } from './db/schema.js';

export interface ActivityApiDeps {
  db: Kysely<Database>;
  now: () => number;
}

export async function routeActivity(_deps: ActivityApiDeps, _request: Request): Promise<Reply | null> {
  return null;
}
