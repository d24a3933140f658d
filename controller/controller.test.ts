import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Controller } from './controller.js';
import { parseControllerConfig } from './config.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { EmulatedRelay } from '../emulators/relay.js';
import { generateDeviceKeyPair, loadPrivateKey } from '../protocol/auth.js';
import { MemoryLogger } from '../lib/log.js';
import { api, makeController, startHub, tempDir, waitFor } from '../test/helpers.js';
import { ClockSync } from './clock-sync.js';
import { AccessReason } from '../protocol/messages.js';

/** A relay whose hardware is missing: open() fails as a real driver's does (e.g. no GPIO chip). */
class MissingRelay extends EmulatedRelay {
  override async open(): Promise<void> {
    throw new Error(`relay ${this.name}: cannot claim its gpiod line: no /dev/gpiochip*`);
  }
}

describe('controller lifecycle', () => {
  it('closes everything it opened when a later part fails to start, and reports that failure', async () => {
    const dir = await tempDir();
    try {
      const drivers = new EmulatedDrivers();
      const failing = new MissingRelay('door-b/relay');
      const factory = Object.assign(Object.create(drivers) as EmulatedDrivers, {
        relay: (spec: { driver: string }, name: string) => (name === 'door-b/relay' ? failing : drivers.relay(spec, name)),
      });
      const config = parseControllerConfig({
        configVersion: 1,
        deviceId: 'dorm-1',
        dataDir: join(dir.path, 'data'),
        keyFile: join(dir.path, 'device.key'),
        hub: { url: 'ws://127.0.0.1:9/v1/device' },
        points: ['door-a', 'door-b'].map((id) => ({ kind: 'door', id, reader: { driver: 'emulated' }, relay: { driver: 'emulated' } })),
      });
      const logger = new MemoryLogger();
      const controller = new Controller(config, { drivers: factory, logger, privateKey: loadPrivateKey(generateDeviceKeyPair().privateKeyPem) });
      await assert.rejects(controller.start(), /door-b\/relay: cannot claim its gpiod line/);
      assert.throws(() => drivers.reader('door-a/reader').tap('04A1B2C3'), /not open/, 'the first door was stopped');
      await assert.rejects(drivers.relayNamed('door-a/relay').set(true), /while closed/);
      assert.throws(() => drivers.reader('door-b/reader').tap('04A1B2C3'), /not open/, 'the failing door closed its reader');
      assert.throws(() => controller.journal, /not started/, 'the journal was closed');
      assert.equal(logger.find('controller.started').length, 0);
    } finally {
      await dir.remove();
    }
  });

  it('raises a clock alarm when its clock was reset to 1970, and stamps events with the hub-corrected time', async () => {
    const dir = await tempDir();
    const hub = await startHub(dir.path);
    const t0 = performance.now();
    const clock = new ClockSync({ wallNow: () => 86_400_000 + Math.round(performance.now() - t0) }); // 1970-01-02
    const c = await makeController(hub, dir.path, 'dorm-1');
    const controller = new Controller(c.controller.config, { drivers: c.drivers, logger: c.logger, privateKey: loadPrivateKey(c.privateKeyPem), clock });
    try {
      await controller.start();
      await waitFor('clock alarm at the hub', async () => {
        const events = (await api(hub, 'GET', '/api/events?deviceId=dorm-1')).body.events as { pointId: string; kind: string }[];
        return events.some((e) => e.pointId === 'controller' && e.kind === 'alarm');
      });
      const [alarm] = (await api(hub, 'GET', '/api/events?deviceId=dorm-1')).body.events as { deviceTimeMs: number; receivedAtMs: number }[];
      assert.ok(Math.abs(alarm!.deviceTimeMs - alarm!.receivedAtMs) < 10_000, `event time ${alarm!.deviceTimeMs} is the hub's time, not 1970`);
      assert.equal(c.logger.find('controller.clock_offset').length, 1);
    } finally {
      await controller.stop();
      await hub.stop();
      await dir.remove();
    }
  });

  it('judges card validity by the hub-corrected clock: a card expired by hub time is denied on a clock 60 days behind', async () => {
    const dir = await tempDir();
    const hub = await startHub(dir.path);
    const DAY_MS = 86_400_000;
    const clock = new ClockSync({ wallNow: () => Date.now() - 60 * DAY_MS });
    await api(hub, 'POST', '/api/people', { personId: 'T1', name: 'Wang Wu', type: 'temporary' });
    await api(hub, 'POST', '/api/cards', { uid: '04AB12CD34', personId: 'T1', validUntil: Date.now() - 30 * DAY_MS });
    const c = await makeController(hub, dir.path, 'dorm-1');
    const controller = new Controller(c.controller.config, { drivers: c.drivers, logger: c.logger, privateKey: loadPrivateKey(c.privateKeyPem), clock });
    try {
      await controller.start();
      await waitFor('cards applied and clock corrected', () => controller.policy.version(2) > 0 && clock.appliedOffsetMs > 0);
      assert.deepEqual(controller.policy.decide('04AB12CD34'), { granted: false, reason: AccessReason.ACCESS_REASON_DENIED_EXPIRED });
    } finally {
      await controller.stop();
      await hub.stop();
      await dir.remove();
    }
  });
});
