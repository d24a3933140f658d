/**
 * Devices over wss: the hub serves devices on a listener of their own with a TLS certificate, the
 * controller verifies it against the CA file in its config; plain ws is refused off loopback on both
 * sides unless explicitly allowed.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import https from 'node:https';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hub } from '../hub/hub.js';
import { Controller } from '../controller/controller.js';
import { parseControllerConfig, ConfigError } from '../controller/config.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { generateDeviceKeyPair, loadPrivateKey } from '../protocol/auth.js';
import { MemoryLogger } from '../lib/log.js';
import { api, tempDir, waitFor } from './helpers.js';

describe('devices over wss', function () {
  this.timeout(30_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub | null = null;
  let controller: Controller | null = null;

  beforeEach(async () => {
    dir = await tempDir();
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=onecard test hub', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir.path, 'hub.key'), '-out', join(dir.path, 'hub.crt'),
    ], { stdio: 'ignore' });
  });
  afterEach(async () => {
    await controller?.stop();
    await hub?.stop();
    controller = null;
    hub = null;
    await dir.remove();
  });

  async function startTlsHub(): Promise<Hub> {
    const h = new Hub({
      dbUrl: `sqlite:${join(dir.path, 'hub.sqlite')}`, host: '127.0.0.1', port: 0, logger: new MemoryLogger(),
      deviceListen: { host: '127.0.0.1', port: 0, tls: { certPem: await readFile(join(dir.path, 'hub.crt'), 'utf8'), keyPem: await readFile(join(dir.path, 'hub.key'), 'utf8') } },
    });
    await h.start();
    return h;
  }

  function controllerFor(url: string, keys: { privateKeyPem: string }, extraHub: Record<string, unknown>, logger: MemoryLogger): Controller {
    const config = parseControllerConfig({
      configVersion: 1, deviceId: 'dorm-1', dataDir: join(dir.path, 'dorm-1'), keyFile: join(dir.path, 'unused.key'),
      hub: { url, reconnectMinMs: 20, reconnectMaxMs: 100, ...extraHub },
      points: [{ kind: 'door', id: 'door-a', reader: { driver: 'emulated' }, relay: { driver: 'emulated' } }],
    });
    return new Controller(config, { drivers: new EmulatedDrivers(), logger, privateKey: loadPrivateKey(keys.privateKeyPem) });
  }

  it('connects a controller that trusts the hub certificate, and refuses one that does not', async () => {
    hub = await startTlsHub();
    assert.match(hub.deviceUrl, /^wss:\/\/127\.0\.0\.1:\d+\/v1\/device$/);
    const keys = generateDeviceKeyPair();
    assert.equal((await api(hub, 'POST', '/api/devices', { deviceId: 'dorm-1', publicKey: keys.publicKeyBase64 })).status, 201);

    const untrusting = new MemoryLogger();
    controller = controllerFor(hub.deviceUrl, keys, {}, untrusting);
    await controller.start();
    await waitFor('a TLS failure', () => untrusting.find('uplink.socket_error').some((r) => /certificate/i.test(String(r.fields.error))), 10_000);
    assert.notEqual(controller.uplink.state, 'online');
    await controller.stop();

    const trusting = new MemoryLogger();
    controller = controllerFor(hub.deviceUrl, keys, { caFile: join(dir.path, 'hub.crt') }, trusting);
    await controller.start();
    await waitFor('online over wss', () => controller!.uplink.state === 'online', 10_000);
    const devices = (await api(hub, 'GET', '/api/devices')).body.devices;
    assert.equal(devices[0].online, true);
    // The device listener serves devices only.
    const ca = await readFile(join(dir.path, 'hub.crt'), 'utf8');
    const status = (path: string) =>
      new Promise<number>((resolve, reject) => {
        https.get(hub!.deviceUrl.replace(/^wss/, 'https').replace('/v1/device', path), { ca }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
    assert.equal(await status('/api/devices'), 404, 'the operator API is not on the device listener');
    assert.equal(await status('/api/health'), 200);
  });

  it('refuses plain ws off loopback unless explicitly allowed, at the hub and at the controller', async () => {
    const plain = new Hub({ dbUrl: 'sqlite::memory:', host: '127.0.0.1', port: 0, logger: new MemoryLogger(), deviceListen: { host: '0.0.0.0', port: 0 } });
    await assert.rejects(plain.start(), /refusing plain ws for devices on 0\.0\.0\.0/);
    const doc = {
      configVersion: 1, deviceId: 'dorm-1', dataDir: 'd', keyFile: 'k',
      hub: { url: 'ws://10.1.2.3:8781/v1/device' },
      points: [{ kind: 'door', id: 'door-a', reader: { driver: 'emulated' }, relay: { driver: 'emulated' } }],
    };
    assert.throws(() => parseControllerConfig(doc), (err: Error) => err instanceof ConfigError && /hub\.url: plain ws:\/\/ to 10\.1\.2\.3/.test(err.message));
    assert.equal(parseControllerConfig({ ...doc, hub: { ...doc.hub, allowPlainWs: true } }).hub.allowPlainWs, true);
    assert.equal(parseControllerConfig({ ...doc, hub: { url: 'ws://127.0.0.1:8780/v1/device' } }).hub.allowPlainWs, false);
  });
});
