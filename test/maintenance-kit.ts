/**
 * Test support for maintenance end to end: a real hub (SQLite or PostgreSQL) and a real controller
 * `dorm-7` on emulated hardware with a door (`door-a`, its relay's feedback input wired), a shower
 * (`shower-1`, emulated water at 8 L/min) and a room (`room-1`, a DDS238 meter polled every second,
 * `meter_silent` at the first failed read), with short self-test timings; its wall clock is an
 * EmulatedWallClock a test can jump. Remote self-tests through the API, the device's runs and tickets.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Controller } from '../controller/controller.js';
import { ClockSync } from '../controller/clock-sync.js';
import { parseControllerConfig } from '../controller/config.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { EmulatedWallClock } from '../emulators/wall-clock.js';
import { MemoryLogger } from '../lib/log.js';
import { generateDeviceKeyPair, loadPrivateKey } from '../protocol/auth.js';
import type { Hub } from '../hub/hub.js';
import { api, operatorToken, startHubOn, tempDir, waitFor } from './helpers.js';

export const DEVICE = 'dorm-7';

export interface MaintenanceKit {
  hub: Hub;
  controller: Controller;
  drivers: EmulatedDrivers;
  wall: EmulatedWallClock;
  /** A maintenance operator's token. */
  maintenance: string;
  /** Runs a remote self-test of these suites through the hub; resolves with its run id once every step is at the hub. */
  remoteSelfTest(only: string[]): Promise<string>;
  /** The device's self-test run of this id, as GET /api/devices/{id}/selftests lists it. */
  run(runId: string): Promise<any>;
  tickets(query?: string): Promise<any[]>;
  /** An API call as the maintenance operator. */
  api(method: string, path: string, body?: unknown): ReturnType<typeof api>;
  /** The device's events at the hub. */
  events(): Promise<any[]>;
  /** Journals an alarm at the controller as a point does, and waits until it is durable. */
  alarm(pointId: string, kind: string, active: boolean, detail: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startMaintenanceKit(backend: 'sqlite' | 'postgres', hubOptions: Parameters<typeof startHubOn>[3] = {}): Promise<MaintenanceKit> {
  const dir = await tempDir();
  const hub = await startHubOn(backend, dir.path, new MemoryLogger(), hubOptions);
  let controller: Controller | null = null;
  try {
    const maintenance = await operatorToken(hub, 'wang.maint', ['maintenance']);
    const keys = generateDeviceKeyPair();
    const registered = await api(hub, 'POST', '/api/devices', { deviceId: DEVICE, publicKey: keys.publicKeyBase64 }, { token: maintenance });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const config = parseControllerConfig({
      configVersion: 1,
      deviceId: DEVICE,
      dataDir: join(dir.path, DEVICE),
      keyFile: join(dir.path, DEVICE, 'device.key'),
      hub: { url: hub.deviceUrl, reconnectMinMs: 20, reconnectMaxMs: 200, heartbeatIntervalMs: 5000 },
      points: [
        { kind: 'door', id: 'door-a', openDurationMs: 200, reader: { driver: 'emulated' }, relay: { driver: 'emulated' } },
        { kind: 'shower', id: 'shower-1', tariff: 'hot', reader: { driver: 'emulated' }, valve: { driver: 'emulated' }, flowSensor: { driver: 'emulated', flowPulsesPerSecond: 60 }, pulsesPerLitre: 450 },
        { kind: 'room', id: 'room-1', accountId: 'room.1', tariff: 'power', meter: { driver: 'emulated', model: 'dds238', energyWh: 500_000 }, pollIntervalMs: 1000, silentAfterFailedReads: 1 },
      ],
      selfTest: {
        hub: 'required', feedback: { 'door-a/relay': { driver: 'emulated' } }, relayPulseMs: 50, readerAttachTimeoutMs: 200,
        valveOpenMs: 500, valveSettleMs: 200, valveClosedWatchMs: 300, storageP99LimitMs: 60_000, hubTimeoutMs: 5000,
      },
    });
    const drivers = new EmulatedDrivers();
    const wall = new EmulatedWallClock();
    controller = new Controller(config, { drivers, logger: new MemoryLogger(), privateKey: loadPrivateKey(keys.privateKeyPem), clock: new ClockSync({ wallNow: () => wall.now() }) });
    await controller.start();
    const c = controller;
    await waitFor('the controller online', () => c.uplink.state === 'online');
    const as = { token: maintenance };
    const runs = async () => (await api(hub, 'GET', `/api/devices/${DEVICE}/selftests`, undefined, as)).body.runs as any[];
    return {
      hub, controller: c, drivers, wall, maintenance,
      async remoteSelfTest(only) {
        const created = await api(hub, 'POST', `/api/devices/${DEVICE}/commands`, { runSelfTest: { only } }, as);
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const id = created.body.command.commandId as string;
        await waitFor(`self-test ${id} answered and its steps at the hub`, async () => {
          const run = (await runs()).find((r) => r.runId === id);
          return run?.command?.status === 'done' && run.summary.steps === Number(/: (\d+) steps/.exec(run.command.detail)?.[1]);
        }, 20_000, 20);
        return id;
      },
      async run(runId) {
        const run = (await runs()).find((r) => r.runId === runId);
        assert.ok(run, `no run ${runId} at the hub`);
        return run;
      },
      api: (method, path, body) => api(hub, method, path, body, as),
      tickets: async (query = '') => (await api(hub, 'GET', `/api/tickets${query}`, undefined, as)).body.tickets as any[],
      events: async () => (await api(hub, 'GET', `/api/events?deviceId=${DEVICE}&limit=1000`, undefined, as)).body.events as any[],
      async alarm(pointId, kind, active, detail) {
        const appended = c.journal.append({ pointId, alarm: { kind, active, detail } });
        assert.ok(appended.ok, 'journalled');
        await appended.durable;
      },
      async stop() {
        await c.stop();
        await hub.stop();
        await dir.remove();
      },
    };
  } catch (err) {
    await controller?.stop().catch(() => undefined);
    await hub.stop().catch(() => undefined);
    await dir.remove();
    throw err;
  }
}
