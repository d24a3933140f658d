/**
 * The controller's journal: the only source of truth for what happened at this device.
 *
 * Every event gets the next sequence number synchronously at `append()`, is written as a framed
 * record (protocol/framing.ts) to `journal.log` and made durable with fsync before its `durable`
 * promise resolves. Appends that arrive while a write is in flight share the next write and fsync
 * (group commit). On start the log is scanned, a torn or corrupt tail is truncated, and the seq
 * continues after the highest of the last record and the last acknowledged seq, so a seq is never
 * reused across crashes and restarts.
 *
 * Durable events not yet acknowledged by the hub stay in memory for the uplink (bounded by
 * `maxUnackedEvents`; when full, `append` refuses with `journal_full`).
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeRecords, encodeRecord } from '../protocol/framing.js';
import { pb, type Event } from '../protocol/messages.js';
import { writeFileDurable } from '../lib/fsx.js';
import { AssertionError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';

export interface JournalOptions {
  dir: string;
  deviceId: string;
  logger: Logger;
  /** fsync each group commit (default true; only a benchmark of the non-durable path turns it off). */
  fsync?: boolean;
  /** Most durable events kept waiting for the hub's acknowledgement. */
  maxUnackedEvents?: number;
  now?: () => number;
}

/** An event as a point hands it to the journal: everything but the device id, seq and time. */
export type EventDraft = Omit<Event, 'deviceId' | 'seq' | 'deviceTimeUnixMs'> & { pointId: string };

export type AppendResult =
  | { ok: true; seq: number; durable: Promise<void> }
  | { ok: false; reason: 'journal_full' | 'journal_failed' | 'journal_stopped'; message: string };

interface Pending {
  seq: number;
  event: Event;
  bytes: Buffer;
  resolve: () => void;
  reject: (err: Error) => void;
}

export class Journal {
  private fh: FileHandle | null = null;
  private nextSeq = 1;
  private acked = 0;
  private durableSeq = 0;
  private unacked: Event[] = [];
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private failure: Error | null = null;
  private running = false;
  private readonly durableListeners = new Set<(seq: number) => void>();
  private readonly fsync: boolean;
  private readonly maxUnacked: number;
  private readonly now: () => number;
  private ackWrite: Promise<void> = Promise.resolve();

  constructor(private readonly options: JournalOptions) {
    this.fsync = options.fsync ?? true;
    this.maxUnacked = options.maxUnackedEvents ?? 1_000_000;
    this.now = options.now ?? Date.now;
  }

  get logPath(): string {
    return join(this.options.dir, 'journal.log');
  }

  private get ackPath(): string {
    return join(this.options.dir, 'acked-seq');
  }

