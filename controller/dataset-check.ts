/**
 * Checks a dataset update whole before anything of it is applied. The wire decoder has already
 * checked frames from the hub; this check stands alone so the applier is safe against any object
 * (the fuzzer feeds it objects that never went through the decoder). Returns what to write, or why
 * the update is refused.
 */
import { BlacklistReason, DatasetName, TariffBasis, type DatasetUpdate } from '../protocol/messages.js';
import { HUB_TO_DEVICE_LIMITS, chunkProblem, isCardUid, isId } from '../protocol/wire.js';
import type {
  BalanceRecord, BlacklistReasonText, CardRecord, DatasetKey, SchedulePeriodRecord, ScheduleRecord, TariffBasisText, TariffRecord,
} from './dataset-types.js';

export const PERSON_TYPES: readonly string[] = ['staff', 'student', 'freshman', 'temporary'];
/** Most access groups on one card entry. */
export const MAX_GROUPS_PER_CARD = 32;
/** Most periods in a schedule, and bands in a tariff. */
export const MAX_PERIODS = 64;

interface Common {
  ok: true;
  name: DatasetName;
  version: number;
  fromVersion: number;
  full: boolean;
}

export type CheckedUpdate =
  | (Common & { key: 'blacklist'; add: Array<{ uid: string; reason: BlacklistReasonText }>; remove: string[] })
  | (Common & { key: 'cards'; upsert: CardRecord[]; remove: string[] })
  | (Common & { key: 'balances'; upsert: BalanceRecord[]; remove: string[] })
  | (Common & { key: 'tariffs'; upsert: TariffRecord[]; remove: string[] })
  | (Common & { key: 'schedules'; upsert: ScheduleRecord[]; remove: string[]; addHolidays: string[]; removeHolidays: string[] })
  | { ok: false; message: string };

export const DATASET_KEYS: ReadonlyMap<DatasetName, DatasetKey> = new Map([
  [DatasetName.DATASET_NAME_BLACKLIST, 'blacklist'],
  [DatasetName.DATASET_NAME_CARDS, 'cards'],
  [DatasetName.DATASET_NAME_BALANCES, 'balances'],
  [DatasetName.DATASET_NAME_TARIFFS, 'tariffs'],
  [DatasetName.DATASET_NAME_SCHEDULES, 'schedules'],
]);

const BLACKLIST_REASONS: ReadonlyMap<number, BlacklistReasonText> = new Map([
  [BlacklistReason.BLACKLIST_REASON_UNSPECIFIED, ''],
  [BlacklistReason.BLACKLIST_REASON_LOST, 'lost'],
  [BlacklistReason.BLACKLIST_REASON_REPLACED, 'replaced'],
  [BlacklistReason.BLACKLIST_REASON_CANCELLED, 'cancelled'],
]);

const TARIFF_BASES: ReadonlyMap<number, TariffBasisText> = new Map([
  [TariffBasis.TARIFF_BASIS_PER_LITRE, 'per_litre'],
  [TariffBasis.TARIFF_BASIS_PER_SECOND, 'per_second'],
  [TariffBasis.TARIFF_BASIS_PER_KWH, 'per_kwh'],
]);

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const refuse = (message: string): CheckedUpdate => ({ ok: false, message });

function count(value: unknown, what: string): number | string {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return `${what}: not a non-negative safe integer`;
  return value;
}

function uidList(value: unknown, what: string): string[] | string {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return `${what}: not a list`;
  if (value.length > HUB_TO_DEVICE_LIMITS.maxDatasetEntries) return `${what}: more than ${HUB_TO_DEVICE_LIMITS.maxDatasetEntries} entries`;
  for (let i = 0; i < value.length; i++) {
    const uid: unknown = value[i];
    if (typeof uid !== 'string' || !isCardUid(uid)) return `${what}[${i}]: not 8-20 upper-case hex digits`;
  }
  return value as string[];
}

