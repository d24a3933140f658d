/**
 * GET /api/people: the console's people search, on SQLite and PostgreSQL. By name (substring, any
 * case), person number (prefix, any case) and card UID (prefix, any case); each person with their
 * cards and balance; personal data behind a logged reason; for the card office and the auditor only;
 * q and limit validated; quick with 10,000 people (timed and printed, not asserted).
 */
import { strict as assert } from 'node:assert';
import type { Hub } from './hub.js';
import { MemoryLogger } from '../lib/log.js';
import { api, operatorToken, startHubOn, tempDir } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { personAccountId } from './account-ids.js';

for (const backend of BACKENDS) describe(`people search API (${backend})`, function () {
  this.timeout(60_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let office: string;

  before(async () => {
    dir = await tempDir();
    hub = await startHubOn(backend, dir.path, new MemoryLogger());
    office = await operatorToken(hub, 'sun.card', ['card_office']);
    const people = [
      { personId: 'S20260001', name: '李华', type: 'student', orgUnit: '计算机学院' },
      { personId: 'S20260002', name: '李明', type: 'student' },
      { personId: 'S20260103', name: 'Li Na', type: 'freshman' },
      { personId: 'T0001', name: '王芳', type: 'staff', phone: '13800000000' },
      { personId: 'x-100', name: '100% 满意', type: 'temporary' },
      { personId: 'G1', name: '访客S20260001家长', type: 'temporary' },
    ];
    for (const p of people) assert.equal((await api(hub, 'POST', '/api/people', p)).status, 201);
    for (const [uid, personId] of [['04A1B2C3D4E5F6', 'S20260001'], ['04A1B2FFFF0001', 'S20260002'], ['0A0B0C0D', 'T0001']] as const) {
      assert.equal((await api(hub, 'POST', '/api/cards', { uid, personId })).status, 201);
    }
    assert.equal((await api(hub, 'POST', '/api/cards/04A1B2FFFF0001/lost')).status, 200);
    assert.equal((await api(hub, 'POST', '/api/cards/04A1B2FFFF0001/replace', { newUid: '04A1B2AAAA0002', defective: true })).status, 201);
    assert.equal((await api(hub, 'POST', '/api/accounts/person.S20260001/topups', { amountFen: 5050, reference: 'R-1' })).status, 201);
  });

  after(async () => {
    await hub?.stop();
    await dir?.remove();
  });

  const search = (query: string, reason: string | null = '窗口办理业务', token?: string) =>
    api(hub, 'GET', `/api/people?${query}`, undefined, { token: token ?? office, ...(reason !== null ? { reason } : {}) });
  const ids = (res: { body: any }) => (res.body.people as { personId: string }[]).map((p) => p.personId);

  it('finds people by a part of their name, in any case, each with cards and balance', async () => {
    const li = await search(`q=${encodeURIComponent('李')}`);
    assert.equal(li.status, 200, JSON.stringify(li.body));
    assert.deepEqual(ids(li), ['S20260001', 'S20260002']);
    const [hua, ming] = li.body.people;
    assert.deepEqual(
      { ...hua, createdAtMs: 0, cards: hua.cards.map((c: any) => [c.uid, c.status]) },
      {
        personId: 'S20260001', name: '李华', type: 'student', orgUnit: '计算机学院', phone: null, email: null, validFromMs: null, validUntilMs: null, groups: [],
        createdAtMs: 0, matchedBy: 'name', account: { accountId: 'person.S20260001', balanceFen: 5050, closedAtMs: null }, cards: [['04A1B2C3D4E5F6', 'active']],
      },
    );
    assert.deepEqual(ming.cards.map((c: any) => [c.uid, c.status, c.replacedByUid]), [['04A1B2AAAA0002', 'active', null], ['04A1B2FFFF0001', 'replaced', '04A1B2AAAA0002']], 'active first');
    assert.deepEqual(ids(await search('q=li%20NA')), ['S20260103'], 'any case');
    assert.deepEqual(ids(await search('q=%E8%8A%B3')), ['T0001']);
  });

  it('finds people by the start of their person number, exact first, in any case', async () => {
    assert.deepEqual(ids(await search('q=s2026')), ['S20260001', 'S20260002', 'S20260103', 'G1'], 'numbers first, then the name holding it');
    const exact = await search('q=S20260103');
    assert.deepEqual([ids(exact), exact.body.people[0].matchedBy], [['S20260103'], 'personId']);
    assert.deepEqual(ids(await search('q=20260103')), [], 'a prefix, not a substring');
  });

  it('finds the holder by the start of a card UID in any case, a replaced card too', async () => {
    const res = await search('q=04a1b2');
    assert.deepEqual(ids(res), ['S20260001', 'S20260002']);
    assert.deepEqual(res.body.people.map((p: any) => p.matchedBy), ['card', 'card']);
    assert.deepEqual(ids(await search('q=04A1B2FFFF0001')), ['S20260002'], 'the old, replaced card names its holder');
    const exact = await search('q=0A0B0C0D');
    assert.deepEqual([ids(exact), exact.body.people[0].cards[0].status], [['T0001'], 'active']);
  });

  it('puts an exact number before a name holding it', async () => {
    const res = await search('q=S20260001');
    assert.deepEqual(res.body.people.map((p: any) => [p.personId, p.matchedBy]), [['S20260001', 'personId'], ['G1', 'name']]);
  });

  it('takes % and _ in the query literally', async () => {
    assert.deepEqual(ids(await search(`q=${encodeURIComponent('100%')}`)), ['x-100']);
    assert.deepEqual(ids(await search(`q=${encodeURIComponent('%')}`)), ['x-100'], 'only the name holding a %');
    assert.deepEqual(ids(await search('q=_')), [], 'no name or number holds _');
  });

  it('answers at most limit people and says when more matched', async () => {
    const two = await search('q=S&limit=2');
    assert.deepEqual([ids(two), two.body.truncated, two.body.limit], [['S20260001', 'S20260002'], true, 2]);
    const all = await search('q=S');
    assert.deepEqual([ids(all), all.body.truncated, all.body.limit], [['S20260001', 'S20260002', 'S20260103', 'G1'], false, 20]);
    assert.deepEqual((await search('q=nobody-at-all')).body, { q: 'nobody-at-all', limit: 20, people: [], truncated: false });
  });

  it('refuses a search without a reason, and logs each search with its reason', async () => {
    const bare = await search('q=S2026', null);
    assert.deepEqual([bare.status, bare.body.error.code, bare.body.error.field], [400, 'reason_required', 'reason']);
    assert.match(bare.body.error.message, /personal data/);
    assert.equal((await search('q=S2026', '补卡前核对身份')).status, 200);
    const log = await api(hub, 'GET', '/api/audit?action=person.search');
    const last = log.body.entries[0];
    assert.deepEqual([last.operatorId, last.reason, last.status, last.request], ['sun.card', '补卡前核对身份', 200, { q: 'S2026' }]);
  });

  it('lets the card office and the auditor search, and no other role', async () => {
    assert.equal((await search('q=S', 'audit sample', await operatorToken(hub, 'zhao.audit', ['auditor']))).status, 200);
    for (const role of ['finance', 'facilities', 'maintenance', 'merchant'] as const) {
      const res = await search('q=S', 'curious', await operatorToken(hub, `op.${role}`, [role]));
      assert.deepEqual([res.status, res.body.error.code], [403, 'forbidden'], role);
    }
  });

  it('refuses a missing, empty or too long query and a limit out of range, naming the field', async () => {
    const refused = async (query: string, field: string) => {
      const res = await search(query);
      assert.deepEqual([res.status, res.body.error.code, res.body.error.field], [400, 'invalid_query', field], `${query}: ${JSON.stringify(res.body)}`);
      return res.body.error.message as string;
    };
    assert.match(await refused('', 'q'), /^q: must be given/);
    assert.match(await refused('q=%20%20', 'q'), /^q: must be 1-100 characters/);
    assert.match(await refused(`q=${'a'.repeat(101)}`, 'q'), /^q: must be 1-100 characters/);
    await refused('q=S&limit=0', 'limit');
    await refused('q=S&limit=101', 'limit');
    await refused('q=S&limit=ten', 'limit');
    await refused('q=S&other=1', 'other');
    assert.equal((await search(`q=${'a'.repeat(100)}&limit=100`)).status, 200);
  });

  it('answers quickly among 10,000 people with 10,000 cards (timed)', async () => {
    const at = Date.now();
    const n = 10_000;
    const people = Array.from({ length: n }, (_, i) => ({ id: `B${String(i).padStart(6, '0')}`, name: `${['张', '王', '刘', '陈'][i % 4]}同学${i}` }));
    await hub.db.transaction().execute(async (trx) => {
      for (let i = 0; i < n; i += 500) {
        const slice = people.slice(i, i + 500);
        await trx.insertInto('people').values(slice.map((p) => ({ person_id: p.id, name: p.name, person_type: 'student' as const, created_at_ms: at, valid_from_ms: null, valid_until_ms: null, groups: '[]', org_unit: null, phone: null, email: null }))).execute();
        await trx.insertInto('accounts').values(slice.map((p, j) => ({ account_id: personAccountId(p.id), kind: 'personal' as const, owner_id: p.id, name: p.name, created_at_ms: at, balance_fen: i + j, balance_version: 0 }))).execute();
        await trx
          .insertInto('cards')
          .values(slice.map((p, j) => ({ card_uid: `E0${(i + j).toString(16).toUpperCase().padStart(12, '0')}`, person_id: p.id, status: 'active' as const, created_at_ms: at, updated_at_ms: at, valid_from_ms: null, valid_until_ms: null, groups: '[]', daily_limit_fen: null, offline_daily_limit_fen: null, replaced_by: null })))
          .execute();
      }
    });
    const timed = async (query: string) => {
      const started = performance.now();
      const res = await search(query);
      const ms = performance.now() - started;
      assert.equal(res.status, 200);
      return { res, ms };
    };
    await timed('q=warm-up');
    const byUid = await timed('q=e0000000001f40');
    assert.deepEqual([ids(byUid.res), byUid.res.body.people[0].account.balanceFen], [['B008000'], 8000]);
    const byNumber = await timed('q=B00999');
    assert.equal(ids(byNumber.res).length, 10);
    const byName = await timed(`q=${encodeURIComponent('同学9999')}`);
    assert.deepEqual(ids(byName.res), ['B009999']);
    const broad = await timed(`q=${encodeURIComponent('张')}&limit=100`);
    assert.deepEqual([ids(broad.res).length, broad.res.body.truncated], [100, true]);
    console.log(`      people search among ${n} people (${backend}): uid ${byUid.ms.toFixed(1)} ms, number ${byNumber.ms.toFixed(1)} ms, name ${byName.ms.toFixed(1)} ms, 100 of 2,500 named 张 ${broad.ms.toFixed(1)} ms`);
  });
});
