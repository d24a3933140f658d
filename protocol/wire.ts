/**
 * Wire framing of the device link: exactly one Envelope per WebSocket binary frame.
 *
 * `decodeFrame` is a pure function from bytes to a typed result. It bounds the frame size, turns any
 * protobuf decoding failure into `malformed_frame`, and validates every field a receiver relies on
 * (identifiers, counts, lengths, integer ranges), so a bad frame is an operating error with a code,
 * never an exception that could take a process down.
 */
import { AccessReason, ErrorCode, pb, type Envelope, type Event } from './messages.js';
import type { onecard } from './gen/onecard.js';

export interface WireLimits {
  /** Largest frame accepted, in bytes. */
  maxFrameBytes: number;
  /** Most events in one EventBatch. */
  maxEventsPerBatch: number;
  /** Most card UIDs in one dataset update. */
  maxDatasetEntries: number;
}

/** Limits for frames a hub accepts from devices. */
export const DEVICE_TO_HUB_LIMITS: WireLimits = {
  maxFrameBytes: 1024 * 1024,
  maxEventsPerBatch: 256,
  maxDatasetEntries: 0,
};

/** Limits for frames a device accepts from the hub (dataset snapshots can be large). */
export const HUB_TO_DEVICE_LIMITS: WireLimits = {
  maxFrameBytes: 16 * 1024 * 1024,
  maxEventsPerBatch: 0,
  maxDatasetEntries: 1_000_000,
};

export const NONCE_BYTES = 32;
export const SIGNATURE_BYTES = 64;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const UID_PATTERN = /^[0-9A-F]{8,20}$/;
const MAX_TEXT = 1024;

export type DecodeResult =
  | { ok: true; envelope: onecard.v1.Envelope }
  | { ok: false; code: ErrorCode; message: string };

export function encodeFrame(envelope: Envelope): Uint8Array {
  return pb.Envelope.encode(envelope).finish();
}

export function decodeFrame(data: Uint8Array, limits: WireLimits): DecodeResult {
  if (data.length > limits.maxFrameBytes) {
    return fail(ErrorCode.ERROR_CODE_FRAME_TOO_LARGE, `frame of ${data.length} bytes exceeds ${limits.maxFrameBytes}`);
  }
  let envelope: onecard.v1.Envelope;
  try {
    envelope = pb.Envelope.decode(data);
  } catch (err) {
    return fail(ErrorCode.ERROR_CODE_MALFORMED_FRAME, `not a protobuf Envelope: ${(err as Error).message}`);
  }
  if (!envelope.body) return fail(ErrorCode.ERROR_CODE_MALFORMED_FRAME, 'envelope carries no message');
  const problem = validateEnvelope(envelope, limits);
  if (problem) return fail(problem.code, problem.message);
  return { ok: true, envelope };
}

function fail(code: ErrorCode, message: string): DecodeResult {
  return { ok: false, code, message };
}

interface Problem {
  code: ErrorCode;
  message: string;
}

const malformed = (message: string): Problem => ({ code: ErrorCode.ERROR_CODE_MALFORMED_FRAME, message });