function cardEntry(value: unknown, i: number): CardRecord | string {
  const where = `cards.upsert[${i}]`;
  if (typeof value !== 'object' || value === null) return `${where}: not an entry`;
  const e = value as Record<string, unknown>;
  if (typeof e.cardUid !== 'string' || !isCardUid(e.cardUid)) return `${where}.card_uid: not 8-20 upper-case hex digits`;
  if (typeof e.personId !== 'string' || !isId(e.personId)) return `${where}.person_id: not an id`;
  const personType = e.personType ?? '';
  if (typeof personType !== 'string' || (personType !== '' && !PERSON_TYPES.includes(personType))) return `${where}.person_type: unknown`;
  const from = count(e.validFromUnixMs, `${where}.valid_from_unix_ms`);
  if (typeof from === 'string') return from;
  const until = count(e.validUntilUnixMs, `${where}.valid_until_unix_ms`);
  if (typeof until === 'string') return until;
  const groups = e.groups ?? [];
  if (!Array.isArray(groups) || groups.length > MAX_GROUPS_PER_CARD) return `${where}.groups: not a list of at most ${MAX_GROUPS_PER_CARD}`;
  for (const g of groups as unknown[]) if (typeof g !== 'string' || !isId(g)) return `${where}.groups: ${JSON.stringify(g)} is not an id`;
  const accountId = e.accountId ?? '';
  if (typeof accountId !== 'string' || (accountId !== '' && !isId(accountId))) return `${where}.account_id: not an id`;
  const daily = count(e.dailyLimitFen, `${where}.daily_limit_fen`);
  if (typeof daily === 'string') return daily;
  const offline = count(e.offlineDailyLimitFen, `${where}.offline_daily_limit_fen`);
  if (typeof offline === 'string') return offline;
  return {
    uid: e.cardUid, personId: e.personId, personType, validFromMs: from, validUntilMs: until, groups: groups as string[],
    accountId, dailyLimitFen: daily, offlineDailyLimitFen: offline,
  };
}

function idList(value: unknown, what: string, pattern: (v: string) => boolean = isId): string[] | string {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return `${what}: not a list`;
  if (value.length > HUB_TO_DEVICE_LIMITS.maxDatasetEntries) return `${what}: more than ${HUB_TO_DEVICE_LIMITS.maxDatasetEntries} entries`;
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'string' || !pattern(v)) return `${what}[${i}]: ${JSON.stringify(v)} is not valid`;
  }
  return value as string[];
}

function entries(value: unknown, what: string): unknown[] | string {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return `${what}: not a list`;
  if (value.length > HUB_TO_DEVICE_LIMITS.maxDatasetEntries) return `${what}: more than ${HUB_TO_DEVICE_LIMITS.maxDatasetEntries} entries`;
  return value;
}

function object(value: unknown, where: string): Record<string, unknown> | string {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : `${where}: not an entry`;
}

function balanceEntry(value: unknown, i: number): BalanceRecord | string {
  const where = `balances.upsert[${i}]`;
  const e = object(value, where);
  if (typeof e === 'string') return e;
  if (typeof e.accountId !== 'string' || !isId(e.accountId)) return `${where}.account_id: not an id`;
  const fen = e.balanceFen ?? 0;
  if (typeof fen !== 'number' || !Number.isSafeInteger(fen)) return `${where}.balance_fen: not a safe integer`;
  const posted = count(e.postedSeq, `${where}.posted_seq`);
  if (typeof posted === 'string') return posted;
  return { accountId: e.accountId, balanceFen: fen, postedSeq: posted };
}

function minuteRange(e: Record<string, unknown>, where: string): { startMinute: number; endMinute: number } | string {
  const start = count(e.startMinute, `${where}.start_minute`);
  if (typeof start === 'string') return start;
  const end = count(e.endMinute, `${where}.end_minute`);
  if (typeof end === 'string') return end;
  if (end > 1440 || start >= end) return `${where}: minutes must satisfy 0 <= start < end <= 1440`;
  return { startMinute: start, endMinute: end };
}

