/**
 * The OpenAPI document describes exactly the routes the API answers: the gate answers only what
 * the permissions table lists (404 otherwise, without reaching a handler), every listed route has
 * a handler behind it, and the document is built from the same table with a body, the answer and
 * the security of each route.
 */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hub } from './hub.js';
import { MemoryLogger } from '../lib/log.js';
import { adminToken, api, startHub, tempDir } from '../test/helpers.js';
import { ROUTES } from './permissions.js';
import { ANSWERS, BODIES, NO_BODY, QUERIES, openApiDocument, routeKey } from './openapi.js';
import { gate } from './api-gate.js';
import { ok } from './api-http.js';

const PARAMS: Record<string, string> = {
  uid: '04A1B2C3D4', deviceId: 'door-ctl-1', personId: 'S1', accountId: 'person.S1', tariffId: 'shower-hot',
  scheduleId: 'office-hours', date: '2026-10-01', operatorId: 'someone-else',
  merchantId: 'canteen-1', period: '2026-01', correctionId: '1', channel: 'online',
};

type Doc = { paths: Record<string, Record<string, any>>; components: Record<string, Record<string, unknown>> };

describe('OpenAPI document', () => {
  const doc = openApiDocument() as unknown as Doc;

  it('lists every route of the table, and nothing else', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    assert.deepEqual(documented.sort(), ROUTES.map(routeKey).sort());
  });

  it('names the answer of every route, the body of every write that takes one, and no route outside the table', () => {
    const keys = new Set(ROUTES.map(routeKey));
    assert.deepEqual(Object.keys(ANSWERS).sort(), [...keys].sort());
    for (const route of ROUTES) {
      if (route.method === 'GET' || route.method === 'DELETE') continue;
      assert.ok(BODIES[routeKey(route)] !== undefined || NO_BODY.has(routeKey(route)), `${routeKey(route)}: add its body to BODIES (or to NO_BODY)`);
    }
    for (const key of [...Object.keys(BODIES), ...NO_BODY, ...Object.keys(QUERIES)]) assert.ok(keys.has(key as never), `${key} is not in the table`);
  });

  it('gives each operation its security, roles, parameters and error answers, every reference resolving', () => {
    const ids = new Set<string>();
    for (const route of ROUTES) {
      const op = doc.paths[route.path]![route.method.toLowerCase()];
      assert.ok(!ids.has(op.operationId), op.operationId);
      ids.add(op.operationId);
      assert.deepEqual(op.security, route.access === 'public' ? [] : [{ bearerAuth: [] }], routeKey(route));
      if (Array.isArray(route.access)) assert.ok(op['x-onecard-roles'].includes('admin'));
      for (const name of route.path.match(/\{(\w+)\}/g) ?? []) assert.ok(op.parameters.some((p: any) => p.in === 'path' && `{${p.name}}` === name), `${routeKey(route)} ${name}`);
      if (route.personal) assert.ok(op.parameters.some((p: any) => p.name === 'reason' && p.in === 'query'), routeKey(route));
      if (route.access !== 'public') assert.ok(op.responses['401'] && op.responses['403'], routeKey(route));
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    assert.ok(refs.length > ROUTES.length);
    for (const [, group, name] of refs) assert.ok(doc.components[group!]?.[name!], `${group}/${name}`);
  });

  it('turns the validators into JSON Schema: required fields, enums, patterns', () => {
    const person = doc.paths['/api/people']!.post.requestBody.content['application/json'].schema;
    assert.deepEqual([...person.required].sort(), ['name', 'personId', 'type']);
    assert.deepEqual(person.properties.type.enum, ['staff', 'student', 'freshman', 'temporary']);
    assert.equal(person.additionalProperties, false);
    const topUp = doc.paths['/api/accounts/{accountId}/topups']!.post.requestBody.content['application/json'].schema;
    assert.equal(topUp.properties.amountFen.type, 'integer');
    const operator = doc.paths['/api/operators']!.post.requestBody.content['application/json'].schema;
    assert.deepEqual(operator.properties.roles.items.enum, ['card_office', 'finance', 'facilities', 'maintenance', 'auditor', 'merchant', 'admin']);
    const audit = doc.paths['/api/audit']!.get.parameters.map((p: any) => p.name);
    assert.deepEqual(audit, ['operatorId', 'action', 'from', 'to', 'beforeId', 'limit']);
  });

  it('describes the CSV and printable answers as text/csv and text/html, every other success as JSON, errors as JSON', () => {
    const text: Record<string, string> = {};
    for (const route of ROUTES) {
      const op = doc.paths[route.path]![route.method.toLowerCase()];
      const success = op.responses[String(ANSWERS[routeKey(route)]?.status)];
      const media = Object.keys(success.content);
      assert.equal(media.length, 1, routeKey(route));
      if (media[0] !== 'application/json') text[routeKey(route)] = media[0]!;
      if (media[0] !== 'application/json') assert.deepEqual(success.content[media[0]!].schema, { type: 'string' });
      assert.equal(op.responses['400'].$ref, '#/components/responses/Error400', 'a refusal is JSON whatever the success is');
    }
    assert.deepEqual(text, {
      'GET /api/settlement/{period}/merchants/{merchantId}/statement.csv': 'text/csv',
      'GET /api/settlement/{period}/merchants/{merchantId}/statement.html': 'text/html',
      'GET /api/reconciliation.csv': 'text/csv',
    });
    const statement = doc.paths['/api/settlement/{period}/merchants/{merchantId}']!.get.responses['200'];
    assert.deepEqual(Object.keys(statement.content), ['application/json'], 'the statement itself stays JSON');
    assert.deepEqual(Object.keys(statement.content['application/json'].schema.properties), ['statement', 'lines']);
  });
});

