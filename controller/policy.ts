/**
 * The policy answers "may this card pass?" from the datasets the hub pushed, held on the device
 * (controller/dataset-store.ts): the hub is never on the tap path. Deny wins: a blacklisted card is
 * denied whatever else is known of it; a card the device does not know is denied (fail-secure); a
 * card outside its validity window is denied; online or offline alike.
 *
 * An update is checked whole, then written in one transaction and committed durably before its
 * version is reported applied (and acknowledged to the hub), so a restart without the hub decides
 * as before. A delta applies only on top of the version it starts from; versions only grow.
 *
 * A chunked snapshot (chunk_count 2 or more) is staged chunk by chunk in the dataset store, each
 * chunk checked whole before it is staged, and replaces the dataset in one transaction once its
 * last chunk is staged: until then every decision is made on the dataset held before, whole. The
 * chunks must come in order, one snapshot of a dataset at a time; anything else (a chunk missing,
 * repeated or out of order, a chunk of another snapshot or another update of the dataset in
 * between, a chunk refused, the limits passed, the link lost, a restart) discards what was staged
 * and the dataset stays as it was. Each snapshot gets exactly one answer (ApplyResult): applied, or
 * refused (the hub then sends it again from its first chunk); a chunk staged gets none.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AccessReason, DatasetName, type DatasetUpdate } from '../protocol/messages.js';
import { DatasetStore, type CardRecord } from './dataset-store.js';
import type { BalanceRecord, DatasetKey, ScheduleRecord, TariffRecord } from './dataset-types.js';
import { DATASET_KEYS, checkChunk, checkUpdate, type ChunkHeader } from './dataset-check.js';
import { rowBytes } from './dataset-store.js';
import type { onecard } from '../protocol/gen/onecard.js';
import type { Logger } from '../lib/log.js';

export interface Decision {
  granted: boolean;
  reason: AccessReason;
}

/** Why a chunked snapshot was refused or its staging discarded: the `code` of its log lines. */
export type SnapshotProblem =
  /** A chunk other than the next one of the snapshot being staged (one missing, repeated or out of order). */
  | 'chunk_out_of_order'
  /** A chunk after the first of a snapshot whose first chunk(s) did not come. */
  | 'chunk_without_start'
  /** A chunk naming another version or chunk count than its snapshot's first chunk. */
  | 'chunk_mismatch'
  /** A chunk of another snapshot of the dataset came mid-way. */
  | 'snapshot_replaced'
  /** A whole update (a delta or a one-frame snapshot) of the dataset came mid-way. */
  | 'snapshot_interrupted'
  /** A chunk failed the checks of an update (an entry, the dataset, the version). */
  | 'chunk_refused'
  /** chunk_count above the device's maxSnapshotChunks. */
  | 'too_many_chunks'
  /** The staged entries would pass the device's maxStagedBytes. */
  | 'staged_bytes_exceeded'
  /** Writing a chunk or the switch failed (disk). */
  | 'staging_failed'
  /** The link to the hub broke mid-snapshot. */
  | 'link_lost'
  /** Staging tables left by a controller that stopped mid-snapshot, found at start. */
  | 'restarted';

/** A snapshot whose staging was discarded: answered with the version held (lower than its version). */
export interface DiscardedSnapshot {
  name: DatasetName;
  snapshotId: number;
  version: number;
  /** The version still held, decided on. */
  held: number;
  stagedChunks: number;
  chunkCount: number;
  code: SnapshotProblem;
  message: string;
}

/** A chunk of a snapshot staged (`staged`) or dropped as part of a snapshot already answered: no answer yet. */
export interface PendingChunk {
  name: DatasetName;
  snapshotId: number;
  chunkIndex: number;
  chunkCount: number;
  version: number;
  staged: boolean;
}

/**
 * What an update comes to, and how it is answered: applied (or already held): ack `version`;
 * refused: ack the version held; a chunk pending: no ack. `discarded`: a snapshot being staged that
 * this update ended, to be answered first (ack the version held).
 */
