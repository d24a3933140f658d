/**
 * Segment files of the journal: naming, listing, what the journal remembers of each, and reading
 * records back by seq.
 *
 * A segment is `journal-<first seq, 20 digits>.log` (so names sort in seq order), an append-only run
 * of framed Event records. The journal keeps per segment only its valid size, first and last seq,
 * the hash of its last record and a sparse index (seq -> byte offset of every 64th record), never
 * the events themselves; `readEventsSync` reads them from disk when the uplink needs them.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { RECORD_HEADER_BYTES, MAX_RECORD_PAYLOAD_BYTES, decodeRecords } from '../../protocol/framing.js';
import { pb, type Event } from '../../protocol/messages.js';
import { scanSegment, type ScanTail, type SegmentScan } from './scan.js';

const SEGMENT_FILE = /^journal-(\d{20})\.log$/;
/** Bytes read per disk read when serving events (holds several whole records of the largest size). */
const READ_CHUNK_BYTES = 4 * (RECORD_HEADER_BYTES + MAX_RECORD_PAYLOAD_BYTES);

export function segmentFileName(firstSeq: number): string {
  return `journal-${String(firstSeq).padStart(20, '0')}.log`;
}

export interface SegmentFile {
  firstSeq: number;
  path: string;
}

/** The segment files of a journal directory, in seq order. Other files are ignored. */
export async function listSegments(dir: string): Promise<SegmentFile[]> {
  const names = await readdir(dir);
  const out: SegmentFile[] = [];
  for (const name of names) {
    const m = SEGMENT_FILE.exec(name);
    if (!m) continue;
    const firstSeq = Number(m[1]);
    if (Number.isSafeInteger(firstSeq)) out.push({ firstSeq, path: join(dir, name) });
  }
  return out.sort((a, b) => a.firstSeq - b.firstSeq);
}

/** What the journal remembers of one segment. */
export class SegmentMeta {
  count = 0;
  /** Bytes of whole, durable records (the file may be longer only while a write is in flight). */
  bytes = 0;
  lastSeq = 0;
  lastHash: Buffer | null = null;
  private readonly indexSeqs: number[] = [];
  private readonly indexOffsets: number[] = [];

  constructor(readonly firstSeq: number, readonly path: string, private readonly indexEvery = 64) {}

  static fromScan(file: SegmentFile, scan: SegmentScan, indexEvery = 64): SegmentMeta {
    const meta = new SegmentMeta(file.firstSeq, file.path, indexEvery);
    meta.count = scan.count;
    meta.bytes = scan.validBytes;
    meta.lastSeq = scan.lastSeq;
    meta.lastHash = scan.lastHash;
    meta.indexSeqs.push(...scan.indexSeqs);
    meta.indexOffsets.push(...scan.indexOffsets);
    return meta;
  }

  /** Records a record appended at the current end. */
  add(seq: number, recordBytes: number, hash: Buffer): void {
    if (this.count % this.indexEvery === 0) {
      this.indexSeqs.push(seq);
      this.indexOffsets.push(this.bytes);
    }
    this.count++;
    this.bytes += recordBytes;
    this.lastSeq = seq;
    this.lastHash = hash;
  }

  /** Offset of the last indexed record with seq <= `seq` (0 when none). */
  offsetBefore(seq: number): number {
    let lo = 0;
    let hi = this.indexSeqs.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.indexSeqs[mid]! <= seq) {
        found = this.indexOffsets[mid]!;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}

export interface ReadPosition {
  /** Where the next record after the last one returned starts. */
  offset: number;
  /** Seq the caller expects next (the last returned + 1). */
  nextSeq: number;
}

/**
 * Reads events with seq >= fromSeq from one segment, from `startOffset` (a record boundary at or
 * before fromSeq) up to `meta.bytes`, appending at most `max - out.length` to `out`. Synchronous:
 * the uplink asks for a batch at a time (at most a few hundred events). Returns where it stopped, or
 * null when the bytes on disk no longer decode (the caller logs it and skips the segment).
 */
export function readEventsSync(fd: number, meta: SegmentMeta, startOffset: number, fromSeq: number, max: number, out: Event[]): ReadPosition | null {
  let pos = startOffset;
  let nextSeq = fromSeq;
  const chunk = Buffer.allocUnsafe(Math.min(READ_CHUNK_BYTES, Math.max(RECORD_HEADER_BYTES, meta.bytes - pos)));
  while (pos < meta.bytes && out.length < max) {
    const want = Math.min(chunk.length, meta.bytes - pos);
    let got = 0;
    while (got < want) {
      const n = readSync(fd, chunk, got, want - got, pos + got);
      if (n === 0) return null;
      got += n;
    }
    const decoded = decodeRecords(chunk.subarray(0, got));
    if (decoded.records.length === 0) return null;
    for (const payload of decoded.records) {
      pos += RECORD_HEADER_BYTES + payload.length;
      let event: Event;
      try {
        event = pb.Event.decode(payload);
      } catch {
        return null;
      }
      const seq = event.seq ?? 0;
      if (seq < fromSeq) continue;
      out.push(event);
      nextSeq = seq + 1;
      if (out.length >= max) return { offset: pos, nextSeq };
    }
  }
  return { offset: pos, nextSeq };
}

/** Opens a segment for reading; the caller closes it with `closeSync`. */
export function openForRead(path: string): number {
  return openSync(path, 'r');
}

export { closeSync };

export interface JournalContent {
  /** Every intact event of every segment, in file order, with the bytes written for it. */
  events: { event: Event; payload: Buffer }[];
  /** Seqs whose prev_hash does not match the previous record read. */
  chainBreaks: number[];
  /** Segments whose valid prefix ends before the file does. */
  tails: { path: string; tail: ScanTail; droppedBytes: number }[];
}

/**
 * Reads a whole journal directory (tests, tools): every segment in order, the chain checked across
 * segments from the first record read (ZERO_HASH expected when it is seq 1). Does not modify files.
 */
export async function readJournalDir(dir: string, deviceId?: string): Promise<JournalContent> {
  const content: JournalContent = { events: [], chainBreaks: [], tails: [] };
  let afterSeq = 0;
  let prevHash: Buffer | null = null;
  for (const file of await listSegments(dir)) {
    const data = await readFile(file.path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null; // deleted (acknowledged) while we read
      throw err;
    });
    if (!data) continue;
    const scan = scanSegment(data, {
      afterSeq, minSeq: file.firstSeq, prevHash, ...(deviceId !== undefined ? { deviceId } : {}),
      onRecord: (event, payload) => content.events.push({ event, payload: Buffer.from(payload) }),
    });
    content.chainBreaks.push(...scan.chainBreaks);
    if (scan.validBytes < data.length) content.tails.push({ path: file.path, tail: scan.tail, droppedBytes: data.length - scan.validBytes });
    if (scan.count > 0) {
      afterSeq = scan.lastSeq;
      prevHash = scan.lastHash;
    }
  }
  return content;
}
