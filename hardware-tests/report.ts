/**
 * What a run looks like to people: one line per step for a terminal, one JSON document (`--json`,
 * and the commissioning record), and a printable HTML page (the commissioning report a technician
 * signs for a new installation).
 */
import { hostname } from 'node:os';
import type { ControllerConfig } from '../controller/config.js';
import type { SelfTestRun, StepCounts } from './runner.js';
import { CATEGORY_LABELS, type StepResult, type SuiteName } from './types.js';

export interface SelfTestReport {
  report: 'onecard-selftest';
  version: 1;
  runId: string;
  mode: 'on-site' | 'remote';
  deviceId: string;
  host: string;
  software: string;
  configFile: string;
  hubUrl: string;
  technician: string;
  points: Array<{ id: string; kind: string }>;
  suites: SuiteName[];
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** True when no step failed. */
  ok: boolean;
  counts: StepCounts;
  steps: StepResult[];
}

export function buildReport(run: SelfTestRun, meta: { runId: string; mode: 'on-site' | 'remote'; config: ControllerConfig; configFile: string; technician?: string }): SelfTestReport {
  return {
    report: 'onecard-selftest',
    version: 1,
    runId: meta.runId,
    mode: meta.mode,
    deviceId: meta.config.deviceId,
    host: hostname(),
    software: 'onecard 0.1.0',
    configFile: meta.configFile,
    hubUrl: meta.config.hub.url,
    technician: meta.technician ?? '',
    points: meta.config.points.map((p) => ({ id: p.id, kind: p.kind })),
    suites: run.suites,
    startedAt: new Date(run.startedAtMs).toISOString(),
    finishedAt: new Date(run.finishedAtMs).toISOString(),
    durationMs: Math.round(run.durationMs),
    ok: run.counts.fail === 0,
    counts: run.counts,
    steps: run.steps,
  };
}

/** One line per step, and on a failure the cause and the remedy indented below it. */
export function stepLines(s: StepResult): string[] {
  const head = `${s.status.toUpperCase().padEnd(4)}  ${`${s.component} ${s.step}`.padEnd(28)}  ${s.figure || s.detail}`;
  if (s.status === 'skip') return [s.figure ? `${head} (${s.detail})` : head];
  if (s.status === 'pass') return [head];
  return [head, `      ${s.detail}`, `      likely cause: ${s.cause}`, `      remedy: ${s.remedy}`, `      repair category: ${CATEGORY_LABELS[s.category]}`];
}

export function summaryLine(report: Pick<SelfTestReport, 'counts' | 'durationMs' | 'ok'>): string {
  const { pass, fail, skip } = report.counts;
  return `${pass + fail + skip} steps: ${pass} pass, ${fail} fail, ${skip} skip in ${(report.durationMs / 1000).toFixed(1)} s: ${report.ok ? 'OK' : 'FAULTS FOUND'}`;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A printable page (A4, no scripts, no external resources). */
export function reportHtml(r: SelfTestReport): string {
  const rows = r.steps
    .map(
      (s) => `<tr class="${s.status}"><td class="status">${s.status.toUpperCase()}</td><td>${escape(s.component)}</td><td>${escape(s.step)}</td><td>${escape(s.figure)}</td>` +
        `<td>${escape(s.detail)}${s.status === 'fail' ? `<div class="why"><b>Likely cause:</b> ${escape(s.cause)}</div><div class="why"><b>Remedy:</b> ${escape(s.remedy)}</div>` : ''}</td>` +
        `<td>${escape(CATEGORY_LABELS[s.category])}</td></tr>`,
    )
    .join('\n');
  const points = r.points.map((p) => `${escape(p.id)} (${escape(p.kind)})`).join(', ');
  const field = (name: string, value: string) => `<tr><th>${name}</th><td>${escape(value)}</td></tr>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Commissioning report ${escape(r.deviceId)}</title>
<style>
  @page { size: A4; margin: 15mm; }
  body { font: 10pt/1.35 system-ui, sans-serif; color: #111; margin: 0 auto; max-width: 190mm; }
  h1 { font-size: 16pt; margin: 0 0 4mm; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 5mm; }
  th, td { border: 1px solid #999; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
  table.meta th { width: 35mm; background: #f2f2f2; }
  thead th { background: #e6e6e6; }
  tr { page-break-inside: avoid; }
  td.status { font-weight: bold; white-space: nowrap; }
  tr.pass td.status { color: #0a6b0a; } tr.fail td.status { color: #b00000; } tr.skip td.status { color: #666; }
  tr.fail { background: #fff0f0; }
  .why { margin-top: 1mm; }
  .verdict { font-size: 12pt; font-weight: bold; margin: 4mm 0; }
  .sign td { height: 14mm; width: 50%; }
</style></head><body>
<h1>onecard commissioning report: ${escape(r.deviceId)}</h1>
<table class="meta">
${field('Device', r.deviceId)}
${field('Host', r.host)}
${field('Points', points)}
${field('Hub', r.hubUrl)}
${field('Configuration', r.configFile)}
${field('Software', r.software)}
${field('Run', `${r.runId} (${r.mode}), suites ${r.suites.join(', ')}`)}
${field('Started', r.startedAt)}
${field('Finished', `${r.finishedAt} (${(r.durationMs / 1000).toFixed(1)} s)`)}
${field('Technician', r.technician)}
</table>
<p class="verdict">${escape(summaryLine(r))}</p>
<table><thead><tr><th>Status</th><th>Component</th><th>Step</th><th>Figure</th><th>Detail</th><th>Repair category</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<table class="sign"><tr><td>Tested by (name, signature, date)</td><td>Accepted by (name, signature, date)</td></tr></table>
</body></html>
`;
}
