/** Table shapes of the hub database, as Kysely sees them. Times are unix milliseconds. */
import type { Generated } from 'kysely';

export interface DevicesTable {
  device_id: string;
  name: string;
  /** Ed25519 public key, SPKI DER in base64. */
  public_key: string;
  created_at_ms: number;
  /** Highest seq held with every lower seq held too. */
  acked_seq: number;
  last_seen_at_ms: number | null;
  /** Set when the device's key was revoked: it is refused until enrolled again. */
  revoked_at_ms: number | null;
}

export type PersonType = 'staff' | 'student' | 'freshman' | 'temporary';
/** replaced and cancelled are final: such a card is blacklisted for ever (hub/card-life.ts). */
export type CardStatus = 'active' | 'lost' | 'replaced' | 'cancelled';

export interface PeopleTable {
  person_id: string;
  name: string;
  person_type: PersonType;
  created_at_ms: number;
  /** Validity window (unix ms, null: unbounded) and access groups (JSON array) of every card held. */
  valid_from_ms: number | null;
  valid_until_ms: number | null;
  groups: string;
  /** Org unit (department, college, contractor) and contact fields; null when not given (migration 0008). */
  org_unit: string | null;
  phone: string | null;
  email: string | null;
}

export interface CardsTable {
  card_uid: string;
  person_id: string;
  status: CardStatus;
  created_at_ms: number;
  updated_at_ms: number;
  /** The card's own validity window and groups, on top of its holder's (see hub/dataset-log.ts). */
  valid_from_ms: number | null;
  valid_until_ms: number | null;
  groups: string;
  /** The card's spending limits per day (null: the controller's default). */
  daily_limit_fen: number | null;
  offline_daily_limit_fen: number | null;
  /** The card that replaced this one (status replaced). */
  replaced_by: string | null;
}

export interface EventsTable {
  device_id: string;
  seq: number;
  point_id: string;
  device_time_ms: number;
  received_at_ms: number;
  kind: string;
  card_uid: string | null;
  granted: number | null;
  reason: string | null;
  /** The event exactly as the device encoded it (protobuf). */
  payload: Uint8Array;
  /** SHA-256 of `payload` (null for events stored before the chain existed). */
  hash: Uint8Array | null;
  /** The event's `prev_hash` as received. */
  prev_hash: Uint8Array | null;
  /** 1: prev_hash matches the stored hash of seq - 1; 0: a chain break; null: seq - 1 not held yet. */
  chain_ok: number | null;
  /** A charge's account and amount (null for other events). */
  account_id: string | null;
  amount_fen: number | null;
  /** 1 when written offline; 1 when the device was authorised to work offline then (null before 0007). */
  offline: number | null;
  offline_authorised: number | null;
  /** Why a charge was not posted (hub/posting.ts); null when posted or not a charge. */
  held_reason: string | null;
  /** The ledger transfer the charge was posted as. */
  transfer_id: string | null;
}

export type AccountKindText = 'personal' | 'room' | 'merchant' | 'system';

export interface AccountsTable {
  account_id: string;
  kind: AccountKindText;
  owner_id: string | null;
  name: string;
  created_at_ms: number;
  /** Personal and room accounts only (others: 0, their balance is the sum of their transfers). */
  balance_fen: number;
  /** The balances dataset version that last changed the balance. */
  balance_version: number;
  /** When the account was closed (a cancelled person's): it accepts no top-ups after it. */
  closed_at_ms: number | null;
}

export interface TransfersTable {
  transfer_id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount_fen: number;
  kind: string;
  device_id: string | null;
  seq: number | null;
  reference: string | null;
  created_at_ms: number;
}

export interface MeterReadingsTable {
  device_id: string;
  point_id: string;
  meter_id: string;
  seq: number;
  device_time_ms: number;
  received_at_ms: number;
  energy_wh: number;
  power_w: number;
  voltage_mv: number;
  current_ma: number;
  relay_closed: number;
  comm: string;
  account_id: string;
  balance_fen: number;
  cut_off: number;
}

/**
 * Each alarm of a device's point as it stands: its latest raise or clear held (hub/alarms.ts,
 * migration 0014), whatever its kind.
 */
export interface AlarmStatesTable {
  device_id: string;
  point_id: string;
  kind: string;
  /** 1: raised (the latest event held raises it); 0: cleared. */
  active: number;
  /** The latest event's seq, detail and times (device clock hub-corrected; the hub's). */
  seq: number;
  detail: string;
  device_time_ms: number;
  received_at_ms: number;
}

export interface TariffsTable {
  tariff_id: string;
  basis: string;
  price_millifen: number;
  /** JSON array of {startMinute, endMinute, priceMillifen}. */
  bands: string;
  minimum_charge_fen: number;
  max_session_ms: number;
  max_session_cost_fen: number;
  free_energy_wh_per_month: number;
  fallback_price_millifen_per_second: number;
  updated_at_ms: number;
}

export interface SchedulesTable {
  schedule_id: string;
  /** JSON arrays of {daysMask, startMinute, endMinute}. */
  periods: string;
  holiday_periods: string;
  updated_at_ms: number;
}

export interface HolidaysTable {
  /** Local date YYYY-MM-DD. */
  date: string;
  created_at_ms: number;
}

export interface DatasetsTable {
  name: string;
  version: number;
  updated_at_ms: number;
  /** Deltas can start from this version or later; older versions have left the change log. */
  log_floor_version: number;
}

/** Which cards each dataset version changed. */
export interface DatasetLogTable {
  name: string;
  version: number;
  card_uid: string;
}

export interface DeviceDatasetsTable {
  device_id: string;
  name: string;
  version: number;
  applied_at_ms: number;
}

export interface CardChangesTable {
  id: Generated<number>;
  card_uid: string;
  change: string;
  blacklist_version: number;
  at_ms: number;
}

export interface DeviceEnrollmentsTable {
  device_id: string;
  name: string;
  code_sha256: string;
  created_at_ms: number;
  expires_at_ms: number;
  failed_attempts: number;
}

export type CommandStatus = 'pending' | 'sent' | 'done' | 'failed' | 'unsupported' | 'expired';

export interface DeviceCommandsTable {
  command_id: string;
  device_id: string;
  /** e.g. `open_door`. */
  action: string;
  args_json: string;
  created_at_ms: number;
  /** Not delivered after this: a door opened hours late is worse than not at all. */
  expires_at_ms: number;
  sent_at_ms: number | null;
  status: CommandStatus;
  detail: string;
  result_at_ms: number | null;
}

/** Card office policy settings (hub/card-life-settings.ts): one JSON value per key. */
export interface CardLifeSettingsTable {
  key: string;
  value_json: string;
  updated_at_ms: number;
}

export interface Database {
  devices: DevicesTable;
  device_enrollments: DeviceEnrollmentsTable;
  device_commands: DeviceCommandsTable;
  people: PeopleTable;
  cards: CardsTable;
  events: EventsTable;
  datasets: DatasetsTable;
  dataset_log: DatasetLogTable;
  device_datasets: DeviceDatasetsTable;
  card_changes: CardChangesTable;
  accounts: AccountsTable;
  transfers: TransfersTable;
  meter_readings: MeterReadingsTable;
  alarm_states: AlarmStatesTable;
  tariffs: TariffsTable;
  schedules: SchedulesTable;
  holidays: HolidaysTable;
  card_life_settings: CardLifeSettingsTable;
}
