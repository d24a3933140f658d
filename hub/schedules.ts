/**
 * Door schedules and holidays, and their dataset (one dataset: a schedule's holiday periods apply
 * on the holidays listed). Small, so every change makes a new version and every update is a full
 * snapshot. Setting a schedule to what it already is, or adding a holiday already listed, changes
 * nothing (no new version).
 */
import type { Kysely } from 'kysely';
import { DatasetName, type DatasetUpdate } from '../protocol/messages.js';
import type { SchedulePeriodRecord } from '../controller/dataset-types.js';
import { bumpVersion, datasetState, type DatasetChange } from './dataset-log.js';
import type { Database } from './db/schema.js';
import { failure, type Outcome } from './outcome.js';
import { periodsView, type ScheduleInput } from './tariff-schedule-schema.js';

export interface ScheduleView {
  scheduleId: string;
  periods: { days: string[]; from: string; to: string }[];
  holidayPeriods: { days: string[]; from: string; to: string }[];
  updatedAtMs: number;
}

export class ScheduleStore {
  constructor(private readonly db: Kysely<Database>, private readonly now: () => number) {}

  /** Creates or replaces a schedule; `change` is null when it was already exactly this. */
  async put(scheduleId: string, input: ScheduleInput): Promise<Outcome<{ schedule: ScheduleView; created: boolean; change: DatasetChange | null }>> {
    return this.db.transaction().execute(async (trx) => {
      const at = this.now();
      const row = { schedule_id: scheduleId, periods: JSON.stringify(input.periods), holiday_periods: JSON.stringify(input.holidayPeriods), updated_at_ms: at };
      const existing = await trx.selectFrom('schedules').selectAll().where('schedule_id', '=', scheduleId).executeTakeFirst();
      if (existing && existing.periods === row.periods && existing.holiday_periods === row.holiday_periods) {
        return { ok: true as const, schedule: view(existing), created: false, change: null };
      }
      if (existing) await trx.updateTable('schedules').set(row).where('schedule_id', '=', scheduleId).execute();
      else await trx.insertInto('schedules').values(row).execute();
      const version = await bumpVersion(trx, 'schedules', at);
      return { ok: true as const, schedule: view(row), created: !existing, change: { name: 'schedules' as const, version } };
    });
  }

  async delete(scheduleId: string): Promise<Outcome<{ change: DatasetChange }>> {
    return this.db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('schedules').where('schedule_id', '=', scheduleId).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return failure('not_found', `no schedule ${scheduleId}`, 'scheduleId');
      const version = await bumpVersion(trx, 'schedules', this.now());
      return { ok: true as const, change: { name: 'schedules' as const, version } };
    });
  }

  async list(): Promise<ScheduleView[]> {
    return (await this.db.selectFrom('schedules').selectAll().orderBy('schedule_id').execute()).map(view);
  }

  /** Adds a holiday (a local date YYYY-MM-DD); `change` is null when it was listed already. */
  async addHoliday(date: string): Promise<{ created: boolean; change: DatasetChange | null }> {
    return this.db.transaction().execute(async (trx) => {
      const at = this.now();
      const inserted = await trx.insertInto('holidays').values({ date, created_at_ms: at }).onConflict((oc) => oc.column('date').doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { created: false, change: null };
      return { created: true, change: { name: 'schedules' as const, version: await bumpVersion(trx, 'schedules', at) } };
    });
  }

  async removeHoliday(date: string): Promise<Outcome<{ change: DatasetChange }>> {
    return this.db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('holidays').where('date', '=', date).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return failure('not_found', `${date} is not a holiday`, 'date');
      return { ok: true as const, change: { name: 'schedules' as const, version: await bumpVersion(trx, 'schedules', this.now()) } };
    });
  }

  async holidays(): Promise<string[]> {
    return (await this.db.selectFrom('holidays').select('date').orderBy('date').execute()).map((r) => r.date);
  }
}

/** The schedules update for a device holding `held`: a snapshot of the current version, or null. */
export async function readSchedulesUpdate(db: Kysely<Database>, held: number): Promise<DatasetUpdate | null> {
  return db.transaction().execute(async (trx) => {
    const { version } = await datasetState(trx, 'schedules');
    if (version === 0 || held === version) return null;
    const rows = await trx.selectFrom('schedules').selectAll().orderBy('schedule_id').execute();
    const days = await trx.selectFrom('holidays').select('date').orderBy('date').execute();
    return {
      name: DatasetName.DATASET_NAME_SCHEDULES,
      version,
      fullSnapshot: true,
      schedules: {
        upsert: rows.map((r) => ({ scheduleId: r.schedule_id, periods: JSON.parse(r.periods) as SchedulePeriodRecord[], holidayPeriods: JSON.parse(r.holiday_periods) as SchedulePeriodRecord[] })),
        addHolidays: days.map((d) => d.date),
      },
    };
  });
}

function view(r: { schedule_id: string; periods: string; holiday_periods: string; updated_at_ms: number }): ScheduleView {
  return {
    scheduleId: r.schedule_id,
    periods: periodsView(JSON.parse(r.periods) as SchedulePeriodRecord[]),
    holidayPeriods: periodsView(JSON.parse(r.holiday_periods) as SchedulePeriodRecord[]),
    updatedAtMs: Number(r.updated_at_ms),
  };
}
