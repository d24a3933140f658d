/**
 * Keeps one device's datasets current over its session.
 *
 * The device holds a version of each dataset: the one its hello names, then the one each ack names.
 * `sync` sends the update bringing it to the hub's current version: a delta from the version it will
 * hold once the updates already sent are applied, or a snapshot (hub/dataset-log.ts decides).
 * The device applies updates in order and answers each with exactly one ack naming the version it
 * then holds, so acks pair with sent updates first in, first out. An ack lower than the update it
 * answers is a refusal (e.g. a delta from a version the device does not hold): the hub answers
 * with a full snapshot, unless one is already on its way. A refused snapshot is logged and not
 * resent until the dataset changes again, so a device that cannot apply anything does not loop.
 *
 * Built updates are shared by every session through `DatasetFeed`, which encodes each update once;
 * balances updates differ per device (each carries that device's posted seq) and are built for
 * each device, never shared.
 *
 * A device whose hello names `max_snapshot_chunks` gets a snapshot larger than one bounded chunk
 * (hub/dataset-chunks.ts) as consecutive chunk frames, in order, paced by the session (the next
 * frame only while its socket holds under a bound: hub/frame-pacer.ts); it answers the whole
 * snapshot with one ack, so the snapshot is one entry of the ack queue whatever its chunks. A delta
 * larger than one chunk is sent to it as a (chunked) snapshot instead. A chunked snapshot the device
 * refused (a chunk lost or out of order, the staging discarded) is resent once from its first chunk;
 * a device without chunked snapshots gets every snapshot in one frame, up to the frame limit.
 */
import { encodeFrame, HUB_TO_DEVICE_LIMITS } from '../protocol/wire.js';
import type { DatasetUpdate } from '../protocol/messages.js';
import { SNAPSHOT_CHUNK_LIMITS, chunkSnapshot, entryCount, newSnapshotId } from './dataset-chunks.js';
import type { DatasetState } from './dataset-log.js';
import { DATASET_KEYS, type DatasetKey, type DatasetReader } from './datasets.js';
import type { DeviceStore } from './devices.js';
import type { Logger } from '../lib/log.js';

/** Most built updates kept for reuse (all of the current versions: older ones are dropped at once). */
const FEED_CACHE_ENTRIES = 32;

export interface BuiltUpdate {
  version: number;
  snapshot: boolean;
  /**
   * The encoded Envelope frames carrying the update: one, or (built for a device taking chunked
   * snapshots) the chunks of a snapshot larger than one chunk, in order.
   */
  frames: Uint8Array[];
  /** Entries (list items of the update's data) it carries. */
  entries: number;
}

/** Whether a built delta is larger than a chunk (a chunked snapshot is sent instead). */
function pastChunkBounds(update: BuiltUpdate): boolean {
  return update.entries > SNAPSHOT_CHUNK_LIMITS.maxEntries || update.frames.some((f) => f.length > SNAPSHOT_CHUNK_LIMITS.maxBytes);
}

/** Builds updates and shares each between the sessions that need it. */
export class DatasetFeed {
  private readonly cache = new Map<string, Promise<BuiltUpdate | null>>();
  private readonly latest = new Map<DatasetKey, number>();

  constructor(private readonly reader: DatasetReader) {}

  /**
   * The update for a device holding `held` of `key`; null when it holds the current version.
   * `known` is the dataset's state when the caller has just read it (one read for a push to every
   * session); it names the cache entry, and the update reads the state again in its own
   * transaction, so a change in between only means a newer update under that name. `deviceId`
   * names the device an unshared update (balances) is built for. `chunked`: for a device taking
   * chunked snapshots (a large snapshot comes as bounded chunks).
   */
  async updateFor(key: DatasetKey, held: number, known?: DatasetState, deviceId?: string, chunked = false): Promise<BuiltUpdate | null> {
    const state = known ?? (await this.reader.state(key));
    if (state.version === held && held > 0) return null;
    if (!this.reader.shared(key)) return this.build(key, held, chunked, deviceId);
    if (state.version !== this.latest.get(key)) {
      for (const k of [...this.cache.keys()]) if (k.startsWith(`${key}:`)) this.cache.delete(k);
      this.latest.set(key, state.version);
    }
    const cacheKey = `${key}:${this.reader.startOf(key, state, held)}:${state.version}:${chunked ? 'chunked' : 'whole'}`;
    let built = this.cache.get(cacheKey);
    if (!built) {
      built = this.build(key, held, chunked);
      this.cache.set(cacheKey, built);
      built.catch(() => this.cache.delete(cacheKey));
      while (this.cache.size > FEED_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    }
    return built;
  }

  private async build(key: DatasetKey, held: number, chunked: boolean, deviceId?: string): Promise<BuiltUpdate | null> {
    const update: DatasetUpdate | null = await this.reader.updateFor(key, held, deviceId);
    if (!update) return null;
    const snapshot = update.fullSnapshot === true;
    const frames = chunked && snapshot ? chunkSnapshot(update, newSnapshotId()) : [encodeFrame({ datasetUpdate: update })];
    return { version: update.version ?? 0, snapshot, frames, entries: entryCount(update) };
  }
}

interface Sent {
  version: number;
  snapshot: boolean;
  /** Frames it was sent in (more than one: a chunked snapshot). */
  chunks: number;
}

export interface DeviceDatasetsOptions {
  deviceId: string;
  feed: DatasetFeed;
  devices: DeviceStore;
  logger: Logger;
  /** Sends an encoded frame on the device's session, after the dataset frames given before it. */
  sendFrame: (frame: Uint8Array) => void;
}

/** Times a refused chunked snapshot of one version is sent again from its first chunk. */
const CHUNKED_SNAPSHOT_RESENDS = 1;

export class DeviceDatasets {
  private readonly held = new Map<DatasetKey, number>();
  private readonly sent = new Map<DatasetKey, Sent[]>();
  /** The most chunks the device takes in one snapshot (its hello); 0: snapshots in one frame only. */
  private maxSnapshotChunks = 0;
  /** Chunked snapshots resent after a refusal, by dataset and version. */
  private readonly resent = new Map<string, number>();

