/**
 * People in bulk through POST /api/people/import, on SQLite and PostgreSQL: good rows added with
 * their accounts (Chinese names, Chinese type names, dates in the campus's zone), bad rows reported
 * by row and column with nothing written (all or nothing), skipBad applying the good rows, a dry
 * run counting without writing, and a second import updating people (their cards get a new
 * version) or changing nothing.
 */
import { strict as assert } from 'node:assert';
import { Hub } from './hub.js';
import { MemoryLogger } from '../lib/log.js';
import { api, startHub, tempDir } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { backendDb, type BackendDb } from './backend-fixture.js';
import { checkLedger } from './ledger.js';

type Values = Record<string, string>;

const LI = { person_id: '2026010001', name: '李华', type: '新生', org_unit: '计算机学院', valid_from: '2026/09/01', valid_until: '2030-07-01', phone: '138 0013 8000', groups: 'dorm-7;library' };
const WANG = { person_id: '2026010002', name: '王芳', type: 'student', org_unit: '外国语学院', valid_until: '2030-07-01', email: 'wangfang@example.edu.cn' };
const ZHAO = { person_id: 'T0001', name: '赵师傅', type: '临时', org_unit: '后勤公司', valid_until: '2026-12-31' };

for (const backend of BACKENDS) describe(`people import (${backend})`, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: BackendDb;
  let hub: Hub;

  beforeEach(async () => {
    dir = await tempDir();
    store = await backendDb(backend, dir.path);
    hub = await startHub(dir.path, new MemoryLogger(), { dbUrl: store.url });
  });

  afterEach(async () => {
    const ledger = await checkLedger(hub.db);
    await hub.stop();
    await store.drop();
    await dir.remove();
    assert.deepEqual(ledger, { sumFen: 0, mismatches: [] });
  });

  const rows = (...values: Values[]) => values.map((v, i) => ({ row: i + 2, values: v }));
  const importRows = (values: Values[], options: Record<string, unknown> = {}) => api(hub, 'POST', '/api/people/import', { rows: rows(...values), ...options });
  const people = () => hub.db.selectFrom('people').selectAll().orderBy('person_id').execute();

  it('adds good rows with their accounts: Chinese names and types, org units, dates through the last day in the campus zone, groups', async () => {
    const before = await hub.datasets.versions();
    const res = await importRows([LI, WANG, ZHAO]);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.report, {
      dryRun: false, applied: true, rows: 3, added: 3, updated: 0, unchanged: 0, bad: 0, errors: [], balancesVersion: before.balances + 1,
    });
    const li = (await people()).find((p) => p.person_id === '2026010001')!;
    assert.deepEqual(
      [li.name, li.person_type, li.org_unit, Number(li.valid_from_ms), Number(li.valid_until_ms), li.phone, JSON.parse(li.groups)],
      ['李华', 'freshman', '计算机学院', Date.parse('2026-09-01T00:00:00+08:00'), Date.parse('2030-07-02T00:00:00+08:00'), '138 0013 8000', ['dorm-7', 'library']],
    );
    const zhao = (await people()).find((p) => p.person_id === 'T0001')!;
    assert.deepEqual([zhao.person_type, Number(zhao.valid_until_ms)], ['temporary', Date.parse('2027-01-01T00:00:00+08:00')], 'valid through 31 December');
    const account = (await api(hub, 'GET', '/api/accounts/person.2026010002')).body.account;
    assert.deepEqual([account.kind, account.name, account.balanceFen], ['personal', '王芳', 0]);
  });

  it('reports every bad cell by row and column and writes nothing when any row is bad', async () => {
    const before = await hub.datasets.versions();
    const res = await importRows([
      LI,
      { person_id: 'S 2', name: '', type: 'teacher' },
      { ...WANG, valid_until: '2030-02-30', phone: 'none', email: 'wang@' },
      { ...ZHAO, valid_from: '2027-01-01', groups: 'dorm 7' },
      { ...LI, name: '李华 again' },
    ]);
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'import_rows_invalid');
    assert.match(res.body.error.message, /4 of 5 rows are invalid: nothing was imported/);
    const where = res.body.report.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    assert.deepEqual(where, ['3:person_id', '3:name', '3:type', '4:valid_until', '4:phone', '4:email', '5:valid_until', '5:groups', '6:person_id']);
    const messages = res.body.report.errors.map((e: { message: string }) => e.message);
    assert.match(messages[2], /must be staff, student, freshman or temporary .* \(got "teacher"\)/);
    assert.match(messages[3], /is not a day of the calendar/);
    assert.match(messages[6], /must be later than valid_from/);
    assert.match(messages[8], /2026010001 is on row 2 too/);
    assert.deepEqual([res.body.report.applied, res.body.report.bad], [false, 4]);
    assert.deepEqual(await people(), [], 'not even the good row');
    assert.deepEqual(await hub.datasets.versions(), before);
  });

  it('applies the good rows and leaves out the bad ones with skipBad', async () => {
    const res = await importRows([LI, { ...WANG, type: 'alumnus' }, ZHAO], { skipBad: true });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([res.body.report.applied, res.body.report.added, res.body.report.bad, res.body.report.errors[0].row], [true, 2, 1, 3]);
    assert.deepEqual((await people()).map((p) => p.person_id), ['2026010001', 'T0001']);
  });

  it('counts in a dry run what an import would do, and writes nothing', async () => {
    assert.equal((await importRows([LI])).status, 200);
    const before = await hub.datasets.versions();
    const dry = await importRows([LI, { ...WANG }, { ...ZHAO }], { dryRun: true });
    assert.equal(dry.status, 200, JSON.stringify(dry.body));
    assert.deepEqual(dry.body.report, { dryRun: true, applied: false, rows: 3, added: 2, updated: 0, unchanged: 1, bad: 0, errors: [] });
    const dryBad = await importRows([{ ...LI, org_unit: '信息学院' }, { ...WANG, type: '' }], { dryRun: true });
    assert.deepEqual([dryBad.status, dryBad.body.report.updated, dryBad.body.report.errors], [422, 1, [{ row: 3, column: 'type', message: 'is required' }]]);
    assert.match(dryBad.body.error.message, /a dry run, nothing written/);
    assert.deepEqual((await people()).map((p) => [p.person_id, p.org_unit]), [['2026010001', '计算机学院']]);
    assert.deepEqual(await hub.datasets.versions(), before);
  });

  it("updates people already at the hub (their cards get a new version); empty cells keep what is held; the same file again changes nothing", async () => {
    assert.equal((await importRows([LI, WANG])).status, 200);
    assert.equal((await api(hub, 'POST', '/api/cards', { uid: '04A1B2C3D4', personId: '2026010001' })).status, 201);
    const cards = (await hub.datasets.versions()).cards;
    // The registrar's next file: freshman now student, programme extended a year; no phone column.
    const next = { person_id: '2026010001', name: '李华', type: 'student', valid_until: '2031-07-01' };
    const res = await importRows([next, WANG]);
    assert.deepEqual([res.status, res.body.report.added, res.body.report.updated, res.body.report.unchanged, res.body.report.cardsVersion], [200, 0, 1, 1, cards + 1]);
    const card = (await api(hub, 'GET', '/api/cards/04A1B2C3D4', undefined, { reason: 'import check' })).body.card;
    assert.equal(card.effective.validUntilMs, Date.parse('2031-07-02T00:00:00+08:00'));
    const li = (await people()).find((p) => p.person_id === '2026010001')!;
    assert.deepEqual([li.person_type, li.phone, li.org_unit], ['student', '138 0013 8000', '计算机学院'], 'cells left out keep their values');
    const again = await importRows([next, WANG]);
    assert.deepEqual([again.body.report.updated, again.body.report.unchanged, again.body.report.applied, again.body.report.cardsVersion], [0, 2, false, undefined]);
    assert.equal((await hub.datasets.versions()).cards, cards + 1);
    const renamed = await importRows([{ ...WANG, name: '王芳芳' }]);
    assert.equal(renamed.body.report.updated, 1);
    assert.equal((await api(hub, 'GET', '/api/accounts/person.2026010002')).body.account.name, '王芳芳', "the account follows its holder's name");
    assert.equal(renamed.body.report.cardsVersion, undefined, 'a name changes no card');
  });

  it('refuses a row whose dates would cross the ones the hub holds, and a request that is not an import', async () => {
    assert.equal((await importRows([{ ...ZHAO, valid_from: '2026-06-01' }])).status, 200);
    const res = await importRows([{ ...ZHAO, valid_until: '2026-05-01' }]);
    assert.deepEqual([res.status, res.body.report.errors[0]?.column], [422, 'valid_until']);
    const utc = await importRows([{ ...WANG, valid_until: '2030-07-01' }], { timeZone: 'UTC' });
    assert.equal(utc.status, 200);
    assert.equal(Number((await people()).find((p) => p.person_id === '2026010002')!.valid_until_ms), Date.parse('2030-07-02T00:00:00Z'));
    const bad = async (body: unknown, field: string) => {
      const r = await api(hub, 'POST', '/api/people/import', body);
      assert.deepEqual([r.status, r.body.error?.code, r.body.error?.field], [400, 'invalid_body', field], JSON.stringify(r.body));
    };
    await bad({ rows: rows(WANG), timeZone: 'Mars/Olympus' }, 'timeZone');
    await bad({ rows: [{ row: 2, values: { ...WANG, nickname: 'x' } }] }, 'rows.0.values.nickname');
    await bad({ rows: [] }, 'rows');
    await bad({ rows: Array.from({ length: 1001 }, (_, i) => ({ row: i + 2, values: {} })) }, 'rows');
  });
});
