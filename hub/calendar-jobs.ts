/**
 * Calendar jobs, each run recorded in `job_runs` under a key saying what it is for (a day, a
 * period, a list of people), so a run can be repeated safely: a run done answers `exists` and
 * does nothing; a run that failed or stopped half-way (the hub stopped, the database went away)
 * resumes where it stood (`cursor`: the last person done) when asked again. Every step is
 * idempotent by itself too (an account closed is not closed twice), so two runs of one key at once
 * are safe as well.
 *
 *   close-expired       accounts still open `months` (6) after the holder's validity ended are closed
 *                       through the cancellation path (hub/card-life.ts), the balance written off to
 *                       bad debt (呆账); key: the day
 *   graduates           bulk cancellation: the people listed (`personIds`; key: the list's hash), or
 *                       every student whose validity ended (key: the day), the balance refunded or
 *                       written off by the card-life policy setting
 *   freshman-exchange   freshman cards issued `months` (3) ago or more, due to be exchanged for a student card
 *   temporary-expiring  temporary cardholders whose validity ends within `days` (30)
 *   reconciliation      the reconciliation report (hub/reconciliation.ts) of the day before; key: that day
 *   settlement          closes the period before the month of the run (hub/settlement.ts); key: that period
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from './db/schema.js';
import type { JobRunsTable, JobState, SettlementTables } from './db/schema-settlement.js';
import type { CardLife } from './card-life.js';
import type { Settlement } from './settlement.js';
import type { Reconciliation } from './reconciliation.js';
import type { DatasetChange } from './dataset-log.js';
import type { SettlementDb } from './merchants.js';
import { localDate, monthsBefore, periodOf, shiftPeriod } from './periods.js';
import type { Logger } from '../lib/log.js';

export const JOB_NAMES = ['close-expired', 'graduates', 'freshman-exchange', 'temporary-expiring', 'reconciliation', 'settlement'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** What the daily schedule runs, in this order (hub/job-schedule.ts). */
export const DAILY_JOBS: readonly JobName[] = ['settlement', 'reconciliation', 'close-expired', 'freshman-exchange', 'temporary-expiring'];

export const DEFAULT_CLOSE_EXPIRED_MONTHS = 6;
export const DEFAULT_FRESHMAN_EXCHANGE_MONTHS = 3;
export const DEFAULT_TEMPORARY_EXPIRING_DAYS = 30;
/** Entries kept in a run's result lists (their counts are exact). */
export const MAX_RESULT_ENTRIES = 1000;
const BATCH = 100;
const DAY_MS = 86_400_000;

export interface JobParams {
  months?: number;
  days?: number;
  personIds?: string[];
}

export interface JobRun {
  job: JobName;
  runKey: string;
  state: JobState;
  atMs: number;
  params: JobParams;
  startedAtMs: number;
  updatedAtMs: number;
  finishedAtMs: number | null;
  result: Record<string, unknown>;
  error: string | null;
}

export interface JobDeps {
  db: Kysely<Database>;
  now: () => number;
  timeZone: string;
  cardLife: CardLife;
  settlement: Settlement;
  reconciliation: Reconciliation;
  datasetChanged: (change: DatasetChange) => void;
  logger: Logger;
}

type Result = Record<string, unknown>;
type Save = (cursor: string | null, result: Result) => Promise<void>;

function runView(r: Selectable<JobRunsTable>): JobRun {
  return {
    job: r.job as JobName, runKey: r.run_key, state: r.state, atMs: Number(r.at_ms), params: JSON.parse(r.params_json) as JobParams,
    startedAtMs: Number(r.started_at_ms), updatedAtMs: Number(r.updated_at_ms), finishedAtMs: r.finished_at_ms === null ? null : Number(r.finished_at_ms),
    result: JSON.parse(r.result_json) as Result, error: r.error,
  };
}

const capped = <T>(list: T[], entry: T) => (list.length < MAX_RESULT_ENTRIES ? [...list, entry] : list);

