/**
 * Self-test history of a device: its stored self_test events grouped into runs by run id (the
 * RunSelfTest command's id), newest run first, each with its steps in order, a pass/fail summary
 * and, for a run the hub asked for, the command's status and the device's answer.
 */
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import { eventDetail, type SelfTestDetail } from './event-detail.js';

export interface SelfTestStepView extends SelfTestDetail {
  seq: number;
  pointId: string;
  deviceTimeMs: number;
}

export interface SelfTestRunView {
  runId: string;
  deviceId: string;
  startedAtMs: number;
  receivedAtMs: number;
  /** `fail` when any step failed, else `pass`. */
  result: 'pass' | 'fail';
  summary: { steps: number; pass: number; fail: number; skip: number };
  /** The failed steps as `component step (category)`. */
  failed: string[];
  command: { status: string; detail: string } | null;
  steps: SelfTestStepView[];
}

/** Self-test events read per call: runs beyond them are not listed. */
const MAX_STEPS = 5000;

export async function selfTestRuns(db: Kysely<Database>, deviceId: string, limit: number): Promise<SelfTestRunView[]> {
  const rows = await db
    .selectFrom('events')
    .select(['seq', 'point_id', 'device_time_ms', 'received_at_ms', 'payload'])
    .where('device_id', '=', deviceId)
    .where('kind', '=', 'self_test')
    .orderBy('seq', 'desc')
    .limit(MAX_STEPS)
    .execute();
  const runs = new Map<string, { steps: SelfTestStepView[]; receivedAtMs: number; lastSeq: number }>();
  for (const r of rows) {
    const detail = eventDetail(r.payload);
    if (!('selfTest' in detail)) continue;
    const t = detail.selfTest;
    const runId = t.runId || 'local';
    let run = runs.get(runId);
    if (!run) {
      run = { steps: [], receivedAtMs: 0, lastSeq: Number(r.seq) };
      runs.set(runId, run);
    }
    run.steps.push({ seq: Number(r.seq), pointId: r.point_id, deviceTimeMs: Number(r.device_time_ms), ...t });
    run.receivedAtMs = Math.max(run.receivedAtMs, Number(r.received_at_ms));
  }
  const chosen = [...runs.entries()].sort((a, b) => b[1].lastSeq - a[1].lastSeq).slice(0, limit);
  const ids = chosen.map(([runId]) => runId);
  const commands = ids.length === 0 ? [] : await db.selectFrom('device_commands').select(['command_id', 'status', 'detail']).where('device_id', '=', deviceId).where('command_id', 'in', ids).execute();
  const byId = new Map(commands.map((c) => [c.command_id, { status: c.status as string, detail: c.detail }]));
  return chosen.map(([runId, run]) => {
    const steps = run.steps.sort((a, b) => a.seq - b.seq);
    const count = (status: string) => steps.filter((s) => s.status === status).length;
    const failedSteps = steps.filter((s) => s.status === 'fail');
    return {
      runId, deviceId, startedAtMs: steps[0]?.deviceTimeMs ?? 0, receivedAtMs: run.receivedAtMs,
      result: failedSteps.length > 0 ? 'fail' : 'pass',
      summary: { steps: steps.length, pass: count('pass'), fail: failedSteps.length, skip: count('skip') },
      failed: failedSteps.map((s) => `${s.component} ${s.step} (${s.category})`),
      command: byId.get(runId) ?? null,
      steps,
    };
  });
}
