/**
 * Fuzzing the dataset applier (Policy.apply, with dataset-check.ts and dataset-store.ts behind it):
 * valid deltas and snapshots of all five datasets, the same with one field mutated into something
 * wrong (bad versions, unknown names, two data kinds, malformed UIDs, ids, types, validity, groups,
 * balances, tariffs, schedules and holidays, non-lists, huge
 * or prototype-polluting values), and hub frames with mutated bytes that the device's wire decoder
 * lets through. A crash is a rejected apply, an unhandled rejection, a version that went down, or
 * content that differs from a model of what was accepted (so a refused update must leave nothing
 * behind). Deterministic for a seed, so a crash can be replayed.
 */
import { Policy } from './policy.js';
import { seededRandom } from './journal/fuzz.js';
import { AccessReason, DatasetName, type DatasetUpdate } from '../protocol/messages.js';
import { HUB_TO_DEVICE_LIMITS, decodeFrame, encodeFrame } from '../protocol/wire.js';
import type { onecard } from '../protocol/gen/onecard.js';
import { silentLogger } from '../lib/log.js';

export interface DatasetFuzzReport {
  inputs: number;
  applied: number;
  refused: number;
  crashes: number;
  unhandledRejections: number;
  /** The first few failures: input number, kind and what went wrong. */
  failures: { input: number; kind: string; error: string }[];
}

type Entry = onecard.v1.CardEntry.$Properties;
const BL = DatasetName.DATASET_NAME_BLACKLIST;
const CARDS = DatasetName.DATASET_NAME_CARDS;
const BALANCES = DatasetName.DATASET_NAME_BALANCES;
const TARIFFS = DatasetName.DATASET_NAME_TARIFFS;
const SCHEDULES = DatasetName.DATASET_NAME_SCHEDULES;
const NAMES = [BL, CARDS, BALANCES, TARIFFS, SCHEDULES];
const ACCOUNTS = Array.from({ length: 8 }, (_, i) => `acct-${i}`);
const TARIFF_IDS = ['shower', 'power', 'hot'];
const UIDS = Array.from({ length: 24 }, (_, i) => `04F0${(0xa0 + i).toString(16).toUpperCase()}0000`);
const TYPES = ['', 'staff', 'student', 'freshman', 'temporary'];
const NOW_MS = 1_790_000_000_000;
const KINDS = ['valid', 'valid', 'stale', 'mutated', 'mutated', 'mutated', 'bytes'] as const;

/** What the device should hold: the content of every update it accepted. */
interface Model {
  versions: Map<number, number>;
  blacklist: Set<string>;
  cards: Map<string, Entry>;
  balances: Map<string, { balanceFen: number; postedSeq: number }>;
  tariffs: Map<string, number>;
  holidays: Set<string>;
}

export async function fuzzDatasetApplier(inputs: number, seed: number): Promise<DatasetFuzzReport> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const report: DatasetFuzzReport = { inputs: 0, applied: 0, refused: 0, crashes: 0, unhandledRejections: 0, failures: [] };
  const onUnhandled = () => report.unhandledRejections++;
  process.on('unhandledRejection', onUnhandled);
  const policy = new Policy({ dir: null, logger: silentLogger, now: () => NOW_MS });
  const model: Model = { versions: new Map(NAMES.map((n) => [n, 0])), blacklist: new Set(), cards: new Map(), balances: new Map(), tariffs: new Map(), holidays: new Set() };
  try {
    for (let i = 0; i < inputs; i++) {
      const kind = pick(KINDS);
      report.inputs++;
      try {
        const valid = validUpdate(model, random);
        let update: DatasetUpdate | null = valid;
        if (kind === 'mutated') update = mutateObject(valid, random);
        if (kind === 'stale') update = { ...valid, fullSnapshot: false, fromVersion: Math.max(0, (valid.fromVersion ?? 0) + (random() < 0.5 ? -1 : 1)) };
        if (kind === 'bytes') {
          const decoded = decodeFrame(mutateBytes(Buffer.from(encodeFrame({ datasetUpdate: valid })), random), HUB_TO_DEVICE_LIMITS);
          update = decoded.ok && decoded.envelope.body === 'datasetUpdate' ? decoded.envelope.datasetUpdate! : null;
        }
        if (!update) continue;
        const before = new Map(model.versions);
        const result = await policy.apply(update);
        if (kind === 'valid' && !result.ok) throw new Error(`a valid update was refused: ${result.message}`);
        if (result.ok && 'pending' in result) {
          // A chunk of a chunked snapshot (mutated bytes can make one) staged or dropped: nothing held changes.
          report.refused++;
        } else if (result.ok) {
          report.applied++;
          const held = before.get(result.name) ?? 0;
          if (result.version > held) {
            if (result.version !== update.version) throw new Error(`applied as version ${result.version}, the update says ${String(update.version)}`);
            if (update.fullSnapshot !== true && (update.fromVersion ?? 0) !== held) throw new Error(`accepted a delta from ${String(update.fromVersion)} on top of ${held}`);
            record(model, update, result.version);
          } else if (result.version !== held) throw new Error(`answered version ${result.version} while holding ${held}`);
        } else report.refused++;
        check(policy, model);
      } catch (err) {
        report.crashes++;
        if (report.failures.length < 10) report.failures.push({ input: i, kind, error: (err as Error).message });
        // Start again from what the policy holds, so one failure is not reported at every input.
        resync(policy, model);
      }
    }
    await policy.stop();
    // Let any stray rejection surface before the listener goes.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  return report;
}