export class CalendarJobs {
  private readonly db: SettlementDb;

  constructor(private readonly deps: JobDeps) {
    this.db = deps.db.withTables<SettlementTables>();
  }

  /** The key a run of `job` at `atMs` with `params` is recorded under. */
  runKey(job: JobName, atMs: number, params: JobParams): string {
    const day = localDate(atMs, this.deps.timeZone);
    if (job === 'settlement') return shiftPeriod(periodOf(atMs, this.deps.timeZone), -1);
    if (job === 'reconciliation') return localDate(atMs - DAY_MS, this.deps.timeZone);
    if (job === 'graduates' && params.personIds) {
      return `list-${createHash('sha256').update([...new Set(params.personIds)].sort().join('\n')).digest('hex').slice(0, 16)}`;
    }
    return day;
  }

  /**
   * Runs a job for `atMs`: `created` (a new run), `resumed` (one that had not finished) or `exists`
   * (done before: nothing is done again). A job that throws leaves its run `failed` with the error.
   */
  async run(job: JobName, atMs: number, params: JobParams = {}): Promise<{ result: 'created' | 'resumed' | 'exists'; run: JobRun }> {
    const runKey = this.runKey(job, atMs, params);
    const started = this.deps.now();
    const inserted = await this.db
      .insertInto('job_runs')
      .values({
        job, run_key: runKey, state: 'running', at_ms: atMs, params_json: JSON.stringify(params), started_at_ms: started, updated_at_ms: started,
        finished_at_ms: null, cursor: null, result_json: '{}', error: null,
      })
      .onConflict((oc) => oc.columns(['job', 'run_key']).doNothing())
      .executeTakeFirst();
    const fresh = Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    const row = await this.db.selectFrom('job_runs').selectAll().where('job', '=', job).where('run_key', '=', runKey).executeTakeFirstOrThrow();
    if (row.state === 'done') return { result: 'exists', run: runView(row) };
    // A resumed run keeps the instant and parameters it started with.
    const at = Number(row.at_ms);
    const runParams = JSON.parse(row.params_json) as JobParams;
    const save: Save = async (cursor, result) => {
      await this.db
        .updateTable('job_runs')
        .set({ state: 'running', cursor, result_json: JSON.stringify(result), updated_at_ms: this.deps.now(), error: null })
        .where('job', '=', job)
        .where('run_key', '=', runKey)
        .execute();
    };
    this.deps.logger.log('info', 'jobs.run_started', { job, runKey, resumed: !fresh, cursor: row.cursor });
    try {
      const result = await this.execute(job, at, runParams, row.cursor, JSON.parse(row.result_json) as Result, save);
      const finished = this.deps.now();
      await this.db
        .updateTable('job_runs')
        .set({ state: 'done', result_json: JSON.stringify(result), updated_at_ms: finished, finished_at_ms: finished, error: null })
        .where('job', '=', job)
        .where('run_key', '=', runKey)
        .execute();
      this.deps.logger.log('info', 'jobs.run_done', { job, runKey });
    } catch (err) {
      const error = (err as Error).message;
      await this.db.updateTable('job_runs').set({ state: 'failed', error, updated_at_ms: this.deps.now() }).where('job', '=', job).where('run_key', '=', runKey).execute();
      this.deps.logger.log('error', 'jobs.run_failed', { job, runKey, error });
    }
    const done = await this.db.selectFrom('job_runs').selectAll().where('job', '=', job).where('run_key', '=', runKey).executeTakeFirstOrThrow();
    return { result: fresh ? 'created' : 'resumed', run: runView(done) };
  }

  async list(query: { job?: JobName; limit: number }): Promise<JobRun[]> {
    let q = this.db.selectFrom('job_runs').selectAll();
    if (query.job !== undefined) q = q.where('job', '=', query.job);
    return (await q.orderBy('started_at_ms', 'desc').orderBy('run_key', 'desc').limit(query.limit).execute()).map(runView);
  }

