/**
 * Tables of repair tickets (migration 0011) and of fault alarms as they stand (0012), as Kysely sees them. Stores use
 * `db.withTables<MaintenanceTables>()`. Times are unix milliseconds.
 */
import type { Generated, Selectable } from 'kysely';

/** Repair categories of the regulations. */
export const TICKET_CATEGORIES = ['electricity_meter', 'water_meter', 'door', 'consumption', 'permissions', 'other'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export const TICKET_STATUSES = ['open', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Who opened a ticket: a failed self-test step, a persistent alarm, or a resident's request. */
export type TicketSource = 'self_test' | 'alarm' | 'resident';

export interface RepairTicketsTable {
  ticket_id: Generated<number>;
  source: TicketSource;
  category: TicketCategory;
  status: TicketStatus;
  /** The device and component at fault (a self-test's component, or `<point>/<part>` of an alarm); null for a resident's request without one. */
  device_id: string | null;
  component: string | null;
  description: string;
  /** A resident's request: who, how to reach them, where and when. */
  resident_name: string | null;
  student_number: string | null;
  phone: string | null;
  dorm_room: string | null;
  reported_at_ms: number;
  assignee: string | null;
  /** Failed steps and alarms attached to it (the first included). */
  occurrences: number;
  last_seen_at_ms: number;
  /** device, component and category while the ticket is not resolved, closed or rejected; unique: one open ticket per fault. */
  open_key: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

/** Each status a ticket went through, with the operator who acted (`hub` for the automatic opening). */
export interface TicketStepsTable {
  step_id: Generated<number>;
  ticket_id: number;
  from_status: TicketStatus | null;
  to_status: TicketStatus;
  operator_id: string;
  note: string;
  at_ms: number;
}

/** The events (failed self-test steps, alarms) that opened or were attached to a ticket. */
export interface TicketEventsTable {
  ticket_id: number;
  device_id: string;
  seq: number;
  kind: 'self_test' | 'alarm';
  summary: string;
  attached_at_ms: number;
}

/**
 * Each fault alarm of a device's point as it stands (migration 0012): active or cleared, and the
 * raise that began its current activity (kept in the ingest transaction; hub/ticket-faults.ts).
 */
export interface FaultAlarmsTable {
  device_id: string;
  point_id: string;
  kind: string;
  /** 1 while raised and not cleared. */
  active: number;
  /** The first raise since the last clear: its seq and device time. */
  raised_seq: number;
  raised_at_ms: number;
  /** The last raise or clear of it seen. */
  last_seq: number;
  updated_at_ms: number;
}

export type MaintenanceTables = {
  repair_tickets: RepairTicketsTable;
  ticket_steps: TicketStepsTable;
  ticket_events: TicketEventsTable;
  fault_alarms: FaultAlarmsTable;
};

export type RepairTicketRow = Selectable<RepairTicketsTable>;