function validUpdate(model: Model, random: () => number): DatasetUpdate {
  const name = NAMES[Math.floor(random() * NAMES.length)]!;
  const held = model.versions.get(name)!;
  const full = held === 0 || random() < 0.2;
  const version = held + 1 + Math.floor(random() * 3);
  const some = () => UIDS.filter(() => random() < 0.2);
  const someOf = (list: readonly string[]) => list.filter(() => random() < 0.3);
  const base = { name, version, fullSnapshot: full, ...(full ? {} : { fromVersion: held }) };
  if (name === BL) return { ...base, blacklist: { addCardUids: some(), ...(full ? {} : { removeCardUids: some() }) } };
  if (name === BALANCES) {
    const upsert = someOf(ACCOUNTS).map((accountId) => ({ accountId, balanceFen: Math.floor((random() - 0.3) * 100_000), postedSeq: Math.floor(random() * 1000) }));
    return { ...base, balances: { upsert, ...(full ? {} : { removeAccountIds: someOf(ACCOUNTS).filter((a) => !upsert.some((u) => u.accountId === a)) }) } };
  }
  if (name === TARIFFS) {
    const upsert = someOf(TARIFF_IDS).map((tariffId) => ({ tariffId, basis: 1 + Math.floor(random() * 3), priceMillifen: Math.floor(random() * 100_000) }));
    return { ...base, tariffs: { upsert, ...(full ? {} : { removeTariffIds: someOf(TARIFF_IDS).filter((t) => !upsert.some((u) => u.tariffId === t)) }) } };
  }
  if (name === SCHEDULES) {
    const days = ['2026-10-01', '2026-10-02', '2027-01-01'];
    const add = someOf(days);
    return { ...base, schedules: { upsert: [{ scheduleId: 'dorm', periods: [{ daysMask: 0x1f, startMinute: 360, endMinute: 1380 }] }], addHolidays: add, ...(full ? {} : { removeHolidays: someOf(days).filter((d) => !add.includes(d)) }) } };
  }
  const entry = (uid: string): Entry => ({
    cardUid: uid,
    personId: `P${uid.slice(4, 6)}`,
    personType: TYPES[Math.floor(random() * TYPES.length)]!,
    validFromUnixMs: random() < 0.3 ? NOW_MS + Math.floor((random() - 0.5) * 1e9) : 0,
    validUntilUnixMs: random() < 0.3 ? NOW_MS + Math.floor((random() - 0.5) * 1e9) : 0,
    groups: random() < 0.5 ? ['dorm-7'] : [],
  });
  return { ...base, cards: { upsert: some().map(entry), ...(full ? {} : { removeCardUids: some() }) } };
}

