/**
 * Maintenance from the hub (issue 8) with a real controller: a remote self-test finds an injected
 * fault with the right component and category, the hub keeps the run in the device's history and
 * opens one repair ticket for the fault however often it is reported; a resident's request goes
 * through the workflow with the operator of each step; its contact details are masked unless asked
 * for with contact=1 and a reason, which the audit log keeps. On SQLite and, when a URL is given, PostgreSQL.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Controller } from '../controller/controller.js';
import { parseControllerConfig } from '../controller/config.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { MemoryLogger } from '../lib/log.js';
import { generateDeviceKeyPair, loadPrivateKey } from '../protocol/auth.js';
import type { Hub } from '../hub/hub.js';
import { api, operatorToken, startHubOn, tempDir, waitFor } from './helpers.js';
import { BACKENDS } from './pg.js';

for (const backend of BACKENDS) {
  describe(`maintenance from the hub (${backend})`, function () {
    this.timeout(30_000);
    let dir: Awaited<ReturnType<typeof tempDir>>;
    let hub: Hub;
    let controller: Controller;
    let drivers: EmulatedDrivers;
    let maintenance: string;
    const hubLog = new MemoryLogger();

    beforeEach(async () => {
      dir = await tempDir();
      hub = await startHubOn(backend, dir.path, hubLog);
      maintenance = await operatorToken(hub, 'wang.maint', ['maintenance']);
      const keys = generateDeviceKeyPair();
      assert.equal((await api(hub, 'POST', '/api/devices', { deviceId: 'dorm-7', publicKey: keys.publicKeyBase64 }, { token: maintenance })).status, 201);
      const config = parseControllerConfig({
        configVersion: 1,
        deviceId: 'dorm-7',
        dataDir: join(dir.path, 'dorm-7'),
        keyFile: join(dir.path, 'dorm-7', 'device.key'),
        hub: { url: hub.deviceUrl, reconnectMinMs: 20, reconnectMaxMs: 200, heartbeatIntervalMs: 5000 },
        points: [{ kind: 'door', id: 'door-a', openDurationMs: 200, reader: { driver: 'emulated' }, relay: { driver: 'emulated' } }],
        selfTest: { hub: 'required', feedback: { 'door-a/relay': { driver: 'emulated' } }, relayPulseMs: 50, storageP99LimitMs: 60_000, hubTimeoutMs: 5000 },
      });
      drivers = new EmulatedDrivers();
      controller = new Controller(config, { drivers, logger: new MemoryLogger(), privateKey: loadPrivateKey(keys.privateKeyPem) });
      await controller.start();
      await waitFor('online', () => controller.uplink.state === 'online');
    });

    afterEach(async () => {
      await controller.stop();
      await hub.stop();
      await dir.remove();
    });

    const as = (token: string) => ({ token });

    /** Journals an alarm as the door point does (the emulated stuck relay does not make the point raise it). */
    async function alarm(active: boolean, detail: string): Promise<void> {
      const appended = controller.journal.append({ pointId: 'door-a', alarm: { kind: 'relay_stuck', active, detail } });
      assert.ok(appended.ok, 'journalled');
      await appended.durable;
    }

    async function remoteSelfTest(only: string[]): Promise<string> {
      const created = await api(hub, 'POST', '/api/devices/dorm-7/commands', { runSelfTest: { only } }, as(maintenance));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.command.action, 'run_self_test');
      const id = created.body.command.commandId as string;
      let run: any;
      await waitFor(`self-test ${id} answered and its steps at the hub`, async () => {
        const runs = (await api(hub, 'GET', '/api/devices/dorm-7/selftests', undefined, as(maintenance))).body.runs as any[];
        run = runs.find((r) => r.runId === id);
        return run?.command?.status === 'done' && run.summary.steps === Number(/: (\d+) steps/.exec(run.command.detail)?.[1]);
      }, 15_000);
      return id;
    }

    const tickets = async (query = '') => (await api(hub, 'GET', `/api/tickets${query}`, undefined, as(maintenance))).body.tickets as any[];

    it('a relay stuck closed: the remote self-test names door-a/relay (door), the history shows the run, and two runs and a repeated alarm open one ticket', async () => {
      drivers.setFault('door-a/relay', 'stuck-closed');
      const first = await remoteSelfTest(['relay']);

      const history = (await api(hub, 'GET', '/api/devices/dorm-7/selftests', undefined, as(maintenance))).body.runs as any[];
      const run = history.find((r) => r.runId === first);
      assert.equal(run.result, 'fail');
      assert.deepEqual(run.failed, ['door-a/relay feedback (door)']);
      const feedback = run.steps.find((s: any) => s.step === 'feedback');
      assert.equal(feedback.suite, 'relay');
      assert.equal(feedback.status, 'fail');
      assert.equal(feedback.code, 'relay_stuck_closed', 'the diagnosis code travels to the hub');
      assert.match(feedback.cause, /relay stuck closed/);
      assert.ok(run.steps.filter((s: any) => s.status !== 'fail').every((s: any) => s.code === ''), 'no code on a pass or a skip');
      assert.match(feedback.remedy, /replace the relay/);
      const events = (await api(hub, 'GET', '/api/events?deviceId=dorm-7', undefined, as(maintenance))).body.events as any[];
      assert.ok(events.some((e) => e.kind === 'self_test' && e.detail.selfTest.runId === first && e.detail.selfTest.category === 'door' && e.detail.selfTest.status === 'fail' && e.detail.selfTest.code === 'relay_stuck_closed'));

      let open = await tickets('?status=open');
      assert.equal(open.length, 1);
      assert.deepEqual([open[0].source, open[0].category, open[0].deviceId, open[0].component, open[0].occurrences], ['self_test', 'door', 'dorm-7', 'door-a/relay', 1]);

      // The same fault again, and the door point's relay_stuck alarm three times without a clear.
      const second = await remoteSelfTest(['relay']);
      for (let i = 0; i < 3; i++) await alarm(true, `releasing the relay failed (${i})`);
      await waitFor('the alarms at the hub', async () => (await tickets())[0]?.occurrences === 5);

      const all = await tickets();
      assert.equal(all.length, 1, 'one ticket for the fault, not one per failure or alarm');
      const shown = (await api(hub, 'GET', `/api/tickets/${all[0].ticketId}`, undefined, as(maintenance))).body.ticket;
      assert.deepEqual(shown.events.map((e: any) => e.kind), ['self_test', 'self_test', 'alarm', 'alarm', 'alarm']);
      assert.ok(shown.events[1].summary.includes(second));
      assert.deepEqual(shown.steps.map((s: any) => [s.toStatus, s.operatorId]), [['open', 'hub']]);

      // Resolved, the next failure opens a new ticket.
      const facilities = await operatorToken(hub, 'zhao.fac', ['facilities']);
      for (const step of [{ status: 'assigned', assignee: 'wang.maint' }, { status: 'in_progress' }, { status: 'resolved', note: 'relay replaced' }]) {
        assert.equal((await api(hub, 'POST', `/api/tickets/${all[0].ticketId}/steps`, step, as(step.status === 'assigned' ? facilities : maintenance))).status, 200);
      }
      await remoteSelfTest(['relay']);
      open = await tickets('?status=open');
      assert.equal(open.length, 1);
      assert.notEqual(open[0].ticketId, all[0].ticketId);
    });

    it('a healthy relay opens no ticket; a single alarm that clears opens none', async () => {
      const id = await remoteSelfTest(['relay']);
      const run = (await api(hub, 'GET', '/api/devices/dorm-7/selftests', undefined, as(maintenance))).body.runs[0];
      assert.deepEqual([run.runId, run.result, run.summary.fail], [id, 'pass', 0]);
      await alarm(true, 'once');
      await alarm(false, 'cleared');
      await alarm(true, 'again, once');
      await waitFor('the alarms at the hub', async () => {
        const events = (await api(hub, 'GET', '/api/events?deviceId=dorm-7', undefined, as(maintenance))).body.events as any[];
        return events.filter((e) => e.kind === 'alarm' && e.detail.alarm.kind === 'relay_stuck').length === 3;
      });
      assert.deepEqual(await tickets(), []);
    });

    it("a resident's request goes open -> assigned -> in_progress -> resolved -> closed with the operator of each step; a wrong step is refused", async () => {
      const counter = await operatorToken(hub, 'liu.card', ['card_office']);
      const facilities = await operatorToken(hub, 'zhao.fac', ['facilities']);
      const request = { name: 'Li Hua', studentNumber: '2023123456', phone: '138 0000 1234', dormRoom: 'B-701', reportedAt: '2026-03-02T08:30:00Z', description: 'the shower in B-701 runs cold', category: 'water_meter' };
      const created = await api(hub, 'POST', '/api/tickets', request, as(counter));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const t = created.body.ticket;
      const full = { name: 'Li Hua', studentNumber: '2023123456', phone: '138 0000 1234', dormRoom: 'B-701', masked: false };
      assert.deepEqual([t.source, t.category, t.status, t.resident, t.reportedAtMs], ['resident', 'water_meter', 'open', full, Date.parse('2026-03-02T08:30:00Z')], 'the request is answered as it was entered');
      assert.equal((await api(hub, 'POST', '/api/tickets', { ...request, category: 'plumbing' }, as(counter))).body.error.field, 'category');
      assert.equal((await api(hub, 'POST', `/api/tickets/${t.ticketId}/steps`, { status: 'assigned', assignee: 'wang.maint' }, as(counter))).status, 403, 'the card office takes requests, maintenance moves them');
      const refused = await api(hub, 'POST', `/api/tickets/${t.ticketId}/steps`, { status: 'resolved' }, as(maintenance));
      assert.deepEqual([refused.status, refused.body.error.code], [409, 'ticket_transition_refused']);
      assert.match(refused.body.error.message, /is open: it can go to assigned, rejected, not resolved/);
      const steps: [string, object][] = [
        [facilities, { status: 'assigned', assignee: 'wang.maint' }],
        [maintenance, { status: 'in_progress' }],
        [maintenance, { status: 'resolved', note: 'mixing valve replaced' }],
        [facilities, { status: 'closed' }],
      ];
      for (const [token, body] of steps) assert.equal((await api(hub, 'POST', `/api/tickets/${t.ticketId}/steps`, body, as(token))).status, 200);
      const shown = (await api(hub, 'GET', `/api/tickets/${t.ticketId}`, undefined, as(counter))).body.ticket;
      assert.equal(shown.status, 'closed');
      assert.equal(shown.assignee, 'wang.maint');
      assert.deepEqual(shown.steps.map((s: any) => `${s.fromStatus ?? '-'}>${s.toStatus} by ${s.operatorId}${s.note ? `: ${s.note}` : ''}`), [
        '->open by liu.card: resident request',
        'open>assigned by zhao.fac: assigned to wang.maint',
        'assigned>in_progress by wang.maint',
        'in_progress>resolved by wang.maint: mixing valve replaced',
        'resolved>closed by zhao.fac',
      ]);
      assert.equal((await api(hub, 'POST', `/api/tickets/${t.ticketId}/steps`, { status: 'in_progress' }, as(maintenance))).status, 409, 'closed is final');
      assert.deepEqual((await tickets('?source=resident&status=closed')).map((x) => x.ticketId), [t.ticketId]);
    });

    it('pages the ticket list newest first by beforeId, with the filters kept, until nextBeforeId is null; a bad beforeId is refused', async () => {
      const counter = await operatorToken(hub, 'liu.card', ['card_office']);
      const request = { name: 'Li Hua', studentNumber: '2023123456', phone: '13800001234', description: 'no hot water', category: 'water_meter' };
      const ids: number[] = [];
      for (let i = 1; i <= 7; i++) {
        const created = await api(hub, 'POST', '/api/tickets', { ...request, dormRoom: `B-70${i}`, category: i % 3 === 0 ? 'door' : 'water_meter' }, as(counter));
        assert.equal(created.status, 201, JSON.stringify(created.body));
        ids.push(created.body.ticket.ticketId);
      }
      const page = async (query: string) => {
        const res = await api(hub, 'GET', `/api/tickets${query}`, undefined, as(maintenance));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return { ids: (res.body.tickets as any[]).map((t) => t.ticketId as number), next: res.body.nextBeforeId as number | null };
      };
      const newest = [...ids].reverse();
      const first = await page('?limit=3');
      assert.deepEqual(first, { ids: newest.slice(0, 3), next: newest[2] });
      const second = await page(`?limit=3&beforeId=${first.next}`);
      assert.deepEqual(second, { ids: newest.slice(3, 6), next: newest[5] });
      const last = await page(`?limit=3&beforeId=${second.next}`);
      assert.deepEqual(last, { ids: newest.slice(6), next: null }, 'the last page says so');
      assert.deepEqual(await page('?limit=7'), { ids: newest, next: null }, 'exactly a page: no empty page after it');
      // With a filter, the pages hold only matching tickets.
      const water = newest.filter((id) => id !== ids[2] && id !== ids[5]); // the 3rd and 6th are doors
      const w1 = await page('?category=water_meter&limit=2');
      const w2 = await page(`?category=water_meter&limit=2&beforeId=${w1.next}`);
      const w3 = await page(`?category=water_meter&limit=2&beforeId=${w2.next}`);
      assert.deepEqual([...w1.ids, ...w2.ids, ...w3.ids], water);
      assert.equal(w3.next, null);
      for (const bad of ['0', '-1', '1.5', 'abc', '', '1e3']) {
        const refused = await api(hub, 'GET', `/api/tickets?beforeId=${encodeURIComponent(bad)}`, undefined, as(maintenance));
        assert.deepEqual([refused.status, refused.body.error.code, refused.body.error.field], [400, 'invalid_query', 'beforeId'], bad);
      }
    });

    it("masks a resident's name, student number and phone in the list and the detail; in full with contact=1 and a reason, which the audit log keeps", async () => {
      const counter = await operatorToken(hub, 'liu.card', ['card_office']);
      const auditor = await operatorToken(hub, 'sun.audit', ['auditor']);
      const request = { name: '李华', studentNumber: '2023123456', phone: '13800001234', dormRoom: 'B-701', description: 'B-701 淋浴一直是冷水', category: 'water_meter' };
      const t = (await api(hub, 'POST', '/api/tickets', request, as(counter))).body.ticket;
      await api(hub, 'POST', '/api/tickets', { ...request, name: 'Li Hua', studentNumber: 'S12', phone: '+86 138-0000-5678', dormRoom: 'C-102' }, as(counter));
      const masked = { name: '李*', studentNumber: '******3456', phone: '*******1234', dormRoom: 'B-701', masked: true };

      const listed = await tickets('?source=resident');
      assert.deepEqual(listed.map((x) => x.resident), [{ name: 'L*', studentNumber: '**2', phone: '*************5678', dormRoom: 'C-102', masked: true }, masked]);
      assert.equal(listed[1].description, 'B-701 淋浴一直是冷水', 'the description stays: repair staff need it');
      for (const token of [maintenance, counter, auditor]) {
        const shown = await api(hub, 'GET', `/api/tickets/${t.ticketId}`, undefined, as(token));
        assert.deepEqual([shown.status, shown.body.ticket.resident], [200, masked]);
      }
      const assigned = await api(hub, 'POST', `/api/tickets/${t.ticketId}/steps`, { status: 'assigned', assignee: 'wang.maint' }, as(maintenance));
      assert.deepEqual(assigned.body.ticket.resident, masked, 'a step answers with the contact masked too');

      const refused = await api(hub, 'GET', `/api/tickets/${t.ticketId}?contact=1`, undefined, as(maintenance));
      assert.deepEqual([refused.status, refused.body.error.code, refused.body.error.field], [400, 'reason_required', 'reason']);
      const why = '联系报修人约上门维修时间';
      const byHeader = await api(hub, 'GET', `/api/tickets/${t.ticketId}?contact=1`, undefined, { token: maintenance, reason: why });
      assert.deepEqual([byHeader.status, byHeader.body.ticket.resident], [200, { name: '李华', studentNumber: '2023123456', phone: '13800001234', dormRoom: 'B-701', masked: false }]);
      const byQuery = await api(hub, 'GET', `/api/tickets/${t.ticketId}?contact=1&reason=${encodeURIComponent('核对报修人身份')}`, undefined, as(auditor));
      assert.deepEqual([byQuery.status, byQuery.body.ticket.resident.phone], [200, '13800001234']);
      const bad = await api(hub, 'GET', `/api/tickets/${t.ticketId}?contact=yes`, undefined, { token: maintenance, reason: why });
      assert.deepEqual([bad.status, bad.body.error.code, bad.body.error.field], [400, 'invalid_query', 'contact']);
      const unknown = await api(hub, 'GET', `/api/tickets/${t.ticketId}?phone=1`, undefined, as(maintenance));
      assert.deepEqual([unknown.status, unknown.body.error.code], [400, 'invalid_query']);
      assert.equal((await api(hub, 'GET', '/api/tickets?contact=1', undefined, { token: maintenance, reason: why })).body.error.code, 'invalid_query', 'the list has no full contact');

      const entries = (await api(hub, 'GET', '/api/audit?action=ticket.show')).body.entries as any[];
      assert.deepEqual(
        entries.map((e) => [e.operatorId, e.targetKind, e.targetId, e.reason, e.status, e.outcome, e.request]).reverse(),
        [
          ['wang.maint', 'ticket', String(t.ticketId), why, 200, 'ok', { contact: '1' }],
          ['sun.audit', 'ticket', String(t.ticketId), '核对报修人身份', 200, 'ok', { contact: '1' }],
          ['wang.maint', 'ticket', String(t.ticketId), why, 400, 'invalid_query', { contact: 'yes' }],
        ],
        'each look-up of the contact with its reason (not the masked ones, nor the refusal without a reason)',
      );
    });
  });
}
