/**
 * The journal's files: segments on disk plus the small state file, below the Journal's seq, chain
 * and budget logic.
 *
 * - `open()` scans every segment in order (scan.ts), truncates what follows the valid prefix of a
 *   segment (a torn or corrupt tail) and reports it, and returns where the journal stands.
 * - `write()` appends one group of framed records to the active segment and fsyncs it (fdatasync).
 *   A full segment (`segmentMaxBytes`) is closed and a new one created first; the directory is
 *   fsynced after a create so the new file itself survives a power cut.
 * - `read()` serves events by seq from disk, synchronously, through each segment's sparse index and
 *   a cursor for sequential reads.
 * - `compact(ackedSeq)` writes the state (ack and seq floor) durably, then deletes every segment
 *   whose records are all acknowledged, never the active one.
 */
import { open, readFile, mkdir, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir } from '../../lib/fsx.js';
import { ZERO_HASH } from '../../protocol/event-chain.js';
import type { Event } from '../../protocol/messages.js';
import type { Logger } from '../../lib/log.js';
import { scanSegment, type ScanTail } from './scan.js';
import { SegmentMeta, closeSync, listSegments, openForRead, readEventsSync, segmentFileName } from './segments.js';
import { readJournalState, writeJournalState, type JournalState } from './state.js';

export interface StoreOptions {
  dir: string;
  deviceId: string;
  logger: Logger;
  fsync: boolean;
  segmentMaxBytes: number;
}

export interface Truncation {
  segment: string;
  reason: ScanTail;
  keptBytes: number;
  droppedBytes: number;
}

export interface OpenedStore {
  state: JournalState;
  /** Seq and hash of the last record on disk (0 / floor hash / ZERO_HASH when none). */
  lastSeq: number;
  lastHash: Buffer;
  /** The next seq must be at least this. */
  minNextSeq: number;
  truncations: Truncation[];
}

export interface WriteRecord {
  seq: number;
  bytes: Buffer;
  hash: Buffer;
}

export class SegmentStore {
  private segments: SegmentMeta[] = [];
  private fh: FileHandle | null = null;
  private state: JournalState = { ackedSeq: 0, floorSeq: 0, floorHash: ZERO_HASH };
  private readFd: { meta: SegmentMeta; fd: number } | null = null;
  private cursor: { meta: SegmentMeta; offset: number; nextSeq: number } | null = null;

  constructor(private readonly options: StoreOptions) {}

  get segmentCount(): number {
    return this.segments.length;
  }

  async open(): Promise<OpenedStore> {
    const { dir, logger, deviceId } = this.options;
    await mkdir(dir, { recursive: true });
    this.state = await readJournalState(dir, logger);
    const truncations: Truncation[] = [];
    let lastSeq = 0;
    let lastHash: Buffer | null = null;
    const files = await listSegments(dir);
    for (const file of files) {
      const data = await readFile(file.path);
      // The chain is checked from the first record on disk on (seq 1 always links to ZERO_HASH);
      // the link from a deleted record to the first one left is the hub's to check.
      const scan = scanSegment(data, { deviceId, afterSeq: lastSeq, minSeq: file.firstSeq, prevHash: lastHash });
      if (scan.validBytes < data.length) {
        const t = { segment: file.path, reason: scan.tail, keptBytes: scan.validBytes, droppedBytes: data.length - scan.validBytes };
        truncations.push(t);
        logger.log('warn', 'journal.tail_truncated', { ...t });
        const fh = await open(file.path, 'r+');
        try {
          await fh.truncate(scan.validBytes);
          await fh.sync();
        } finally {
          await fh.close();
        }
      }
      if (scan.chainBreakCount > 0) {
        logger.log('error', 'journal.chain_mismatch', { segment: file.path, count: scan.chainBreakCount, firstSeq: scan.chainBreaks[0] });
      }
      this.segments.push(SegmentMeta.fromScan(file, scan));
      if (scan.count > 0) {
        lastSeq = scan.lastSeq;
        lastHash = scan.lastHash;
      }
    }
    const last = this.segments[this.segments.length - 1];
    if (last) this.fh = await open(last.path, 'a');
    const { ackedSeq, floorSeq, floorHash } = this.state;
    return {
      state: { ...this.state },
      lastSeq,
      lastHash: lastHash ?? (floorSeq > 0 ? floorHash : ZERO_HASH),
      minNextSeq: Math.max(lastSeq, ackedSeq, floorSeq, (last?.firstSeq ?? 1) - 1) + 1,
      truncations,
    };
  }

