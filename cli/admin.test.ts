/**
 * Enrolling a controller the way an installer does: the card office asks the hub for a one-time
 * code (`onecard admin device enroll`), the installer runs `onecard controller enroll` on the device,
 * the controller then authenticates with its new key; revoking the device ends its session and its
 * key is refused from then on.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hub } from '../hub/hub.js';
import { MemoryLogger } from '../lib/log.js';
import { adminToken, api, makeController, startHub, tempDir, waitFor } from '../test/helpers.js';

/** The test admin's token, which the CLI takes from $ONECARD_TOKEN. */
let token = '';

function onecard(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/onecard.js', ...args], { timeout: 30_000, env: { ...process.env, ONECARD_TOKEN: token } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('onecard admin and device enrollment', function () {
  this.timeout(60_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let logger: MemoryLogger;

  beforeEach(async () => {
    dir = await tempDir();
    logger = new MemoryLogger();
    hub = await startHub(dir.path, logger);
    token = await adminToken(hub);
  });
  afterEach(async () => {
    await hub.stop();
    await dir.remove();
  });

  it('enrolls a controller with a one-time code, then revokes it', async () => {
    const enroll = await onecard(['admin', '--hub', hub.url, 'device', 'enroll', 'dorm-3', '--name', 'dorm 3 door']);
    assert.equal(enroll.code, 0, enroll.stderr);
    const code = /code for dorm-3: (\S+)/.exec(enroll.stdout)?.[1];
    assert.ok(code, enroll.stdout);
    const keyFile = join(dir.path, 'dorm-3', 'device.key');
    const wrong = await onecard(['controller', 'enroll', '--hub', hub.url, '--device-id', 'dorm-3', '--code', 'AAAA-BBBB-CCCC', '--key', keyFile]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /enrollment refused: enrollment_refused/);
    const ok = await onecard(['controller', 'enroll', '--hub', hub.url, '--device-id', 'dorm-3', '--code', code, '--key', keyFile]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /device dorm-3 enrolled/);
    const spent = await onecard(['controller', 'enroll', '--hub', hub.url, '--device-id', 'dorm-3', '--code', code, '--key', keyFile]);
    assert.equal(spent.code, 1, 'a code works once');

    const c = await makeController(hub, dir.path, 'dorm-3', { register: false, keyPem: await readFile(keyFile, 'utf8') });
    try {
      await c.controller.start();
      await waitFor('enrolled controller online', () => c.controller.uplink.state === 'online');
      const list = await onecard(['admin', '--hub', hub.url, 'device', 'list']);
      assert.match(list.stdout, /dorm-3\s+online/);

      const open = await onecard(['admin', '--hub', hub.url, 'device', 'open-door', 'dorm-3', 'door-a']);
      assert.equal(open.code, 0, open.stderr);
      await waitFor('door opened by command', async () => /open_door \{"pointId":"door-a"\} done: door door-a opened/.test((await onecard(['admin', '--hub', hub.url, 'device', 'commands', 'dorm-3'])).stdout));

      const revoke = await onecard(['admin', '--hub', hub.url, 'device', 'revoke', 'dorm-3']);
      assert.equal(revoke.code, 0, revoke.stderr);
      await waitFor('session ended and the key refused on reconnect', () =>
        logger.find('gateway.session_rejected').some((r) => r.fields.reason === 'revoked'), 10_000);
      assert.notEqual(c.controller.uplink.state, 'online');
      const devices = (await api(hub, 'GET', '/api/devices')).body.devices;
      assert.equal(typeof devices[0].revokedAtMs, 'number');
    } finally {
      await c.controller.stop();
    }
  });

  it('manages people and cards and shows API errors with their code and field', async () => {
    assert.equal((await onecard(['admin', '--hub', hub.url, 'person', 'add', 'S1', '--name', 'Li Hua', '--type', 'student'])).code, 0);
    const card = await onecard(['admin', '--hub', hub.url, 'card', 'add', '04a1b2c3', '--person', 'S1']);
    assert.match(card.stdout, /card 04A1B2C3: issued to S1/);
    const lost = await onecard(['admin', '--hub', hub.url, 'card', 'lost', '04A1B2C3']);
    assert.match(lost.stdout, /card 04A1B2C3: lost, holder S1; blacklist version 1/);
    const twice = await onecard(['admin', '--hub', hub.url, 'card', 'lost', '04A1B2C3']);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /card_already_lost/);
    const bad = await onecard(['admin', '--hub', hub.url, 'person', 'add', 'S2', '--name', 'X', '--type', 'alien']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /invalid_body: .*\(field type\)/);
    const usage = await onecard(['admin', '--hub', hub.url, 'card', 'explode', 'X']);
    assert.equal(usage.code, 2);
    const unreachable = await onecard(['admin', '--hub', 'http://127.0.0.1:9', 'device', 'list']);
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /cannot reach the hub/);
  });
});