export type ApplyResult =
  | { ok: true; name: DatasetName; version: number; discarded?: DiscardedSnapshot }
  | { ok: false; message: string; code?: SnapshotProblem; discarded?: DiscardedSnapshot }
  | { ok: true; pending: PendingChunk; discarded?: DiscardedSnapshot };

/** Most chunks taken in one chunked snapshot by default (the device says it in its hello). */
export const DEFAULT_MAX_SNAPSHOT_CHUNKS = 10_000;
/** Most bytes of entries (rowBytes) staged for one snapshot by default. */
export const DEFAULT_MAX_STAGED_BYTES = 256 * 1024 * 1024;

/** Snapshot ids remembered as answered, per dataset. */
const ANSWERED_KEPT = 8;

interface Staging {
  key: DatasetKey;
  name: DatasetName;
  snapshotId: number;
  version: number;
  chunkCount: number;
  /** Chunks staged: the index the next chunk must have. */
  nextIndex: number;
  bytes: number;
}

export interface PolicyOptions {
  /** Directory where datasets are persisted; null keeps them in memory only (benchmarks). */
  dir: string | null;
  logger: Logger;
  /** Wall clock for validity windows (unix ms). */
  now?: () => number;
  /** Most chunks taken in one chunked snapshot (default DEFAULT_MAX_SNAPSHOT_CHUNKS). */
  maxSnapshotChunks?: number;
  /** Most bytes of entries staged for one chunked snapshot (default DEFAULT_MAX_STAGED_BYTES). */
  maxStagedBytes?: number;
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
  /** The chunked snapshot being staged, per dataset. */
  private readonly staging = new Map<DatasetName, Staging>();
  /**
   * Per dataset, the chunked snapshots answered lately (applied, refused, or discarded by what came
   * after them): their later chunks are dropped without an answer, so each snapshot gets one.
   */
  private readonly answered = new Map<DatasetName, number[]>();
  readonly maxSnapshotChunks: number;
  readonly maxStagedBytes: number;