  async start(): Promise<void> {
    if (this.running) throw new AssertionError('journal already started');
    await mkdir(this.options.dir, { recursive: true });
    this.acked = await this.readAckedSeq();
    const data = await readFile(this.logPath).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return Buffer.alloc(0);
      throw err;
    });
    const decoded = decodeRecords(data);
    let lastSeq = 0;
    let validBytes = 0;
    let tail: string = decoded.tail;
    for (const record of decoded.records) {
      let event: Event;
      try {
        event = pb.Event.decode(record);
      } catch {
        tail = 'undecodable';
        break;
      }
      if ((event.seq ?? 0) <= lastSeq) {
        tail = 'seq_not_increasing';
        break;
      }
      lastSeq = event.seq ?? 0;
      validBytes += record.length + 8;
      if (lastSeq > this.acked) this.unacked.push(event);
    }
    this.fh = await open(this.logPath, 'a+');
    if (validBytes < data.length) {
      this.options.logger.log('warn', 'journal.tail_truncated', {
        reason: tail, keptBytes: validBytes, droppedBytes: data.length - validBytes,
      });
      await this.fh.truncate(validBytes);
      await this.fh.sync();
    }
    this.durableSeq = lastSeq;
    this.nextSeq = Math.max(lastSeq, this.acked) + 1;
    this.running = true;
    this.options.logger.log('info', 'journal.opened', {
      lastSeq, ackedSeq: this.acked, unacked: this.unacked.length, path: this.logPath,
    });
  }

  /** Waits for queued writes, then closes the file. Appends after this are refused. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    while (this.writing) await this.writing.catch(() => undefined);
    await this.ackWrite.catch(() => undefined);
    await this.fh?.close();
    this.fh = null;
    this.durableListeners.clear();
  }

  /** Highest seq handed out so far (durable or still being written). */
  get lastSeqWritten(): number {
    return this.nextSeq - 1;
  }

  get lastDurableSeq(): number {
    return this.durableSeq;
  }

  get ackedSeq(): number {
    return this.acked;
  }

  get unackedCount(): number {
    return this.unacked.length;
  }

  append(draft: EventDraft): AppendResult {
    if (!this.running) return { ok: false, reason: 'journal_stopped', message: 'journal is not running' };
    if (this.failure) return { ok: false, reason: 'journal_failed', message: this.failure.message };
    const waiting = this.unacked.length + this.queue.length;
    if (waiting >= this.maxUnacked) {
      return { ok: false, reason: 'journal_full', message: `${waiting} events wait for the hub (limit ${this.maxUnacked})` };
    }
    const seq = this.nextSeq++;
    const event: Event = { ...draft, deviceId: this.options.deviceId, seq, deviceTimeUnixMs: this.now() };
    const bytes = encodeRecord(pb.Event.encode(event).finish());
    let resolve!: () => void;
    let reject!: (err: Error) => void;
    const durable = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Callers that only care about the seq may ignore `durable`; a failure is also reported by the
    // journal's own log and by every later append.
    durable.catch(() => undefined);
    this.queue.push({ seq, event, bytes, resolve, reject });
    if (!this.writing) this.writing = this.drain();
    return { ok: true, seq, durable };
  }

  /** Durable, unacknowledged events with seq >= fromSeq, in order, at most `max`. */
  durableFrom(fromSeq: number, max: number): Event[] {
    const first = this.unacked[0];
    if (!first) return [];
    const start = Math.max(0, fromSeq - (first.seq ?? 0));
    return this.unacked.slice(start, start + max);
  }

  /**
   * Records the hub's cumulative acknowledgement. An acknowledgement beyond the last seq written
   * means this device's journal was lost or replaced: the seq jumps past it so no seq is reused.
   */
  markAcked(seq: number): void {
    if (seq <= this.acked) return;
    if (seq >= this.nextSeq) {
      this.options.logger.log('warn', 'journal.seq_behind_hub', { lastSeqWritten: this.nextSeq - 1, hubAckedSeq: seq });
      this.nextSeq = seq + 1;
    }
    this.acked = seq;
    let drop = 0;
    while (drop < this.unacked.length && (this.unacked[drop]!.seq ?? 0) <= seq) drop++;
    if (drop > 0) this.unacked = this.unacked.slice(drop);
    const value = String(seq);
    this.ackWrite = this.ackWrite
      .then(() => (this.acked === seq ? writeFileDurable(this.ackPath, value) : undefined))
      .catch((err: Error) => this.options.logger.log('error', 'journal.ack_write_failed', { error: err.message }));
  }

  /** Called after each group commit with the highest durable seq. Returns the unsubscribe function. */
  onDurable(listener: (seq: number) => void): () => void {
    this.durableListeners.add(listener);
    return () => this.durableListeners.delete(listener);
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          const fh = this.fh;
          if (!fh) throw new Error('journal file is closed');
          const bytes = batch.length === 1 ? batch[0]!.bytes : Buffer.concat(batch.map((p) => p.bytes));
          let offset = 0;
          while (offset < bytes.length) {
            const { bytesWritten } = await fh.write(bytes, offset, bytes.length - offset);
            offset += bytesWritten;
          }
          if (this.fsync) await fh.datasync();
        } catch (err) {
          this.failure = err as Error;
          this.options.logger.log('error', 'journal.write_failed', { error: this.failure.message, events: batch.length });
          for (const p of [...batch, ...this.queue]) p.reject(this.failure);
          this.queue = [];
          return;
        }
        for (const p of batch) {
          this.unacked.push(p.event);
          p.resolve();
        }
        this.durableSeq = batch[batch.length - 1]!.seq;
        for (const l of this.durableListeners) l(this.durableSeq);
      }
    } finally {
      this.writing = null;
    }
  }

  private async readAckedSeq(): Promise<number> {
    try {
      const text = (await readFile(this.ackPath, 'utf8')).trim();
      const n = Number(text);
      if (!Number.isSafeInteger(n) || n < 0) {
        this.options.logger.log('warn', 'journal.ack_file_invalid', { content: text.slice(0, 32) });
        return 0;
      }
      return n;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
  }
}
