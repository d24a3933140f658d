/**
 * The hash chain of device events (protocol/event-chain.ts): each event's own hash, the `prev_hash`
 * it carried, and whether that matched the stored hash of seq - 1 (1 yes, 0 a chain break, null not
 * checked yet because seq - 1 is not held).
 */
import type { Kysely, Migration } from 'kysely';
import { binaryType } from '../dialect.js';

export const migration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('events').addColumn('hash', binaryType(db)).execute();
    await db.schema.alterTable('events').addColumn('prev_hash', binaryType(db)).execute();
    await db.schema.alterTable('events').addColumn('chain_ok', 'integer').execute();
  },
};
