/**
 * Numbered schema migrations, applied in order by Kysely's Migrator; the key is the migration's
 * name in the database. Never edit a migration that has shipped: add the next number here and in a
 * file of this folder. (Listed, not discovered, so a bundled build carries them.)
 */
import type { Migration } from 'kysely';
import { migration as m0001 } from './0001_initial.js';
import { migration as m0003 } from './0003_dataset_log.js';
import { migration as m0004 } from './0004_device_identity.js';
import { migration as m0005 } from './0005_event_chain.js';
import { migration as m0006 } from './0006_device_commands.js';
import { migration as m0007 } from './0007_ledger.js';
import { migration as m0008 } from './0008_card_life.js';
import { migration as m0009 } from './0009_operators_audit.js';
import { migration as m0010 } from './0010_settlement.js';
import { migration as m0011 } from './0011_tickets.js';
import { migration as m0012 } from './0012_fault_alarms.js';
import { migration as m0013 } from './0013_event_kind_index.js';
import { migration as m0014 } from './0014_alarm_states.js';

const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': m0001,
  // 0002 was never shipped (renumbered 0005 before the first release).
  '0003_dataset_log': m0003,
  '0004_device_identity': m0004,
  '0005_event_chain': m0005,
  '0006_device_commands': m0006,
  '0007_ledger': m0007,
  '0008_card_life': m0008,
  '0009_operators_audit': m0009,
  '0010_settlement': m0010,
  '0011_tickets': m0011,
  '0012_fault_alarms': m0012,
  '0013_event_kind_index': m0013,
  '0014_alarm_states': m0014,
};

export async function loadMigrations(): Promise<Record<string, Migration>> {
  return MIGRATIONS;
}