  /**
   * Appends records (seq order, framed) and makes them durable. A group that would take the active
   * segment past `segmentMaxBytes` is split: the part that fits is written and synced, then the
   * rest goes to a new segment (a single record larger than the limit gets a segment of its own).
   */
  async write(records: WriteRecord[]): Promise<void> {
    let i = 0;
    while (i < records.length) {
      let active = this.segments[this.segments.length - 1];
      if (!active || !this.fh || (active.count > 0 && active.bytes + records[i]!.bytes.length > this.options.segmentMaxBytes)) {
        active = await this.roll(records[i]!.seq);
      }
      let end = i;
      let size = 0;
      while (end < records.length && (end === i || active.bytes + size + records[end]!.bytes.length <= this.options.segmentMaxBytes)) {
        size += records[end]!.bytes.length;
        end++;
      }
      const part = records.slice(i, end);
      await this.writeAll(part.length === 1 ? part[0]!.bytes : Buffer.concat(part.map((r) => r.bytes), size));
      for (const r of part) active.add(r.seq, r.bytes.length, r.hash);
      i = end;
    }
  }

  private async roll(firstSeq: number): Promise<SegmentMeta> {
    await this.fh?.close();
    this.fh = null;
    const meta = new SegmentMeta(firstSeq, join(this.options.dir, segmentFileName(firstSeq)));
    this.fh = await open(meta.path, 'a');
    await fsyncDir(this.options.dir);
    this.segments.push(meta);
    return meta;
  }

  private async writeAll(bytes: Buffer): Promise<void> {
    const fh = this.fh!;
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await fh.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
    if (this.options.fsync) await fh.datasync();
  }

  /**
   * Durable events with seq >= fromSeq and <= toSeq, in order, at most `max`, read from disk.
   * A segment whose bytes no longer decode (changed under the journal) is logged and skipped.
   */
  read(fromSeq: number, toSeq: number, max: number): Event[] {
    const out: Event[] = [];
    let i = this.segmentIndexFor(fromSeq);
    let from = fromSeq;
    for (; i < this.segments.length && out.length < max; i++) {
      const meta = this.segments[i]!;
      if (meta.count === 0 || meta.lastSeq < from) continue;
      const c = this.cursor;
      const start = c && c.meta === meta && c.nextSeq === from ? c.offset : meta.offsetBefore(from);
      const limit = Math.min(max, out.length + (toSeq - from + 1));
      const pos = readEventsSync(this.fdFor(meta), meta, start, from, limit, out);
      if (!pos) {
        this.options.logger.log('error', 'journal.segment_unreadable', { segment: meta.path, fromSeq: from });
        this.cursor = null;
        continue;
      }
      this.cursor = { meta, offset: pos.offset, nextSeq: pos.nextSeq };
      from = pos.nextSeq;
    }
    while (out.length > 0 && (out[out.length - 1]!.seq ?? 0) > toSeq) out.pop();
    return out;
  }

  /**
   * Persists the ack and the seq floor (the last record of the newest segment wholly acknowledged,
   * the active one included), then deletes every wholly acknowledged segment but the active one.
   * Returns how many were deleted.
   */
  async compact(ackedSeq: number): Promise<number> {
    const wholly: SegmentMeta[] = [];
    for (const meta of this.segments) {
      if (meta.count > 0 && meta.lastSeq > ackedSeq) break;
      wholly.push(meta);
    }
    const doomed = wholly.filter((m) => m !== this.segments[this.segments.length - 1]);
    const floor = wholly.filter((m) => m.count > 0).pop();
    const raise = floor !== undefined && floor.lastSeq > this.state.floorSeq;
    const next: JournalState = {
      ackedSeq: Math.max(ackedSeq, this.state.ackedSeq),
      floorSeq: raise ? floor.lastSeq : this.state.floorSeq,
      floorHash: raise ? floor.lastHash! : this.state.floorHash,
    };
    if (next.ackedSeq === this.state.ackedSeq && !raise && doomed.length === 0) return 0;
    await writeJournalState(this.options.dir, next);
    this.state = next;
    for (const meta of doomed) {
      if (this.readFd?.meta === meta) this.closeReadFd();
      if (this.cursor?.meta === meta) this.cursor = null;
      await unlink(meta.path).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
      this.segments.splice(this.segments.indexOf(meta), 1);
    }
    if (doomed.length > 0) {
      await fsyncDir(this.options.dir);
      this.options.logger.log('debug', 'journal.segments_deleted', { count: doomed.length, ackedSeq: next.ackedSeq, remaining: this.segments.length });
    }
    return doomed.length;
  }

  async close(): Promise<void> {
    this.closeReadFd();
    this.cursor = null;
    const fh = this.fh;
    this.fh = null;
    await fh?.close();
  }

  /** Index of the last segment whose first seq is <= seq (0 when none). */
  private segmentIndexFor(seq: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.segments[mid]!.firstSeq <= seq) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  private fdFor(meta: SegmentMeta): number {
    if (this.readFd?.meta === meta) return this.readFd.fd;
    this.closeReadFd();
    this.readFd = { meta, fd: openForRead(meta.path) };
    return this.readFd.fd;
  }

  private closeReadFd(): void {
    if (this.readFd) closeSync(this.readFd.fd);
    this.readFd = null;
  }
}
