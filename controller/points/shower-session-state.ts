/**
 * The durable state of one shower point: its open session (or none), so a restart after a crash
 * closes the valve and charges what was metered, exactly once (controller/points/shower.ts).
 *
 * One small file per point with two fixed 4 KiB slots, written in place and alternately, each a
 * record `magic, CRC-32C (of the rest), generation, length, JSON`; a read takes the valid slot with the highest
 * generation. A write overwrites the older slot and fdatasyncs: a crash mid-write leaves the other
 * slot whole, and no rename or directory fsync is needed (the file is created once, at its full
 * size, by writeFileDurable). That keeps the session-open record cheap enough to sit on the tap
 * path next to the journal's fsync (`onecard bench tap --point shower`).
 *
 * Writes are applied in the order they are asked for; a write may wait for a promise first (the
 * Charge event being durable) and is skipped if that promise rejects.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { crc32c } from '../../protocol/crc32c.js';
import { writeFileDurable } from '../../lib/fsx.js';
import { AssertionError } from '../../lib/errors.js';

const SLOT_BYTES = 4096;
const HEADER_BYTES = 16;
const MAGIC = 0x3153434f; // "OCS1" little-endian

const count = z.number().int().min(0).refine(Number.isSafeInteger, 'a safe integer');
const tariffSchema = z
  .object({
    id: z.string().min(1).max(64),
    basis: z.enum(['per_litre', 'per_second']),
    priceMillifen: count,
    minimumChargeFen: count,
    maxSessionMs: count,
    maxSessionCostFen: count,
    fallbackPriceMillifenPerSecond: count,
  })
  .strict();
const countsSchema = z
  .object({ pulses: count, volumeMl: count, durationMs: count, timeBilled: z.boolean(), billedVolumeMl: count, billedDurationMs: count })
  .strict();

const sessionSchema = z
  .object({
    phase: z.enum(['open', 'closing']),
    sessionId: z.string().min(1).max(100),
    openSeq: count,
    cardUid: z.string().min(1).max(20),
    accountId: z.string().min(1).max(64),
    allowanceFen: count,
    /** SpendRule of the allowance. */
    spendRule: count,
    tariff: tariffSchema,
    /** Open: the last metered counts (written with each PROGRESS). Closing: the final counts. */
    counts: countsSchema,
    /** Closing: the SessionEnd it closed with. */
    end: count.optional(),
    /** Closing: the journal's last seq before the CLOSE and Charge were appended (they come after it). */
    afterSeq: count.optional(),
    /** Closing: seqs of the CLOSE and Charge events once appended. */
    closeSeq: count.optional(),
    chargeSeq: count.optional(),
  })
  .strict();

const recordSchema = z.union([z.object({ phase: z.literal('idle') }).strict(), sessionSchema]);

export type SessionRecord = z.infer<typeof sessionSchema>;
export type StateRecord = z.infer<typeof recordSchema>;

export const IDLE: StateRecord = { phase: 'idle' };

export class SessionStateFile {
  private fh: FileHandle | null = null;
  private generation = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  /** Opens (creating it when missing) and returns the last record written; idle when none. */
  async open(): Promise<StateRecord> {
    if (this.fh) throw new AssertionError(`${this.path}: opened twice`);
    let data: Buffer;
    try {
      data = await readFile(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await writeFileDurable(this.path, Buffer.alloc(2 * SLOT_BYTES));
      data = Buffer.alloc(0);
    }
    let best: { generation: number; record: StateRecord } | null = null;
    for (let slot = 0; slot < 2; slot++) {
      const found = readSlot(data, slot, this.path);
      if (found && (!best || found.generation > best.generation)) best = found;
    }
    this.generation = best?.generation ?? 0;
    this.fh = await open(this.path, 'r+');
    return best?.record ?? IDLE;
  }

  /**
   * Writes `record` durably after every write asked for before it, and after `after` resolves
   * (skipped, with the returned promise rejected, if `after` rejects).
   */
  write(record: StateRecord, after?: Promise<unknown>): Promise<void> {
    const run = this.queue.then(async () => {
      if (after) await after;
      await this.writeNow(record);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every write asked for so far is done (or failed). */
  async idle(): Promise<void> {
    for (;;) {
      const q = this.queue;
      await q;
      if (q === this.queue) return;
    }
  }

  /** Waits for the writes asked for, then closes the file. */
  async close(): Promise<void> {
    await this.queue;
    await this.fh?.close();
    this.fh = null;
  }

  private async writeNow(record: StateRecord): Promise<void> {
    const fh = this.fh;
    if (!fh) throw new AssertionError(`${this.path}: write while not open`);
    const json = Buffer.from(JSON.stringify(record), 'utf8');
    if (HEADER_BYTES + json.length > SLOT_BYTES) throw new AssertionError(`${this.path}: record of ${json.length} bytes does not fit a slot`);
    const generation = this.generation + 1;
    const buf = Buffer.alloc(HEADER_BYTES + json.length);
    buf.writeUInt32LE(MAGIC, 0);
    buf.writeUInt32LE(generation, 8);
    buf.writeUInt32LE(json.length, 12);
    json.copy(buf, HEADER_BYTES);
    buf.writeUInt32LE(crc32c(buf, 8), 4);
    await fh.write(buf, 0, buf.length, (generation % 2) * SLOT_BYTES);
    await fh.datasync();
    // Only a write that completed advances: after a failure the next one retries the same slot,
    // so the other slot (the last good record) is never the one overwritten.
    this.generation = generation;
  }
}

function readSlot(data: Buffer, slot: number, path: string): { generation: number; record: StateRecord } | null {
  const at = slot * SLOT_BYTES;
  if (data.length < at + HEADER_BYTES || data.readUInt32LE(at) !== MAGIC) return null;
  const generation = data.readUInt32LE(at + 8);
  const length = data.readUInt32LE(at + 12);
  if (length > SLOT_BYTES - HEADER_BYTES || data.length < at + HEADER_BYTES + length) return null;
  if (crc32c(data, at + 8, at + HEADER_BYTES + length) !== data.readUInt32LE(at + 4)) return null; // torn write
  const json = data.subarray(at + HEADER_BYTES, at + HEADER_BYTES + length);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch {
    return null;
  }
  const checked = recordSchema.safeParse(parsed);
  if (!checked.success) {
    // A whole record (its CRC holds) of an unknown shape: written by another version. Charging
    // blindly could be wrong either way, so the point refuses to start and says why.
    throw new Error(`${path}: slot ${slot} holds a session record this version cannot read (${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
  }
  return { generation, record: checked.data };
}
