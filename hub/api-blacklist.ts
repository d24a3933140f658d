/** Operator API routes (who may call each: hub/permissions-blacklist.ts). */
import type { Kysely } from 'kysely';
import type { Reply, Request } from './api-http.js';
import type { Database } from './db/schema.js';
import type { DatasetKey } from './datasets.js';

export interface BlacklistApiDeps {
  db: Kysely<Database>;
  now: () => number;
  /**
   * Brings every online device to the current version of a dataset now (the gateway's push, the
   * one a change triggers), resolving once the updates are sent; the ids of the devices online.
   */
  pushDatasetNow: (name: DatasetKey) => Promise<string[]>;
}

export async function routeBlacklist(_deps: BlacklistApiDeps, _request: Request): Promise<Reply | null> {
  return null;
}
