/**
 * Every dataset the hub pushes, in one place: which exist (in push order: the blacklist first, deny
 * wins), their current versions, and the update a device holding some version needs. Blacklist and
 * cards come from the card change log (hub/dataset-log.ts), balances per device (hub/balances.ts),
 * tariffs and schedules as snapshots (hub/tariffs.ts, hub/schedules.ts).
 */
import type { Kysely } from 'kysely';
import type { DatasetName, DatasetUpdate } from '../protocol/messages.js';
import { DATASET_NAMES, datasetState, deltaPossible, readUpdate, type DatasetKey, type DatasetState } from './dataset-log.js';
import { readBalancesUpdate } from './balances.js';
import { readTariffsUpdate } from './tariffs.js';
import { readSchedulesUpdate } from './schedules.js';
import type { Database } from './db/schema.js';

export type { DatasetKey } from './dataset-log.js';

export const DATASET_KEYS: readonly DatasetKey[] = ['blacklist', 'cards', 'balances', 'tariffs', 'schedules'];

export function datasetKeyOf(name: DatasetName | null | undefined): DatasetKey | undefined {
  return DATASET_KEYS.find((k) => DATASET_NAMES[k] === name);
}

export class DatasetReader {
  constructor(private readonly db: Kysely<Database>) {}

  async state(key: DatasetKey): Promise<DatasetState> {
    return datasetState(this.db, key);
  }

  async versions(): Promise<Record<DatasetKey, number>> {
    const rows = await this.db.selectFrom('datasets').select(['name', 'version']).execute();
    const out = Object.fromEntries(DATASET_KEYS.map((k) => [k, 0])) as Record<DatasetKey, number>;
    for (const r of rows) if ((DATASET_KEYS as readonly string[]).includes(r.name)) out[r.name as DatasetKey] = Number(r.version);
    return out;
  }

  /** Whether every device holding the same version gets the same update (balances differ per device). */
  shared(key: DatasetKey): boolean {
    return key !== 'balances';
  }

  /** What names a shared update: the version it starts from, or 'snapshot'. */
  startOf(key: DatasetKey, state: DatasetState, held: number): number | 'snapshot' {
    if (key === 'tariffs' || key === 'schedules') return 'snapshot';
    return deltaPossible(state, held) ? held : 'snapshot';
  }

  /** The update bringing a device holding `held` to the current version, or null when it holds it. */
  async updateFor(key: DatasetKey, held: number, deviceId?: string): Promise<DatasetUpdate | null> {
    switch (key) {
      case 'blacklist':
      case 'cards':
        return readUpdate(this.db, key, held);
      case 'balances':
        return readBalancesUpdate(this.db, held, deviceId);
      case 'tariffs':
        return readTariffsUpdate(this.db, held);
      case 'schedules':
        return readSchedulesUpdate(this.db, held);
    }
  }
}