describe('routes the API answers', () => {
  const doc = openApiDocument() as unknown as Doc;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;

  before(async () => {
    dir = await tempDir();
    hub = await startHub(dir.path, new MemoryLogger());
  });

  after(async () => {
    await hub.stop();
    await dir.remove();
  });

  it('serves the document at GET /api/openapi.json', async () => {
    const res = await api(hub, 'GET', '/api/openapi.json');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('has a handler behind every route of the table (none answers "no route")', async () => {
    for (const route of ROUTES.filter((r) => routeKey(r) !== 'DELETE /api/session')) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(PARAMS[name]!));
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
      const res = await api(hub, route.method, path, body, { reason: 'checking every route' });
      assert.ok(!String(res.body?.error?.message ?? '').startsWith('no route'), `${routeKey(route)}: ${JSON.stringify(res.body)}`);
    }
  });

  it("answers each route's success with the media type the document names (every GET that succeeds here: JSON, CSV or HTML)", async () => {
    assert.equal((await api(hub, 'POST', '/api/merchants', { merchantId: 'canteen-1', name: '一食堂', kind: 'canteen', feeRateBp: 100 })).status, 201);
    const token = await adminToken(hub);
    const queries: Record<string, string> = { 'GET /api/reconciliation.csv': '?date=2026-01-05' };
    const seen: Record<string, string> = {};
    for (const route of ROUTES.filter((r) => r.method === 'GET')) {
      const key = routeKey(route);
      // (The test above closed 2026-01 before canteen-1 existed: its statements are asked for in 2025-12.)
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(name === 'period' ? '2025-12' : PARAMS[name]!)) + (queries[key] ?? '');
      const res = await fetch(hub.url + path, { headers: { authorization: `Bearer ${token}`, 'x-onecard-reason': 'checking every route' } });
      const media = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
      await res.arrayBuffer();
      if (res.status !== ANSWERS[key]?.status) {
        assert.equal(media, 'application/json', `${key}: a refusal (${res.status}) is JSON`);
        continue;
      }
      const documented = Object.keys(doc.paths[route.path]!.get.responses[String(res.status)].content);
      assert.deepEqual([media], documented, key);
      seen[key] = media;
    }
    assert.deepEqual(
      Object.entries(seen).filter(([, media]) => media !== 'application/json').sort(),
      [
        ['GET /api/reconciliation.csv', 'text/csv'],
        ['GET /api/settlement/{period}/merchants/{merchantId}/statement.csv', 'text/csv'],
        ['GET /api/settlement/{period}/merchants/{merchantId}/statement.html', 'text/html'],
      ],
    );
    assert.ok(Object.keys(seen).length > 20, `only ${Object.keys(seen).length} GET routes succeeded`);
  });

  it('answers 404 for a route outside the table without calling any handler', async () => {
    let handled = 0;
    const server: Server = createServer((req, res) => {
      void gate({ db: hub.db, operators: hub.operators, audit: hub.audit, logger: new MemoryLogger() }, req, async () => {
        handled++;
        return ok(200, { handled: true });
      }).then((reply) => res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const token = await adminToken(hub);
      const call = (method: string, path: string) => fetch(base + path, { method, headers: { authorization: `Bearer ${token}` } });
      const unlisted = await call('GET', '/api/secret-route');
      assert.deepEqual([unlisted.status, ((await unlisted.json()) as any).error.code, handled], [404, 'not_found', 0]);
      assert.equal((await call('DELETE', '/api/devices')).status, 404, 'a listed path with an unlisted method');
      assert.equal(handled, 0);
      assert.equal((await call('GET', '/api/devices')).status, 200);
      assert.equal(handled, 1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
