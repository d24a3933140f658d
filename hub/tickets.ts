/**
 * Repair tickets (issue 8), in the regulations' categories: electricity_meter, water_meter, door,
 * consumption, permissions, other.
 *
 * Opened three ways:
 * - a failed self-test step (its component and category) opens a ticket at once;
 * - a persistent fault alarm (FAULT_ALARMS: `relay_stuck` is `<point>/relay`, door; `meter_silent`
 *   is `<point>/meter`, electricity_meter; ...). Persistent means: raised (active) REPEAT_ALARMS
 *   times without a clear (active false) in between, or raised again PERSIST_MS or more (device
 *   time) after the first raise that was not cleared. A single alarm that clears itself opens none;
 * - a resident's request at the card office or by maintenance (name, student number, phone, dorm
 *   room, time, description).
 *
 * Deduplicated: while a ticket of (device, component, category) is not resolved, closed or
 * rejected, every later failed step or fault alarm of that component attaches to it (its
 * occurrences grow, the event is listed) instead of opening another; the unique `open_key`
 * enforces it. Automatic opening runs inside the ingest transaction of the events (hub/events.ts),
 * so a ticket exists exactly when its event does.
 *
 * Workflow: open -> assigned -> in_progress -> resolved -> closed; open, assigned and in_progress
 * may be rejected; assigned and in_progress may be (re)assigned; resolved may go back to
 * in_progress (the fix did not hold). Each step keeps the operator who acted and when (`hub` for
 * the automatic opening).
 */
import type { Kysely, Transaction } from 'kysely';
import { pb, type Event } from '../protocol/messages.js';
import type { Database } from './db/schema.js';
import type { OperatorTables } from './db/schema-operators.js';
import { TICKET_CATEGORIES, type MaintenanceTables, type RepairTicketRow, type TicketCategory, type TicketSource, type TicketStatus } from './db/schema-maintenance.js';
import { failure, type Outcome } from './outcome.js';

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

const NEXT: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  open: ['assigned', 'rejected'],
  assigned: ['assigned', 'in_progress', 'rejected'],
  in_progress: ['assigned', 'resolved', 'rejected'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  rejected: [],
};
/** A ticket in one of these no longer collects failures: the next one opens a new ticket. */
const SETTLED: ReadonlySet<TicketStatus> = new Set(['resolved', 'closed', 'rejected']);

export interface TicketStep {
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  operatorId: string;
  note: string;
  atMs: number;
}

export interface TicketView {
  ticketId: number;
  source: TicketSource;
  category: TicketCategory;
  status: TicketStatus;
  deviceId: string | null;
  component: string | null;
  description: string;
  resident: { name: string; studentNumber: string; phone: string; dormRoom: string } | null;
  reportedAtMs: number;
  assignee: string | null;
  occurrences: number;
  lastSeenAtMs: number;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface TicketDetail extends TicketView {
  steps: TicketStep[];
  events: { deviceId: string; seq: number; kind: string; summary: string; attachedAtMs: number }[];
}

export interface ResidentRequest {
  name: string;
  studentNumber: string;
  phone: string;
  dormRoom: string;
  reportedAtMs: number;
  description: string;
  category: TicketCategory;
  deviceId?: string;
  component?: string;
}

export interface TicketQuery {
  status?: TicketStatus;
  category?: TicketCategory;
  deviceId?: string;
  source?: TicketSource;
  limit: number;
}

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
const isCategory = (c: string): c is TicketCategory => (TICKET_CATEGORIES as readonly string[]).includes(c);

/**
 * Opens or attaches tickets for the events of a batch just stored (called by EventStore.ingest in
 * its transaction, after the rows are inserted). Only newly stored events: a resend attaches nothing.
 */
export async function recordFaults(trx: Transaction<Database>, deviceId: string, created: { e: Event; seq: number }[], atMs: number): Promise<void> {
  const db = trx.withTables<MaintenanceTables>() as unknown as Db;
  for (const { e, seq } of created) {
    const fault = await faultOf(db, deviceId, e, seq);
    if (!fault) continue;
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
      if (!fault.opens) continue;
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
      .values({ ticket_id: ticketId, device_id: deviceId, seq, kind: fault.kind, summary: fault.summary, attached_at_ms: atMs })
      .onConflict((oc) => oc.columns(['device_id', 'seq']).doNothing())
      .execute();
  }
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
  const component = pointId && known.part !== 'journal' ? `${pointId}/${known.part}` : known.part;
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

export class TicketStore {
  private readonly db: Db;

  constructor(db: Kysely<Database>, private readonly now: () => number) {
    this.db = db.withTables<MaintenanceTables>() as unknown as Db;
  }

  async list(query: TicketQuery): Promise<TicketView[]> {
    let q = this.db.selectFrom('repair_tickets').selectAll();
    if (query.status !== undefined) q = q.where('status', '=', query.status);
    if (query.category !== undefined) q = q.where('category', '=', query.category);
    if (query.deviceId !== undefined) q = q.where('device_id', '=', query.deviceId);
    if (query.source !== undefined) q = q.where('source', '=', query.source);
    const rows = await q.orderBy('ticket_id', 'desc').limit(query.limit).execute();
    return rows.map(view);
  }

  async get(ticketId: number): Promise<TicketDetail | undefined> {
    const row = await this.db.selectFrom('repair_tickets').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
    if (!row) return undefined;
    const steps = await this.db.selectFrom('ticket_steps').selectAll().where('ticket_id', '=', ticketId).orderBy('step_id').execute();
    const events = await this.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('attached_at_ms').orderBy('seq').execute();
    return {
      ...view(row),
      steps: steps.map((s) => ({ fromStatus: s.from_status, toStatus: s.to_status, operatorId: s.operator_id, note: s.note, atMs: Number(s.at_ms) })),
      events: events.map((e) => ({ deviceId: e.device_id, seq: Number(e.seq), kind: e.kind, summary: e.summary, attachedAtMs: Number(e.attached_at_ms) })),
    };
  }

  /** A resident's repair request, taken by an operator. */
  async request(input: ResidentRequest, operatorId: string): Promise<Outcome<{ ticket: TicketDetail }>> {
    if (input.deviceId !== undefined) {
      const device = await this.db.selectFrom('devices').select('device_id').where('device_id', '=', input.deviceId).executeTakeFirst();
      if (!device) return failure('unknown_device', `no device ${input.deviceId}`, 'deviceId');
    }
    const at = this.now();
    const ticketId = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('repair_tickets')
        .values({
          source: 'resident', category: input.category, status: 'open', device_id: input.deviceId ?? null, component: input.component ?? null,
          description: input.description, resident_name: input.name, student_number: input.studentNumber, phone: input.phone, dorm_room: input.dormRoom,
          reported_at_ms: input.reportedAtMs, assignee: null, occurrences: 1, last_seen_at_ms: input.reportedAtMs, open_key: null, created_at_ms: at, updated_at_ms: at,
        })
        .returning('ticket_id')
        .executeTakeFirstOrThrow();
      const id = Number(row.ticket_id);
      await trx.insertInto('ticket_steps').values({ ticket_id: id, from_status: null, to_status: 'open', operator_id: operatorId, note: 'resident request', at_ms: at }).execute();
      return id;
    });
    return { ok: true, ticket: (await this.get(ticketId))! };
  }

