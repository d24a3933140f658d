/**
 * The controller's journal: the only source of truth for what happened at this device.
 *
 * Files (journal/store.ts): append-only segments `journal-<first seq>.log` of framed protobuf Event
 * records (length, CRC-32C, payload), rolled at `segmentMaxBytes`, plus `journal-state.json` (the
 * hub's ack and the seq floor). On start every segment is scanned; a torn or corrupt tail is cut,
 * logged (`journal.tail_truncated`) and journalled as an alarm `journal_tail_truncated` with the
 * bytes dropped; the seq continues above the last record, the ack and the floor, so no seq is ever
 * reused, even after every segment was deleted.
 *
 * Every event gets the next seq synchronously at `append()`, its `prev_hash` (SHA-256 of the
 * previous event's encoded bytes, 32 zero bytes for the device's first: protocol/event-chain.ts),
 * wall time and `monotonic_ms` (an injected monotonic clock, performance.now() by default). Its
 * `durable` promise resolves only after fdatasync. Appends that arrive while a write is in flight
 * share the next write and fsync (group commit, at most `maxBatchEvents` per write).
 *
 * Memory stays bounded: the most recent `memoryWindowEvents` durable events are kept for the uplink;
 * older unacknowledged ones are read back from disk (`durableFrom`). Segments wholly acknowledged by
 * the hub are deleted.
 *
 * Disk budget (journal/budget.ts, docs/errors.md): at most `maxUnackedEvents` (default 1,000,000)
 * events wait for the hub. Once `maxUnackedEvents - reserve` wait, charges (and meter readings,
 * self-tests) are refused with `journal_full`, never dropped after acceptance; access events are
 * counted per point (`access_summarised`) and written as one `access_events_summarised` alarm per
 * point when room returns; alarms always get in (the reserve is theirs). Entering and leaving that
 * state is journalled as alarm `journal_full` (active true, then false).
 */
