/**
 * The generated protobuf classes of protocol/onecard.proto (package onecard.v1), re-exported under
 * short names. Regenerate with `npm run gen` after editing the .proto.
 */
import './pb-runtime.js';
import { onecard } from './gen/onecard.js';

export const pb = onecard.v1;

export type Envelope = onecard.v1.Envelope.$Properties;
export type Event = onecard.v1.Event.$Properties;
export type DatasetUpdate = onecard.v1.DatasetUpdate.$Properties;
export const ErrorCode = onecard.v1.ErrorCode;
export type ErrorCode = onecard.v1.ErrorCode;
export const DatasetName = onecard.v1.DatasetName;
export type DatasetName = onecard.v1.DatasetName;
export const AccessReason = onecard.v1.AccessReason;
export type AccessReason = onecard.v1.AccessReason;

export const SpendRule = onecard.v1.SpendRule;
export type SpendRule = onecard.v1.SpendRule;
export const SessionPhase = onecard.v1.SessionPhase;
export type SessionPhase = onecard.v1.SessionPhase;
export const SessionEnd = onecard.v1.SessionEnd;
export type SessionEnd = onecard.v1.SessionEnd;
export const ChargeBasis = onecard.v1.ChargeBasis;
export type ChargeBasis = onecard.v1.ChargeBasis;
export const MeterComm = onecard.v1.MeterComm;
export type MeterComm = onecard.v1.MeterComm;
export const TariffBasis = onecard.v1.TariffBasis;
export type TariffBasis = onecard.v1.TariffBasis;
export const BlacklistReason = onecard.v1.BlacklistReason;
export type BlacklistReason = onecard.v1.BlacklistReason;

/** The lower-case name of a value of any of the enums above, e.g. `funds_exhausted`, as stored by the hub. */
export function enumText(values: Record<string | number, string | number>, value: number, prefix: string): string {
  const text = values[value];
  return typeof text === 'string' ? text.replace(new RegExp(`^${prefix}_`), '').toLowerCase() : 'unknown';
}

/** Protocol version spoken by this build; the hub refuses other versions with UNSUPPORTED_PROTOCOL. */
export const PROTOCOL_VERSION = 1;

/** The stable name of an error code as written in logs and docs/errors.md, e.g. `auth_failed`. */
export function errorCodeName(code: ErrorCode): string {
  const name = onecard.v1.ErrorCode[code] as string | undefined;
  return (name ?? 'ERROR_CODE_UNKNOWN').replace(/^ERROR_CODE_/, '').toLowerCase();
}

/** The name of a dataset as used in the hub API and logs, e.g. `blacklist`. */
export function datasetNameText(name: DatasetName): string {
  const text = onecard.v1.DatasetName[name] as string | undefined;
  return (text ?? 'DATASET_NAME_UNKNOWN').replace(/^DATASET_NAME_/, '').toLowerCase();
}

/** The name of an access reason as stored by the hub, e.g. `denied_blacklisted`. */
export function accessReasonText(reason: AccessReason): string {
  const text = onecard.v1.AccessReason[reason] as string | undefined;
  return (text ?? 'ACCESS_REASON_UNKNOWN').replace(/^ACCESS_REASON_/, '').toLowerCase();
}