function tariffEntry(value: unknown, i: number): TariffRecord | string {
  const where = `tariffs.upsert[${i}]`;
  const e = object(value, where);
  if (typeof e === 'string') return e;
  if (typeof e.tariffId !== 'string' || !isId(e.tariffId)) return `${where}.tariff_id: not an id`;
  const basis = TARIFF_BASES.get(typeof e.basis === 'number' ? e.basis : -1);
  if (!basis) return `${where}.basis: not per litre, per second or per kWh`;
  const numbers: Record<string, number> = {};
  for (const k of ['priceMillifen', 'minimumChargeFen', 'maxSessionMs', 'maxSessionCostFen', 'freeEnergyWhPerMonth', 'fallbackPriceMillifenPerSecond'] as const) {
    const n = count(e[k], `${where}.${k}`);
    if (typeof n === 'string') return n;
    numbers[k] = n;
  }
  const rawBands = e.bands ?? [];
  if (!Array.isArray(rawBands) || rawBands.length > MAX_PERIODS) return `${where}.bands: not a list of at most ${MAX_PERIODS}`;
  const bands = [];
  for (const [j, raw] of (rawBands as unknown[]).entries()) {
    const b = object(raw, `${where}.bands[${j}]`);
    if (typeof b === 'string') return b;
    const range = minuteRange(b, `${where}.bands[${j}]`);
    if (typeof range === 'string') return range;
    const price = count(b.priceMillifen, `${where}.bands[${j}].price_millifen`);
    if (typeof price === 'string') return price;
    bands.push({ ...range, priceMillifen: price });
  }
  return {
    id: e.tariffId, basis, bands,
    priceMillifen: numbers.priceMillifen!, minimumChargeFen: numbers.minimumChargeFen!, maxSessionMs: numbers.maxSessionMs!,
    maxSessionCostFen: numbers.maxSessionCostFen!, freeEnergyWhPerMonth: numbers.freeEnergyWhPerMonth!,
    fallbackPriceMillifenPerSecond: numbers.fallbackPriceMillifenPerSecond!,
  };
}

function periods(value: unknown, where: string): SchedulePeriodRecord[] | string {
  const raw = value ?? [];
  if (!Array.isArray(raw) || raw.length > MAX_PERIODS) return `${where}: not a list of at most ${MAX_PERIODS}`;
  const out: SchedulePeriodRecord[] = [];
  for (const [j, item] of (raw as unknown[]).entries()) {
    const p = object(item, `${where}[${j}]`);
    if (typeof p === 'string') return p;
    const mask = count(p.daysMask, `${where}[${j}].days_mask`);
    if (typeof mask === 'string') return mask;
    if (mask === 0 || mask > 0x7f) return `${where}[${j}].days_mask: must name at least one day, bits 0-6`;
    const range = minuteRange(p, `${where}[${j}]`);
    if (typeof range === 'string') return range;
    out.push({ daysMask: mask, ...range });
  }
  return out;
}

function scheduleEntry(value: unknown, i: number): ScheduleRecord | string {
  const where = `schedules.upsert[${i}]`;
  const e = object(value, where);
  if (typeof e === 'string') return e;
  if (typeof e.scheduleId !== 'string' || !isId(e.scheduleId)) return `${where}.schedule_id: not an id`;
  const regular = periods(e.periods, `${where}.periods`);
  if (typeof regular === 'string') return regular;
  const holiday = periods(e.holidayPeriods, `${where}.holiday_periods`);
  if (typeof holiday === 'string') return holiday;
  return { id: e.scheduleId, periods: regular, holidayPeriods: holiday };
}

function checkEach<T>(raw: unknown[], check: (v: unknown, i: number) => T | string): T[] | string {
  const out: T[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = check(raw[i], i);
    if (typeof r === 'string') return r;
    out.push(r);
  }
  return out;
}

/** Where an update sits in a chunked snapshot; chunkCount 0 or 1: the update is whole in its frame. */
export interface ChunkHeader {
  snapshotId: number;
  chunkIndex: number;
  chunkCount: number;
}

/** The chunk fields of an update (protocol/onecard.proto DatasetUpdate), or what is wrong with them. */
export function checkChunk(update: DatasetUpdate): ChunkHeader | string {
  if (typeof update !== 'object' || update === null) return 'not an update';
  const problem = chunkProblem(update);
  if (problem) return problem;
  return { snapshotId: update.snapshotId ?? 0, chunkIndex: update.chunkIndex ?? 0, chunkCount: update.chunkCount ?? 0 };
}