function validateEnvelope(env: onecard.v1.Envelope, limits: WireLimits): Problem | null {
  switch (env.body) {
    case 'hello': {
      const h = env.hello!;
      if (!isId(h.deviceId)) return malformed(`hello.device_id: ${describeId(h.deviceId)}`);
      if (!isSeq(h.lastSeqWritten, true)) return malformed('hello.last_seq_written: not a safe integer');
      if (!isSeq(h.ackedSeq, true)) return malformed('hello.acked_seq: not a safe integer');
      if ((h.datasets?.length ?? 0) > 16) return malformed('hello.datasets: more than 16 entries');
      for (const [i, d] of (h.datasets ?? []).entries()) {
        if (!isSeq(d.version, true)) return malformed(`hello.datasets[${i}].version: not a safe integer`);
      }
      if ((h.softwareVersion?.length ?? 0) > 64) return malformed('hello.software_version: longer than 64');
      return null;
    }
    case 'challenge':
      return env.challenge!.nonce?.length === NONCE_BYTES ? null : malformed(`challenge.nonce: must be ${NONCE_BYTES} bytes`);
    case 'auth':
      return env.auth!.signature?.length === SIGNATURE_BYTES ? null : malformed(`auth.signature: must be ${SIGNATURE_BYTES} bytes`);
    case 'welcome': {
      const w = env.welcome!;
      if (!isSeq(w.ackedSeq, true)) return malformed('welcome.acked_seq: not a safe integer');
      if (!isSeq(w.hubTimeUnixMs, true)) return malformed('welcome.hub_time_unix_ms: not a safe integer');
      return null;
    }
    case 'events': {
      const events = env.events!.events ?? [];
      if (events.length === 0) return malformed('events: empty batch');
      if (events.length > limits.maxEventsPerBatch) {
        return malformed(`events: ${events.length} events exceed the batch limit of ${limits.maxEventsPerBatch}`);
      }
      for (const [i, e] of events.entries()) {
        const why = validateEvent(e);
        if (why) return { code: ErrorCode.ERROR_CODE_INVALID_EVENT, message: `events[${i}].${why}` };
      }
      return null;
    }
    case 'ack':
      return isSeq(env.ack!.ackedSeq, true) ? null : malformed('ack.acked_seq: not a safe integer');
    case 'datasetUpdate': {
      const u = env.datasetUpdate!;
      if (!isSeq(u.version, false)) return malformed('dataset_update.version: must be a positive safe integer');
      if (!isSeq(u.fromVersion, true)) return malformed('dataset_update.from_version: not a safe integer');
      const chunk = chunkProblem(u);
      if (chunk) return malformed(chunk);
      const uids = u.blacklist
        ? [...(u.blacklist.addCardUids ?? []), ...(u.blacklist.removeCardUids ?? []), ...(u.blacklist.add ?? []).map((e) => e.cardUid ?? '')]
        : [...(u.cards?.upsert ?? []).map((c) => c.cardUid ?? ''), ...(u.cards?.removeCardUids ?? [])];
      // Entries of the other datasets are checked field by field by the device's applier.
      const others =
        (u.balances?.upsert?.length ?? 0) + (u.balances?.removeAccountIds?.length ?? 0) +
        (u.tariffs?.upsert?.length ?? 0) + (u.tariffs?.removeTariffIds?.length ?? 0) +
        (u.schedules?.upsert?.length ?? 0) + (u.schedules?.removeScheduleIds?.length ?? 0) +
        (u.schedules?.addHolidays?.length ?? 0) + (u.schedules?.removeHolidays?.length ?? 0);
      if (uids.length + others > limits.maxDatasetEntries) {
        return malformed(`dataset_update: ${uids.length + others} entries exceed ${limits.maxDatasetEntries}`);
      }
      const bad = uids.findIndex((uid) => !UID_PATTERN.test(uid));
      if (bad >= 0) return malformed(`dataset_update: entry ${bad}: card uid ${JSON.stringify(uids[bad])} is not 8-20 upper-case hex digits`);
      for (const c of u.cards?.upsert ?? []) {
        if (!isId(c.personId)) return malformed(`dataset_update.cards: person_id ${describeId(c.personId)}`);
      }
      return null;
    }
    case 'datasetAck':
      return isSeq(env.datasetAck!.version, true) ? null : malformed('dataset_ack.version: not a safe integer');
    case 'command': {
      const c = env.command!;
      if (!isId(c.commandId)) return malformed(`command.command_id: ${describeId(c.commandId)}`);
      if (c.openDoor && !isId(c.openDoor.pointId)) return malformed(`command.open_door.point_id: ${describeId(c.openDoor.pointId)}`);
      if (c.setRoomPower && !isId(c.setRoomPower.pointId)) return malformed(`command.set_room_power.point_id: ${describeId(c.setRoomPower.pointId)}`);
      if (c.setRoomPower && !isSeq(c.setRoomPower.overrideUntilUnixMs, true)) return malformed('command.set_room_power.override_until_unix_ms: not a safe integer');
      if (c.setOfflineAuthorisation && !isSeq(c.setOfflineAuthorisation.untilUnixMs, true)) return malformed('command.set_offline_authorisation.until_unix_ms: not a safe integer');
      const only = c.runSelfTest?.only ?? [];
      if (only.length > 16 || only.some((s) => !/^[a-z]{1,32}$/.test(s))) return malformed('command.run_self_test.only: at most 16 suite names of 1-32 letters a-z');
      return null;
    }
    case 'commandResult':
      return (env.commandResult!.detail?.length ?? 0) > MAX_TEXT ? malformed('command_result.detail: too long') : null;
    case 'heartbeat':
      return isSeq(env.heartbeat!.timeUnixMs, true) ? null : malformed('heartbeat.time_unix_ms: not a safe integer');
    case 'error':
      return (env.error!.message?.length ?? 0) > MAX_TEXT ? malformed('error.message: too long') : null;
    default:
      return malformed('envelope carries no known message');
  }
}

/**
 * The chunk fields of a dataset update (see DatasetUpdate in onecard.proto), structurally: what is
 * wrong, or null. chunk_count 0 or 1 is an update whole in one frame (snapshot_id is then not
 * looked at); 2 or more is a chunk of a snapshot. How many chunks a device takes is its own limit.
 */
export function chunkProblem(u: { fullSnapshot?: boolean | null; snapshotId?: number | null; chunkIndex?: number | null; chunkCount?: number | null }): string | null {
  const count = u.chunkCount ?? 0;
  const index = u.chunkIndex ?? 0;
  if (!isSeq(u.snapshotId, true)) return 'dataset_update.snapshot_id: not a safe integer';
  if (!Number.isSafeInteger(count) || count < 0) return 'dataset_update.chunk_count: not a non-negative integer';
  if (!Number.isSafeInteger(index) || index < 0) return 'dataset_update.chunk_index: not a non-negative integer';
  if (count <= 1) return index === 0 ? null : `dataset_update.chunk_index: ${index} in an update of chunk_count ${count} (whole in one frame)`;
  if (u.fullSnapshot !== true) return 'dataset_update.chunk_count: only a full snapshot is sent in chunks';
  if (!u.snapshotId) return 'dataset_update.snapshot_id: a chunked snapshot needs a positive id';
  if (index >= count) return `dataset_update.chunk_index: ${index} is not below chunk_count ${count}`;
  return null;
}

