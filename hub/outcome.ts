/**
 * Operating outcomes of hub operations, one catalogue for the API and the CLI (docs/errors.md).
 * Each failure code maps to one HTTP status.
 */
export const FAILURE_STATUS = {
  invalid_json: 400,
  invalid_body: 400,
  invalid_query: 400,
  body_too_large: 413,
  not_found: 404,
  device_exists: 409,
  person_exists: 409,
  card_exists: 409,
  person_has_active_card: 409,
  unknown_person: 422,
  card_already_lost: 409,
  card_not_lost: 409,
  card_replaced: 409,
  card_cancelled: 409,
  balance_short: 409,
  balance_owed: 409,
  account_closed: 409,
  import_rows_invalid: 422,
  enrollment_refused: 403,
  room_exists: 409,
  account_kind_refused: 422,
  exists_with_different_amount: 409,
  exists_with_different_accounts: 409,
  unauthenticated: 401,
  forbidden: 403,
  password_change_required: 403,
  reason_required: 400,
  login_failed: 401,
  login_locked: 429,
  operator_exists: 409,
  last_admin: 409,
  merchant_exists: 409,
  unknown_device: 422,
  unknown_operator: 422,
  period_not_ended: 409,
  devices_unbound: 409,
  period_out_of_range: 403,
  not_correctable: 422,
  refund_exceeds_charge: 409,
  correction_not_open: 409,
  four_eyes_required: 403,
  channel_list_invalid: 422,
  ticket_transition_refused: 409,
} as const;

export type FailureCode = keyof typeof FAILURE_STATUS;

export interface Failure {
  ok: false;
  code: FailureCode;
  message: string;
  field?: string;
}

export type Outcome<T> = ({ ok: true } & T) | Failure;

export function failure(code: FailureCode, message: string, field?: string): Failure {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
}