  private async execute(job: JobName, atMs: number, params: JobParams, cursor: string | null, partial: Result, save: Save): Promise<Result> {
    switch (job) {
      case 'close-expired':
        return this.closeExpired(atMs, params.months ?? DEFAULT_CLOSE_EXPIRED_MONTHS, cursor, partial, save);
      case 'graduates':
        return this.graduates(atMs, params.personIds, cursor, partial, save);
      case 'freshman-exchange':
        return this.freshmanExchange(atMs, params.months ?? DEFAULT_FRESHMAN_EXCHANGE_MONTHS);
      case 'temporary-expiring':
        return this.temporaryExpiring(atMs, params.days ?? DEFAULT_TEMPORARY_EXPIRING_DAYS);
      case 'reconciliation':
        return { report: await this.deps.reconciliation.report(localDate(atMs - DAY_MS, this.deps.timeZone)) };
      case 'settlement': {
        const period = shiftPeriod(periodOf(atMs, this.deps.timeZone), -1);
        const closed = await this.deps.settlement.close(period, 'jobs');
        if (!closed.ok) throw new Error(`${closed.code}: ${closed.message}`);
        return { period, closed: closed.result, merchants: closed.summary.merchants.length, totals: closed.summary.totals };
      }
    }
  }

  /** Accounts open `months` after their holder's validity ended: closed, balance to bad debt. */
  private async closeExpired(atMs: number, months: number, cursor: string | null, partial: Result, save: Save): Promise<Result> {
    const cutoffMs = monthsBefore(atMs, months, this.deps.timeZone);
    const candidates = (after: string | null) => {
      let q = this.db
        .selectFrom('people as p')
        .innerJoin('accounts as a', (j) => j.onRef('a.owner_id', '=', 'p.person_id').on('a.kind', '=', 'personal'))
        .select(['p.person_id', 'p.valid_until_ms'])
        .where('p.valid_until_ms', 'is not', null)
        .where('p.valid_until_ms', '<=', cutoffMs)
        .where('a.closed_at_ms', 'is', null);
      if (after !== null) q = q.where('p.person_id', '>', after);
      return q.orderBy('p.person_id').limit(BATCH).execute();
    };
    return this.cancelAll({ months, cutoffMs }, candidates, 'write_off', cursor, partial, save);
  }

  private async graduates(atMs: number, personIds: string[] | undefined, cursor: string | null, partial: Result, save: Save): Promise<Result> {
    if (personIds) {
      const ids = [...new Set(personIds)].sort();
      const candidates = async (after: string | null) => {
        const next = ids.filter((id) => after === null || id > after).slice(0, BATCH);
        return next.map((id) => ({ person_id: id, valid_until_ms: null }));
      };
      return this.cancelAll({ listed: ids.length }, candidates, undefined, cursor, partial, save);
    }
    const candidates = (after: string | null) => {
      let q = this.db
        .selectFrom('people as p')
        .innerJoin('accounts as a', (j) => j.onRef('a.owner_id', '=', 'p.person_id').on('a.kind', '=', 'personal'))
        .select(['p.person_id', 'p.valid_until_ms'])
        .where('p.person_type', '=', 'student')
        .where('p.valid_until_ms', 'is not', null)
        .where('p.valid_until_ms', '<=', atMs)
        .where('a.closed_at_ms', 'is', null);
      if (after !== null) q = q.where('p.person_id', '>', after);
      return q.orderBy('p.person_id').limit(BATCH).execute();
    };
    return this.cancelAll({ validityEndedBy: atMs }, candidates, undefined, cursor, partial, save);
  }

