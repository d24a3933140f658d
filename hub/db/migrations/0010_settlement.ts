/**
 * Settlement (issue 7): merchants and the devices (and so the points) they run, merchant
 * operators, closed periods with their frozen statements, correction tickets, the payment
 * channels' reference lists, calendar job runs; the system account merchants are paid out to; and
 * the indexes settlement and reconciliation read by (transfers by the hub time they were posted,
 * events by chain breaks).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { autoIdType, isPostgres } from '../dialect.js';
import { PAYOUTS_ACCOUNT_ID } from '../../settlement-ids.js';

export const migration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('merchants')
      .addColumn('merchant_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('fee_rate_bp', 'integer', (c) => c.notNull())
      .addColumn('surcharge_bp', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('settlement_account', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('device_merchants')
      .addColumn('device_id', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.merchant_id'))
      .addColumn('bound_at_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('device_merchants_merchant').on('device_merchants').column('merchant_id').execute();
    await db.schema
      .createTable('merchant_operators')
      .addColumn('operator_id', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.merchant_id'))
      .addColumn('bound_at_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('settlement_periods')
      .addColumn('period', 'text', (c) => c.primaryKey())
      .addColumn('start_ms', 'bigint', (c) => c.notNull())
      .addColumn('end_ms', 'bigint', (c) => c.notNull())
      .addColumn('closed_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('closed_by', 'text', (c) => c.notNull())
      .execute();
    let statements = db.schema
      .createTable('settlement_statements')
      .addColumn('period', 'text', (c) => c.notNull().references('settlement_periods.period'))
      .addColumn('merchant_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('fee_rate_bp', 'integer', (c) => c.notNull())
      .addColumn('settlement_account', 'text', (c) => c.notNull());
    for (const column of ['charges_count', 'gross_fen', 'surcharges_count', 'surcharges_fen', 'refunds_count', 'refunds_fen', 'fee_fen', 'payout_fen', 'late_count', 'late_fen']) {
      statements = statements.addColumn(column, 'bigint', (c) => c.notNull());
    }
    await statements.addPrimaryKeyConstraint('settlement_statements_pk', ['period', 'merchant_id']).execute();
    await db.schema
      .createTable('settlement_devices')
      .addColumn('period', 'text', (c) => c.notNull().references('settlement_periods.period'))
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('merchant_id', 'text', (c) => c.notNull())
      .addColumn('net_fen', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('settlement_devices_pk', ['period', 'device_id'])
      .execute();
    await db.schema
      .createTable('corrections')
      .addColumn('correction_id', autoIdType(db), (c) => (isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('transfer_id', 'text', (c) => c.notNull().references('transfers.transfer_id'))
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('merchant_account_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text')
      .addColumn('amount_fen', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('raised_by', 'text', (c) => c.notNull())
      .addColumn('raised_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at_ms', 'bigint')
      .addColumn('decision_note', 'text')
      .addColumn('refund_transfer_id', 'text')
      .addCheckConstraint('corrections_amount_positive', sql`amount_fen > 0`)
      .execute();
    await db.schema.createIndex('corrections_transfer').on('corrections').column('transfer_id').execute();
    await db.schema.createIndex('corrections_status').on('corrections').columns(['status', 'raised_at_ms']).execute();
    await db.schema
      .createTable('channel_lists')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('list_date', 'text', (c) => c.notNull())
      .addColumn('amount_fen', 'bigint', (c) => c.notNull())
      .addColumn('imported_at_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('channel_lists_pk', ['channel', 'reference'])
      .execute();
    await db.schema.createIndex('channel_lists_date').on('channel_lists').columns(['channel', 'list_date']).execute();
    await db.schema
      .createTable('job_runs')
      .addColumn('job', 'text', (c) => c.notNull())
      .addColumn('run_key', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('at_ms', 'bigint', (c) => c.notNull())
      .addColumn('params_json', 'text', (c) => c.notNull())
      .addColumn('started_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('finished_at_ms', 'bigint')
      .addColumn('cursor', 'text')
      .addColumn('result_json', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addPrimaryKeyConstraint('job_runs_pk', ['job', 'run_key'])
      .execute();
    await db.schema.createIndex('job_runs_started').on('job_runs').column('started_at_ms').execute();

    // Settlement reads a period's transfers by the hub time they were posted; reconciliation the chain breaks.
    await db.schema.createIndex('transfers_created').on('transfers').columns(['created_at_ms', 'kind']).execute();
    await db.schema.createIndex('events_chain_break').on('events').columns(['device_id', 'seq']).where(sql.ref('chain_ok'), '=', 0).execute();

    const raw = db as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    await raw
      .insertInto('accounts')
      .values({ account_id: PAYOUTS_ACCOUNT_ID, kind: 'system', owner_id: null, name: 'merchant payouts', created_at_ms: 0 })
      .onConflict((oc: any) => oc.column('account_id').doNothing()) // eslint-disable-line @typescript-eslint/no-explicit-any
      .execute();
  },
};
