/**
 * Validity windows and access groups through the operator API (real HTTP on loopback): what is
 * accepted (unix ms or ISO 8601 date-time with zone), what a card then allows, and errors naming the
 * field to fix.
 */
import { BACKENDS } from '../test/pg.js';
import { strict as assert } from 'node:assert';
import { Hub } from './hub.js';
import { MemoryLogger } from '../lib/log.js';
import { api, startHubOn, tempDir } from '../test/helpers.js';

const CARD = '04A1B2C3D4';

for (const backend of BACKENDS) describe(`operator API: validity and groups (${backend})`, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;

  beforeEach(async () => {
    dir = await tempDir();
    hub = await startHubOn(backend, dir.path, new MemoryLogger());
  });

  afterEach(async () => {
    await hub.stop();
    await dir.remove();
  });

  function assertError(res: { status: number; body: any }, status: number, code: string, field: string): void {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.deepEqual([res.body.error?.code, res.body.error?.field], [code, field], JSON.stringify(res.body));
  }

  it("gives a card its holder's window narrowed by its own, and the groups of both", async () => {
    const person = await api(hub, 'POST', '/api/people', {
      personId: 'T1', name: 'Wang Wu', type: 'temporary', validFrom: '2026-09-01T00:00:00+08:00', validUntil: 1_800_000_000_000, groups: ['dorm-7'],
    });
    assert.equal(person.status, 201, JSON.stringify(person.body));
    const issued = await api(hub, 'POST', '/api/cards', { uid: CARD, personId: 'T1', validUntil: '2027-01-01T00:00:00Z', groups: ['lab', 'dorm-7'] });
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    const card = (await api(hub, 'GET', `/api/cards/${CARD}`, undefined, { reason: 'checking the validity window' })).body.card;
    assert.deepEqual([card.validFromMs, card.validUntilMs, card.groups], [null, Date.parse('2027-01-01T00:00:00Z'), ['lab', 'dorm-7']]);
    assert.deepEqual(card.effective, { validFromMs: Date.parse('2026-08-31T16:00:00Z'), validUntilMs: Date.parse('2027-01-01T00:00:00Z'), groups: ['dorm-7', 'lab'] });
  });

  it('changes a person and a card with PATCH, null removing a bound, each change a new cards version', async () => {
    await api(hub, 'POST', '/api/people', { personId: 'S1', name: 'Li Hua', type: 'freshman', validUntil: 1_800_000_000_000 });
    const issued = await api(hub, 'POST', '/api/cards', { uid: CARD, personId: 'S1' });
    const version = issued.body.cardsVersion as number;
    const person = await api(hub, 'PATCH', '/api/people/S1', { type: 'student', validUntil: null, groups: ['dorm-7'] });
    assert.deepEqual([person.status, person.body.cardsVersion], [200, version + 1]);
    const card = await api(hub, 'PATCH', `/api/cards/${CARD}`, { validFrom: 1_700_000_000_000 });
    assert.deepEqual([card.status, card.body.cardsVersion, card.body.card.effective], [200, version + 2, { validFromMs: 1_700_000_000_000, validUntilMs: null, groups: ['dorm-7'] }]);
    const noCards = await api(hub, 'POST', '/api/people', { personId: 'S2', name: 'Zhang San', type: 'staff' });
    assert.equal(noCards.status, 201);
    const unchanged = await api(hub, 'PATCH', '/api/people/S2', { groups: ['gym'] });
    assert.deepEqual([unchanged.status, unchanged.body.cardsVersion], [200, null], 'a person without cards changes no dataset');
  });

  it('refuses bad windows and groups, naming the field', async () => {
    const base = { personId: 'S1', name: 'Li Hua', type: 'student' };
    assertError(await api(hub, 'POST', '/api/people', { ...base, validFrom: '2026-09-01' }), 400, 'invalid_body', 'validFrom');
    assertError(await api(hub, 'POST', '/api/people', { ...base, validFrom: '2026-02-30T00:00:00Z' }), 400, 'invalid_body', 'validFrom');
    assertError(await api(hub, 'POST', '/api/people', { ...base, validUntil: -1 }), 400, 'invalid_body', 'validUntil');
    assertError(await api(hub, 'POST', '/api/people', { ...base, validFrom: 2_000, validUntil: 1_000 }), 400, 'invalid_body', 'validUntil');
    assertError(await api(hub, 'POST', '/api/people', { ...base, groups: ['gym', 'gym'] }), 400, 'invalid_body', 'groups');
    assertError(await api(hub, 'POST', '/api/people', { ...base, groups: ['dorm 7'] }), 400, 'invalid_body', 'groups.0');
    assertError(await api(hub, 'POST', '/api/people', { ...base, groups: Array.from({ length: 33 }, (_, i) => `g${i}`) }), 400, 'invalid_body', 'groups');
    assert.equal((await api(hub, 'POST', '/api/people', { ...base, validUntil: 5_000 })).status, 201);
    assertError(await api(hub, 'PATCH', '/api/people/S1', { validFrom: 6_000 }), 400, 'invalid_body', 'validUntil');
    assertError(await api(hub, 'PATCH', '/api/people/S1', { name: 'Li Hua' }), 400, 'invalid_body', 'name');
    assertError(await api(hub, 'PATCH', '/api/people/nobody', { groups: [] }), 404, 'not_found', 'personId');
    assertError(await api(hub, 'PATCH', `/api/cards/${CARD}`, { groups: [] }), 404, 'not_found', 'uid');
    assertError(await api(hub, 'POST', '/api/cards', { uid: CARD, personId: 'S1', validUntil: 'tomorrow' }), 400, 'invalid_body', 'validUntil');
  });
});
