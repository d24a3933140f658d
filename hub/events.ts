/**
 * Device events at the hub, each stored once under (device_id, seq).
 *
 * A batch is ingested in one transaction: each event is inserted or found to exist already. An
 * existing event with the same bytes is a harmless resend (`exists`); with other bytes it is a
 * conflict (`exists_with_different_payload`): the stored event is kept and the conflict reported,
 * never overwritten. The device's acked seq then advances over every contiguous seq now held.
 *
 * Hash chain (protocol/event-chain.ts): each stored event keeps its own hash and the `prev_hash` it
 * carried. A new event's `prev_hash` is compared with the stored hash of seq - 1 (32 zero bytes for
 * seq 1); a mismatch is a chain break (an edited, replaced or forged event, or a device journal that
 * was reset): the event is still stored, flagged `chain_ok = 0`, and its seq reported in
 * `chainBreaks` for the gateway to log. When seq - 1 is not held yet the flag stays null and is set
 * once seq - 1 arrives. A gap itself shows in the acked seq, which stops below it.
 *
 * Money: a charge stored new is posted to the ledger (or held for review) in the same transaction
 * (hub/posting.ts), so the acked seq is also the highest seq below which every charge is posted
 * or held; the balances it changed get one new balances version for the batch (hub/balances.ts).
 * A meter reading stored new becomes its meter's latest (hub/meters.ts), an alarm its alarm's
 * standing (hub/alarms.ts). A failed self-test step or a persistent fault alarm stored new opens
 * or joins a repair ticket (hub/ticket-faults.ts).
 */
import type { Insertable, Kysely } from 'kysely';
import { accessReasonText, pb, type Event } from '../protocol/messages.js';
import { ZERO_HASH, eventHash, sameHash } from '../protocol/event-chain.js';
import type { Database, EventsTable } from './db/schema.js';
import { isPostgres } from './db/dialect.js';
import type { TransferInput } from './ledger.js';
import { applyCharges, classifyCharges, postCharges, type HeldReason } from './posting.js';
import { recordReading } from './meters.js';
import { eventDetail, type EventDetail } from './event-detail.js';
import { recordFaults } from './ticket-faults.js';
import { recordAlarm } from './alarms.js';

export type IngestResult = 'created' | 'exists' | 'exists_with_different_payload';

export interface IngestOutcome {
  ackedSeq: number;
  results: IngestResult[];
  /** Seqs found this time to break the hash chain (events of this batch or held successors). */
  chainBreaks: number[];
  /** Charges of this batch stored and held for review instead of posted. */
  held: { seq: number; reason: HeldReason }[];
  /** The balances version this batch's charges made, or null when no balance changed. */
  balancesVersion: number | null;
}

export interface EventView {
  deviceId: string;
  seq: number;
  pointId: string;
  deviceTimeMs: number;
  receivedAtMs: number;
  kind: string;
  cardUid: string | null;
  granted: boolean | null;
  reason: string | null;
  /** Hash chain check: true linked to seq - 1, false a chain break, null not checked (seq - 1 not held). */
  chainOk: boolean | null;
  /** A charge's account and amount. */
  accountId: string | null;
  amountFen: number | null;
  /** Written while offline; whether the device was authorised to work offline then. */
  offline: boolean;
  offlineAuthorised: boolean;
  /** Why a charge is held for review instead of posted (hub/posting.ts). */
  heldReason: HeldReason | null;
  /** The ledger transfer a charge was posted as. */
  transferId: string | null;
  /** What the event says beyond the columns above, decoded from the stored payload (hub/event-detail.ts). */
  detail: EventDetail;
}

export interface EventQuery {
  deviceId?: string;
  afterSeq?: number;
  cardUid?: string;
  /** Only charges held for review. */
  held?: boolean;
  limit: number;
}

/** How far ahead of the acked seq one ingest looks for contiguous events. */
const CONTIGUOUS_SCAN = 10_000;
/** Seqs per read and rows per insert statement (well under both databases' limits on bound parameters). */
const SEQS_PER_READ = 1000;
const ROWS_PER_INSERT = 200;

export class EventStore {
  constructor(private readonly db: Kysely<Database>, private readonly now: () => number) {}

