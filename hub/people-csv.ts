/**
 * Registrar and HR files (CSV, UTF-8) into import rows (hub/people-import.ts): RFC 4180 fields
 * (commas, double quotes, "" inside quotes, line breaks inside quotes), CRLF or LF, a UTF-8 byte
 * order mark, blank lines skipped. Row numbers are the file's line numbers (the header is line 1),
 * as a spreadsheet shows them.
 *
 * The first line is a header when at least half its cells are column names: the names of
 * IMPORT_COLUMNS or the Chinese ones registrar and HR exports use (学号, 姓名, 类型, ...), in any order. Without a header
 * the columns are in the order of IMPORT_COLUMNS.
 */
import { IMPORT_COLUMNS, type ImportColumn, type ImportRow, type RowError } from './people-import.js';

/** Header names accepted besides the column names themselves. */
export const COLUMN_ALIASES: Readonly<Record<string, ImportColumn>> = {
  学号: 'person_id', 工号: 'person_id', 学工号: 'person_id', 编号: 'person_id', 人员编号: 'person_id',
  姓名: 'name',
  类型: 'type', 人员类型: 'type', 身份: 'type',
  单位: 'org_unit', 部门: 'org_unit', 院系: 'org_unit', 学院: 'org_unit',
  有效期起: 'valid_from', 生效日期: 'valid_from', 入学日期: 'valid_from', 入职日期: 'valid_from',
  有效期至: 'valid_until', 截止日期: 'valid_until', 毕业日期: 'valid_until', 合同截止日期: 'valid_until',
  电话: 'phone', 手机: 'phone', 手机号: 'phone', 联系电话: 'phone',
  邮箱: 'email', 电子邮件: 'email', 电子邮箱: 'email',
  权限组: 'groups', 门禁组: 'groups',
};

export interface CsvRecord {
  /** The line the record starts on (1 = the first line of the file). */
  line: number;
  cells: string[];
}

export class CsvError extends Error {
  override name = 'CsvError';
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

/** The file's bytes as text; a file that is not UTF-8 is refused (an Excel export in GBK, typically). */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new CsvError(1, "the file is not UTF-8 text (an Excel export in GBK? save it as 'CSV UTF-8')");
  }
}

/** Records of a CSV text; blank lines are skipped. Throws CsvError for a quote left open. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let cell = '';
    for (;;) {
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new CsvError(start, 'a quoted field is never closed (a " is missing)');
          const c = text[i]!;
          if (c === '"' && text[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else if (c === '"') {
            i++;
            break;
          } else {
            if (c === '\n') line++;
            cell += c;
            i++;
          }
        }
      }
      while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      cells.push(cell);
      cell = '';
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    if (!(cells.length === 1 && cells[0]!.trim() === '')) records.push({ line: start, cells });
  }
  return records;
}

/** The column a header cell names, if any. */
function columnOf(header: string): ImportColumn | undefined {
  const h = header.trim();
  const lower = h.toLowerCase().replace(/[\s-]+/g, '_');
  return (IMPORT_COLUMNS as readonly string[]).includes(lower) ? (lower as ImportColumn) : COLUMN_ALIASES[h];
}

export interface CsvRows {
  /** Whether the first line was taken as a header. */
  header: boolean;
  columns: ImportColumn[];
  rows: ImportRow[];
  /** Rows whose shape is wrong (too many or too few cells): never sent for import. */
  errors: RowError[];
}

/**
 * Import rows from CSV records. Throws CsvError for a header that is not usable (an unknown or
 * repeated column, a required column missing).
 */
export function csvRows(records: readonly CsvRecord[]): CsvRows {
  const first = records[0];
  // A header: at least half its cells name columns (so a misspelt one is reported, not taken as data).
  const named = first?.cells.filter((c) => columnOf(c) !== undefined).length ?? 0;
  const header = first !== undefined && named > 0 && named * 2 >= first.cells.filter((c) => c.trim() !== '').length;
  let columns: ImportColumn[] = [...IMPORT_COLUMNS];
  if (header) {
    columns = first.cells.map((c, i) => {
      const column = columnOf(c);
      if (!column) throw new CsvError(first.line, `column ${i + 1} of the header, ${JSON.stringify(c)}, is not a column: use ${IMPORT_COLUMNS.join(', ')} (or 学号, 姓名, 类型, 单位, 有效期起, 有效期至, 电话, 邮箱, 权限组)`);
      return column;
    });
    const repeated = columns.find((c, i) => columns.indexOf(c) !== i);
    if (repeated) throw new CsvError(first.line, `the header names column ${repeated} twice`);
    const missing = (['person_id', 'name', 'type'] as const).filter((c) => !columns.includes(c));
    if (missing.length > 0) throw new CsvError(first.line, `the header lacks the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  }
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  for (const r of header ? records.slice(1) : records) {
    if (r.cells.length > columns.length && r.cells.slice(columns.length).some((c) => c.trim() !== '')) {
      errors.push({ row: r.line, column: null, message: `has ${r.cells.length} cells; there are ${columns.length} columns (${columns.join(', ')})` });
      continue;
    }
    const values: ImportRow['values'] = {};
    columns.forEach((column, i) => {
      const cell = r.cells[i];
      if (cell !== undefined && cell.trim() !== '') values[column] = cell;
    });
    rows.push({ row: r.line, values });
  }
  return { header, columns, rows, errors };
}
