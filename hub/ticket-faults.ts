/**
 * Repair tickets the hub opens by itself (issue 8; the tickets and their workflow: hub/tickets.ts).
 *
 * - A failed self-test step (its component and category) opens a ticket at once.
 * - A persistent fault alarm (FAULT_ALARMS: `relay_stuck` is `<point>/relay`, door; `meter_silent`
 *   is `<point>/meter`, electricity_meter; ...). Persistent means: raised (active) REPEAT_ALARMS
 *   times without a clear (active false) in between, or raised again PERSIST_MS or more (device
 *   time) after the first raise that was not cleared; both judged as the alarm arrives, in the
 *   ingest transaction of its event (hub/events.ts), so a ticket exists exactly when its event does.
 *   An alarm raised once and never cleared nor repeated is found by the hub's periodic check
 *   (hub/persistent-alarms.ts, `ticketStandingAlarms`): active PERSIST_MS or more after its first
 *   raise (its device time against the hub's clock), it opens a ticket with that raise attached,
 *   once per raise: a ticket resolved while the alarm stands is not opened again until the alarm
 *   is cleared and raised anew. A single alarm that clears itself within PERSIST_MS opens none.
 *
 * Deduplicated: while a ticket of (device, component, category) is not resolved, closed or
 * rejected, every later failed step or fault alarm of that component attaches to it (its
 * occurrences grow, the event is listed) instead of opening another; the unique `open_key`
 * enforces it. Each event attaches to one ticket at most.
 *
 * Each fault alarm's standing (active, and the raise that began it) is kept in `fault_alarms`,
 * updated in the ingest transaction with the events.
 */
import type { Kysely, Transaction } from 'kysely';
import { pb, type Event } from '../protocol/messages.js';
import type { Database } from './db/schema.js';
import type { OperatorTables } from './db/schema-operators.js';
import { isPostgres } from './db/dialect.js';
import { TICKET_CATEGORIES, type MaintenanceTables, type TicketCategory } from './db/schema-maintenance.js';

type Db = Kysely<MaintenanceTables & OperatorTables & Database>;

/** The operator of the steps the hub takes itself. */
export const HUB_OPERATOR = 'hub';
export const REPEAT_ALARMS = 3;
export const PERSIST_MS = 10 * 60_000;

/** Alarms that report a fault of equipment: the part of the point at fault and its category. */
export const FAULT_ALARMS: Readonly<Record<string, { part: string; category: TicketCategory }>> = {
  relay_stuck: { part: 'relay', category: 'door' },
  door_held_open: { part: 'contact', category: 'door' },
  meter_silent: { part: 'meter', category: 'electricity_meter' },
  meter_reset: { part: 'meter', category: 'electricity_meter' },
  power_control_failed: { part: 'breaker', category: 'electricity_meter' },
  valve_fault: { part: 'valve', category: 'water_meter' },
  leak: { part: 'valve', category: 'water_meter' },
  flow_tamper: { part: 'flow', category: 'water_meter' },
  tariff_missing: { part: 'tariff', category: 'consumption' },
  journal_full: { part: 'journal', category: 'other' },
};

interface Fault {
  seq: number;
  kind: 'self_test' | 'alarm';
  component: string;
  category: TicketCategory;
  summary: string;
  atMs: number;
  /** An alarm: whether it opens a ticket (persistent); a failed step always does. */
  opens: boolean;
}

const openKey = (deviceId: string, component: string, category: string) => JSON.stringify([deviceId, component, category]);
/** The component a fault alarm of a point is about: `<point>/<part>` (the journal is the controller's). */
const componentOf = (pointId: string, part: string) => (pointId && part !== 'journal' ? `${pointId}/${part}` : part);
const isCategory = (c: string): c is TicketCategory => (TICKET_CATEGORIES as readonly string[]).includes(c);

/**
 * Opens or attaches tickets for the events of a batch just stored (called by EventStore.ingest in
 * its transaction, after the rows are inserted). Only newly stored events: a resend attaches nothing.
 */
export async function recordFaults(trx: Transaction<Database>, deviceId: string, created: { e: Event; seq: number }[], atMs: number): Promise<void> {
  const db = trx.withTables<MaintenanceTables>() as unknown as Db;
  for (const { e, seq } of created) {
    await trackAlarm(db, deviceId, e, seq, atMs);
    const fault = await faultOf(db, deviceId, e, seq);
    if (fault) await fileFault(db, deviceId, fault, atMs);
  }
}

/**
 * Attaches a fault to the open ticket of its (device, component, category), or opens one when
 * `fault.opens`; the fault's event is listed on the ticket. The ticket's id, or null when none.
 */