  /** Stores a batch from one device. Every event's device_id must be `deviceId` (checked by the caller). */
  async ingest(deviceId: string, events: Event[]): Promise<IngestOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const receivedAt = this.now();
      // The device's row first, locked on PostgreSQL: one device's batches are stored one at a time
      // (two sessions of a device, or two hub processes), so the chain check and the acked seq
      // below always see the batches before. (SQLite transactions take the write lock at begin.)
      let deviceQuery = trx.selectFrom('devices').select('acked_seq').where('device_id', '=', deviceId);
      if (isPostgres(this.db as unknown as Kysely<unknown>)) deviceQuery = deviceQuery.forNoKeyUpdate();
      const device = await deviceQuery.executeTakeFirstOrThrow();
      const prepared = events.map((e) => {
        const payload = pb.Event.encode(e).finish();
        return { e, seq: e.seq ?? 0, payload, hash: eventHash(payload), prevHash: e.prevHash ? Buffer.from(e.prevHash) : null };
      });
      const batchSeqs = new Set(prepared.map((p) => p.seq));
      // What is held already of these seqs, their predecessors and their successors, in one read.
      const around = new Set<number>();
      for (const seq of batchSeqs) for (const s of [seq - 1, seq, seq + 1]) if (s > 0) around.add(s);
      const held = new Map<number, { hash: Uint8Array | null; payload: Uint8Array; prevHash: Uint8Array | null; chainOk: number | null }>();
      const aroundList = [...around];
      for (let i = 0; i < aroundList.length; i += SEQS_PER_READ) {
        const rows = await trx
          .selectFrom('events')
          .select(['seq', 'hash', 'payload', 'prev_hash', 'chain_ok'])
          .where('device_id', '=', deviceId)
          .where('seq', 'in', aroundList.slice(i, i + SEQS_PER_READ))
          .execute();
        for (const r of rows) held.set(Number(r.seq), { hash: r.hash, payload: r.payload, prevHash: r.prev_hash, chainOk: r.chain_ok });
      }
      const decisions = await classifyCharges(trx, deviceId, events, receivedAt);
      const results: IngestResult[] = [];
      const chainBreaks: number[] = [];
      const heldCharges: IngestOutcome['held'] = [];
      const rows: Insertable<EventsTable>[] = [];
      const created: { e: Event; seq: number; hash: Uint8Array }[] = [];
      const transfers: TransferInput[] = [];
      for (const [i, p] of prepared.entries()) {
        const stored = held.get(p.seq);
        if (stored) {
          results.push(Buffer.from(stored.payload).equals(Buffer.from(p.payload)) ? 'exists' : 'exists_with_different_payload');
          continue;
        }
        const { e, seq, payload, hash, prevHash } = p;
        // Undefined: seq - 1 not held; null: held from before the chain existed. Neither can be checked.
        const before = seq === 1 ? ZERO_HASH : held.get(seq - 1)?.hash;
        const chainOk = before ? (sameHash(prevHash, before) ? 1 : 0) : null;
        const charge = decisions[i]!;
        rows.push({
          device_id: deviceId,
          seq,
          point_id: e.pointId ?? '',
          device_time_ms: e.deviceTimeUnixMs ?? 0,
          received_at_ms: receivedAt,
          kind: e.access ? 'access' : e.charge ? 'charge' : e.meterReading ? 'meter_reading' : e.alarm ? 'alarm' : e.showerSession ? 'shower_session' : 'self_test',
          card_uid: (e.access?.cardUid || e.charge?.cardUid || e.showerSession?.cardUid) || null, // a remote opening has no card
          granted: e.access ? (e.access.granted ? 1 : 0) : null,
          reason: e.access ? accessReasonText(e.access.reason ?? 0) : null,
          payload,
          hash,
          prev_hash: prevHash,
          chain_ok: chainOk,
          account_id: e.charge ? (e.charge.accountId ?? '') : null,
          amount_fen: e.charge ? Number(e.charge.amountFen ?? 0) : null,
          offline: e.offline ? 1 : 0,
          offline_authorised: e.offlineAuthorised ? 1 : 0,
          held_reason: charge.heldReason,
          transfer_id: charge.transfer?.transferId ?? null,
        });
        // A later event of this batch with the same seq is a resend of this one.
        held.set(seq, { hash, payload, prevHash, chainOk });
        created.push({ e, seq, hash });
        results.push('created');
        if (charge.transfer) transfers.push(charge.transfer);
        if (charge.heldReason) heldCharges.push({ seq, reason: charge.heldReason });
        if (chainOk === 0) chainBreaks.push(seq);
      }
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await trx.insertInto('events').values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
      const posted = await postCharges(trx, transfers);
      for (const t of transfers) {
        const reason = posted.held.get(t.transferId);
        if (!reason) continue;
        await trx.updateTable('events').set({ held_reason: reason, transfer_id: null }).where('device_id', '=', deviceId).where('seq', '=', t.seq!).execute();
        heldCharges.push({ seq: t.seq!, reason });
      }
      for (const c of created) {
        if (c.e.meterReading) await recordReading(trx, deviceId, c.e, receivedAt);
        if (c.e.alarm) await recordAlarm(trx, deviceId, c.e, c.seq, receivedAt);
        // A successor held from before (it came first) is checked now.
        const next = batchSeqs.has(c.seq + 1) ? undefined : held.get(c.seq + 1);
        if (next && next.chainOk === null && next.prevHash) {
          const ok = sameHash(next.prevHash, c.hash) ? 1 : 0;
          await trx.updateTable('events').set({ chain_ok: ok }).where('device_id', '=', deviceId).where('seq', '=', c.seq + 1).execute();
          if (ok === 0) chainBreaks.push(c.seq + 1);
        }
      }
      heldCharges.sort((a, b) => a.seq - b.seq);
      await recordFaults(trx, deviceId, created, receivedAt);
      let acked = Number(device.acked_seq);
      while (held.has(acked + 1)) acked += 1;
      // Events stored before this batch above a gap it filled.
      const above = await trx
        .selectFrom('events')
        .select('seq')
        .where('device_id', '=', deviceId)
        .where('seq', '>', acked)
        .orderBy('seq')
        .limit(CONTIGUOUS_SCAN)
        .execute();
      for (const row of above) {
        if (Number(row.seq) !== acked + 1) break;
        acked += 1;
      }
      if (acked !== Number(device.acked_seq)) {
        await trx.updateTable('devices').set({ acked_seq: acked, last_seen_at_ms: receivedAt }).where('device_id', '=', deviceId).execute();
      }
      // Last: the balances, whose rows (and version) other batches and top-ups wait for until this commits.
      const { balancesVersion } = await applyCharges(trx, posted.debitsFen, receivedAt);
      return { ackedSeq: acked, results, chainBreaks, held: heldCharges, balancesVersion };
    });
  }

  async list(query: EventQuery): Promise<EventView[]> {
    let q = this.db
      .selectFrom('events')
      .select(['device_id', 'seq', 'point_id', 'device_time_ms', 'received_at_ms', 'kind', 'card_uid', 'granted', 'reason', 'chain_ok', 'account_id', 'amount_fen', 'offline', 'offline_authorised', 'held_reason', 'transfer_id', 'payload']);
    if (query.deviceId !== undefined) q = q.where('device_id', '=', query.deviceId);
    if (query.afterSeq !== undefined) q = q.where('seq', '>', query.afterSeq);
    if (query.cardUid !== undefined) q = q.where('card_uid', '=', query.cardUid);
    if (query.held) q = q.where('held_reason', 'is not', null);
    const rows = await q.orderBy('received_at_ms').orderBy('device_id').orderBy('seq').limit(query.limit).execute();
    return rows.map((r) => ({
      deviceId: r.device_id,
      seq: Number(r.seq),
      pointId: r.point_id,
      deviceTimeMs: Number(r.device_time_ms),
      receivedAtMs: Number(r.received_at_ms),
      kind: r.kind,
      cardUid: r.card_uid,
      granted: r.granted === null ? null : r.granted === 1,
      reason: r.reason,
      chainOk: r.chain_ok === null ? null : r.chain_ok === 1,
      accountId: r.account_id,
      amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
      offline: r.offline === 1,
      offlineAuthorised: r.offline_authorised === 1,
      heldReason: r.held_reason as HeldReason | null,
      transferId: r.transfer_id,
      detail: eventDetail(r.payload),
    }));
  }
}
