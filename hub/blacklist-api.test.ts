/**
 * The console's blacklist routes (hub/api-blacklist.ts) on a real hub with two real emulated
 * controllers: the version and size, the recent changes newest first with what each did and why
 * (no holder's name), each device's applied version catching up, a stopped device lagging once the
 * threshold has passed, push-now naming the devices it went to, the audit log, and the roles.
 */
import { strict as assert } from 'node:assert';
import { BACKENDS } from '../test/pg.js';
import { Hub } from './hub.js';
import { MemoryLogger } from '../lib/log.js';
import { api, issueCard, makeController, operatorToken, startHubOn, tempDir, waitFor, type TestController } from '../test/helpers.js';

const A = '04AA000001';
const B = '04BB000002';
const C = '04CC000003';
const D = '04DD000004';

for (const backend of BACKENDS) describe(`operator API: the blacklist page (${backend})`, function () {
  this.timeout(30_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let north: TestController;
  let south: TestController;
  /** The hub's clock runs this far ahead of the real one (the lag threshold is a time). */
  let aheadMs = 0;

  before(async () => {
    dir = await tempDir();
    hub = await startHubOn(backend, dir.path, new MemoryLogger(), { now: () => Date.now() + aheadMs });
    north = await makeController(hub, dir.path, 'dorm-7-north');
    south = await makeController(hub, dir.path, 'dorm-7-south');
    await north.controller.start();
    await south.controller.start();
    await waitFor('both online', () => north.controller.uplink.state === 'online' && south.controller.uplink.state === 'online');
  });

  after(async () => {
    await north?.controller.stop();
    await south?.controller.stop();
    await hub?.stop();
    await dir?.remove();
  });

  const show = async (query = '') => {
    const res = await api(hub, 'GET', `/api/blacklist${query}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };
  const device = (body: any, id: string) => body.devices.find((d: any) => d.deviceId === id);
  const post = async (path: string, body?: unknown) => {
    const res = await api(hub, 'POST', path, body);
    assert.ok(res.status < 300, `${path}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  it('starts empty: version 0, nothing on the list, both devices current', async () => {
    const body = await show();
    assert.deepEqual([body.version, body.size, body.changes], [0, 0, []]);
    assert.deepEqual(body.devices.map((d: any) => [d.deviceId, d.online, d.lag, d.lagging]), [['dorm-7-north', true, 0, false], ['dorm-7-south', true, 0, false]]);
    assert.deepEqual(body.threshold, { lagVersions: 1, lagSeconds: 60 });
  });

  it('lists the changes newest first with what each did and why, the card state now, and no holder', async () => {
    await issueCard(hub, A, 'P1');
    await issueCard(hub, B, 'P2');
    await issueCard(hub, C, 'P3');
    await post(`/api/cards/${A}/lost`);
    await post(`/api/cards/${B}/lost`);
    await post(`/api/cards/${A}/found`);
    await post(`/api/cards/${C}/replace`, { newUid: D, defective: true });
    await post('/api/people/P2/cancel');
    const body = await show();
    assert.deepEqual([body.version, body.size], [5, 2]);
    assert.deepEqual(
      body.changes.map((c: any) => [c.version, c.cardUid, c.change, c.onList, c.reason, c.cardStatus]),
      [
        [5, B, 'cancelled', true, 'cancelled', 'cancelled'],
        [4, C, 'replaced', true, 'replaced', 'replaced'],
        [3, A, 'found', false, null, 'active'],
        [2, B, 'lost', true, 'lost', 'cancelled'],
        [1, A, 'lost', true, 'lost', 'active'],
      ],
    );
    assert.ok(body.changes.every((c: any, i: number, all: any[]) => i === 0 || c.atMs <= all[i - 1].atMs));
    assert.doesNotMatch(JSON.stringify(body), /Li Hua|P1|P2|P3|person\./);
    assert.deepEqual((await show('?changes=2')).changes.map((c: any) => c.version), [5, 4]);
  });

  it("shows each device's applied version catching up, and when it applied it", async () => {
    await waitFor('both at version 5', async () => (await show()).devices.every((d: any) => d.appliedVersion === 5), 10_000, 50);
    const body = await show();
    for (const d of body.devices) {
      assert.deepEqual([d.lag, d.lagging, d.behindSinceMs], [0, false, null]);
      assert.ok(d.appliedAtMs >= body.changes[0].atMs, JSON.stringify(d));
    }
    assert.deepEqual(body.counts, { devices: 2, online: 2, current: 2, lagging: 0 });
  });

  it('marks a stopped device lagging once it has been behind longer than the threshold', async () => {
    await south.controller.stop();
    await waitFor('south offline', async () => !device(await show(), 'dorm-7-south').online, 10_000, 50);
    const changed = await post(`/api/cards/${D}/lost`);
    assert.equal(changed.blacklistVersion, 6);
    await waitFor('north at version 6', async () => device(await show(), 'dorm-7-north').appliedVersion === 6, 10_000, 50);
    let body = await show();
    const south_ = device(body, 'dorm-7-south');
    assert.deepEqual([south_.appliedVersion, south_.lag, south_.behindSinceMs], [5, 1, body.changes[0].atMs]);
    assert.equal(south_.lagging, false, 'behind for less than 60 s');
    assert.equal(device(await show('?lagSeconds=0'), 'dorm-7-south').lagging, true);
    aheadMs += 61_000;
    body = await show();
    assert.deepEqual(body.devices.map((d: any) => [d.deviceId, d.lag, d.lagging]), [['dorm-7-north', 0, false], ['dorm-7-south', 1, true]]);
    assert.equal(body.counts.lagging, 1);
    assert.equal(device(await show('?lagVersions=2'), 'dorm-7-south').lagging, false, 'one version behind is under a threshold of 2');
  });

  it('pushes now to the devices online, names those offline, and writes the audit log', async () => {
    const token = await operatorToken(hub, 'zhou.maint', ['maintenance']);
    const res = await api(hub, 'POST', '/api/blacklist/push', undefined, { token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { version: 6, pushedTo: ['dorm-7-north'], offline: ['dorm-7-south'] });
    const audit = await api(hub, 'GET', '/api/audit?action=blacklist.push');
    assert.deepEqual(audit.body.entries.map((e: any) => [e.operatorId, e.status, e.outcome]), [['zhou.maint', 200, 'ok']]);

    await south.controller.start();
    await waitFor('south back at version 6', async () => device(await show(), 'dorm-7-south').appliedVersion === 6, 10_000, 50);
    const again = await api(hub, 'POST', '/api/blacklist/push', {}, { token: await operatorToken(hub, 'sun.card', ['card_office']) });
    assert.deepEqual(again.body, { version: 6, pushedTo: ['dorm-7-north', 'dorm-7-south'], offline: [] });
    assert.deepEqual((await show()).devices.map((d: any) => [d.appliedVersion, d.lagging]), [[6, false], [6, false]]);
  });

  it('lets the card office, maintenance, facilities and the auditor read it; only the first two push', async () => {
    for (const role of ['card_office', 'maintenance', 'facilities', 'auditor'] as const) {
      const token = await operatorToken(hub, `reader-${role}`, [role]);
      assert.equal((await api(hub, 'GET', '/api/blacklist', undefined, { token })).status, 200, role);
    }
    const finance = await api(hub, 'GET', '/api/blacklist', undefined, { token: await operatorToken(hub, 'li.finance', ['finance']) });
    assert.deepEqual([finance.status, finance.body.error.code], [403, 'forbidden']);
    for (const role of ['facilities', 'auditor', 'finance'] as const) {
      const res = await api(hub, 'POST', '/api/blacklist/push', undefined, { token: await operatorToken(hub, `pusher-${role}`, [role]) });
      assert.deepEqual([res.status, res.body.error.code], [403, 'forbidden'], role);
    }
  });

  it('refuses a bad query or body naming the field', async () => {
    for (const [query, field] of [['?changes=0', 'changes'], ['?lagSeconds=-1', 'lagSeconds'], ['?lagVersions=x', 'lagVersions'], ['?deviceId=x', 'deviceId']]) {
      const res = await api(hub, 'GET', `/api/blacklist${query}`);
      assert.deepEqual([res.status, res.body.error.code, res.body.error.field], [400, 'invalid_query', field], query);
    }
    const res = await api(hub, 'POST', '/api/blacklist/push', { force: true });
    assert.deepEqual([res.status, res.body.error.code, res.body.error.field], [400, 'invalid_body', 'force']);
  });
});