/** Checks one event; returns the field path and what is wrong, or null when valid. */
export function validateEvent(e: Event): string | null {
  if (!isId(e.deviceId)) return `device_id: ${describeId(e.deviceId)}`;
  if (!isSeq(e.seq, false)) return 'seq: must be a positive safe integer';
  if (!isSeq(e.deviceTimeUnixMs, true)) return 'device_time_unix_ms: not a safe integer';
  if (!isId(e.pointId)) return `point_id: ${describeId(e.pointId)}`;
  const prevHashBytes = e.prevHash?.length ?? 0;
  if (prevHashBytes !== 0 && prevHashBytes !== 32) return `prev_hash: ${prevHashBytes} bytes, not a SHA-256`;
  if (!isSeq(e.monotonicMs, true)) return 'monotonic_ms: not a safe integer';
  if (e.access) {
    const cardless = e.access.reason === AccessReason.ACCESS_REASON_GRANTED_REMOTE || e.access.reason === AccessReason.ACCESS_REASON_GRANTED_EXIT_REQUEST;
    // A remote opening (an operator's command) and an exit request have no card; every other decision has one.
    if (!(cardless && !e.access.cardUid) && !UID_PATTERN.test(e.access.cardUid ?? '')) return 'access.card_uid: not 8-20 upper-case hex digits';
    if (!isSeq(e.access.blacklistVersion, true)) return 'access.blacklist_version: not a safe integer';
    return null;
  }
  if (e.charge) {
    const c = e.charge;
    const amount = c.amountFen ?? 0;
    if (!Number.isSafeInteger(amount) || amount < 0) return 'charge.amount_fen: not a non-negative safe integer';
    if (!isId(c.accountId)) return `charge.account_id: ${describeId(c.accountId)}`;
    if (c.cardUid && !UID_PATTERN.test(c.cardUid)) return 'charge.card_uid: not 8-20 upper-case hex digits';
    if (c.tariffId && !isId(c.tariffId)) return `charge.tariff_id: ${describeId(c.tariffId)}`;
    if ((c.sessionId?.length ?? 0) > 128) return 'charge.session_id: longer than 128';
    for (const k of ['volumeMl', 'durationMs', 'energyWh', 'freeEnergyWh'] as const) {
      if (!isSeq(c[k], true)) return `charge.${k}: not a non-negative safe integer`;
    }
    return null;
  }
  if (e.showerSession) {
    const s = e.showerSession;
    if (!s.sessionId || s.sessionId.length > 128) return 'shower_session.session_id: must be 1-128 characters';
    if (s.cardUid && !UID_PATTERN.test(s.cardUid)) return 'shower_session.card_uid: not 8-20 upper-case hex digits';
    for (const k of ['pulses', 'volumeMl', 'durationMs', 'amountFen', 'allowanceFen'] as const) {
      if (!isSeq(s[k], true)) return `shower_session.${k}: not a non-negative safe integer`;
    }
    return null;
  }
  if (e.alarm) {
    if (!e.alarm.kind || e.alarm.kind.length > 64) return 'alarm.kind: must be 1-64 characters';
    if ((e.alarm.detail?.length ?? 0) > MAX_TEXT) return 'alarm.detail: too long';
    return null;
  }
  if (e.meterReading) {
    const m = e.meterReading;
    if (!isSeq(m.energyWh, true)) return 'meter_reading.energy_wh: not a safe integer';
    if (!Number.isSafeInteger(m.balanceFen ?? 0)) return 'meter_reading.balance_fen: not a safe integer';
    if (m.accountId && !isId(m.accountId)) return `meter_reading.account_id: ${describeId(m.accountId)}`;
    return null;
  }
  if (e.selfTest) {
    const t = e.selfTest;
    for (const k of ['detail', 'figure', 'remedy', 'cause'] as const) if ((t[k]?.length ?? 0) > MAX_TEXT) return `self_test.${k}: too long`;
    for (const k of ['component', 'category', 'runId', 'step', 'suite'] as const) if ((t[k]?.length ?? 0) > 128) return `self_test.${k}: longer than 128`;
    return null;
  }
  return 'payload: missing';
}

export function isId(value: string | null | undefined): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

export function isCardUid(value: string): boolean {
  return UID_PATTERN.test(value);
}

function describeId(value: string | null | undefined): string {
  return `${JSON.stringify(value ?? '')} is not 1-64 characters of letters, digits, '.', '_' or '-'`;
}

function isSeq(value: number | null | undefined, allowZero: boolean): boolean {
  const v = value ?? 0;
  return Number.isSafeInteger(v) && (allowZero ? v >= 0 : v > 0);
}