const BAD_VALUES: unknown[] = [
  -1, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, '7', 'x'.repeat(10_000), null, true, {}, [], [1, 2], { length: 5 },
  '04f0a00000', 'ZZZZZZZZ', '04F0A000000000000000000000', '', 'dorm 7', ['__proto__'], { __proto__: { polluted: true } }, Symbol('s'),
  BigInt(3), Array.from({ length: 40 }, (_, i) => `g${i}`), () => 1,
];
const FIELDS = [
  'name', 'version', 'fromVersion', 'fullSnapshot', 'blacklist', 'cards', 'blacklist.addCardUids', 'blacklist.removeCardUids',
  'cards.upsert', 'cards.removeCardUids', 'entry.cardUid', 'entry.personId', 'entry.personType', 'entry.validFromUnixMs',
  'entry.validUntilUnixMs', 'entry.groups', 'uid', 'both', 'balances', 'tariffs', 'schedules', 'balances.upsert',
  'tariffs.upsert', 'schedules.addHolidays', 'entry.accountId', 'entry.balanceFen', 'entry.postedSeq', 'entry.basis',
  'entry.priceMillifen', 'entry.tariffId', 'entry.periods',
];

/** A copy of `valid` with one field set to something a hub never sends. */
function mutateObject(valid: DatasetUpdate, random: () => number): DatasetUpdate {
  type Obj = Record<string, unknown>;
  const u = structuredClone(valid) as Obj;
  const bad = BAD_VALUES[Math.floor(random() * BAD_VALUES.length)];
  const field = FIELDS[Math.floor(random() * FIELDS.length)]!;
  const data = (u.blacklist ?? u.cards) as Obj | undefined;
  const list = (data?.addCardUids ?? data?.upsert) as unknown[] | undefined;
  if (field === 'both') {
    u.blacklist = { addCardUids: [UIDS[0]] };
    u.cards = { upsert: [] };
  } else if (field === 'uid') {
    if (list && list.length > 0) list[0] = u.cards ? { ...(list[0] as Obj), cardUid: bad } : bad;
    else u.name = bad;
  } else if (field.startsWith('entry.')) {
    const data = (u.cards ?? u.balances ?? u.tariffs ?? u.schedules) as Obj | undefined;
    const first = (data?.upsert as Obj[] | undefined)?.[0];
    if (first) first[field.slice(6)] = bad;
    else u.version = bad;
  } else if (field.includes('.')) {
    const [outer, inner] = field.split('.') as [string, string];
    u[outer] = { ...((u[outer] as Obj | undefined) ?? {}), [inner]: bad };
  } else {
    u[field] = bad;
  }
  return u as DatasetUpdate;
}

function mutateBytes(frame: Buffer, random: () => number): Buffer {
  const at = (n: number) => Math.floor(random() * Math.max(1, n));
  const out = Buffer.from(frame);
  switch (at(4)) {
    case 0:
      for (let i = 0, n = 1 + at(4); i < n && out.length > 0; i++) out[at(out.length)]! ^= 1 << at(8);
      return out;
    case 1:
      return out.subarray(0, at(out.length + 1));
    case 2: {
      const p = at(out.length + 1);
      return Buffer.concat([out.subarray(0, p), Buffer.from(Array.from({ length: 1 + at(8) }, () => at(256))), out.subarray(p)]);
    }
    default:
      return Buffer.from(Array.from({ length: at(128) }, () => at(256)));
  }
}

function record(model: Model, update: DatasetUpdate, version: number): void {
  model.versions.set(update.name!, version);
  const full = update.fullSnapshot === true;
  if (update.name === BALANCES) {
    if (full) model.balances.clear();
    for (const id of update.balances?.removeAccountIds ?? []) model.balances.delete(id);
    for (const b of update.balances?.upsert ?? []) model.balances.set(b.accountId!, { balanceFen: Number(b.balanceFen ?? 0), postedSeq: Number(b.postedSeq ?? 0) });
    return;
  }
  if (update.name === TARIFFS) {
    if (full) model.tariffs.clear();
    for (const id of update.tariffs?.removeTariffIds ?? []) model.tariffs.delete(id);
    for (const t of update.tariffs?.upsert ?? []) model.tariffs.set(t.tariffId!, Number(t.priceMillifen ?? 0));
    return;
  }
  if (update.name === SCHEDULES) {
    if (full) model.holidays.clear();
    for (const d of update.schedules?.removeHolidays ?? []) model.holidays.delete(d);
    for (const d of update.schedules?.addHolidays ?? []) model.holidays.add(d);
    return;
  }
  if (update.name === BL) {
    if (update.fullSnapshot === true) model.blacklist.clear();
    for (const uid of update.blacklist?.removeCardUids ?? []) model.blacklist.delete(uid);
    for (const uid of update.blacklist?.addCardUids ?? []) model.blacklist.add(uid);
    return;
  }
  if (update.fullSnapshot === true) model.cards.clear();
  for (const uid of update.cards?.removeCardUids ?? []) model.cards.delete(uid);
  for (const e of update.cards?.upsert ?? []) model.cards.set(e.cardUid!, e);
}

