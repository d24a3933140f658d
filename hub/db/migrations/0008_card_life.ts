/**
 * Card life and people (issue 6): people's org unit and contact fields; the card that replaced a
 * card; closed accounts; the card office's policy settings; the system accounts of the online
 * top-up channel, fees and bad debt; and, in the database itself, at most one active card per person.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { BAD_DEBT_ACCOUNT_ID, FEES_ACCOUNT_ID, ONLINE_ACCOUNT_ID } from '../../account-ids.js';

export const migration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const column of ['org_unit', 'phone', 'email']) await db.schema.alterTable('people').addColumn(column, 'text').execute();
    await db.schema.alterTable('cards').addColumn('replaced_by', 'text').execute();
    await db.schema.alterTable('accounts').addColumn('closed_at_ms', 'bigint').execute();
    await db.schema
      .createTable('card_life_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value_json', 'text', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .execute();
    // The card office's rule, kept by the database too: two concurrent issues cannot both win.
    await db.schema.createIndex('cards_one_active_per_person').on('cards').column('person_id').unique().where(sql.ref('status'), '=', 'active').execute();
    const raw = db as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const system = [
      [ONLINE_ACCOUNT_ID, 'online payment channel'],
      [FEES_ACCOUNT_ID, 'card office fees'],
      [BAD_DEBT_ACCOUNT_ID, 'bad debt (written off)'],
    ] as const;
    for (const [accountId, name] of system) {
      await raw
        .insertInto('accounts')
        .values({ account_id: accountId, kind: 'system', owner_id: null, name, created_at_ms: 0 })
        .onConflict((oc: any) => oc.column('account_id').doNothing()) // eslint-disable-line @typescript-eslint/no-explicit-any
        .execute();
    }
  },
};