import { AssertionError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import { encodeRecord } from '../protocol/framing.js';
import { eventHash } from '../protocol/event-chain.js';
import { pb, type Event } from '../protocol/messages.js';
import { JournalBudget, summaryDetail, type EventClass } from './journal/budget.js';
import { SegmentStore, type WriteRecord } from './journal/store.js';

export interface JournalOptions {
  dir: string;
  deviceId: string;
  logger: Logger;
  /** fsync each group commit (default true; only a benchmark of the non-durable path turns it off). */
  fsync?: boolean;
  /** Most events waiting for the hub's acknowledgement (the disk budget). */
  maxUnackedEvents?: number;
  /** Share of the budget only alarms may use (default 1 % of it, 1 to 10,000). */
  alarmReserveEvents?: number;
  /** A segment holding this many bytes is closed and a new one started (default 8 MiB). */
  segmentMaxBytes?: number;
  /** Recent durable events kept in memory for the uplink (default 4096). */
  memoryWindowEvents?: number;
  /** Most events in one write + fsync (default 4096). */
  maxBatchEvents?: number;
  /** Wall clock, unix ms. */
  now?: () => number;
  /** Whether the device is offline, and authorised to be, as each event is written (DESIGN.md: money offline). */
  stamp?: () => { offline: boolean; offlineAuthorised: boolean };
  /** Monotonic clock, ms (default performance.now()). */
  monotonicNow?: () => number;
  /**
   * Called once when a write or fsync fails. The journal refuses everything after it (what is on
   * disk past the last good commit is unknown); the owner should restart the process, whose scan
   * then re-establishes the true tail.
   */
  onFailure?: (err: Error) => void;
}

/** An event as a point hands it to the journal: everything but what the journal sets. */
/** Most events re-journalled when the hub already holds their seqs (a replaced controller). */
const MAX_RENUMBERED = 10_000;

export type EventDraft = Omit<Event, 'deviceId' | 'seq' | 'deviceTimeUnixMs' | 'prevHash' | 'monotonicMs' | 'offline' | 'offlineAuthorised'> & { pointId: string };

export type AppendResult =
  | { ok: true; seq: number; durable: Promise<void> }
  | { ok: false; reason: 'journal_full' | 'access_summarised' | 'journal_failed' | 'journal_stopped'; message: string };

interface Pending extends WriteRecord {
  event: Event;
  resolve: () => void;
  reject: (err: Error) => void;
}

/** Point id of the journal's own alarms. */
export const JOURNAL_POINT_ID = 'journal';

export class Journal {
  private store: SegmentStore;
  private nextSeq = 1;
  private acked = 0;
  private durableSeq = 0;
  private lastHash: Buffer = Buffer.alloc(32);
  private window: Event[] = [];
  private windowHead = 0;
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private failure: Error | null = null;
  private running = false;
  private full = false;
  private readonly durableListeners = new Set<(seq: number) => void>();
  private readonly budget: JournalBudget;
  private readonly now: () => number;
  private readonly monotonicNow: () => number;
  private readonly windowMax: number;
  private readonly batchMax: number;
  private compaction: Promise<void> = Promise.resolve();

  constructor(private readonly options: JournalOptions) {
    this.budget = new JournalBudget(options.maxUnackedEvents ?? 1_000_000, options.alarmReserveEvents);
    this.now = options.now ?? Date.now;
    this.monotonicNow = options.monotonicNow ?? (() => performance.now());
    this.windowMax = options.memoryWindowEvents ?? 4096;
    this.batchMax = options.maxBatchEvents ?? 4096;
    this.store = this.newStore();
  }

  private newStore(): SegmentStore {
    const { dir, deviceId, logger } = this.options;
    return new SegmentStore({ dir, deviceId, logger, fsync: this.options.fsync ?? true, segmentMaxBytes: this.options.segmentMaxBytes ?? 8 * 1024 * 1024 });
  }

  async start(): Promise<void> {
    if (this.running) throw new AssertionError('journal already started');
    this.store = this.newStore();
    const opened = await this.store.open();
    this.acked = opened.state.ackedSeq;
    this.durableSeq = opened.lastSeq;
    this.lastHash = opened.lastHash;
    this.nextSeq = opened.minNextSeq;
    this.window = [];
    this.windowHead = 0;
    this.running = true;
    this.options.logger.log('info', 'journal.opened', {
      lastSeq: opened.lastSeq, ackedSeq: this.acked, waiting: this.waitingCount, segments: this.store.segmentCount, dir: this.options.dir,
    });
    const dropped = opened.truncations.reduce((n, t) => n + t.droppedBytes, 0);
    if (dropped > 0) {
      const reasons = [...new Set(opened.truncations.map((t) => t.reason))].join(',');
      const r = this.append({ pointId: JOURNAL_POINT_ID, alarm: { kind: 'journal_tail_truncated', active: false, detail: `dropped_bytes=${dropped} reason=${reasons}` } });
      if (r.ok) await r.durable;
    }
    this.scheduleCompaction();
  }

  /** Journals pending summaries, waits for queued writes, then closes. Appends after this are refused. */
  async stop(): Promise<void> {
    if (!this.running) return;
    if (this.budget.summarising) this.journalSummaries();
    this.running = false;
    while (this.writing) await this.writing.catch(() => undefined);
    await this.compaction.catch(() => undefined);
    await this.store.close();
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

  /** Durable events not yet acknowledged. */
  get unackedCount(): number {
    return Math.max(0, this.durableSeq - this.acked);
  }

  /** Events counted against the budget: written or being written, not acknowledged. */
  get waitingCount(): number {
    return Math.max(0, this.nextSeq - 1 - this.acked);
  }

  /** Events held in memory: the recent window plus those waiting for their write. */
  get eventsInMemory(): number {
    return this.window.length - this.windowHead + this.queue.length;
  }

  append(draft: EventDraft): AppendResult {
    if (!this.running) return { ok: false, reason: 'journal_stopped', message: 'journal is not running' };
    if (this.failure) return { ok: false, reason: 'journal_failed', message: this.failure.message };
    const kind: EventClass = draft.alarm ? 'alarm' : draft.access ? 'access' : 'record';
    const waiting = this.waitingCount;
    const admission = this.budget.decide(kind, waiting);
    if (admission !== 'admit') {
      this.enterFull(waiting);
      const message = `${waiting} events wait for the hub (limit ${this.budget.ordinaryLimit} for events other than alarms)`;
      if (admission === 'refuse') return { ok: false, reason: 'journal_full', message };
      this.budget.count(draft.pointId, this.now());
      return { ok: false, reason: 'access_summarised', message: `${message}; counted for a summary alarm` };
    }
    if (kind === 'alarm' && waiting === this.budget.limit) {
      this.options.logger.log('warn', 'journal.over_budget', { waiting, limit: this.budget.limit });
    }
    return this.write(draft);
  }

  /** Durable, unacknowledged events with seq >= fromSeq, in order, at most `max`. */
  durableFrom(fromSeq: number, max: number): Event[] {
    const from = Math.max(fromSeq, this.acked + 1);
    if (from > this.durableSeq || max <= 0) return [];
    const first = this.window[this.windowHead];
    if (first && (first.seq ?? 0) <= from) {
      const start = this.windowHead + (from - (first.seq ?? 0));
      return this.window.slice(start, start + max);
    }
    return this.store.read(from, this.durableSeq, max);
  }

  /**
   * Records the hub's cumulative acknowledgement: persisted with the seq floor, and segments wholly
   * acknowledged are deleted. An acknowledgement beyond the last seq written means this device's
   * journal was lost or replaced (a replacement controller enrolled under the same id, a re-flashed
   * SD card): the seq jumps past it so no seq is reused, and the events this journal wrote under
   * seqs the hub already holds from before are journalled again above the new floor (at most
   * MAX_RENUMBERED of them), with a `journal_renumbered` alarm, instead of being taken as delivered.
   */
  markAcked(seq: number): void {
    if (seq <= this.acked) return;
    let orphans: Event[] = [];
    if (seq >= this.nextSeq) {
      this.options.logger.log('warn', 'journal.seq_behind_hub', { lastSeqWritten: this.nextSeq - 1, hubAckedSeq: seq });
      orphans = this.durableFrom(this.acked + 1, MAX_RENUMBERED + 1);
      this.nextSeq = seq + 1;
    }
    this.acked = seq;
    while (this.windowHead < this.window.length && (this.window[this.windowHead]!.seq ?? 0) <= seq) this.windowHead++;
    this.compactWindow();
    if (this.full && this.running && this.budget.hasRoom(this.waitingCount)) this.leaveFull();
    this.scheduleCompaction();
    if (orphans.length > 0) this.renumber(orphans);
  }

  private renumber(orphans: Event[]): void {
    const kept = orphans.slice(0, MAX_RENUMBERED);
    const from = kept[0]?.seq ?? 0;
    const to = kept[kept.length - 1]?.seq ?? 0;
    const firstNew = this.nextSeq;
    for (const e of kept) {
      const { deviceId: _d, seq: _s, deviceTimeUnixMs: _t, prevHash: _p, monotonicMs: _m, ...draft } = e;
      this.append(draft as EventDraft);
    }
    const dropped = orphans.length - kept.length;
    this.append({
      pointId: 'controller',
      alarm: {
        kind: 'journal_renumbered',
        active: true,
        detail: `the hub already held seqs up to ${firstNew - 1} for this device id: ${kept.length} events written here as seqs ${from}..${to} were journalled again from seq ${firstNew}${dropped > 0 ? `; more were not` : ''} (their original times are lost)`,
      },
    });
    this.options.logger.log('warn', 'journal.renumbered', { events: kept.length, fromSeq: from, toSeq: to, firstNewSeq: firstNew });
  }

  /** Called after each group commit with the highest durable seq. Returns the unsubscribe function. */
  onDurable(listener: (seq: number) => void): () => void {
    this.durableListeners.add(listener);
    return () => this.durableListeners.delete(listener);
  }

  private write(draft: EventDraft): AppendResult {
    const seq = this.nextSeq;
    const event: Event = {
      ...draft,
      deviceId: this.options.deviceId,
      seq,
      deviceTimeUnixMs: Math.max(0, Math.floor(this.now())),
      monotonicMs: Math.max(0, Math.floor(this.monotonicNow())),
      prevHash: this.lastHash,
    };
    const stamp = this.options.stamp?.();
    if (stamp?.offline) event.offline = true;
    if (stamp?.offlineAuthorised) event.offlineAuthorised = true;
    const payload = pb.Event.encode(event).finish();
    const bytes = encodeRecord(payload); // throws RangeError for an oversized draft: nothing assigned yet
    const hash = eventHash(payload);
    this.nextSeq = seq + 1;
    this.lastHash = hash;
    let resolve!: () => void;
    let reject!: (err: Error) => void;
    const durable = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Callers that only care about the seq may ignore `durable`; a failure is also reported by the
    // journal's own log and by every later append.
    durable.catch(() => undefined);
    this.queue.push({ seq, bytes, hash, event, resolve, reject });
    if (!this.writing) this.writing = this.drain();
    return { ok: true, seq, durable };
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.length <= this.batchMax ? this.queue : this.queue.slice(0, this.batchMax);
        this.queue = this.queue.length <= this.batchMax ? [] : this.queue.slice(this.batchMax);
        try {
          await this.store.write(batch);
        } catch (err) {
          this.failure = err as Error;
          this.options.logger.log('error', 'journal.write_failed', { error: this.failure.message, events: batch.length });
          this.options.onFailure?.(this.failure);
          for (const p of [...batch, ...this.queue]) p.reject(this.failure);
          this.queue = [];
          return;
        }
        for (const p of batch) {
          // The window holds a contiguous run of seqs above the ack (an ack jump can break the run).
          const last = this.window[this.window.length - 1];
          if (last && (last.seq ?? 0) + 1 !== p.seq) this.windowHead = this.window.length;
          if (p.seq > this.acked) this.window.push(p.event);
          p.resolve();
        }
        this.compactWindow();
        this.durableSeq = batch[batch.length - 1]!.seq;
        for (const l of this.durableListeners) l(this.durableSeq);
      }
    } finally {
      this.writing = null;
    }
  }

  /** Keeps at most `windowMax` events in memory, dropping the oldest (they stay on disk). */
  private compactWindow(): void {
    const excess = this.window.length - this.windowHead - this.windowMax;
    if (excess > 0) this.windowHead += excess;
    if (this.windowHead > 1024 && this.windowHead * 2 > this.window.length) {
      this.window = this.window.slice(this.windowHead);
      this.windowHead = 0;
    }
  }

  private scheduleCompaction(): void {
    const store = this.store;
    this.compaction = this.compaction
      .then(() => store.compact(this.acked))
      .then(() => undefined, (err: Error) => this.options.logger.log('error', 'journal.ack_write_failed', { error: err.message }));
  }

  private enterFull(waiting: number): void {
    if (this.full) return;
    this.full = true;
    this.options.logger.log('warn', 'journal.full', { waiting, limit: this.budget.ordinaryLimit });
    this.write({ pointId: JOURNAL_POINT_ID, alarm: { kind: 'journal_full', active: true, detail: `waiting=${waiting} limit=${this.budget.ordinaryLimit}` } });
  }

  private leaveFull(): void {
    this.full = false;
    this.options.logger.log('info', 'journal.room_again', { waiting: this.waitingCount });
    this.write({ pointId: JOURNAL_POINT_ID, alarm: { kind: 'journal_full', active: false, detail: `waiting=${this.waitingCount}` } });
    this.journalSummaries();
  }

  private journalSummaries(): void {
    for (const s of this.budget.take()) {
      this.write({ pointId: s.pointId, alarm: { kind: 'access_events_summarised', active: false, detail: summaryDetail(s) } });
      this.options.logger.log('info', 'journal.access_summarised', { point: s.pointId, count: s.count });
    }
  }
}
