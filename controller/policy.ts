/**
 * The policy answers "may this card pass?" from the datasets the hub pushed, held on the device
 * (controller/dataset-store.ts): the hub is never on the tap path. Deny wins: a blacklisted card is
 * denied whatever else is known of it; a card the device does not know is denied (fail-secure); a
 * card outside its validity window is denied; online or offline alike.
 *
 * An update is checked whole, then written in one transaction and committed durably before its
 * version is reported applied (and acknowledged to the hub), so a restart without the hub decides
 * as before. A delta applies only on top of the version it starts from; versions only grow.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AccessReason, DatasetName, type DatasetUpdate } from '../protocol/messages.js';
import { DatasetStore, type CardRecord } from './dataset-store.js';
import type { BalanceRecord, ScheduleRecord, TariffRecord } from './dataset-types.js';
import { DATASET_KEYS, checkUpdate } from './dataset-check.js';
import type { onecard } from '../protocol/gen/onecard.js';
import type { Logger } from '../lib/log.js';

export interface Decision {
  granted: boolean;
  reason: AccessReason;
}

export type ApplyResult = { ok: true; name: DatasetName; version: number } | { ok: false; message: string };

export interface PolicyOptions {
  /** Directory where datasets are persisted; null keeps them in memory only (benchmarks). */
  dir: string | null;
  logger: Logger;
  /** Wall clock for validity windows (unix ms). */
  now?: () => number;
}

const DATABASE_FILE = 'datasets.sqlite';

const BLACKLIST_DENIALS: Record<string, AccessReason> = {
  '': AccessReason.ACCESS_REASON_DENIED_BLACKLISTED,
  lost: AccessReason.ACCESS_REASON_DENIED_LOST,
  replaced: AccessReason.ACCESS_REASON_DENIED_REPLACED,
  cancelled: AccessReason.ACCESS_REASON_DENIED_CANCELLED,
};