  constructor(private readonly options: DeviceDatasetsOptions) {}

  /** What the device's hello says it takes: chunked snapshots of at most `maxChunks` chunks (0: none). */
  setMaxSnapshotChunks(maxChunks: number): void {
    this.maxSnapshotChunks = maxChunks;
  }

  /** The versions the device named in its hello (before it is authenticated: nothing is written). */
  setHeld(key: DatasetKey, version: number): void {
    this.held.set(key, version);
  }

  /** Once authenticated: records what the device holds and sends what it misses. */
  async start(): Promise<void> {
    for (const key of DATASET_KEYS) {
      await this.options.devices.recordApplied(this.options.deviceId, key, this.held.get(key) ?? 0);
      await this.sync(key);
    }
  }

  /** Sends the update bringing the device from what it will hold to the current version, if any. */
  async sync(key: DatasetKey, options: { forceSnapshot?: boolean; state?: DatasetState } = {}): Promise<void> {
    const forceSnapshot = options.forceSnapshot === true;
    const queue = this.queue(key);
    const expected = queue.length > 0 ? queue[queue.length - 1]!.version : (this.held.get(key) ?? 0);
    const { deviceId, logger } = this.options;
    const chunked = this.maxSnapshotChunks > 0;
    const update = await this.options.feed.updateFor(key, forceSnapshot ? 0 : expected, options.state, deviceId, chunked);
    if (!update) return;
    if (!forceSnapshot && update.version <= expected) {
      // The device claims a version this hub never reached (e.g. a hub restored from a backup):
      // it keeps what it holds, since versions only grow.
      if (update.version < expected) logger.log('warn', 'gateway.dataset_device_ahead', { deviceId, dataset: key, held: expected, current: update.version });
      return;
    }
    // A delta past a chunk's bounds (for a device taking chunks) or past the frame limit is sent
    // as the snapshot.
    if (!update.snapshot && (chunked ? pastChunkBounds(update) : update.frames[0]!.length > HUB_TO_DEVICE_LIMITS.maxFrameBytes)) {
      return this.sync(key, { ...options, forceSnapshot: true });
    }
    // A snapshot the device cannot take would be refused (or drop the session): send nothing, say so.
    const frameBytes = Math.max(...update.frames.map((f) => f.length));
    if (frameBytes > HUB_TO_DEVICE_LIMITS.maxFrameBytes || update.frames.length > Math.max(1, this.maxSnapshotChunks)) {
      logger.log('error', 'gateway.dataset_too_large', {
        deviceId, dataset: key, version: update.version, frameBytes, limitBytes: HUB_TO_DEVICE_LIMITS.maxFrameBytes,
        chunks: update.frames.length, maxChunks: this.maxSnapshotChunks,
      });
      return;
    }
    queue.push({ version: update.version, snapshot: update.snapshot, chunks: update.frames.length });
    logger.log('debug', 'gateway.dataset_sent', {
      deviceId, dataset: key, version: update.version, fromVersion: update.snapshot ? 0 : expected, snapshot: update.snapshot,
      ...(update.frames.length > 1 ? { chunks: update.frames.length } : {}),
    });
    // In order: no other dataset frame comes between the chunks of a snapshot (the session's
    // pacer sends dataset frames in the order given).
    for (const frame of update.frames) this.options.sendFrame(frame);
  }

  /** The device's answer to the oldest update not yet answered. */
  async onAck(key: DatasetKey, version: number): Promise<void> {
    const { deviceId, logger, devices } = this.options;
    const queue = this.queue(key);
    const answered = queue.shift();
    this.held.set(key, version);
    await devices.recordApplied(deviceId, key, version);
    if (!answered || version >= answered.version) {
      logger.log('info', 'gateway.dataset_applied', { deviceId, dataset: key, version });
      return;
    }
    logger.log(answered.snapshot ? 'error' : 'warn', 'gateway.dataset_refused', {
      deviceId, dataset: key, version: answered.version, held: version, snapshot: answered.snapshot,
      ...(answered.chunks > 1 ? { chunks: answered.chunks } : {}),
    });
    // Later deltas were built on the refused one: they will be refused too, and answered here.
    if (queue.some((s) => s.snapshot)) return;
    if (answered.snapshot) {
      // A chunked snapshot is refused when its staging was discarded (a chunk missing or out of
      // order): sent again from its first chunk, a bounded number of times (no loop).
      const resendKey = `${key}:${answered.version}`;
      const resends = this.resent.get(resendKey) ?? 0;
      if (answered.chunks <= 1 || resends >= CHUNKED_SNAPSHOT_RESENDS) return;
      this.resent.set(resendKey, resends + 1);
      logger.log('warn', 'gateway.dataset_resent', { deviceId, dataset: key, version: answered.version, chunks: answered.chunks });
    }
    await this.sync(key, { forceSnapshot: true });
  }

  private queue(key: DatasetKey): Sent[] {
    let queue = this.sent.get(key);
    if (!queue) this.sent.set(key, (queue = []));
    return queue;
  }
}
