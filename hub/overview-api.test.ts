/**
 * GET /api/overview, what the console's overview shows: devices online or not with their blacklist
 * applied against the current version (revoked ones never lagging), the alarms standing, and today's
 * charges and top-ups; for the roles with console pages, not a merchant's clerk. On SQLite and,
 * when a URL is given, PostgreSQL, with a real controller over its WebSocket.
 */
import { strict as assert } from 'node:assert';
import type { Hub } from './hub.js';
import { api, issueCard, makeController, operatorToken, startHubOn, tempDir, waitFor, type TestController } from '../test/helpers.js';
import { BACKENDS } from '../test/pg.js';

for (const backend of BACKENDS) {
  describe(`GET /api/overview (${backend})`, function () {
    this.timeout(30_000);
    let dir: Awaited<ReturnType<typeof tempDir>>;
    let hub: Hub;
    let north: TestController;

    beforeEach(async () => {
      dir = await tempDir();
      hub = await startHubOn(backend, dir.path);
      north = await makeController(hub, dir.path, 'dorm-7-north');
      await makeController(hub, dir.path, 'dorm-7-south'); // registered, never started
      await north.controller.start();
      await waitFor('north online', () => north.controller.uplink.state === 'online');
      await issueCard(hub, '04A1B2C3D4E5F6', 'S1');
    });

    afterEach(async () => {
      await north.controller.stop();
      await hub.stop();
      await dir.remove();
    });

    const overview = async () => {
      const res = await api(hub, 'GET', '/api/overview');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    };

    it('counts devices online and lagging behind the blacklist, and names the one that applied the new version', async () => {
      assert.equal((await api(hub, 'POST', '/api/cards/04A1B2C3D4E5F6/lost')).status, 200);
      let o: any;
      await waitFor('north applied the new blacklist', async () => {
        o = await overview();
        return o.devices.find((d: any) => d.deviceId === 'dorm-7-north').blacklist.lag === 0;
      });
      assert.ok(o.blacklistVersion >= 1);
      const north = o.devices.find((d: any) => d.deviceId === 'dorm-7-north');
      const south = o.devices.find((d: any) => d.deviceId === 'dorm-7-south');
      assert.deepEqual([north.online, north.blacklist.appliedVersion, typeof north.blacklist.appliedAtMs], [true, o.blacklistVersion, 'number']);
      assert.deepEqual([south.online, south.lastSeenAtMs, south.blacklist.appliedVersion, south.blacklist.lag], [false, null, 0, o.blacklistVersion]);
      assert.deepEqual(o.counts, { devices: 2, online: 1, lagging: 1 });
      // A revoked device is not waited for.
      assert.equal((await api(hub, 'POST', '/api/devices/dorm-7-south/revoke')).status, 200);
      assert.deepEqual((await overview()).counts, { devices: 2, online: 1, lagging: 0 });
    });

    it("shows an alarm while it stands and no more once it is cleared, and today's top-ups", async () => {
      const alarm = async (active: boolean) => {
        const appended = north.controller.journal.append({ pointId: 'door-a', alarm: { kind: 'door_held_open', active, detail: 'open for 120 s' } });
        assert.ok(appended.ok);
        await appended.durable;
      };
      await alarm(true);
      await waitFor('the alarm at the overview', async () => (await overview()).alarms.length === 1);
      const [a] = (await overview()).alarms;
      assert.deepEqual([a.deviceId, a.pointId, a.kind, a.detail], ['dorm-7-north', 'door-a', 'door_held_open', 'open for 120 s']);
      await alarm(false);
      await waitFor('the alarm cleared at the overview', async () => (await overview()).alarms.length === 0);

      assert.equal((await api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 2000, reference: 'CASH-1' })).status, 201);
      assert.equal((await api(hub, 'POST', '/api/accounts/person.S1/topups', { amountFen: 550, reference: 'CASH-2' })).status, 201);
      const { today } = await overview();
      assert.deepEqual([today.topups, today.charges], [{ count: 2, amountFen: 2550 }, { count: 0, amountFen: 0 }]);
    });

    it("is open to the roles with console pages, not to a merchant's clerk", async () => {
      for (const role of ['card_office', 'finance', 'facilities', 'maintenance', 'auditor'] as const) {
        const token = await operatorToken(hub, `op.${role}`, [role]);
        assert.equal((await api(hub, 'GET', '/api/overview', undefined, { token })).status, 200, role);
      }
      const clerk = await operatorToken(hub, 'op.clerk', ['merchant']);
      const refused = await api(hub, 'GET', '/api/overview', undefined, { token: clerk });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'forbidden');
    });
  });
}
