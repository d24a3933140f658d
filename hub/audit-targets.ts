/**
 * The rows an operator action changes, read as they are stored, for the audit log's before and
 * after (hub/permissions.ts names each route's target). Secrets are left out: an operator's
 * password hash, a device's enrollment code hash.
 */
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { OperatorTables } from './db/schema-operators.js';
import type { SettlementTables } from './db/schema-settlement.js';
import type { MaintenanceTables } from './db/schema-maintenance.js';
import type { TargetKind } from './permissions.js';
import { roomAccountId } from './account-ids.js';

type Db = Kysely<Database & OperatorTables>;
type Row = Record<string, unknown>;

/** The id a target is stored under (card UIDs are stored upper-case, rooms as their account). */
export function normaliseTargetId(kind: TargetKind, id: string): string {
  if (kind === 'card') return id.toUpperCase();
  return id;
}

export async function loadTarget(database: Kysely<Database>, kind: TargetKind, id: string): Promise<Row | null> {
  const db: Db = database.withTables<OperatorTables>();
  let row: Row | undefined;
  switch (kind) {
    case 'person':
      row = await db.selectFrom('people').selectAll().where('person_id', '=', id).executeTakeFirst();
      break;
    case 'card':
      row = await db.selectFrom('cards').selectAll().where('card_uid', '=', id.toUpperCase()).executeTakeFirst();
      break;
    case 'device':
      row = await db.selectFrom('devices').selectAll().where('device_id', '=', id).executeTakeFirst();
      break;
    case 'account':
      row = await db.selectFrom('accounts').selectAll().where('account_id', '=', id).executeTakeFirst();
      break;
    case 'room':
      row = await db.selectFrom('accounts').selectAll().where('account_id', '=', roomAccountId(id)).executeTakeFirst();
      break;
    case 'tariff':
      row = await db.selectFrom('tariffs').selectAll().where('tariff_id', '=', id).executeTakeFirst();
      break;
    case 'schedule':
      row = await db.selectFrom('schedules').selectAll().where('schedule_id', '=', id).executeTakeFirst();
      break;
    case 'holiday':
      row = await db.selectFrom('holidays').selectAll().where('date', '=', id).executeTakeFirst();
      break;
    case 'merchant': {
      const s = database.withTables<SettlementTables>();
      const found = await s.selectFrom('merchants').selectAll().where('merchant_id', '=', id).executeTakeFirst();
      if (found) row = { ...found, devices: (await s.selectFrom('device_merchants').select('device_id').where('merchant_id', '=', id).orderBy('device_id').execute()).map((d) => d.device_id) };
      break;
    }
    case 'correction':
      if (/^\d{1,15}$/.test(id)) row = await database.withTables<SettlementTables>().selectFrom('corrections').selectAll().where('correction_id', '=', Number(id)).executeTakeFirst();
      break;
    case 'ticket':
      if (/^\d{1,15}$/.test(id)) row = await database.withTables<MaintenanceTables>().selectFrom('repair_tickets').selectAll().where('ticket_id', '=', Number(id)).executeTakeFirst();
      break;
    case 'operator': {
      const found = await db.selectFrom('operators').selectAll().where('operator_id', '=', id).executeTakeFirst();
      if (found) {
        const { password_hash: _hash, ...rest } = found;
        row = rest;
      }
      break;
    }
  }
  return row ? plain(row) : null;
}

/** A row as JSON can hold it: binary columns as base64. */
function plain(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v]));
}