  /** Moves a ticket to its next status; `assignee` is required for `assigned`. */
  async transition(ticketId: number, to: TicketStatus, operatorId: string, options: { assignee?: string; note?: string } = {}): Promise<Outcome<{ ticket: TicketDetail }>> {
    if (to === 'assigned' && !options.assignee) return failure('invalid_body', 'assignee: required to assign a ticket', 'assignee');
    if (options.assignee !== undefined) {
      const op = await this.db.selectFrom('operators').select('operator_id').where('operator_id', '=', options.assignee).executeTakeFirst();
      if (!op) return failure('unknown_operator', `no operator ${options.assignee}`, 'assignee');
    }
    const at = this.now();
    const moved = await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('repair_tickets').select(['status', 'assignee']).where('ticket_id', '=', ticketId).executeTakeFirst();
      if (!row) return failure('not_found', `no ticket ${ticketId}`, 'ticketId');
      const from = row.status;
      if (!NEXT[from].includes(to)) {
        const allowed = NEXT[from].length > 0 ? NEXT[from].join(', ') : 'nothing (it is final)';
        return failure('ticket_transition_refused', `ticket ${ticketId} is ${from}: it can go to ${allowed}, not ${to}`, 'status');
      }
      const result = await trx
        .updateTable('repair_tickets')
        .set({
          status: to, updated_at_ms: at,
          ...(options.assignee !== undefined ? { assignee: options.assignee } : {}),
          ...(SETTLED.has(to) ? { open_key: null } : {}),
        })
        .where('ticket_id', '=', ticketId)
        .where('status', '=', from)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return failure('ticket_transition_refused', `ticket ${ticketId} changed meanwhile: show it and try again`, 'status');
      const note = options.note ?? (to === 'assigned' ? `assigned to ${options.assignee ?? ''}` : '');
      await trx.insertInto('ticket_steps').values({ ticket_id: ticketId, from_status: from, to_status: to, operator_id: operatorId, note, at_ms: at }).execute();
      return { ok: true as const };
    });
    if (!moved.ok) return moved;
    return { ok: true, ticket: (await this.get(ticketId))! };
  }
}

function view(r: RepairTicketRow): TicketView {
  return {
    ticketId: Number(r.ticket_id), source: r.source, category: r.category, status: r.status, deviceId: r.device_id, component: r.component,
    description: r.description,
    resident: r.source === 'resident' ? { name: r.resident_name ?? '', studentNumber: r.student_number ?? '', phone: r.phone ?? '', dormRoom: r.dorm_room ?? '' } : null,
    reportedAtMs: Number(r.reported_at_ms), assignee: r.assignee, occurrences: Number(r.occurrences), lastSeenAtMs: Number(r.last_seen_at_ms),
    createdAtMs: Number(r.created_at_ms), updatedAtMs: Number(r.updated_at_ms),
  };
}
