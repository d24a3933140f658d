/**
 * Cuts a full snapshot into chunks (DatasetUpdate with snapshot_id, chunk_index, chunk_count; see
 * protocol/onecard.proto), each bounded in entries and in encoded bytes, for devices that take
 * chunked snapshots. A device stages the chunks in its dataset store and switches to the snapshot
 * only once the last one arrived, so neither side holds more than one chunk's entries decoded at
 * once on the device, and a snapshot is no longer capped by the frame limit.
 *
 * A snapshot that fits in one chunk is sent as before: one frame without chunk fields.
 */
import { randomInt } from 'node:crypto';
import { encodeFrame } from '../protocol/wire.js';
import type { DatasetUpdate } from '../protocol/messages.js';

/**
 * Most entries (list items of the dataset's data, whatever the list) in one chunk. What a device's
 * memory peaks at while it applies a snapshot follows the entries it decodes at once, little its
 * snapshot's size: 100,000 cards and 100,000 blacklisted UIDs peak at about 145 MB RSS in chunks of
 * 10,000 entries, 96 MB of 2,000, 80 MB of 500 and 77 MB of 250 (`onecard bench memory
 * --chunk-entries N`, compiled), against 65 MB once applied; 500 costs no more time than 10,000.
 */
export const SNAPSHOT_CHUNK_MAX_ENTRIES = 500;
/** Most bytes of one chunk's frame: far below the device's frame limit (16 MiB). */
export const SNAPSHOT_CHUNK_MAX_BYTES = 256 * 1024;

const DATA_KEYS = ['blacklist', 'cards', 'balances', 'tariffs', 'schedules'] as const;
type DataKey = (typeof DATA_KEYS)[number];

export interface ChunkLimits {
  maxEntries: number;
  maxBytes: number;
}

export const SNAPSHOT_CHUNK_LIMITS: ChunkLimits = { maxEntries: SNAPSHOT_CHUNK_MAX_ENTRIES, maxBytes: SNAPSHOT_CHUNK_MAX_BYTES };

/** The data field an update carries and its lists, in the order the data object holds them. */
function listsOf(update: DatasetUpdate): { key: DataKey; lists: [string, unknown[]][] } {
  const key = DATA_KEYS.find((k) => update[k] !== undefined && update[k] !== null);
  if (!key) throw new Error('dataset update carries no data');
  const data = update[key] as Record<string, unknown>;
  return { key, lists: Object.entries(data).filter((e): e is [string, unknown[]] => Array.isArray(e[1]) && e[1].length > 0) };
}

/** Every list item of an update's data: the unit a chunk is bounded by. */
export function entryCount(update: DatasetUpdate): number {
  return listsOf(update).lists.reduce((n, [, list]) => n + list.length, 0);
}

/** A new snapshot id: positive, a safe integer, unlikely to repeat. */
export function newSnapshotId(): number {
  return randomInt(1, 2 ** 48);
}

/**
 * The encoded chunk frames of a full snapshot, in order: entries taken in the order of the data's
 * lists, at most `limits.maxEntries` per chunk, and a chunk whose frame would pass `limits.maxBytes`
 * cut in halves until it does not (a single entry larger than that is an error). One frame without
 * chunk fields when the whole snapshot fits in one chunk.
 */
export function chunkSnapshot(update: DatasetUpdate, snapshotId: number, limits: ChunkLimits = SNAPSHOT_CHUNK_LIMITS): Uint8Array[] {
  if (update.fullSnapshot !== true) throw new Error('only a full snapshot is sent in chunks');
  const { key, lists } = listsOf(update);
  const total = lists.reduce((n, [, list]) => n + list.length, 0);
  /** The data of entries [from, to) of the concatenated lists. */
  const part = (from: number, to: number): Record<string, unknown[]> => {
    const out: Record<string, unknown[]> = {};
    let offset = 0;
    for (const [field, list] of lists) {
      const a = Math.max(from, offset);
      const b = Math.min(to, offset + list.length);
      if (a < b) out[field] = list.slice(a - offset, b - offset);
      offset += list.length;
    }
    return out;
  };
  const head = { name: update.name ?? null, version: update.version ?? null, fullSnapshot: true } as const;
  const whole = (from: number, to: number) => encodeFrame({ datasetUpdate: { ...head, [key]: part(from, to) } });
  if (total <= limits.maxEntries) {
    const frame = encodeFrame({ datasetUpdate: update });
    if (frame.length <= limits.maxBytes) return [frame];
  }
  // Ranges by entries, then halved until each frame (without its chunk fields, at most ~20 bytes
  // more) is within the byte budget less that margin.
  const budget = limits.maxBytes - 32;
  const ranges: [number, number][] = [];
  const fit = (from: number, to: number): void => {
    if (whole(from, to).length <= budget) return void ranges.push([from, to]);
    if (to - from === 1) throw new Error(`${key} entry ${from} alone is larger than a chunk's ${limits.maxBytes} bytes`);
    const mid = from + Math.ceil((to - from) / 2);
    fit(from, mid);
    fit(mid, to);
  };
  for (let from = 0; from < total; from += limits.maxEntries) fit(from, Math.min(total, from + limits.maxEntries));
  const chunkCount = ranges.length;
  return ranges.map(([from, to], chunkIndex) =>
    encodeFrame({ datasetUpdate: { ...head, snapshotId, chunkIndex, chunkCount, [key]: part(from, to) } }),
  );
}
