/**
 * A fault alarm that stands without repeating, end to end: a real controller's room meter falls
 * silent, its room point raises `meter_silent` once (and never again while it stays silent), which
 * opens no ticket as it arrives; the hub's periodic check, on a manual clock, opens one once the
 * alarm stood 10 minutes, and no second one at the following checks. SQLite and PostgreSQL.
 */
import { strict as assert } from 'node:assert';
import { ManualClock } from '../lib/manual-clock.js';
import { DEVICE, startMaintenanceKit, type MaintenanceKit } from './maintenance-kit.js';
import { waitFor } from './helpers.js';
import { BACKENDS } from './pg.js';

const MIN = 60_000;

for (const backend of BACKENDS) {
  describe(`the hub's check for standing alarms (${backend})`, function () {
    this.timeout(30_000);
    let kit: MaintenanceKit;
    let clock: ManualClock;

    beforeEach(async () => {
      clock = new ManualClock();
      const base = Date.now();
      kit = await startMaintenanceKit(backend, { now: () => base + clock.nowMs(), alarmCheck: { clock } });
    });
    afterEach(() => kit.stop());

    /** Moves the hub's time on a minute at a time, each check done before the next. */
    async function minutes(n: number): Promise<void> {
      for (let i = 0; i < n; i++) {
        clock.advance(MIN);
        await waitFor('the check done and the next one set', () => clock.pending === 1);
      }
    }

    it('a meter silent since one meter_silent opens one ticket after 10 minutes', async () => {
      assert.equal(clock.pending, 1, 'the hub started its check');
      kit.drivers.setFault('room-1/meter', 'silent');
      await waitFor('meter_silent at the hub', async () => (await kit.events()).some((e) => e.kind === 'alarm' && e.detail.alarm.kind === 'meter_silent' && e.detail.alarm.active), 15_000, 50);
      await minutes(9);
      assert.deepEqual(await kit.tickets(), [], 'raised once: no ticket as it arrives, nor before it stood 10 minutes');
      await minutes(3);
      const [ticket, ...more] = await kit.tickets();
      assert.deepEqual(more, []);
      assert.deepEqual([ticket.source, ticket.status, ticket.deviceId, ticket.component, ticket.category, ticket.occurrences], ['alarm', 'open', DEVICE, 'room-1/meter', 'electricity_meter', 1]);
      assert.match(ticket.description, /^alarm meter_silent at room-1: .*; active for 1\d min without a clear/);
      const raises = (await kit.events()).filter((e) => e.kind === 'alarm' && e.detail.alarm.kind === 'meter_silent');
      assert.equal(raises.length, 1, 'the point raised it once');
      await minutes(5);
      assert.equal((await kit.tickets()).length, 1, 'one ticket however many checks');
      assert.equal((await kit.tickets())[0].occurrences, 1);
    });

    it('stopping the hub removes the check timer', async () => {
      assert.equal(clock.pending, 1);
      await kit.hub.stop();
      assert.equal(clock.pending, 0);
      // The kit stops the hub again in afterEach: a stopped hub stops once more without harm.
    });
  });
}
