/**
 * Bulk import of people (registrar and HR files; the CSV side is hub/people-csv.ts). One row per
 * person, its cells as text under these columns:
 *
 *   person_id    required; student or staff number (1-64 letters, digits, '.', '_', '-')
 *   name         required; 1-200 characters (Chinese names as they are)
 *   type         required; staff, student, freshman, temporary (or 教工, 学生, 新生, 临时)
 *   org_unit     department, college or contractor; 1-200 characters
 *   valid_from   first day of validity: YYYY-MM-DD (or YYYY/MM/DD) in the import's time zone,
 *                an ISO 8601 date-time with zone, or unix ms
 *   valid_until  last day of validity (contract or programme end), same forms: a date means valid
 *                through that day (up to the next midnight)
 *   phone        digits, with an optional leading '+', spaces or '-'
 *   email        an address with one '@'
 *   groups       access groups separated by ';'
 *
 * A person not at the hub is added with their personal account; one already there is updated with
 * the cells given (an empty cell leaves that field as it is: clearing is PATCH /api/people's job),
 * and a row equal to what the hub holds changes nothing, so importing the same file twice is safe.
 * Cards of people whose type, validity or groups change get a new cards version.
 *
 * Every row is validated before anything is written; a bad row is reported with its row number, its
 * column and what is wrong (all its bad cells), and never written in part. With bad rows the import
 * writes nothing (all or nothing) unless `skipBad` asks for the good rows to be applied. A dry run
 * validates and counts (added, updated, unchanged) against the hub's data and writes nothing. One
 * call is one transaction; the CLI sends a large file as batches (cli/admin-import.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { personAccountId } from './account-ids.js';
import { markBalancesChanged } from './balances.js';
import { insertPeople, type NewPerson } from './cards.js';
import { DEFAULT_LOG_RETENTION_VERSIONS, recordChange, type DatasetChange } from './dataset-log.js';
import type { Database, PersonType } from './db/schema.js';
import { groups as groupsSchema, instant } from './validity-schema.js';
import { id } from './api-http.js';

export const IMPORT_COLUMNS = ['person_id', 'name', 'type', 'org_unit', 'valid_from', 'valid_until', 'phone', 'email', 'groups'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Most rows in one import call (the CLI sends batches of 500). */
export const MAX_IMPORT_ROWS = 1000;

export interface ImportRow {
  /** The row's number in the file, for the report. */
  row: number;
  values: { [K in ImportColumn]?: string | undefined };
}

export interface RowError {
  row: number;
  /** The column at fault; null when the row as a whole is (its shape). */
  column: ImportColumn | null;
  message: string;
}

export interface ImportReport {
  dryRun: boolean;
  /** Whether rows were written (false: a dry run, or bad rows without skipBad, or nothing to do). */
  applied: boolean;
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Rows refused (skipped with skipBad). */
  bad: number;
  errors: RowError[];
  changes: DatasetChange[];
}

const TYPE_ALIASES: Record<string, PersonType> = {
  staff: 'staff', student: 'student', freshman: 'freshman', temporary: 'temporary', 教工: 'staff', 教职工: 'staff', 学生: 'student', 新生: 'freshman', 临时: 'temporary',
};

/** A person as a row describes them: the fields its cells give. */
interface RowPerson {
  personId: string;
  name: string;
  type: PersonType;
  orgUnit?: string;
  validFromMs?: number;
  validUntilMs?: number;
  phone?: string;
  email?: string;
  groups?: string[];
}

const text200 = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters').regex(/^[^\p{Cc}]*$/u, 'must not hold control characters');
const phone = z.string().regex(/^\+?[0-9][0-9 -]{2,30}[0-9]$/, "must be digits, with an optional leading '+', spaces or '-'");
const email = z.string().max(200, 'must be at most 200 characters').regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address like name@example.edu.cn');

/** The same rules for the API's person fields (hub/api.ts). */
export const personTextFields = { name: text200, orgUnit: text200, phone, email };

