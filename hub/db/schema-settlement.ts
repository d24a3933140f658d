/**
 * Tables of merchants, settlement, corrections, reconciliation and calendar jobs (migration 0010),
 * as Kysely sees them. Stores use `db.withTables<SettlementTables>()`. Times are unix milliseconds.
 */
import type { Generated } from 'kysely';

export type MerchantKind = 'canteen' | 'shower' | 'electricity' | 'door' | 'other';

/** A merchant (系统用户): whoever runs the terminals money is spent at. */
export interface MerchantsTable {
  merchant_id: string;
  name: string;
  kind: MerchantKind;
  /** The card centre's fee on the merchant's takings, in basis points (150 = 1.5%). */
  fee_rate_bp: number;
  /** Temporary cards pay this on top at a canteen-type merchant (搭伙费), in basis points (1000 = 10%). */
  surcharge_bp: number;
  /** Where the merchant is paid (its bank account, as finance writes it); shown on the statement. */
  settlement_account: string;
  created_at_ms: number;
  updated_at_ms: number;
}

/** Which merchant each device belongs to (every point of a device belongs to the device's merchant). */
export interface DeviceMerchantsTable {
  device_id: string;
  merchant_id: string;
  bound_at_ms: number;
}

/** An operator who acts for a merchant: they may read that merchant's own flows. */
export interface MerchantOperatorsTable {
  operator_id: string;
  merchant_id: string;
  bound_at_ms: number;
}

/** A closed settlement period (YYYY-MM): its bounds in hub time and who closed it. */
export interface SettlementPeriodsTable {
  period: string;
  start_ms: number;
  end_ms: number;
  closed_at_ms: number;
  closed_by: string;
}

/** A merchant's statement of a closed period, frozen at the close. */
export interface SettlementStatementsTable {
  period: string;
  merchant_id: string;
  name: string;
  kind: string;
  fee_rate_bp: number;
  settlement_account: string;
  charges_count: number;
  gross_fen: number;
  surcharges_count: number;
  surcharges_fen: number;
  refunds_count: number;
  refunds_fen: number;
  fee_fen: number;
  /** Negative: the merchant owes (refunds beyond its takings). */
  payout_fen: number;
  late_count: number;
  late_fen: number;
}

/** Which devices a closed period settled for which merchant, and their net flow. */
export interface SettlementDevicesTable {
  period: string;
  device_id: string;
  merchant_id: string;
  net_fen: number;
}

export type CorrectionStatus = 'open' | 'approved' | 'rejected';

/** A correction ticket (消费纠错处理单): a refund of a wrong charge, raised and approved by two operators. */
export interface CorrectionsTable {
  correction_id: Generated<number>;
  /** The charge (or surcharge) corrected; never edited. */
  transfer_id: string;
  /** The account refunded (the charge's debit) and the device account refunding (its credit). */
  account_id: string;
  merchant_account_id: string;
  device_id: string | null;
  amount_fen: number;
  reason: string;
  status: CorrectionStatus;
  raised_by: string;
  raised_at_ms: number;
  decided_by: string | null;
  decided_at_ms: number | null;
  decision_note: string | null;
  refund_transfer_id: string | null;
}

/** A payment channel's own list of top-ups (the bank's or online channel's statement), by reference. */
export interface ChannelListsTable {
  channel: string;
  reference: string;
  /** The business day of the channel's list it came in (YYYY-MM-DD). */
  list_date: string;
  amount_fen: number;
  imported_at_ms: number;
}

export type JobState = 'running' | 'done' | 'failed';

/** One run of a calendar job, keyed by what it runs for (a day, a period, a list). */
export interface JobRunsTable {
  job: string;
  run_key: string;
  state: JobState;
  /** The instant the run is for. */
  at_ms: number;
  params_json: string;
  started_at_ms: number;
  updated_at_ms: number;
  finished_at_ms: number | null;
  /** Where a resumed run continues (the last person done), null at the start. */
  cursor: string | null;
  result_json: string;
  error: string | null;
}

export type SettlementTables = {
  merchants: MerchantsTable;
  device_merchants: DeviceMerchantsTable;
  merchant_operators: MerchantOperatorsTable;
  settlement_periods: SettlementPeriodsTable;
  settlement_statements: SettlementStatementsTable;
  settlement_devices: SettlementDevicesTable;
  corrections: CorrectionsTable;
  channel_lists: ChannelListsTable;
  job_runs: JobRunsTable;
};
