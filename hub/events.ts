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
 * A meter reading stored new becomes its meter's latest (hub/meters.ts).
 */
import type { Kysely } from 'kysely';
import { accessReasonText, pb, type Event } from '../protocol/messages.js';
import { ZERO_HASH, eventHash, sameHash } from '../protocol/event-chain.js';
import type { Database } from './db/schema.js';
import { classifyCharge, postCharge, type HeldReason } from './posting.js';
import { markBalancesChanged } from './balances.js';
import { recordReading } from './meters.js';
import { eventDetail, type EventDetail } from './event-detail.js';

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

export class EventStore {
  constructor(private readonly db: Kysely<Database>, private readonly now: () => number) {}

  /** Stores a batch from one device. Every event's device_id must be `deviceId` (checked by the caller). */
  async ingest(deviceId: string, events: Event[]): Promise<IngestOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const receivedAt = this.now();
      const results: IngestResult[] = [];
      const chainBreaks: number[] = [];
      const held: IngestOutcome['held'] = [];
      const changedAccounts = new Set<string>();
      /** Hashes stored for this device during this batch, by seq. */
      const hashes = new Map<number, Uint8Array | null>();
      const storedHash = async (seq: number): Promise<Uint8Array | null | undefined> => {
        if (hashes.has(seq)) return hashes.get(seq);
        const row = await trx.selectFrom('events').select('hash').where('device_id', '=', deviceId).where('seq', '=', seq).executeTakeFirst();
        return row ? row.hash : undefined;
      };
      const batchSeqs = new Set(events.map((e) => e.seq ?? 0));
      for (const e of events) {
        const seq = e.seq ?? 0;
        const payload = pb.Event.encode(e).finish();
        const hash = eventHash(payload);
        const prevHash = e.prevHash ? Buffer.from(e.prevHash) : null;
        const before = seq === 1 ? ZERO_HASH : await storedHash(seq - 1);
        // Undefined: seq - 1 not held; null: held from before the chain existed. Neither can be checked.
        const chainOk = before ? (sameHash(prevHash, before) ? 1 : 0) : null;
        const kind = e.access ? 'access' : e.charge ? 'charge' : e.meterReading ? 'meter_reading' : e.alarm ? 'alarm' : e.showerSession ? 'shower_session' : 'self_test';
        const charge = await classifyCharge(trx, deviceId, e, receivedAt);
        const inserted = await trx
          .insertInto('events')
          .values({
            device_id: deviceId,
            seq: e.seq ?? 0,
            point_id: e.pointId ?? '',
            device_time_ms: e.deviceTimeUnixMs ?? 0,
            received_at_ms: receivedAt,
            kind,
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
          })
          .onConflict((oc) => oc.columns(['device_id', 'seq']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
          results.push('created');
          hashes.set(seq, hash);
          if (charge.transfer) {
            const posted = await postCharge(trx, charge.transfer);
            if ('changed' in posted) posted.changed.forEach((a) => changedAccounts.add(a));
            else {
              await trx.updateTable('events').set({ held_reason: posted.heldReason, transfer_id: null }).where('device_id', '=', deviceId).where('seq', '=', seq).execute();
              held.push({ seq, reason: posted.heldReason });
            }
          }
          if (charge.heldReason) held.push({ seq, reason: charge.heldReason });
          if (e.meterReading) await recordReading(trx, deviceId, e, receivedAt);
          if (chainOk === 0) chainBreaks.push(seq);
          // A successor held from before (it came first) is checked now.
          if (!batchSeqs.has(seq + 1)) {
            const next = await trx.selectFrom('events').select(['prev_hash', 'chain_ok']).where('device_id', '=', deviceId).where('seq', '=', seq + 1).executeTakeFirst();
            if (next && next.chain_ok === null && next.prev_hash) {
              const ok = sameHash(next.prev_hash, hash) ? 1 : 0;
              await trx.updateTable('events').set({ chain_ok: ok }).where('device_id', '=', deviceId).where('seq', '=', seq + 1).execute();
              if (ok === 0) chainBreaks.push(seq + 1);
            }
          }
          continue;
        }
        const stored = await trx
          .selectFrom('events')
          .select('payload')
          .where('device_id', '=', deviceId)
          .where('seq', '=', e.seq ?? 0)
          .executeTakeFirstOrThrow();
        results.push(Buffer.from(stored.payload).equals(Buffer.from(payload)) ? 'exists' : 'exists_with_different_payload');
      }
      const device = await trx.selectFrom('devices').select('acked_seq').where('device_id', '=', deviceId).executeTakeFirstOrThrow();
      let acked = Number(device.acked_seq);
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
      const balancesVersion = await markBalancesChanged(trx, changedAccounts, receivedAt);
      return { ackedSeq: acked, results, chainBreaks, held, balancesVersion };
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
