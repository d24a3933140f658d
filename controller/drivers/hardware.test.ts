/**
 * A controller built from its YAML config on real drivers: a PC/SC reader (nfc-pcsc over the real
 * pcscd with the vsmartcard virtual reader) and a relay on a GPIO character-device line (a fake of
 * node-libgpiod stands in for /dev/gpiochip*, which this machine lacks). The card office's cards
 * reach the controller from a real hub over a real WebSocket.
 */
import { strict as assert } from 'node:assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Controller } from '../controller.js';
import { loadControllerConfig } from '../config.js';
import { HardwareDrivers } from './hardware.js';
import { GpioBackends } from './gpio/index.js';
import { FakeLibgpiod } from './gpio/fake-node-libgpiod.js';
import { EmulatedDrivers } from '../../emulators/drivers.js';
import { VirtualCard } from '../../emulators/vpcd-card.js';
import { Hub } from '../../hub/hub.js';
import { generateDeviceKeyPair } from '../../protocol/auth.js';
import { MemoryLogger } from '../../lib/log.js';
import { api, startHub, tempDir, waitFor } from '../../test/helpers.js';
import { VPCD_READERS, ensurePcscd } from '../../test/pcscd.js';

const CARD = '04C0FFEE123456';
const VPCD = VPCD_READERS[0];

describe('controller on real drivers (PC/SC reader, GPIO relay) from its config file', function () {
  this.timeout(60_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let controller: Controller | null = null;
  let card: VirtualCard | null = null;

  before(() => ensurePcscd());

  beforeEach(async () => {
    dir = await tempDir();
    hub = await startHub(dir.path);
  });

  afterEach(async () => {
    await card?.remove();
    await controller?.stop();
    await hub.stop();
    await dir.remove();
  });

  it('grants a presented card through nfc-pcsc and drives the GPIO line of the door strike', async () => {
    const keys = generateDeviceKeyPair();
    await writeFile(join(dir.path, 'device.key'), keys.privateKeyPem);
    assert.equal((await api(hub, 'POST', '/api/devices', { deviceId: 'dorm-9', publicKey: keys.publicKeyBase64 })).status, 201);
    await api(hub, 'POST', '/api/people', { personId: 'P1', name: 'Li Hua', type: 'student' });
    await api(hub, 'POST', '/api/cards', { uid: CARD, personId: 'P1' });
    const configPath = join(dir.path, 'controller.yaml');
    await writeFile(configPath, [
      'configVersion: 1',
      'deviceId: dorm-9',
      'dataDir: ./data',
      'keyFile: ./device.key',
      `hub: { url: "${hub.deviceUrl}" }`,
      'points:',
      '  - kind: door',
      '    id: main-door',
      '    openDurationMs: 500',
      `    reader: { driver: pcsc, reader: "${VPCD.name}" }`,
      '    relay: { driver: gpiod, chip: gpiochip0, line: GPIO17, activeLow: true }',
      '',
    ].join('\n'));
    const config = await loadControllerConfig(configPath);
    const gpiod = new FakeLibgpiod([{ name: 'gpiochip0', label: 'pinctrl-rp1', lineNames: Array.from({ length: 28 }, (_, i) => `GPIO${i}`) }]);
    const logger = new MemoryLogger();
    const drivers = new HardwareDrivers({ logger, emulated: new EmulatedDrivers(), gpio: new GpioBackends({ logger, loadGpiod: async () => gpiod.module }) });
    controller = new Controller(config, { drivers, logger });
    await controller.start();
    assert.equal(gpiod.level('gpiochip0', 17), 1, 'active-low strike line idles high (locked)');
    await waitFor('cards dataset applied', () => controller!.policy.decide(CARD).granted, 10_000);
    const granted = new Promise<void>((resolve) => controller!.door('main-door').onDecision((d) => d.granted && d.cardUid === CARD && resolve()));
    card = new VirtualCard({ uid: CARD, port: VPCD.port, logger });
    assert.deepEqual(await card.present(), { ok: true });
    await granted;
    assert.equal(gpiod.level('gpiochip0', 17), 0, 'the strike line is driven low (energised) for the grant');
    await waitFor('strike released after openDurationMs', () => gpiod.level('gpiochip0', 17) === 1, 5000);
    await waitFor('access event stored at the hub', async () => (await api(hub, 'GET', '/api/events?deviceId=dorm-9')).body.events.length === 1, 5000);
  });
});
