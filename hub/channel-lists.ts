/**
 * A payment channel's own list of a day's top-ups (the bank's or the online channel's statement),
 * imported from its CSV export for reconciliation (hub/reconciliation.ts). UTF-8 CSV
 * (hub/people-csv.ts) with a header naming the columns, in any order:
 *
 *   reference   the channel's reference, as the top-up carried it (also 流水号, 交易流水号, 订单号, 交易号)
 *   amount      yuan with at most two decimals (also 金额, 交易金额), or
 *   amount_fen  whole fen (also 金额(分))
 *
 * Other columns (a time, a payer) are ignored. A file with any bad row is refused whole
 * (`channel_list_invalid`, each bad row by line); a good one is stored by reference, so importing a
 * file again, or a large file in parts, changes nothing twice.
 */
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { SettlementTables } from './db/schema-settlement.js';
import type { TopUpChannel } from './accounts.js';
import { CsvError, parseCsv } from './people-csv.js';
import type { SettlementDb } from './merchants.js';

export interface ListRowError {
  line: number;
  message: string;
}

export interface ListImport {
  channel: TopUpChannel;
  date: string;
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
}

const HEADERS: Record<string, 'reference' | 'amount' | 'amount_fen'> = {
  reference: 'reference', 流水号: 'reference', 交易流水号: 'reference', 订单号: 'reference', 交易号: 'reference',
  amount: 'amount', 金额: 'amount', 交易金额: 'amount',
  amount_fen: 'amount_fen', '金额(分)': 'amount_fen', '金额（分）': 'amount_fen',
};
const REFERENCE = /^[\x21-\x7e]{1,128}$/;
const YUAN = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** The rows of a channel's CSV, or every problem in it by line. */
export function parseChannelList(text: string): { ok: true; rows: { line: number; reference: string; amountFen: number }[] } | { ok: false; errors: ListRowError[] } {
  let records;
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    if (err instanceof CsvError) return { ok: false, errors: [{ line: err.line, message: err.message.replace(/^line \d+: /, '') }] };
    throw err;
  }
  const header = records[0];
  if (!header) return { ok: false, errors: [{ line: 1, message: 'the file is empty: a header (reference, amount or amount_fen) and a row per top-up are expected' }] };
  const columns = header.cells.map((c) => HEADERS[c.trim()] ?? HEADERS[c.trim().toLowerCase()]);
  const at = (name: string) => columns.indexOf(name as never);
  const amountColumn = at('amount_fen') >= 0 ? 'amount_fen' : 'amount';
  if (at('reference') < 0 || at(amountColumn) < 0) {
    return { ok: false, errors: [{ line: header.line, message: 'the header must name a reference column (reference, 流水号) and an amount column (amount in yuan, 金额; or amount_fen)' }] };
  }
  const rows: { line: number; reference: string; amountFen: number }[] = [];
  const errors: ListRowError[] = [];
  const seen = new Map<string, number>();
  for (const r of records.slice(1)) {
    const reference = (r.cells[at('reference')] ?? '').trim();
    const amount = (r.cells[at(amountColumn)] ?? '').trim();
    if (!REFERENCE.test(reference)) {
      errors.push({ line: r.line, message: `reference ${JSON.stringify(reference)} must be 1-128 printable characters without spaces` });
      continue;
    }
    const m = amountColumn === 'amount' ? YUAN.exec(amount) : /^\d{1,12}$/.exec(amount);
    const amountFen = !m ? NaN : amountColumn === 'amount' ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : Number(amount);
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0) {
      errors.push({ line: r.line, message: `${amountColumn} ${JSON.stringify(amount)} must be ${amountColumn === 'amount' ? 'yuan above zero with at most two decimals' : 'whole fen above zero'}` });
      continue;
    }
    const before = seen.get(reference);
    if (before !== undefined) {
      errors.push({ line: r.line, message: `reference ${reference} is listed twice (line ${before} too)` });
      continue;
    }
    seen.set(reference, r.line);
    rows.push({ line: r.line, reference, amountFen });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

export class ChannelLists {
  private readonly db: SettlementDb;

  constructor(db: Kysely<Database>, private readonly now: () => number) {
    this.db = db.withTables<SettlementTables>();
  }

  /** Stores the rows as the channel's list of `date`, by reference. */
  async store(channel: TopUpChannel, date: string, rows: readonly { reference: string; amountFen: number }[]): Promise<ListImport> {
    return this.db.transaction().execute(async (trx) => {
      const at = this.now();
      const result: ListImport = { channel, date, rows: rows.length, added: 0, updated: 0, unchanged: 0 };
      const before = new Map<string, { date: string; amountFen: number }>();
      const references = rows.map((r) => r.reference);
      for (let i = 0; i < references.length; i += 500) {
        const found = await trx.selectFrom('channel_lists').select(['reference', 'list_date', 'amount_fen']).where('channel', '=', channel).where('reference', 'in', references.slice(i, i + 500)).execute();
        for (const f of found) before.set(f.reference, { date: f.list_date, amountFen: Number(f.amount_fen) });
      }
      for (const r of rows) {
        const b = before.get(r.reference);
        if (b && b.date === date && b.amountFen === r.amountFen) {
          result.unchanged++;
          continue;
        }
        if (b) result.updated++;
        else result.added++;
        await trx
          .insertInto('channel_lists')
          .values({ channel, reference: r.reference, list_date: date, amount_fen: r.amountFen, imported_at_ms: at })
          .onConflict((oc) => oc.columns(['channel', 'reference']).doUpdateSet({ list_date: date, amount_fen: r.amountFen, imported_at_ms: at }))
          .execute();
      }
      return result;
    });
  }
}
