/** An operator opens a door from the hub: the command reaches the controller once, even across a reconnect, and never late. */
import { strict as assert } from 'node:assert';
import { Hub } from '../hub/hub.js';
import { api, makeController, startHub, tempDir, waitFor, type TestController } from './helpers.js';

describe('commands from the hub to a controller', function () {
  this.timeout(20_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let c: TestController;

  beforeEach(async () => {
    dir = await tempDir();
    hub = await startHub(dir.path);
    c = await makeController(hub, dir.path, 'dorm-1');
  });
  afterEach(async () => {
    await c.controller.stop();
    await hub.stop();
    await dir.remove();
  });

  const command = async (id: string) => (await api(hub, 'GET', '/api/devices/dorm-1/commands')).body.commands.find((x: { commandId: string }) => x.commandId === id);
  const energised = () => c.drivers.relayNamed('door-a/relay').calls.filter((x) => x.energised).length;

  it('opens the door of an online controller once and records the result and a remote-grant event', async () => {
    await c.controller.start();
    await waitFor('online', () => c.controller.uplink.state === 'online');
    const created = await api(hub, 'POST', '/api/devices/dorm-1/commands', { openDoor: { pointId: 'door-a' } });
    assert.equal(created.status, 201);
    const id = created.body.command.commandId as string;
    await waitFor('command done', async () => (await command(id))?.status === 'done');
    assert.equal((await command(id)).detail, 'door door-a opened');
    assert.equal(energised(), 1);
    await waitFor('remote grant at the hub', async () => {
      const events = (await api(hub, 'GET', '/api/events?deviceId=dorm-1')).body.events as { reason: string; granted: boolean }[];
      return events.some((e) => e.granted && e.reason === 'granted_remote');
    });
  });

  it('delivers a command made while the controller was offline when it reconnects, once', async () => {
    const created = await api(hub, 'POST', '/api/devices/dorm-1/commands', { openDoor: { pointId: 'door-a' } });
    const id = created.body.command.commandId as string;
    assert.equal((await command(id)).status, 'pending');
    await c.controller.start();
    await waitFor('command done after reconnect', async () => (await command(id))?.status === 'done');
    assert.equal(energised(), 1);
  });

  it('never delivers an expired command, and reports a failure for an unknown door', async () => {
    const late = await api(hub, 'POST', '/api/devices/dorm-1/commands', { openDoor: { pointId: 'door-a' } });
    await hub.db.updateTable('device_commands').set({ expires_at_ms: Date.now() - 1 }).where('command_id', '=', late.body.command.commandId).execute();
    await c.controller.start();
    await waitFor('online', () => c.controller.uplink.state === 'online');
    await waitFor('expired', async () => (await command(late.body.command.commandId))?.status === 'expired');
    const wrong = await api(hub, 'POST', '/api/devices/dorm-1/commands', { openDoor: { pointId: 'back-door' } });
    await waitFor('failed', async () => (await command(wrong.body.command.commandId))?.status === 'failed');
    assert.equal(energised(), 0, 'the door never opened');
  });

  it('refuses a malformed command and a command for an unknown device', async () => {
    const bad = await api(hub, 'POST', '/api/devices/dorm-1/commands', { openDoor: {} });
    assert.deepEqual([bad.status, bad.body.error.code, bad.body.error.field], [400, 'invalid_body', 'openDoor.pointId']);
    const unknown = await api(hub, 'POST', '/api/devices/ghost/commands', { openDoor: { pointId: 'door-a' } });
    assert.equal(unknown.status, 404);
  });
});