  constructor(private readonly options: PolicyOptions) {
    this.now = options.now ?? Date.now;
    this.maxSnapshotChunks = options.maxSnapshotChunks ?? DEFAULT_MAX_SNAPSHOT_CHUNKS;
    this.maxStagedBytes = options.maxStagedBytes ?? DEFAULT_MAX_STAGED_BYTES;
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
    this.staging.clear();
    this.answered.clear();
    for (const key of this.store_.discardLeftStaging()) {
      logger.log('warn', 'policy.snapshot_discarded', { dataset: key, code: 'restarted' satisfies SnapshotProblem, message: 'a chunked snapshot was being staged when the controller stopped' });
    }
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

  /**
   * Discards every snapshot being staged (the link broke: the hub sends a snapshot again from its
   * first chunk in the next session); in turn with the updates handed to apply() before.
   */
  discardStaging(code: 'link_lost', message: string): Promise<DiscardedSnapshot[]> {
    const run = this.applying.then(() => {
      const discarded = [...this.staging.values()].map((s) => this.discard(s, code, message));
      // What the next session sends is answered afresh.
      this.answered.clear();
      return discarded;
    });
    this.applying = run.catch(() => undefined);
    return run;
  }

  /** The chunked snapshot being staged for a dataset: its id, version and chunks staged so far. */
  stagingOf(name: DatasetName): { snapshotId: number; version: number; stagedChunks: number; chunkCount: number } | undefined {
    const s = this.staging.get(name);
    return s && { snapshotId: s.snapshotId, version: s.version, stagedChunks: s.nextIndex, chunkCount: s.chunkCount };
  }

  private async applyNow(update: DatasetUpdate): Promise<ApplyResult> {
    const header = checkChunk(update);
    if (typeof header !== 'string' && header.chunkCount >= 2) return this.applyChunk(update, header);
    const name = typeof update === 'object' && update !== null ? update.name : undefined;
    const staged = name === undefined || name === null ? undefined : this.staging.get(name);
    const discarded = staged && this.discard(staged, 'snapshot_interrupted', `a ${update.fullSnapshot === true ? 'snapshot' : 'delta'} of the dataset came before chunk ${staged.nextIndex} of ${staged.chunkCount}`);
    const result: ApplyResult = typeof header === 'string' ? { ok: false, message: header } : await this.applyWhole(update);
    return discarded ? { ...result, discarded } : result;
  }

  /** A chunk of a chunked snapshot: staged, or the snapshot applied (its last chunk), refused or ignored. */
  private async applyChunk(update: DatasetUpdate, h: ChunkHeader): Promise<ApplyResult> {
    const name = update.name ?? DatasetName.DATASET_NAME_UNSPECIFIED;
    const current = this.staging.get(name);
    let discarded: DiscardedSnapshot | undefined;
    if (current && current.snapshotId === h.snapshotId) {
      const where = `chunk ${h.chunkIndex} of snapshot ${h.snapshotId}`;
      if (h.chunkIndex !== current.nextIndex) return this.refuseStaged(current, 'chunk_out_of_order', `${where} came when chunk ${current.nextIndex} was due`);
      if ((update.version ?? 0) !== current.version || h.chunkCount !== current.chunkCount) {
        return this.refuseStaged(current, 'chunk_mismatch', `${where} names version ${update.version ?? 0} of ${h.chunkCount} chunks, its first chunk version ${current.version} of ${current.chunkCount}`);
      }
      return this.stageChunk(current, update);
    }
    if (current) discarded = this.discard(current, 'snapshot_replaced', `chunk ${h.chunkIndex} of snapshot ${h.snapshotId} came before chunk ${current.nextIndex} of ${current.chunkCount} of snapshot ${current.snapshotId}`);
    const result = await this.startChunked(update, name, h);
    return discarded ? { ...result, discarded } : result;
  }

  /** The first chunk that comes of a snapshot not being staged. */
  private async startChunked(update: DatasetUpdate, name: DatasetName, h: ChunkHeader): Promise<ApplyResult> {
    const pending = (staged: boolean): ApplyResult => ({ ok: true, pending: { name, snapshotId: h.snapshotId, chunkIndex: h.chunkIndex, chunkCount: h.chunkCount, version: update.version ?? 0, staged } });
    const refuse = (code: SnapshotProblem, message: string): ApplyResult => {
      this.markAnswered(name, h.snapshotId);
      return { ok: false, code, message };
    };
    if (h.chunkIndex !== 0) {
      if (this.answered.get(name)?.includes(h.snapshotId)) return pending(false);
      return refuse('chunk_without_start', `chunk ${h.chunkIndex} of snapshot ${h.snapshotId} came without the chunks before it`);
    }
    if (h.chunkCount > this.maxSnapshotChunks) return refuse('too_many_chunks', `snapshot ${h.snapshotId} of ${h.chunkCount} chunks: this device takes at most ${this.maxSnapshotChunks}`);
    const checked = checkUpdate(update, (n) => this.versions.get(n));
    if (!checked.ok) return refuse('chunk_refused', `chunk 0 of snapshot ${h.snapshotId}: ${checked.message}`);
    if (!checked.full) return refuse('chunk_refused', `chunk 0 of snapshot ${h.snapshotId}: not a full snapshot`);
    const held = this.version(name);
    // Already held: answered at once (versions only grow); its other chunks are dropped.
    if (checked.version <= held) {
      this.markAnswered(name, h.snapshotId);
      return { ok: true, name, version: held };
    }
    const staging: Staging = { key: checked.key, name, snapshotId: h.snapshotId, version: checked.version, chunkCount: h.chunkCount, nextIndex: 0, bytes: 0 };
    try {
      this.store.beginStaging(checked.key);
    } catch (err) {
      return refuse('staging_failed', `snapshot ${h.snapshotId}: staging could not start (${(err as Error).message})`);
    }
    this.staging.set(name, staging);
    const result = await this.stageChunk(staging, update, checked);
    return result.ok && 'pending' in result ? pending(true) : result;
  }

  /** Checks a chunk and stages it; the last one switches the dataset to the snapshot. */
  private async stageChunk(staging: Staging, update: DatasetUpdate, known?: ReturnType<typeof checkUpdate>): Promise<ApplyResult> {
    const index = staging.nextIndex;
    const where = `chunk ${index} of snapshot ${staging.snapshotId}`;
    const checked = known ?? checkUpdate(update, (n) => this.versions.get(n));
    if (!checked.ok) return this.refuseStaged(staging, 'chunk_refused', `${where}: ${checked.message}`);
    if (!checked.full || checked.key !== staging.key) return this.refuseStaged(staging, 'chunk_refused', `${where}: not a full snapshot of the dataset`);
    const bytes = rowBytes(checked);
    if (staging.bytes + bytes > this.maxStagedBytes) {
      return this.refuseStaged(staging, 'staged_bytes_exceeded', `${where}: ${staging.bytes + bytes} bytes staged would pass this device's ${this.maxStagedBytes}`);
    }
    const last = index + 1 === staging.chunkCount;
    try {
      await this.store.stage(checked);
      if (last) this.store.commitStaged(staging.key, staging.version);
    } catch (err) {
      return this.refuseStaged(staging, 'staging_failed', `${where}: ${(err as Error).message}`);
    }
    staging.nextIndex++;
    staging.bytes += bytes;
    const { name, snapshotId, version, chunkCount } = staging;
    if (!last) return { ok: true, pending: { name, snapshotId, chunkIndex: index, chunkCount, version, staged: true } };
    this.staging.delete(name);
    this.markAnswered(name, snapshotId);
    this.held(checked.name, checked.key, checked.version, null);
    return { ok: true, name, version };
  }

  /** Discards the snapshot being staged and answers it (the one answer of the snapshot): refused. */
  private refuseStaged(staging: Staging, code: SnapshotProblem, message: string): ApplyResult {
    const d = this.discard(staging, code, message);
    return { ok: false, code, message: d.message };
  }

  private markAnswered(name: DatasetName, snapshotId: number): void {
    const list = (this.answered.get(name) ?? []).filter((id) => id !== snapshotId);
    list.push(snapshotId);
    this.answered.set(name, list.slice(-ANSWERED_KEPT));
  }

  /** Drops what was staged for a snapshot, which is then answered (by the caller) as refused. */
  private discard(staging: Staging, code: SnapshotProblem, message: string): DiscardedSnapshot {
    this.staging.delete(staging.name);
    this.markAnswered(staging.name, staging.snapshotId);
    try {
      this.store.discardStaged(staging.key);
    } catch (err) {
      // Dropped again when the next snapshot starts or the store opens.
      this.options.logger.log('error', 'policy.staging_drop_failed', { dataset: staging.key, error: (err as Error).message });
    }
    return {
      name: staging.name, snapshotId: staging.snapshotId, version: staging.version, held: this.version(staging.name),
      stagedChunks: staging.nextIndex, chunkCount: staging.chunkCount, code, message,
    };
  }

  /** A version is now held: remembered, small datasets reloaded, listeners told. */
  private held(name: DatasetName, key: DatasetKey, version: number, accountIds: string[] | null): void {
    if (key === 'tariffs' || key === 'schedules') this.loadSmallDatasets();
    this.versions.set(name, version);
    for (const l of this.appliedListeners) {
      try {
        l(name, accountIds);
      } catch (err) {
        this.options.logger.log('error', 'policy.listener_failed', { error: (err as Error).message });
      }
    }
  }

  private async applyWhole(update: DatasetUpdate): Promise<ApplyResult> {
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
    this.held(checked.name, checked.key, checked.version, accountIds);
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
    const result = await this.applyWhole(update);
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