/** Checks `update` against the version held; `held` is undefined for a dataset this device does not know. */
export function checkUpdate(update: DatasetUpdate, held: (name: DatasetName) => number | undefined): CheckedUpdate {
  if (typeof update !== 'object' || update === null) return refuse('not an update');
  const name = update.name ?? DatasetName.DATASET_NAME_UNSPECIFIED;
  const key = DATASET_KEYS.get(name);
  const heldVersion = held(name);
  if (!key || heldVersion === undefined) return refuse(`unknown dataset ${String(name)}`);
  const version = count(update.version, 'version');
  if (typeof version === 'string') return refuse(version);
  if (version === 0) return refuse('version: must be positive');
  const fromVersion = count(update.fromVersion, 'from_version');
  if (typeof fromVersion === 'string') return refuse(fromVersion);
  const full = update.fullSnapshot === true;
  if (!full && fromVersion >= version) return refuse(`delta from version ${fromVersion} to ${version} does not move forward`);
  const payloads = ['blacklist', 'cards', 'balances', 'tariffs', 'schedules'].filter((k) => (update as Record<string, unknown>)[k] !== undefined && (update as Record<string, unknown>)[k] !== null);
  if (payloads.length !== 1 || payloads[0] !== key) return refuse(`${key} update must carry ${key} data and nothing else (carries: ${payloads.join(', ') || 'none'})`);
  const common = { ok: true as const, name, version, fromVersion, full };
  const data = object((update as Record<string, unknown>)[key], key);
  if (typeof data === 'string') return refuse(data);
  switch (key) {
    case 'blacklist': {
      const plain = uidList(data.addCardUids, 'blacklist.add_card_uids');
      if (typeof plain === 'string') return refuse(plain);
      const remove = uidList(data.removeCardUids, 'blacklist.remove_card_uids');
      if (typeof remove === 'string') return refuse(remove);
      const raw = entries(data.add, 'blacklist.add');
      if (typeof raw === 'string') return refuse(raw);
      const withReason = checkEach(raw, (v, i) => {
        const e = object(v, `blacklist.add[${i}]`);
        if (typeof e === 'string') return e;
        if (typeof e.cardUid !== 'string' || !isCardUid(e.cardUid)) return `blacklist.add[${i}].card_uid: not 8-20 upper-case hex digits`;
        const reason = BLACKLIST_REASONS.get(typeof e.reason === 'number' ? e.reason : (e.reason ?? 0) as number);
        if (reason === undefined) return `blacklist.add[${i}].reason: unknown`;
        return { uid: e.cardUid, reason };
      });
      if (typeof withReason === 'string') return refuse(withReason);
      const add = [...plain.map((uid) => ({ uid, reason: '' as const })), ...withReason];
      if (add.length + remove.length > HUB_TO_DEVICE_LIMITS.maxDatasetEntries) return refuse('blacklist: too many entries');
      return { ...common, key, add, remove };
    }
    case 'cards': {
      const remove = uidList(data.removeCardUids, 'cards.remove_card_uids');
      if (typeof remove === 'string') return refuse(remove);
      const raw = entries(data.upsert, 'cards.upsert');
      if (typeof raw === 'string') return refuse(raw);
      if (raw.length + remove.length > HUB_TO_DEVICE_LIMITS.maxDatasetEntries) return refuse('cards: too many entries');
      const upsert = checkEach(raw, cardEntry);
      if (typeof upsert === 'string') return refuse(upsert);
      return { ...common, key, upsert, remove };
    }
    case 'balances': {
      const remove = idList(data.removeAccountIds, 'balances.remove_account_ids');
      if (typeof remove === 'string') return refuse(remove);
      const raw = entries(data.upsert, 'balances.upsert');
      if (typeof raw === 'string') return refuse(raw);
      const upsert = checkEach(raw, balanceEntry);
      if (typeof upsert === 'string') return refuse(upsert);
      return { ...common, key, upsert, remove };
    }
    case 'tariffs': {
      const remove = idList(data.removeTariffIds, 'tariffs.remove_tariff_ids');
      if (typeof remove === 'string') return refuse(remove);
      const raw = entries(data.upsert, 'tariffs.upsert');
      if (typeof raw === 'string') return refuse(raw);
      const upsert = checkEach(raw, tariffEntry);
      if (typeof upsert === 'string') return refuse(upsert);
      return { ...common, key, upsert, remove };
    }
    case 'schedules': {
      const remove = idList(data.removeScheduleIds, 'schedules.remove_schedule_ids');
      if (typeof remove === 'string') return refuse(remove);
      const addHolidays = idList(data.addHolidays, 'schedules.add_holidays', (d) => DATE.test(d));
      if (typeof addHolidays === 'string') return refuse(addHolidays);
      const removeHolidays = idList(data.removeHolidays, 'schedules.remove_holidays', (d) => DATE.test(d));
      if (typeof removeHolidays === 'string') return refuse(removeHolidays);
      const raw = entries(data.upsert, 'schedules.upsert');
      if (typeof raw === 'string') return refuse(raw);
      const upsert = checkEach(raw, scheduleEntry);
      if (typeof upsert === 'string') return refuse(upsert);
      return { ...common, key, upsert, remove, addHolidays, removeHolidays };
    }
  }
}
