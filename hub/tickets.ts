/**
 * Repair tickets (issue 8), in the regulations' categories: electricity_meter, water_meter, door,
 * consumption, permissions, other.
 *
 * Opened three ways:
 * - a failed self-test step (its component and category) opens a ticket at once;
 * - a persistent fault alarm: raised REPEAT_ALARMS times without a clear, raised again PERSIST_MS
 *   after a raise not cleared, or standing PERSIST_MS without a clear (the hub's periodic check);
 * - a resident's request at the card office or by maintenance (name, student number, phone, dorm
 *   room, time, description).
 * The first two, and the deduplication (one open ticket per device, component and category, which
 * later failures and alarms join), are in hub/ticket-faults.ts.
 *
 * A resident's contact details are personal data: lists, the detail and the answers of the workflow
 * show them masked (name as the surname and '*', student number and phone down to their last 4
 * digits: maskName, maskTail); the dorm room and the description, which repair staff need, stay.
 * The full details only with `contact` (GET /api/tickets/{ticketId}?contact=1, which needs a stated
 * reason the gate logs), and in the answer to the request that entered them.
 *
 * Workflow: open -> assigned -> in_progress -> resolved -> closed; open, assigned and in_progress
 * may be rejected; assigned and in_progress may be (re)assigned; resolved may go back to
 * in_progress (the fix did not hold). Each step keeps the operator who acted and when (`hub` for
 * the automatic opening).
 */
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { OperatorTables } from './db/schema-operators.js';
import { type MaintenanceTables, type RepairTicketRow, type TicketCategory, type TicketSource, type TicketStatus } from './db/schema-maintenance.js';
import { failure, type Outcome } from './outcome.js';

export { FAULT_ALARMS, HUB_OPERATOR, PERSIST_MS, REPEAT_ALARMS } from './ticket-faults.js';

type Db = Kysely<MaintenanceTables & OperatorTables & Database>;

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
  resident: ResidentContact | null;
  reportedAtMs: number;
  assignee: string | null;
  occurrences: number;
  lastSeenAtMs: number;
  createdAtMs: number;
  updatedAtMs: number;
}

/** A resident's contact; `masked`: name, student number and phone are masked (maskName, maskTail). */
export interface ResidentContact {
  name: string;
  studentNumber: string;
  phone: string;
  dormRoom: string;
  masked: boolean;
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
  /** Only tickets numbered below this one (the next page of a list newest first). */
  beforeId?: number;
  limit: number;
}

export class TicketStore {
  private readonly db: Db;

  constructor(db: Kysely<Database>, private readonly now: () => number) {
    this.db = db.withTables<MaintenanceTables>() as unknown as Db;
  }

  /** Tickets newest first (by number). */
  async list(query: TicketQuery): Promise<TicketView[]> {
    return (await this.page(query)).tickets;
  }

  /** A page of tickets newest first (by number); `nextBeforeId` is the beforeId of the next page, null on the last. */
  async page(query: TicketQuery): Promise<{ tickets: TicketView[]; nextBeforeId: number | null }> {
    let q = this.db.selectFrom('repair_tickets').selectAll();
    if (query.beforeId !== undefined) q = q.where('ticket_id', '<', query.beforeId);
    if (query.status !== undefined) q = q.where('status', '=', query.status);
    if (query.category !== undefined) q = q.where('category', '=', query.category);
    if (query.deviceId !== undefined) q = q.where('device_id', '=', query.deviceId);
    if (query.source !== undefined) q = q.where('source', '=', query.source);
    const rows = await q.orderBy('ticket_id', 'desc').limit(query.limit + 1).execute();
    const page = rows.slice(0, query.limit);
    return { tickets: page.map((row) => view(row, false)), nextBeforeId: rows.length > query.limit ? Number(page[page.length - 1]!.ticket_id) : null };
  }

  /** A ticket with its steps and events; the resident's contact masked unless `contact`. */
  async get(ticketId: number, options: { contact?: boolean } = {}): Promise<TicketDetail | undefined> {
    const row = await this.db.selectFrom('repair_tickets').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
    if (!row) return undefined;
    const steps = await this.db.selectFrom('ticket_steps').selectAll().where('ticket_id', '=', ticketId).orderBy('step_id').execute();
    const events = await this.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('attached_at_ms').orderBy('seq').execute();
    return {
      ...view(row, options.contact ?? false),
      steps: steps.map((s) => ({ fromStatus: s.from_status, toStatus: s.to_status, operatorId: s.operator_id, note: s.note, atMs: Number(s.at_ms) })),
      events: events.map((e) => ({ deviceId: e.device_id, seq: Number(e.seq), kind: e.kind, summary: e.summary, attachedAtMs: Number(e.attached_at_ms) })),
    };
  }

  /** A resident's repair request, taken by an operator; answered with the contact as entered. */
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
    return { ok: true, ticket: (await this.get(ticketId, { contact: true }))! };
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

function view(r: RepairTicketRow, contact: boolean): TicketView {
  return {
    ticketId: Number(r.ticket_id), source: r.source, category: r.category, status: r.status, deviceId: r.device_id, component: r.component,
    description: r.description,
    resident: r.source === 'resident' ? resident(r, contact) : null,
    reportedAtMs: Number(r.reported_at_ms), assignee: r.assignee, occurrences: Number(r.occurrences), lastSeenAtMs: Number(r.last_seen_at_ms),
    createdAtMs: Number(r.created_at_ms), updatedAtMs: Number(r.updated_at_ms),
  };
}

function resident(r: RepairTicketRow, contact: boolean): ResidentContact {
  const name = r.resident_name ?? '';
  const studentNumber = r.student_number ?? '';
  const phone = r.phone ?? '';
  const dormRoom = r.dorm_room ?? '';
  return contact ? { name, studentNumber, phone, dormRoom, masked: false } : { name: maskName(name), studentNumber: maskTail(studentNumber), phone: maskTail(phone), dormRoom, masked: true };
}

/** A name as its first character and '*': 李华 -> 李*, Li Hua -> L*; '' stays ''. */
export function maskName(name: string): string {
  const first = Array.from(name.trim())[0];
  return first === undefined ? '' : `${first}*`;
}

const ALNUM = /[\p{L}\p{N}]/u;

/**
 * A number with every character before its last `keep` letters or digits as '*': 2023123456 ->
 * ******3456, 138 0000 1234 -> *********1234. A short one keeps at most half of them (12345 -> ***45).
 */
export function maskTail(value: string, keep = 4): string {
  const chars = Array.from(value.trim());
  let left = Math.min(keep, Math.floor(chars.filter((c) => ALNUM.test(c)).length / 2));
  let start = chars.length;
  while (left > 0 && start > 0) {
    start -= 1;
    if (ALNUM.test(chars[start]!)) left -= 1;
  }
  return '*'.repeat(start) + chars.slice(start).join('');
}