export class Policy {
  private store_: DatasetStore | null = null;
  private versions = new Map<DatasetName, number>([...DATASET_KEYS.keys()].map((name) => [name, 0]));
  /** Small datasets held in memory too (read on every tap of a door or a shower). */
  private tariffs_ = new Map<string, TariffRecord>();
  private schedules_ = new Map<string, ScheduleRecord>();
  private holidays_ = new Set<string>();
  private readonly appliedListeners = new Set<(name: DatasetName, accountIds: readonly string[] | null) => void>();
  /** Serialises applies so versions are persisted and acknowledged in the order they arrive. */
  private applying: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly options: PolicyOptions) {
    this.now = options.now ?? Date.now;
  }

  private get store(): DatasetStore {
    // Usable before start() (in memory) so callers that never persist need not start it.
    this.store_ ??= new DatasetStore({ path: null });
    return this.store_;
  }

  async start(): Promise<void> {
    const { dir, logger } = this.options;
    if (!dir) return;
    this.store_?.close();
    this.store_ = new DatasetStore({ path: join(dir, DATABASE_FILE) });
    const held = this.store_.versions();
    this.loadSmallDatasets();
    for (const [name, key] of DATASET_KEYS) {
      this.versions.set(name, held[key]);
      if (held[key] === 0 && (key === 'blacklist' || key === 'cards')) await this.importLegacyJson(name, key);
      if (this.version(name) > 0) logger.log('info', 'policy.dataset_loaded', { dataset: key, version: this.version(name), entries: this.store_.count(key) });
    }
  }

  async stop(): Promise<void> {
    await this.whenIdle();
    this.appliedListeners.clear();
    this.store_?.close();
    this.store_ = null;
  }

  private loadSmallDatasets(): void {
    this.tariffs_ = new Map(this.store.tariffs().map((t) => [t.id, t]));
    this.schedules_ = new Map(this.store.schedules().map((s) => [s.id, s]));
    this.holidays_ = new Set(this.store.holidays());
  }

  /**
   * Called after an update was applied and persisted, with the accounts it changed (balances
   * only; null for a full snapshot or another dataset). Returns the unsubscribe function.
   */
  onApplied(listener: (name: DatasetName, accountIds: readonly string[] | null) => void): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  tariff(id: string): TariffRecord | undefined {
    return this.tariffs_.get(id);
  }

  schedule(id: string): ScheduleRecord | undefined {
    return this.schedules_.get(id);
  }

  /** `date` is a local date YYYY-MM-DD. */
  isHoliday(date: string): boolean {
    return this.holidays_.has(date);
  }

  /** The balance last pushed for an account, with the seq of this device it includes. */
  balance(accountId: string): BalanceRecord | undefined {
    return this.store.balance(accountId);
  }

  /** Resolves once every update handed to apply() so far has been applied or refused. */
  whenIdle(): Promise<void> {
    return this.applying.then(() => undefined, () => undefined);
  }

  /**
   * May this card pass? Deny wins, in this order: blacklisted (with the card office's reason),
   * unknown, not yet valid, expired, not in any of the point's groups. Schedules, money and
   * anti-passback are the points' own rules on top of this.
   */
  decide(cardUid: string, point: { groups?: readonly string[] } = {}): Decision {
    const blacklisted = this.store.blacklistReason(cardUid);
    if (blacklisted !== null) return { granted: false, reason: BLACKLIST_DENIALS[blacklisted] ?? AccessReason.ACCESS_REASON_DENIED_BLACKLISTED };
    const card = this.store.card(cardUid);
    if (!card) return { granted: false, reason: AccessReason.ACCESS_REASON_DENIED_UNKNOWN_CARD };
    const now = this.now();
    const denied = (reason: AccessReason): Decision => ({ granted: false, reason });
    if (card.validFromMs > 0 && now < card.validFromMs) return denied(AccessReason.ACCESS_REASON_DENIED_NOT_YET_VALID);
    if (card.validUntilMs > 0 && now >= card.validUntilMs) return denied(AccessReason.ACCESS_REASON_DENIED_EXPIRED);
    if (point.groups && point.groups.length > 0 && !point.groups.some((g) => card.groups.includes(g))) {
      return denied(AccessReason.ACCESS_REASON_DENIED_NOT_IN_GROUP);
    }
    return { granted: true, reason: AccessReason.ACCESS_REASON_GRANTED };
  }

  /** What the device holds about a card (holder, type, validity, groups), if anything. */
  card(cardUid: string): CardRecord | undefined {
    return this.store.card(cardUid);
  }

  version(name: DatasetName): number {
    return this.versions.get(name) ?? 0;
  }

  heldVersions(): { name: DatasetName; version: number }[] {
    return [...this.versions].map(([name, version]) => ({ name, version }));
  }

  /**
   * Applies an update atomically: it is checked whole against what is held, written in one
   * transaction and committed, and only then is its version held. A delta that does not start from
   * the held version is refused (the device acks what it holds and the hub sends a snapshot).
   */
  apply(update: DatasetUpdate): Promise<ApplyResult> {
    const run = this.applying.then(() => this.applyNow(update));
    this.applying = run.catch(() => undefined);
    return run;
  }

  private async applyNow(update: DatasetUpdate): Promise<ApplyResult> {
    const checked = checkUpdate(update, (name) => this.versions.get(name));
    if (!checked.ok) return checked;
    const held = this.version(checked.name);
    // Already held, or an older update overtaken in flight: keep what is held (versions only grow).
    if (checked.version <= held) return { ok: true, name: checked.name, version: held };
    if (!checked.full && checked.fromVersion !== held) {
      return { ok: false, message: `delta from version ${checked.fromVersion} but version ${held} is held` };
    }
    let accountIds: string[] | null = null;
    switch (checked.key) {
      case 'blacklist':
        await this.store.writeBlacklist(checked.version, checked.full, checked.add, checked.remove);
        break;
      case 'cards':
        await this.store.writeCards(checked.version, checked.full, checked.upsert, checked.remove);
        break;
      case 'balances':
        await this.store.writeBalances(checked.version, checked.full, checked.upsert, checked.remove);
        if (!checked.full) accountIds = [...checked.upsert.map((b) => b.accountId), ...checked.remove];
        break;
      case 'tariffs':
        await this.store.writeTariffs(checked.version, checked.full, checked.upsert, checked.remove);
        break;
      case 'schedules':
        await this.store.writeSchedules(checked.version, checked.full, checked);
        break;
    }
    if (checked.key === 'tariffs' || checked.key === 'schedules') this.loadSmallDatasets();
    this.versions.set(checked.name, checked.version);
    for (const l of this.appliedListeners) {
      try {
        l(checked.name, accountIds);
      } catch (err) {
        this.options.logger.log('error', 'policy.listener_failed', { error: (err as Error).message });
      }
    }
    return { ok: true, name: checked.name, version: checked.version };
  }

  /** Datasets written by earlier versions of onecard (one JSON file each) move into the database once. */
  private async importLegacyJson(name: DatasetName, key: 'blacklist' | 'cards'): Promise<void> {
    const path = join(this.options.dir!, `${key}.json`);
    let parsed: { version?: unknown; blacklist?: unknown; cards?: unknown };
    try {
      parsed = JSON.parse(await readFile(path, 'utf8')) as typeof parsed;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new Error(`${path}: cannot be read as a dataset (${(err as Error).message})`, { cause: err });
    }
    const version = typeof parsed.version === 'number' ? parsed.version : 0;
    const update: DatasetUpdate =
      key === 'blacklist'
        ? { name, version, fullSnapshot: true, blacklist: { addCardUids: parsed.blacklist as string[] } }
        : { name, version, fullSnapshot: true, cards: { upsert: legacyCards(parsed.cards) } };
    const result = await this.applyNow(update);
    if (!result.ok) throw new Error(`${path}: not a valid dataset (${result.message})`);
    await rm(path);
    this.options.logger.log('info', 'policy.legacy_dataset_imported', { dataset: key, version, from: path });
  }
}

/** Legacy cards files hold [uid, personId] pairs; anything else is passed on for checkUpdate to refuse. */
function legacyCards(value: unknown): onecard.v1.CardEntry.$Properties[] {
  if (!Array.isArray(value)) return value as never;
  return value.map((c: unknown) => (Array.isArray(c) ? { cardUid: c[0] as string, personId: c[1] as string } : (c as never)));
}
