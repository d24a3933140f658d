/**
 * Device events at the hub, each stored once under (device_id, seq).
 *
 * A batch is ingested in one transaction: each event is inserted or found to exist already. An
 * existing event with the same bytes is a harmless resend (`exists`); with other bytes it is a
 * conflict (`exists_with_different_payload`): the stored event is kept and the conflict reported,
 * never overwritten. The device's acked seq then advances over every contiguous seq now held.
 */
import type { Kysely } from 'kysely';
import { accessReasonText, pb, type Event } from '../protocol/messages.js';
import type { Database } from './db/schema.js';

export type IngestResult = 'created' | 'exists' | 'exists_with_different_payload';

export interface IngestOutcome {
  ackedSeq: number;
  results: IngestResult[];
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
}

export interface EventQuery {
  deviceId?: string;
  afterSeq?: number;
  cardUid?: string;
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
      for (const e of events) {
        const payload = pb.Event.encode(e).finish();
        const kind = e.access ? 'access' : e.charge ? 'charge' : e.meterReading ? 'meter_reading' : e.alarm ? 'alarm' : 'self_test';
        const inserted = await trx
          .insertInto('events')
          .values({
            device_id: deviceId,
            seq: e.seq ?? 0,
            point_id: e.pointId ?? '',
            device_time_ms: e.deviceTimeUnixMs ?? 0,
            received_at_ms: receivedAt,
            kind,
            card_uid: e.access?.cardUid ?? e.charge?.cardUid ?? null,
            granted: e.access ? (e.access.granted ? 1 : 0) : null,
            reason: e.access ? accessReasonText(e.access.reason ?? 0) : null,
            payload,
          })
          .onConflict((oc) => oc.columns(['device_id', 'seq']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
          results.push('created');
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
      const held = await trx
        .selectFrom('events')
        .select('seq')
        .where('device_id', '=', deviceId)
        .where('seq', '>', acked)
        .orderBy('seq')
        .limit(CONTIGUOUS_SCAN)
        .execute();
      for (const row of held) {
        if (Number(row.seq) !== acked + 1) break;
        acked += 1;
      }
      if (acked !== Number(device.acked_seq)) {
        await trx.updateTable('devices').set({ acked_seq: acked, last_seen_at_ms: receivedAt }).where('device_id', '=', deviceId).execute();
      }
      return { ackedSeq: acked, results };
    });
  }

  async list(query: EventQuery): Promise<EventView[]> {
    let q = this.db.selectFrom('events').select(['device_id', 'seq', 'point_id', 'device_time_ms', 'received_at_ms', 'kind', 'card_uid', 'granted', 'reason']);
    if (query.deviceId !== undefined) q = q.where('device_id', '=', query.deviceId);
    if (query.afterSeq !== undefined) q = q.where('seq', '>', query.afterSeq);
    if (query.cardUid !== undefined) q = q.where('card_uid', '=', query.cardUid);
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
    }));
  }
}