  /** Cancels every candidate, in person id order, saving the cursor and result after each one. */
  private async cancelAll(
    header: Result,
    candidates: (after: string | null) => Promise<{ person_id: string; valid_until_ms: number | null }[]>,
    balancePolicy: 'write_off' | undefined,
    cursor: string | null,
    partial: Result,
    save: Save,
  ): Promise<Result> {
    type Done = { personId: string; validUntilMs: number | null; settlement: string; settledFen: number; transferId: string | null };
    type Failed = { personId: string; code: string; message: string };
    let result = {
      ...header,
      cancelled: Number(partial.cancelled ?? 0),
      settledFen: Number(partial.settledFen ?? 0),
      alreadyClosed: Number(partial.alreadyClosed ?? 0),
      failedCount: Number(partial.failedCount ?? 0),
      people: (partial.people ?? []) as Done[],
      failed: (partial.failed ?? []) as Failed[],
    };
    let after = cursor;
    for (;;) {
      const batch = await candidates(after);
      if (batch.length === 0) return result;
      for (const p of batch) {
        const outcome = await this.deps.cardLife.cancel({ personId: p.person_id }, balancePolicy ? { balancePolicy } : {});
        if (outcome.ok) {
          for (const change of outcome.changes) this.deps.datasetChanged(change);
          const validUntilMs = p.valid_until_ms === null ? null : Number(p.valid_until_ms);
          result = {
            ...result, cancelled: result.cancelled + 1, settledFen: result.settledFen + outcome.settledFen,
            people: capped(result.people, { personId: p.person_id, validUntilMs, settlement: outcome.settlement, settledFen: outcome.settledFen, transferId: outcome.transferId }),
          };
        } else if (outcome.code === 'account_closed') {
          result = { ...result, alreadyClosed: result.alreadyClosed + 1 };
        } else {
          result = { ...result, failedCount: result.failedCount + 1, failed: capped(result.failed, { personId: p.person_id, code: outcome.code, message: outcome.message }) };
        }
        after = p.person_id;
        await save(after, result);
      }
    }
  }

  private async freshmanExchange(atMs: number, months: number): Promise<Result> {
    const issuedBeforeMs = monthsBefore(atMs, months, this.deps.timeZone);
    const rows = await this.db
      .selectFrom('people as p')
      .innerJoin('cards as c', 'c.person_id', 'p.person_id')
      .select(['p.person_id', 'p.name', 'p.org_unit', 'c.card_uid', 'c.created_at_ms'])
      .where('p.person_type', '=', 'freshman')
      .where('c.status', '=', 'active')
      .where('c.created_at_ms', '<=', issuedBeforeMs)
      .orderBy('c.created_at_ms')
      .orderBy('p.person_id')
      .execute();
    return {
      months, issuedBeforeMs, count: rows.length,
      cards: rows.slice(0, MAX_RESULT_ENTRIES).map((r) => ({ personId: r.person_id, name: r.name, orgUnit: r.org_unit, uid: r.card_uid, issuedAtMs: Number(r.created_at_ms) })),
    };
  }

  private async temporaryExpiring(atMs: number, days: number): Promise<Result> {
    const untilMs = atMs + days * DAY_MS;
    const rows = await this.db
      .selectFrom('people as p')
      .innerJoin('accounts as a', (j) => j.onRef('a.owner_id', '=', 'p.person_id').on('a.kind', '=', 'personal'))
      .leftJoin('cards as c', (j) => j.onRef('c.person_id', '=', 'p.person_id').on('c.status', '=', 'active'))
      .select(['p.person_id', 'p.name', 'p.org_unit', 'p.phone', 'p.valid_until_ms', 'c.card_uid'])
      .where('p.person_type', '=', 'temporary')
      .where('p.valid_until_ms', '>', atMs)
      .where('p.valid_until_ms', '<=', untilMs)
      .where('a.closed_at_ms', 'is', null)
      .orderBy('p.valid_until_ms')
      .orderBy('p.person_id')
      .execute();
    return {
      days, untilMs, count: rows.length,
      people: rows.slice(0, MAX_RESULT_ENTRIES).map((r) => ({ personId: r.person_id, name: r.name, orgUnit: r.org_unit, phone: r.phone, uid: r.card_uid, validUntilMs: Number(r.valid_until_ms) })),
    };
  }
}
