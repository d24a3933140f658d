/**
 * `onecard admin person import FILE [--dry-run] [--skip-bad] [--time-zone ZONE] [--batch-size N]`:
 * people from a registrar or HR CSV file (columns: hub/people-import.ts; CSV: hub/people-csv.ts),
 * sent to `POST /api/people/import` in batches (at most --batch-size rows, 500 by default, and
 * under the API's 64 KiB body limit), with progress on stderr.
 *
 * - default, all or nothing: every batch is first checked by the hub as a dry run; with any bad row
 *   nothing is imported and every bad row is reported. Then the batches are applied, each in one
 *   transaction. (Should a batch still be refused then, e.g. the file's people were changed
 *   meanwhile, the batches before it stay applied and the report says so: importing the file again
 *   is safe, as rows already imported are unchanged.)
 * - --skip-bad: the good rows are imported, the bad ones reported and left out.
 * - --dry-run: everything is checked and counted (to add, update, unchanged); nothing is written.
 *
 * Exit status: 0 when every row was good, 1 when any row was refused (the report lists each:
 * row number, column, what is wrong) or the hub refused a call.
 */
import { readFile } from 'node:fs/promises';
import { CsvError, csvRows, decodeUtf8, parseCsv } from '../hub/people-csv.js';
import { byRowAndColumn, type ImportRow, type RowError } from '../hub/people-import.js';
import type { Json } from './admin-call.js';
import { Progress, type ProgressStream } from './progress.js';

export type Send = (method: string, path: string, body?: Json) => Promise<{ status: number; body: Json }>;

export interface ImportOptions {
  file: string;
  dryRun: boolean;
  skipBad: boolean;
  timeZone?: string;
  batchSize: number;
  json: boolean;
  send: Send;
  progress: ProgressStream;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Rows JSON per call, well under the API's 64 KiB body limit. */
const MAX_BATCH_BYTES = 56 * 1024;
const MAX_CELL_CHARS = 1000;

interface Totals {
  added: number;
  updated: number;
  unchanged: number;
}

export async function runImport(o: ImportOptions): Promise<number> {
  let rows: ImportRow[];
  const errors: RowError[] = [];
  try {
    const parsed = csvRows(parseCsv(decodeUtf8(await readFile(o.file))));
    rows = parsed.rows;
    errors.push(...parsed.errors);
  } catch (err) {
    if (err instanceof CsvError) {
      o.err(`onecard admin: ${o.file}: ${err.message}`);
      return 1;
    }
    throw new Error(`cannot read ${o.file}: ${(err as Error).message}`, { cause: err });
  }
  const total = rows.length + errors.length;
  rows = rows.filter((r) => {
    const long = Object.entries(r.values).find(([, v]) => (v ?? '').length > MAX_CELL_CHARS);
    if (long) errors.push({ row: r.row, column: long[0] as RowError['column'], message: `is longer than ${MAX_CELL_CHARS} characters` });
    return !long;
  });
  rows = withoutDuplicates(rows, errors);
  const batches = batchesOf(rows, o.batchSize);
  const base = { ...(o.timeZone ? { timeZone: o.timeZone } : {}) };

  // One pass over the batches: a dry run, or an import (with skipBad: good rows of each batch).
  const pass = async (label: string, body: Json): Promise<{ totals: Totals; errors: RowError[]; done: number; refused: Json | null }> => {
    const progress = new Progress(o.progress, label, rows.length);
    const totals: Totals = { added: 0, updated: 0, unchanged: 0 };
    const found: RowError[] = [];
    let done = 0;
    progress.update(0);
    for (const batch of batches) {
      const res = await o.send('POST', '/api/people/import', { ...base, ...body, rows: batch });
      const report = res.body.report as (Totals & { errors: RowError[] }) | undefined;
      if (!report || res.status >= 300) {
        progress.finish();
        return { totals, errors: found, done, refused: res.body };
      }
      totals.added += report.added;
      totals.updated += report.updated;
      totals.unchanged += report.unchanged;
      found.push(...report.errors);
      done += batch.length;
      progress.update(done);
    }
    progress.finish();
    return { totals, errors: found, done, refused: null };
  };

  const finish = (verdict: string, totals: Totals, extra: Json = {}): number => {
    errors.sort(byRowAndColumn);
    if (o.json) o.out(JSON.stringify({ rows: total, ...totals, bad: new Set(errors.map((e) => e.row)).size, errors, ...extra }, null, 2));
    else {
      for (const e of errors) o.out(`row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.message}`);
      o.out(verdict);
    }
    return errors.length > 0 || extra.refused ? 1 : 0;
  };
  const bad = () => new Set(errors.map((e) => e.row)).size;
  const counts = (t: Totals, verbs: [string, string, string]) => `${t.added} ${verbs[0]}, ${t.updated} ${verbs[1]}, ${t.unchanged} ${verbs[2]}`;

  if (o.dryRun || !o.skipBad) {
    const check = await pass('checking', { dryRun: true, skipBad: true });
    errors.push(...check.errors);
    if (check.refused) return refusedCall(o, check.refused, 'nothing was imported');
    if (o.dryRun) return finish(`dry run: ${total} rows: ${counts(check.totals, ['to add', 'to update', 'unchanged'])}, ${bad()} bad; nothing written`, check.totals, { dryRun: true });
    if (errors.length > 0) {
      return finish(`${total} rows: ${bad()} bad, nothing imported (fix the rows above, or --skip-bad to import the good ones)`, { added: 0, updated: 0, unchanged: 0 });
    }
  }
  const applied = await pass('importing', { skipBad: o.skipBad });
  errors.push(...applied.errors);
  if (applied.refused) {
    const first = batches.flat()[applied.done]?.row;
    return refusedCall(o, applied.refused, `${applied.done} rows were imported before it (${counts(applied.totals, ['added', 'updated', 'unchanged'])}); rows from row ${first ?? '?'} on were not: importing the file again is safe`);
  }
  return finish(`imported ${total} rows: ${counts(applied.totals, ['added', 'updated', 'unchanged'])}${bad() > 0 ? `, ${bad()} bad rows left out` : ''}`, applied.totals);
}

function refusedCall(o: ImportOptions, body: Json, what: string): number {
  const e = (body.error ?? {}) as Json;
  o.err(`onecard admin: ${String(e.code ?? 'error')}: ${String(e.message ?? 'the hub refused the import')}${e.field ? ` (field ${String(e.field)})` : ''}; ${what}`);
  return 1;
}

/** The second and later rows of a person are bad (the hub checks within one batch only). */
function withoutDuplicates(rows: ImportRow[], errors: RowError[]): ImportRow[] {
  const first = new Map<string, number>();
  return rows.filter((r) => {
    const id = r.values.person_id?.trim();
    if (!id) return true;
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, r.row);
      return true;
    }
    errors.push({ row: r.row, column: 'person_id', message: `${id} is on row ${earlier} too: one row per person` });
    return false;
  });
}

function batchesOf(rows: ImportRow[], size: number): ImportRow[][] {
  const batches: ImportRow[][] = [];
  let batch: ImportRow[] = [];
  let bytes = 0;
  for (const r of rows) {
    const rowBytes = Buffer.byteLength(JSON.stringify(r)) + 1;
    if (batch.length > 0 && (batch.length >= size || bytes + rowBytes > MAX_BATCH_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(r);
    bytes += rowBytes;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