async function fileFault(db: Db, deviceId: string, fault: Fault, atMs: number): Promise<number | null> {
  const key = openKey(deviceId, fault.component, fault.category);
  const open = await db.selectFrom('repair_tickets').select('ticket_id').where('open_key', '=', key).executeTakeFirst();
  let ticketId: number;
  if (open) {
    ticketId = Number(open.ticket_id);
    await db
      .updateTable('repair_tickets')
      .set((eb) => ({ occurrences: eb('occurrences', '+', 1), last_seen_at_ms: atMs, updated_at_ms: atMs }))
      .where('ticket_id', '=', ticketId)
      .execute();
  } else {
    if (!fault.opens) return null;
    const row = await db
      .insertInto('repair_tickets')
      .values({
        source: fault.kind, category: fault.category, status: 'open', device_id: deviceId, component: fault.component, description: fault.summary,
        resident_name: null, student_number: null, phone: null, dorm_room: null, reported_at_ms: fault.atMs, assignee: null,
        occurrences: 1, last_seen_at_ms: atMs, open_key: key, created_at_ms: atMs, updated_at_ms: atMs,
      })
      .returning('ticket_id')
      .executeTakeFirstOrThrow();
    ticketId = Number(row.ticket_id);
    await db.insertInto('ticket_steps').values({ ticket_id: ticketId, from_status: null, to_status: 'open', operator_id: HUB_OPERATOR, note: fault.summary, at_ms: atMs }).execute();
  }
  await db
    .insertInto('ticket_events')
    .values({ ticket_id: ticketId, device_id: deviceId, seq: fault.seq, kind: fault.kind, summary: fault.summary, attached_at_ms: atMs })
    .onConflict((oc) => oc.columns(['device_id', 'seq']).doNothing())
    .execute();
  return ticketId;
}

async function faultOf(db: Db, deviceId: string, e: Event, seq: number): Promise<Fault | null> {
  const atMs = Number(e.deviceTimeUnixMs ?? 0);
  const t = e.selfTest;
  if (t && t.status === pb.SelfTestStatus.SELF_TEST_STATUS_FAIL) {
    const category = isCategory(t.category ?? '') ? (t.category as TicketCategory) : 'other';
    const component = t.component || 'unknown';
    const summary = `self-test ${t.runId ?? ''} ${component} ${t.step ?? ''} failed: ${t.detail ?? ''}${t.cause ? `; likely cause: ${t.cause}` : ''}${t.remedy ? `; remedy: ${t.remedy}` : ''}`;
    return { seq, kind: 'self_test', component, category, summary: summary.slice(0, 2000), atMs, opens: true };
  }
  const a = e.alarm;
  const known = a ? FAULT_ALARMS[a.kind ?? ''] : undefined;
  if (!a || !known || a.active !== true) return null;
  const pointId = e.pointId ?? '';
  const component = componentOf(pointId, known.part);
  const summary = `alarm ${a.kind} at ${pointId || deviceId}: ${a.detail ?? ''}`.slice(0, 2000);
  // This alarm's raises since its last clear, this one included (it is stored already).
  const raises = await uncleared(db, deviceId, pointId, a.kind ?? '', seq);
  const first = raises.at(-1)?.atMs ?? atMs;
  const opens = raises.length >= REPEAT_ALARMS || atMs - first >= PERSIST_MS;
  return { seq, kind: 'alarm', component, category: known.category, summary, atMs, opens };
}

/** The raises of one alarm at a point up to `seq` since it was last cleared, newest first. */
async function uncleared(db: Db, deviceId: string, pointId: string, kind: string, seq: number): Promise<{ seq: number; atMs: number }[]> {
  const rows = await db
    .selectFrom('events')
    .select(['seq', 'payload'])
    .where('device_id', '=', deviceId)
    .where('point_id', '=', pointId)
    .where('kind', '=', 'alarm')
    .where('seq', '<=', seq)
    .orderBy('seq', 'desc')
    .limit(200)
    .execute();
  const raises: { seq: number; atMs: number }[] = [];
  for (const r of rows) {
    const e = pb.Event.decode(r.payload);
    if (e.alarm?.kind !== kind) continue;
    if (e.alarm.active !== true) break;
    raises.push({ seq: Number(r.seq), atMs: Number(e.deviceTimeUnixMs ?? 0) });
  }
  return raises;
}