/** Validates one row; the person it describes, or every bad cell. */
export function validateRow(r: ImportRow, timeZone: string): { person: RowPerson } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const bad = (column: ImportColumn, message: string) => errors.push({ row: r.row, column, message });
  const cell = (column: ImportColumn) => r.values[column]?.trim() || undefined;
  const check = <T>(column: ImportColumn, schema: z.ZodType<T>): T | undefined => {
    const value = cell(column);
    if (value === undefined) return undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    bad(column, `${parsed.error.issues[0]?.message ?? 'is invalid'} (got ${JSON.stringify(value)})`);
    return undefined;
  };
  for (const column of ['person_id', 'name', 'type'] as const) if (cell(column) === undefined) bad(column, 'is required');
  const personId = check('person_id', id);
  const name = check('name', text200);
  const typeText = cell('type');
  const type = typeText === undefined ? undefined : TYPE_ALIASES[typeText.toLowerCase()];
  if (typeText !== undefined && !type) bad('type', `must be staff, student, freshman or temporary (or 教工, 学生, 新生, 临时) (got ${JSON.stringify(typeText)})`);
  const orgUnit = check('org_unit', text200);
  const validFromMs = dateCell(cell('valid_from'), timeZone, 'start', (m) => bad('valid_from', m));
  const validUntilMs = dateCell(cell('valid_until'), timeZone, 'end', (m) => bad('valid_until', m));
  if (validFromMs !== undefined && validUntilMs !== undefined && validUntilMs <= validFromMs) bad('valid_until', 'must be later than valid_from');
  const phoneValue = check('phone', phone);
  const emailValue = check('email', email);
  const groupsText = cell('groups');
  let groups: string[] | undefined;
  if (groupsText !== undefined) {
    const parsed = groupsSchema.safeParse(groupsText.split(';').map((g) => g.trim()).filter((g) => g !== ''));
    if (parsed.success) groups = parsed.data;
    else bad('groups', `${parsed.error.issues[0]?.message ?? 'is invalid'}: groups are separated by ';' (got ${JSON.stringify(groupsText)})`);
  }
  if (errors.length > 0 || personId === undefined || name === undefined || type === undefined) return { errors };
  const person: RowPerson = { personId, name, type };
  if (orgUnit !== undefined) person.orgUnit = orgUnit;
  if (validFromMs !== undefined) person.validFromMs = validFromMs;
  if (validUntilMs !== undefined) person.validUntilMs = validUntilMs;
  if (phoneValue !== undefined) person.phone = phoneValue;
  if (emailValue !== undefined) person.email = emailValue;
  if (groups !== undefined) person.groups = groups;
  return { person };
}

/** A date cell: a day in `timeZone` (its start, or for an end the next day's start), or an instant. */
function dateCell(value: string | undefined, timeZone: string, edge: 'start' | 'end', bad: (message: string) => void): number | undefined {
  if (value === undefined) return undefined;
  const day = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(value);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    if (m < 1 || m > 12 || d < 1 || new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d || y < 1970) {
      bad(`is not a day of the calendar (got ${JSON.stringify(value)})`);
      return undefined;
    }
    return dayStartMs(y, m, edge === 'end' ? d + 1 : d, timeZone);
  }
  const parsed = instant.safeParse(/^\d+$/.test(value) ? Number(value) : value);
  if (parsed.success) return parsed.data;
  bad(`must be a date YYYY-MM-DD, an ISO 8601 date-time with a zone or unix ms (got ${JSON.stringify(value)})`);
  return undefined;
}

/** Unix ms of 00:00 on y-m-d (d may run past the month's end) in `timeZone`. */
export function dayStartMs(y: number, m: number, d: number, timeZone: string): number {
  const wall = Date.UTC(y, m - 1, d);
  let t = wall;
  // The zone's offset at t moves t; twice settles it (an offset change at midnight is rare).
  for (let i = 0; i < 3; i++) t = wall - offsetMs(t, timeZone);
  return t;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetMs(t: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(t))) p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(t / 1000) * 1000;
}