/** The policy must hold exactly the model: versions, blacklist and every card entry. */
function check(policy: Policy, model: Model): void {
  for (const [name, version] of model.versions) {
    if (policy.version(name) !== version) throw new Error(`dataset ${name}: version ${policy.version(name)}, expected ${version}`);
  }
  for (const uid of UIDS) {
    const blacklisted = policy.decide(uid).reason === AccessReason.ACCESS_REASON_DENIED_BLACKLISTED;
    if (blacklisted !== model.blacklist.has(uid)) throw new Error(`${uid}: blacklisted ${blacklisted}, expected ${!blacklisted}`);
    const held = policy.card(uid);
    const want = model.cards.get(uid);
    const text = (e: { personId?: string | null; personType?: string | null; groups?: string[] | null } | undefined, from?: unknown, until?: unknown) =>
      e ? JSON.stringify([e.personId, e.personType ?? '', Number(from ?? 0), Number(until ?? 0), e.groups ?? []]) : 'none';
    const got = text(held, held?.validFromMs, held?.validUntilMs);
    const expected = text(want, want?.validFromUnixMs, want?.validUntilUnixMs);
    if (got !== expected) throw new Error(`${uid}: holds ${got}, expected ${expected}`);
  }
  for (const id of ACCOUNTS) {
    const held = policy.balance(id);
    const want = model.balances.get(id);
    if (JSON.stringify(held && [held.balanceFen, held.postedSeq]) !== JSON.stringify(want && [want.balanceFen, want.postedSeq])) {
      throw new Error(`${id}: holds balance ${JSON.stringify(held)}, expected ${JSON.stringify(want)}`);
    }
  }
  for (const id of TARIFF_IDS) {
    if (policy.tariff(id)?.priceMillifen !== model.tariffs.get(id)) throw new Error(`tariff ${id}: holds ${policy.tariff(id)?.priceMillifen}, expected ${model.tariffs.get(id)}`);
  }
  for (const d of ['2026-10-01', '2026-10-02', '2027-01-01']) {
    if (policy.isHoliday(d) !== model.holidays.has(d)) throw new Error(`holiday ${d}: ${policy.isHoliday(d)}, expected ${model.holidays.has(d)}`);
  }
}

function resync(policy: Policy, model: Model): void {
  for (const name of model.versions.keys()) model.versions.set(name, policy.version(name));
  model.balances = new Map(ACCOUNTS.flatMap((id) => {
    const b = policy.balance(id);
    return b ? [[id, { balanceFen: b.balanceFen, postedSeq: b.postedSeq }] as const] : [];
  }));
  model.tariffs = new Map(TARIFF_IDS.flatMap((id) => {
    const t = policy.tariff(id);
    return t ? [[id, t.priceMillifen] as const] : [];
  }));
  model.holidays = new Set(['2026-10-01', '2026-10-02', '2027-01-01'].filter((d) => policy.isHoliday(d)));
  model.blacklist = new Set(UIDS.filter((uid) => policy.decide(uid).reason === AccessReason.ACCESS_REASON_DENIED_BLACKLISTED));
  model.cards = new Map(UIDS.flatMap((uid) => {
    const c = policy.card(uid);
    return c ? [[uid, { cardUid: uid, personId: c.personId, personType: c.personType, validFromUnixMs: c.validFromMs, validUntilUnixMs: c.validUntilMs, groups: c.groups }] as const] : [];
  }));
}
