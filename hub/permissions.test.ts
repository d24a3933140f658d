/**
 * Every route of the permissions table, called over HTTP by an operator of each role: a role the
 * table allows gets past the gate (whatever the route then answers), any other gets 403 forbidden
 * naming the roles needed. Driven by the table itself, on each back end. And the table's shape:
 * admin everywhere, the auditor reads only, personal data behind a reason.
 */
import { strict as assert } from 'node:assert';
import { Hub } from './hub.js';
import { MemoryLogger } from '../lib/log.js';
import { api, operatorToken, startHub, tempDir } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';
import { backendDb, type BackendDb } from './backend-fixture.js';
import { ROUTES, matchRoute, rolesFor, type RouteSpec } from './permissions.js';
import { ROLES, type Role } from './roles.js';

/** A value for each path parameter of the table. */
const PARAMS: Record<string, string> = {
  uid: '04A1B2C3D4', deviceId: 'door-ctl-1', personId: 'S1', accountId: 'person.S1', tariffId: 'shower-hot',
  scheduleId: 'office-hours', date: '2026-10-01', operatorId: 'someone-else',
  merchantId: 'canteen-1', period: '2026-01', correctionId: '1', channel: 'online', ticketId: '1',
};

function pathOf(route: RouteSpec): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = PARAMS[name];
    if (value === undefined) throw new Error(`no sample value for {${name}} in ${route.path}: add it to PARAMS`);
    return encodeURIComponent(value);
  });
}

/** The requests to try for a route: one per action its body may ask for, else one. */
function bodiesOf(route: RouteSpec): unknown[] {
  if (route.method === 'GET' || route.method === 'DELETE') return [undefined];
  if (route.bodyAccess) return Object.keys(route.bodyAccess).map((key) => ({ [key]: {} }));
  return [{}];
}

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const guarded = ROUTES.filter((r) => r.access !== 'public' && r.access !== 'operator');

describe('the permissions table', () => {
  it('lets admin call every route and names, for every guarded route, a role besides admin', () => {
    for (const route of guarded) {
      assert.ok(rolesFor(route, undefined)!.includes('admin'), `${route.method} ${route.path}`);
      if (route.path.startsWith('/api/operators') && route.method !== 'GET') continue; // operators are the admin's
      if (route.bodyAccess) continue;
      assert.ok(rolesFor(route, undefined)!.length >= 2, `${route.method} ${route.path} is admin-only`);
    }
  });

  it('gives the auditor every read and no write but their own password', () => {
    for (const route of guarded) {
      const auditor = rolesFor(route, undefined)!.includes('auditor');
      if (WRITE.has(route.method)) assert.equal(auditor, false, `${route.method} ${route.path}`);
      else assert.equal(auditor, true, `${route.method} ${route.path}`);
    }
    assert.equal(ROUTES.find((r) => r.path === '/api/operators/{operatorId}/password')?.self, 'operatorId');
  });

  it('puts personal data behind a reason: a card, a personal statement, a card holder\'s events, a ticket\'s resident contact', () => {
    const personal = (method: string, path: string) => {
      const m = matchRoute(method, path.split('?')[0]!)!;
      const p = m.route.personal;
      return p === true || (typeof p === 'function' && p(m.params, new URL(path, 'http://x').searchParams));
    };
    assert.equal(personal('GET', '/api/cards/04A1B2C3D4'), true);
    assert.equal(personal('GET', '/api/accounts/person.S1/transfers'), true);
    assert.equal(personal('GET', '/api/accounts/room.B3-101/transfers'), false);
    assert.equal(personal('GET', '/api/events?cardUid=04A1B2C3D4'), true);
    assert.equal(personal('GET', '/api/events?deviceId=door-1'), false);
    assert.equal(personal('GET', '/api/tickets/7?contact=1'), true);
    assert.equal(personal('GET', '/api/tickets/7'), false, 'the resident masked');
    assert.equal(personal('GET', '/api/tickets'), false, 'the residents masked');
  });

  it('has one entry per method and path, each with a distinct action', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(new Set(ROUTES.map((r) => r.action)).size, ROUTES.length);
  });
});

for (const backend of BACKENDS) describe(`roles at every route over HTTP (${backend})`, function () {
  this.timeout(60_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: BackendDb;
  let hub: Hub;
  const tokens = new Map<Role, string>();

  before(async () => {
    dir = await tempDir();
    store = await backendDb(backend, dir.path);
    hub = await startHub(dir.path, new MemoryLogger(), { dbUrl: store.url });
    for (const role of ROLES) tokens.set(role, await operatorToken(hub, `only-${role}`.replace('_', '-'), [role]));
  });

  after(async () => {
    await hub.stop();
    await store.drop();
    await dir.remove();
  });

  it('lets each role through exactly where the table allows it, and refuses it with 403 naming the roles elsewhere', async () => {
    let allowedCount = 0;
    let refusedCount = 0;
    for (const route of guarded) {
      for (const body of bodiesOf(route)) {
        const allowed = rolesFor(route, body)!;
        for (const role of ROLES) {
          const res = await api(hub, route.method, pathOf(route), body, { token: tokens.get(role)!, reason: 'testing the permissions table' });
          const what = `${role} ${route.method} ${route.path} ${JSON.stringify(body)} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
          if (allowed.includes(role)) {
            assert.notEqual(res.body?.error?.code, 'forbidden', what);
            assert.notEqual(res.status, 401, what);
            allowedCount++;
          } else {
            assert.equal(res.status, 403, what);
            assert.equal(res.body.error.code, 'forbidden', what);
            assert.ok(res.body.error.message.includes(`needs the role ${allowed.join(' or ')}`), what);
            assert.ok(res.body.error.message.includes(`(you have: ${role})`), what);
            refusedCount++;
          }
        }
      }
    }
    assert.ok(allowedCount > guarded.length && refusedCount > 3 * guarded.length, `${allowedCount} allowed, ${refusedCount} refused`);
  });

  it('lets any operator see their own session, the API description and their own record', async () => {
    for (const role of ROLES) {
      const token = tokens.get(role)!;
      assert.equal((await api(hub, 'GET', '/api/session', undefined, { token })).status, 200, role);
      assert.equal((await api(hub, 'GET', '/api/openapi.json', undefined, { token })).status, 200, role);
      const self = `only-${role}`.replace('_', '-');
      assert.equal((await api(hub, 'GET', `/api/operators/${self}`, undefined, { token })).status, 200, role);
    }
  });

  it('sends a command only with the role of the action it asks for', async () => {
    const command = (role: Role, body: unknown) => api(hub, 'POST', '/api/devices/door-ctl-1/commands', body, { token: tokens.get(role)! });
    const room = { setRoomPower: { pointId: 'room-1', on: false } };
    const door = { openDoor: { pointId: 'door-a' } };
    const offline = { setOfflineAuthorisation: { untilUnixMs: 0 } };
    assert.equal((await command('facilities', room)).body.error?.code === 'forbidden', false);
    assert.equal((await command('facilities', door)).status, 403);
    assert.equal((await command('maintenance', door)).body.error?.code === 'forbidden', false);
    assert.equal((await command('maintenance', room)).status, 403);
    const refused = await command('maintenance', offline);
    assert.deepEqual([refused.status, refused.body.error.message.includes('needs the role admin')], [403, true], 'offline authorisation is management\'s');
    const both = await command('facilities', { ...room, ...door });
    assert.equal(both.status, 403, 'a body asking for two actions needs the roles of both');
  });
});