/** Whether the runtime knows the IANA zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

type PersonRow = Database['people'];

export class PeopleImport {
  private readonly retention: number;

  constructor(private readonly db: Kysely<Database>, private readonly now: () => number, options: { logRetentionVersions?: number } = {}) {
    this.retention = options.logRetentionVersions ?? DEFAULT_LOG_RETENTION_VERSIONS;
  }

  async run(input: { rows: readonly ImportRow[]; dryRun: boolean; skipBad: boolean; timeZone: string }): Promise<ImportReport> {
    const errors: RowError[] = [];
    const good: { row: number; person: RowPerson }[] = [];
    const firstRowOf = new Map<string, number>();
    for (const r of input.rows) {
      const checked = validateRow(r, input.timeZone);
      if ('errors' in checked) {
        errors.push(...checked.errors);
        continue;
      }
      const earlier = firstRowOf.get(checked.person.personId);
      if (earlier !== undefined) {
        errors.push({ row: r.row, column: 'person_id', message: `${checked.person.personId} is on row ${earlier} too: one row per person` });
        continue;
      }
      firstRowOf.set(checked.person.personId, r.row);
      good.push({ row: r.row, person: checked.person });
    }
    return this.db.transaction().execute(async (trx) => {
      const existing = await existingPeople(trx, good.map((g) => g.person.personId));
      const added: NewPerson[] = [];
      const updates: { before: PersonRow; after: PersonRow }[] = [];
      let unchanged = 0;
      for (const { row, person } of good) {
        const before = existing.get(person.personId);
        if (!before) {
          added.push(person);
          continue;
        }
        const after = merged(before, person);
        if (after.valid_until_ms !== null && after.valid_from_ms !== null && after.valid_until_ms <= after.valid_from_ms) {
          errors.push({ row, column: person.validUntilMs !== undefined ? 'valid_until' : 'valid_from', message: 'the validity would end before it starts (with the dates the hub holds for this person)' });
        } else if (differs(before, after)) {
          updates.push({ before, after });
        } else {
          unchanged++;
        }
      }
      const report: ImportReport = {
        dryRun: input.dryRun, applied: false, rows: input.rows.length, added: added.length, updated: updates.length, unchanged,
        bad: new Set(errors.map((e) => e.row)).size, errors: errors.sort(byRowAndColumn), changes: [],
      };
      const refused = errors.length > 0 && !input.skipBad;
      if (input.dryRun || refused || added.length + updates.length === 0) return report;
      report.changes = await this.apply(trx, added, updates);
      report.applied = true;
      return report;
    });
  }

  private async apply(trx: Transaction<Database>, added: NewPerson[], updates: { before: PersonRow; after: PersonRow }[]): Promise<DatasetChange[]> {
    const at = this.now();
    const changes: DatasetChange[] = [];
    const cardsOf: string[] = [];
    for (const { before, after } of updates) {
      const { person_id, created_at_ms, ...set } = after; // eslint-disable-line @typescript-eslint/no-unused-vars
      await trx.updateTable('people').set(set).where('person_id', '=', person_id).execute();
      if (before.name !== after.name) await trx.updateTable('accounts').set({ name: after.name }).where('account_id', '=', personAccountId(person_id)).execute();
      if (before.person_type !== after.person_type || before.valid_from_ms !== after.valid_from_ms || before.valid_until_ms !== after.valid_until_ms || before.groups !== after.groups) {
        cardsOf.push(person_id);
      }
    }
    if (added.length > 0) {
      const accounts = await insertPeople(trx, added, at);
      changes.push({ name: 'balances', version: (await markBalancesChanged(trx, accounts, at))! });
    }
    const uids: string[] = [];
    for (let i = 0; i < cardsOf.length; i += 500) {
      const rows = await trx.selectFrom('cards').select('card_uid').where('person_id', 'in', cardsOf.slice(i, i + 500)).execute();
      uids.push(...rows.map((r) => r.card_uid));
    }
    if (uids.length > 0) changes.push({ name: 'cards', version: await recordChange(trx, 'cards', uids, at, this.retention) });
    return changes;
  }
}

async function existingPeople(trx: Transaction<Database>, ids: string[]): Promise<Map<string, PersonRow>> {
  const out = new Map<string, PersonRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx.selectFrom('people').selectAll().where('person_id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.person_id, { ...r, valid_from_ms: num(r.valid_from_ms), valid_until_ms: num(r.valid_until_ms), created_at_ms: Number(r.created_at_ms) });
  }
  return out;
}

/** Report order: by row, then in the order of the columns (a row's shape first). */
export function byRowAndColumn(a: RowError, b: RowError): number {
  const at = (e: RowError) => (e.column === null ? -1 : IMPORT_COLUMNS.indexOf(e.column));
  return a.row - b.row || at(a) - at(b);
}

const num = (v: number | null) => (v === null ? null : Number(v));

/** The person's row with the row's cells applied (absent cells keep the stored value). */
function merged(before: PersonRow, p: RowPerson): PersonRow {
  return {
    ...before,
    name: p.name,
    person_type: p.type,
    org_unit: p.orgUnit ?? before.org_unit,
    valid_from_ms: p.validFromMs ?? before.valid_from_ms,
    valid_until_ms: p.validUntilMs ?? before.valid_until_ms,
    phone: p.phone ?? before.phone,
    email: p.email ?? before.email,
    groups: p.groups ? JSON.stringify(p.groups) : before.groups,
  };
}

function differs(a: PersonRow, b: PersonRow): boolean {
  return (Object.keys(a) as (keyof PersonRow)[]).some((k) => a[k] !== b[k]);
}
