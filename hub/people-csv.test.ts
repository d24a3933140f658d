/**
 * Registrar and HR files as they come: quoted fields with commas, quotes and line breaks, CRLF, a
 * byte order mark, Chinese headers, files without a header, GBK files refused; rows numbered as a
 * spreadsheet shows them.
 */
import { strict as assert } from 'node:assert';
import { CsvError, csvRows, decodeUtf8, parseCsv } from './people-csv.js';
import { dayStartMs } from './people-import.js';

describe('people CSV', () => {
  it('parses quoted fields with commas, doubled quotes and line breaks, CRLF and blank lines, numbering rows by their first line', () => {
    const text = 'person_id,name,org_unit\r\nS1,"Li, Hua","Dept ""A"""\r\n\r\nS2,"Wang\nFang",B\r\nS3,Zhao,\n';
    assert.deepEqual(parseCsv(text), [
      { line: 1, cells: ['person_id', 'name', 'org_unit'] },
      { line: 2, cells: ['S1', 'Li, Hua', 'Dept "A"'] },
      { line: 4, cells: ['S2', 'Wang\nFang', 'B'] },
      { line: 6, cells: ['S3', 'Zhao', ''] },
    ]);
  });

  it('refuses a quote left open, naming the line it starts on', () => {
    assert.throws(() => parseCsv('a,b\nS1,"Li Hua\nS2,x\n'), (err: CsvError) => err.line === 2 && /never closed/.test(err.message));
  });

  it('reads UTF-8 with or without a byte order mark, and refuses a GBK export', () => {
    assert.equal(decodeUtf8(Buffer.from('\uFEFF学号,姓名', 'utf8')), '学号,姓名');
    const gbk = Buffer.from([0xd1, 0xa7, 0xba, 0xc5]); // 学号 in GBK
    assert.throws(() => decodeUtf8(gbk), /not UTF-8 text .*CSV UTF-8/);
  });

  it('maps Chinese headers in any order to the columns, and leaves empty cells out', () => {
    const parsed = csvRows(parseCsv('姓名,学号,类型,院系,有效期至,手机\n李华,2026010001,新生,计算机学院,2030-07-01,\n'));
    assert.equal(parsed.header, true);
    assert.deepEqual(parsed.columns, ['name', 'person_id', 'type', 'org_unit', 'valid_until', 'phone']);
    assert.deepEqual(parsed.rows, [{ row: 2, values: { name: '李华', person_id: '2026010001', type: '新生', org_unit: '计算机学院', valid_until: '2030-07-01' } }]);
  });

  it('takes a file without a header in the documented column order', () => {
    const parsed = csvRows(parseCsv('S1,Li Hua,student,,2026-09-01\n'));
    assert.deepEqual([parsed.header, parsed.rows], [false, [{ row: 1, values: { person_id: 'S1', name: 'Li Hua', type: 'student', valid_from: '2026-09-01' } }]]);
  });

  it('refuses a header with an unknown, repeated or missing required column, and reports rows with too many cells', () => {
    assert.throws(() => csvRows(parseCsv('person_id,name,type,nickname\n')), /column 4 of the header, "nickname", is not a column/);
    assert.throws(() => csvRows(parseCsv('person_id,name,type,学号\n')), /names column person_id twice/);
    assert.throws(() => csvRows(parseCsv('person_id,name\n')), /lacks the required column type/);
    const parsed = csvRows(parseCsv('person_id,name,type\nS1,Li,student,extra\nS2,Wang,student,\n'));
    assert.deepEqual(parsed.errors, [{ row: 2, column: null, message: 'has 4 cells; there are 3 columns (person_id, name, type)' }]);
    assert.deepEqual(parsed.rows.map((r) => r.row), [3], 'a trailing empty cell is no extra cell');
  });

  it('finds the start of a day in a time zone', () => {
    assert.equal(dayStartMs(2030, 7, 2, 'Asia/Shanghai'), Date.parse('2030-07-02T00:00:00+08:00'));
    assert.equal(dayStartMs(2026, 12, 32, 'Asia/Shanghai'), Date.parse('2027-01-01T00:00:00+08:00'), 'the day after the 31st');
    assert.equal(dayStartMs(2026, 3, 29, 'Europe/Berlin'), Date.parse('2026-03-29T00:00:00+01:00'), 'before the clocks go forward that night');
    assert.equal(dayStartMs(2026, 3, 30, 'Europe/Berlin'), Date.parse('2026-03-30T00:00:00+02:00'));
  });
});