/** Keeps `fault_alarms` with a fault alarm just stored: raised (a new activity, or one going on) or cleared. */
async function trackAlarm(db: Db, deviceId: string, e: Event, seq: number, atMs: number): Promise<void> {
  const a = e.alarm;
  const kind = a?.kind ?? '';
  if (!a || !FAULT_ALARMS[kind]) return;
  const pointId = e.pointId ?? '';
  const active = a.active === true;
  const at = Number(e.deviceTimeUnixMs ?? 0);
  const row = await db
    .selectFrom('fault_alarms')
    .select(['active', 'last_seq'])
    .where('device_id', '=', deviceId)
    .where('point_id', '=', pointId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (!row) {
    await db.insertInto('fault_alarms').values({ device_id: deviceId, point_id: pointId, kind, active: active ? 1 : 0, raised_seq: seq, raised_at_ms: at, last_seq: seq, updated_at_ms: atMs }).execute();
    return;
  }
  if (seq <= Number(row.last_seq)) return; // older than what it stands at (a gap filled late)
  const begins = active && Number(row.active) !== 1;
  await db
    .updateTable('fault_alarms')
    .set({ active: active ? 1 : 0, last_seq: seq, updated_at_ms: atMs, ...(begins ? { raised_seq: seq, raised_at_ms: at } : {}) })
    .where('device_id', '=', deviceId)
    .where('point_id', '=', pointId)
    .where('kind', '=', kind)
    .execute();
}

/** Alarms looked at per check (the oldest first); the rest wait for the next. */
const MAX_STANDING_PER_CHECK = 500;

/**
 * The periodic check (hub/persistent-alarms.ts): every fault alarm active since PERSIST_MS or more
 * before `nowMs` whose first raise is on no ticket yet opens a ticket, or joins the open one of its
 * component, with that raise attached. One transaction per alarm, holding the device's row on
 * PostgreSQL as ingest does, so an alarm cleared meanwhile is seen. Returns how many were filed.
 */
export async function ticketStandingAlarms(database: Kysely<Database>, nowMs: number): Promise<number> {
  const db = database.withTables<MaintenanceTables>() as unknown as Db;
  const standing = await db
    .selectFrom('fault_alarms')
    .leftJoin('ticket_events', (j) => j.onRef('ticket_events.device_id', '=', 'fault_alarms.device_id').onRef('ticket_events.seq', '=', 'fault_alarms.raised_seq'))
    .select(['fault_alarms.device_id', 'fault_alarms.point_id', 'fault_alarms.kind', 'fault_alarms.raised_seq'])
    .where('fault_alarms.active', '=', 1)
    .where('fault_alarms.raised_at_ms', '<=', nowMs - PERSIST_MS)
    .where('ticket_events.seq', 'is', null)
    .orderBy('fault_alarms.raised_at_ms')
    .limit(MAX_STANDING_PER_CHECK)
    .execute();
  let filed = 0;
  for (const s of standing) {
    const done = await db.transaction().execute(async (trx) => {
      let device = trx.selectFrom('devices').select('device_id').where('device_id', '=', s.device_id);
      if (isPostgres(database as unknown as Kysely<unknown>)) device = device.forNoKeyUpdate();
      await device.executeTakeFirst();
      const alarm = await trx
        .selectFrom('fault_alarms')
        .select(['raised_seq', 'raised_at_ms'])
        .where('device_id', '=', s.device_id)
        .where('point_id', '=', s.point_id)
        .where('kind', '=', s.kind)
        .where('active', '=', 1)
        .executeTakeFirst();
      if (!alarm || Number(alarm.raised_seq) !== Number(s.raised_seq)) return false;
      const attached = await trx.selectFrom('ticket_events').select('seq').where('device_id', '=', s.device_id).where('seq', '=', alarm.raised_seq).executeTakeFirst();
      const known = FAULT_ALARMS[s.kind];
      if (attached || !known) return false;
      const raised = await trx.selectFrom('events').select('payload').where('device_id', '=', s.device_id).where('seq', '=', alarm.raised_seq).executeTakeFirst();
      const detail = raised ? (pb.Event.decode(raised.payload).alarm?.detail ?? '') : '';
      const raisedAtMs = Number(alarm.raised_at_ms);
      const minutes = Math.floor((nowMs - raisedAtMs) / 60_000);
      const summary = `alarm ${s.kind} at ${s.point_id || s.device_id}: ${detail}; active for ${minutes} min without a clear (raised ${new Date(raisedAtMs).toISOString()})`.slice(0, 2000);
      const fault: Fault = { seq: Number(alarm.raised_seq), kind: 'alarm', component: componentOf(s.point_id, known.part), category: known.category, summary, atMs: raisedAtMs, opens: true };
      return (await fileFault(trx, s.device_id, fault, nowMs)) !== null;
    });
    if (done) filed++;
  }
  return filed;
}
