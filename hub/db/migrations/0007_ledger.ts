/**
 * The ledger and the money datasets (issue 5): accounts and double-entry transfers; balances,
 * tariffs and schedules datasets; what the hub learnt from each stored event (its account and
 * amount, whether it was written offline and authorised, why it is held, its transfer); the latest
 * meter reading per meter; daily limits on cards.
 *
 * Existing people get their personal account, existing devices their merchant account, and the
 * cards dataset moves to a new version every device gets as a snapshot (its entries now name the
 * account).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { CASH_ACCOUNT_ID, merchantAccountId, personAccountId } from '../../account-ids.js';

export const migration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('accounts')
      .addColumn('account_id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      // The person, room or device the account belongs to (null for system accounts).
      .addColumn('owner_id', 'text')
      .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      // Personal and room accounts: the balance, updated with each transfer. Merchant and system
      // accounts keep 0 here: theirs is the sum of their transfers (no hot row per charge).
      .addColumn('balance_fen', 'bigint', (c) => c.notNull().defaultTo(0))
      // The balances dataset version that last changed this account's balance.
      .addColumn('balance_version', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('accounts_owner').on('accounts').columns(['kind', 'owner_id']).execute();
    await db.schema.createIndex('accounts_balance_version').on('accounts').column('balance_version').execute();
    await db.schema
      .createTable('transfers')
      .addColumn('transfer_id', 'text', (c) => c.primaryKey())
      .addColumn('debit_account_id', 'text', (c) => c.notNull().references('accounts.account_id'))
      .addColumn('credit_account_id', 'text', (c) => c.notNull().references('accounts.account_id'))
      .addColumn('amount_fen', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text')
      .addColumn('seq', 'bigint')
      .addColumn('reference', 'text')
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addCheckConstraint('transfers_amount_positive', sql`amount_fen > 0`)
      .addCheckConstraint('transfers_two_accounts', sql`debit_account_id <> credit_account_id`)
      .execute();
    await db.schema.createIndex('transfers_debit').on('transfers').columns(['debit_account_id', 'created_at_ms']).execute();
    await db.schema.createIndex('transfers_credit').on('transfers').columns(['credit_account_id', 'created_at_ms']).execute();

    for (const [name, type] of [['account_id', 'text'], ['amount_fen', 'bigint'], ['offline', 'integer'], ['offline_authorised', 'integer'], ['held_reason', 'text'], ['transfer_id', 'text']] as const) {
      await db.schema.alterTable('events').addColumn(name, type).execute();
    }
    await db.schema.createIndex('events_held').on('events').column('held_reason').execute();

    await db.schema
      .createTable('meter_readings')
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('point_id', 'text', (c) => c.notNull())
      .addColumn('meter_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('device_time_ms', 'bigint', (c) => c.notNull())
      .addColumn('received_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('energy_wh', 'bigint', (c) => c.notNull())
      .addColumn('power_w', 'bigint', (c) => c.notNull())
      .addColumn('voltage_mv', 'bigint', (c) => c.notNull())
      .addColumn('current_ma', 'bigint', (c) => c.notNull())
      .addColumn('relay_closed', 'integer', (c) => c.notNull())
      .addColumn('comm', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('balance_fen', 'bigint', (c) => c.notNull())
      .addColumn('cut_off', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('meter_readings_pk', ['device_id', 'point_id', 'meter_id'])
      .execute();

    await db.schema
      .createTable('tariffs')
      .addColumn('tariff_id', 'text', (c) => c.primaryKey())
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('price_millifen', 'bigint', (c) => c.notNull())
      // JSON: [{startMinute, endMinute, priceMillifen}]
      .addColumn('bands', 'text', (c) => c.notNull())
      .addColumn('minimum_charge_fen', 'bigint', (c) => c.notNull())
      .addColumn('max_session_ms', 'bigint', (c) => c.notNull())
      .addColumn('max_session_cost_fen', 'bigint', (c) => c.notNull())
      .addColumn('free_energy_wh_per_month', 'bigint', (c) => c.notNull())
      .addColumn('fallback_price_millifen_per_second', 'bigint', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('schedules')
      .addColumn('schedule_id', 'text', (c) => c.primaryKey())
      // JSON: [{daysMask, startMinute, endMinute}]
      .addColumn('periods', 'text', (c) => c.notNull())
      .addColumn('holiday_periods', 'text', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('holidays')
      .addColumn('date', 'text', (c) => c.primaryKey())
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema.alterTable('cards').addColumn('daily_limit_fen', 'bigint').execute();
    await db.schema.alterTable('cards').addColumn('offline_daily_limit_fen', 'bigint').execute();

    const raw = db as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    await raw.insertInto('datasets').values(['balances', 'tariffs', 'schedules'].map((name) => ({ name, version: 0, updated_at_ms: 0, log_floor_version: 0 }))).execute();
    await raw.insertInto('accounts').values({ account_id: CASH_ACCOUNT_ID, kind: 'system', owner_id: null, name: 'cash window', created_at_ms: 0 }).execute();
    const people = (await raw.selectFrom('people').select(['person_id', 'name', 'created_at_ms']).execute()) as { person_id: string; name: string; created_at_ms: number }[];
    const devices = (await raw.selectFrom('devices').select(['device_id', 'name', 'created_at_ms']).execute()) as { device_id: string; name: string; created_at_ms: number }[];
    const rows = [
      ...people.map((p) => ({ account_id: personAccountId(p.person_id), kind: 'personal', owner_id: p.person_id, name: p.name, created_at_ms: p.created_at_ms })),
      ...devices.map((d) => ({ account_id: merchantAccountId(d.device_id), kind: 'merchant', owner_id: d.device_id, name: d.name, created_at_ms: d.created_at_ms })),
    ];
    for (let i = 0; i < rows.length; i += 500) await raw.insertInto('accounts').values(rows.slice(i, i + 500)).execute();
    if (people.length > 0) {
      // Every account starts at balance 0, in version 1 of the balances dataset.
      await raw.updateTable('accounts').set({ balance_version: 1 }).where('kind', '=', 'personal').execute();
      await raw.updateTable('datasets').set({ version: 1 }).where('name', '=', 'balances').execute();
    }
    // Card entries now carry their account: every device gets the cards dataset again, whole.
    await sql`update datasets set version = version + 1, log_floor_version = version + 1 where name = 'cards' and version > 0`.execute(db);
  },
};
