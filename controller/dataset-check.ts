/**
 * Checks a dataset update whole before anything of it is applied. The wire decoder has already
 * checked frames from the hub; this check stands alone so the applier is safe against any object
 * (the fuzzer feeds it objects that never went through the decoder). Returns what to write, or why
 * the update is refused.
 */
import { DatasetName, type DatasetUpdate } from '../protocol/messages.js';
import { HUB_TO_DEVICE_LIMITS, isCardUid, isId } from '../protocol/wire.js';
import type { CardRecord, DatasetKey } from './dataset-store.js';

export const PERSON_TYPES: readonly string[] = ['staff', 'student', 'freshman', 'temporary'];
/** Most access groups on one card entry. */
export const MAX_GROUPS_PER_CARD = 32;

export type CheckedUpdate =
  | { ok: true; key: 'blacklist'; name: DatasetName; version: number; fromVersion: number; full: boolean; add: string[]; remove: string[] }
  | { ok: true; key: 'cards'; name: DatasetName; version: number; fromVersion: number; full: boolean; upsert: CardRecord[]; remove: string[] }
  | { ok: false; message: string };

export const DATASET_KEYS: ReadonlyMap<DatasetName, DatasetKey> = new Map([
  [DatasetName.DATASET_NAME_BLACKLIST, 'blacklist'],
  [DatasetName.DATASET_NAME_CARDS, 'cards'],
]);

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
  return { uid: e.cardUid, personId: e.personId, personType, validFromMs: from, validUntilMs: until, groups: groups as string[] };
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
  if (key === 'blacklist') {
    const data = update.blacklist;
    if (typeof data !== 'object' || data === null || update.cards) return refuse('blacklist update carries no blacklist data (or cards data too)');
    const add = uidList(data.addCardUids, 'blacklist.add_card_uids');
    if (typeof add === 'string') return refuse(add);
    const remove = uidList(data.removeCardUids, 'blacklist.remove_card_uids');
    if (typeof remove === 'string') return refuse(remove);
    if (add.length + remove.length > HUB_TO_DEVICE_LIMITS.maxDatasetEntries) return refuse('blacklist: too many entries');
    return { ok: true, key, name, version, fromVersion, full, add, remove };
  }
  const data = update.cards;
  if (typeof data !== 'object' || data === null || update.blacklist) return refuse('cards update carries no cards data (or blacklist data too)');
  const remove = uidList(data.removeCardUids, 'cards.remove_card_uids');
  if (typeof remove === 'string') return refuse(remove);
  const raw: unknown = data.upsert ?? [];
  if (!Array.isArray(raw)) return refuse('cards.upsert: not a list');
  if (raw.length + remove.length > HUB_TO_DEVICE_LIMITS.maxDatasetEntries) return refuse('cards: too many entries');
  const upsert: CardRecord[] = [];
  for (let i = 0; i < raw.length; i++) {
    const entry = cardEntry(raw[i], i);
    if (typeof entry === 'string') return refuse(entry);
    upsert.push(entry);
  }
  return { ok: true, key, name, version, fromVersion, full, upsert, remove };
}
