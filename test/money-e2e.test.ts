/**
 * Money end to end, in one process over real WebSockets on loopback: a real hub (ledger on SQLite)
 * and a real controller with a shower point (journal, wallet, policy, uplink on emulated drivers).
 * Charges are appended to the controller's journal and counted by its wallet exactly as a point
 * does; the test checks what finance and the resident would see: the hub posts each charge once,
 * the balance comes back to the device with the seq it includes, the device's balance equals the
 * hub's, a resent event is not posted twice, and a charge written offline without authorisation
 * is held for review while one written with it is posted.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Hub } from '../hub/hub.js';
import { Controller } from '../controller/controller.js';
import { parseControllerConfig } from '../controller/config.js';
import { EmulatedDrivers } from '../emulators/drivers.js';
import { generateDeviceKeyPair, loadPrivateKey } from '../protocol/auth.js';
import { ChargeBasis, SpendRule, pb } from '../protocol/messages.js';
import { MemoryLogger } from '../lib/log.js';
import { api, issueCard, startHub, tempDir, waitFor } from './helpers.js';
import { rawDevice } from './raw-device.js';

const CARD = '04A1B2C3D4E5F6';
const ACCOUNT = 'person.S1';
const DEVICE = 'shower-ctl-1';

describe('money end to end: shower charges through the hub ledger and back to the device', function () {
  this.timeout(30_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let port: number;
  let controller: Controller;
  let keyPem: string;

  beforeEach(async () => {
    dir = await tempDir();
    hub = await startHub(dir.path);
    port = Number(new URL(hub.url).port);
    await issueCard(hub, CARD, 'S1');
    assert.equal((await api(hub, 'POST', `/api/accounts/${ACCOUNT}/topups`, { amountFen: 5000, reference: 'CASH-1' })).status, 201);
    assert.equal((await api(hub, 'PUT', '/api/tariffs/shower-std', { basis: 'per_litre', priceMillifen: 25_000, fallbackPriceMillifenPerSecond: 150 })).status, 201);
    const keys = generateDeviceKeyPair();
    keyPem = keys.privateKeyPem;
    assert.equal((await api(hub, 'POST', '/api/devices', { deviceId: DEVICE, publicKey: keys.publicKeyBase64 })).status, 201);
    const config = parseControllerConfig({
      configVersion: 1,
      deviceId: DEVICE,
      dataDir: join(dir.path, DEVICE),
      keyFile: join(dir.path, DEVICE, 'device.key'),
      hub: { url: hub.deviceUrl, reconnectMinMs: 20, reconnectMaxMs: 200, heartbeatIntervalMs: 5000 },
      points: [{ kind: 'shower', id: 'shower-1', tariff: 'shower-std', reader: { driver: 'emulated' }, valve: { driver: 'emulated' } }],
    });
    controller = new Controller(config, { drivers: new EmulatedDrivers(), logger: new MemoryLogger(), privateKey: loadPrivateKey(keyPem) });
    await controller.start();
    await waitFor('the device online with the balance and the tariff', () =>
      controller.isOnline() && controller.wallet.balance(ACCOUNT) === 5000 && controller.policy.tariff('shower-std') !== undefined);
  });

  afterEach(async () => {
    await controller.stop();
    await hub.stop();
    await dir.remove();
  });

  /** Appends a charge to the journal and counts it in the wallet, as the shower point does. */
  function charge(amountFen: number): number {
    const appended = controller.journal.append({
      pointId: 'shower-1',
      charge: { cardUid: CARD, accountId: ACCOUNT, amountFen, tariffId: 'shower-std', sessionId: `shower-1-${Date.now()}`, basis: ChargeBasis.CHARGE_BASIS_VOLUME, volumeMl: amountFen * 40, spendRule: SpendRule.SPEND_RULE_BALANCE },
    });
    assert.ok(appended.ok, 'journalled');
    controller.wallet.recordCharge({ seq: appended.seq, accountId: ACCOUNT, cardUid: CARD, amountFen, durable: appended.durable });
    return appended.seq;
  }

  const hubBalance = async () => (await api(hub, 'GET', `/api/accounts/${ACCOUNT}`)).body.account.balanceFen as number;
  const charges = async () => ((await api(hub, 'GET', `/api/accounts/${ACCOUNT}/transfers`, undefined, { reason: 'checking the charges posted' })).body.transfers as { transferId: string; kind: string; amountFen: number }[]).filter((t) => t.kind === 'charge');
  const pushedSeq = () => controller.policy.balance(ACCOUNT)?.postedSeq ?? 0;

  /** Stops the hub, runs `offline` while the controller cannot reach it, then starts it again on the same port. */
  async function hubOutage(offline: () => void): Promise<void> {
    await hub.stop();
    await waitFor('the controller offline', () => !controller.isOnline());
    offline();
    hub = await startHub(dir.path, new MemoryLogger(), { port });
    await waitFor('the controller back online', () => controller.isOnline());
  }

  it('posts a charge once; the balance reaches the device with the seq it includes, and the device balance equals the hub balance', async () => {
    const seq = charge(230);
    assert.equal(controller.wallet.balance(ACCOUNT), 4770, 'the device counts its own charge at once');
    await waitFor('the hub posts the charge', async () => (await hubBalance()) === 4770);
    await waitFor('the balance pushed back with the charge in it', () => pushedSeq() >= seq);
    assert.deepEqual(controller.policy.balance(ACCOUNT), { accountId: ACCOUNT, balanceFen: 4770, postedSeq: pushedSeq() });
    assert.equal(controller.wallet.balance(ACCOUNT), 4770, 'not counted twice once the hub includes it');
    assert.deepEqual((await charges()).map((t) => [t.transferId, t.amountFen]), [[`${DEVICE}:${seq}`, -230]]);
    assert.equal((await api(hub, 'GET', `/api/accounts/merchant.${DEVICE}`)).body.account.balanceFen, 230);
    await waitFor('balances lag 0', async () => {
      const d = ((await api(hub, 'GET', '/api/devices')).body.devices as { datasets: Record<string, { lag: number }> }[])[0]!;
      return d.datasets.balances!.lag === 0 && d.datasets.tariffs!.lag === 0;
    });

    // The same event delivered again (a resend after a lost ack, here by a session with the device's key): stored once, posted once.
    const stored = await hub.db.selectFrom('events').select('payload').where('device_id', '=', DEVICE).where('seq', '=', seq).executeTakeFirstOrThrow();
    const event = pb.Event.decode(stored.payload);
    await controller.stop();
    const resend = await rawDevice(hub, DEVICE, keyPem);
    resend.send({ events: { events: [event] } });
    await waitFor('the hub acks the resent event', () => resend.frames.some((f) => f.body === 'ack'));
    await resend.close();
    assert.equal(await hubBalance(), 4770);
    assert.equal((await charges()).length, 1, 'not posted twice');
    await controller.start();
    await waitFor('online again', () => controller.isOnline());
    assert.equal(controller.wallet.balance(ACCOUNT), await hubBalance());
  });

  it('holds a charge written offline without authorisation for review; posts one written offline with it', async () => {
    let held = 0;
    await hubOutage(() => (held = charge(300)));
    await waitFor('the held charge listed for review', async () =>
      ((await api(hub, 'GET', '/api/events?held=1')).body.events as { seq: number; heldReason: string }[]).some((e) => e.seq === held && e.heldReason === 'unauthorised_offline'));
    assert.equal(await hubBalance(), 5000, 'not settled');
    assert.deepEqual(await charges(), []);
    // A later top-up pushes the balance with a posted seq past the held charge: the device now shows what the hub holds.
    assert.equal((await api(hub, 'POST', `/api/accounts/${ACCOUNT}/topups`, { amountFen: 100, reference: 'CASH-2' })).status, 201);
    await waitFor('the device balance equals the hub balance', () => pushedSeq() >= held && controller.wallet.balance(ACCOUNT) === 5100);

    const command = await api(hub, 'POST', `/api/devices/${DEVICE}/commands`, { setOfflineAuthorisation: { untilUnixMs: Date.now() + 3_600_000 } });
    assert.equal(command.status, 201);
    await waitFor('offline work authorised on the device', () => controller.offlineAuthorisation.isAuthorised());
    let authorised = 0;
    await hubOutage(() => (authorised = charge(400)));
    await waitFor('the authorised offline charge posted', async () => (await hubBalance()) === 4700);
    const events = (await api(hub, 'GET', `/api/events?deviceId=${DEVICE}&afterSeq=${held - 1}`)).body.events as { seq: number; kind: string; offline: boolean; offlineAuthorised: boolean; heldReason: string | null; transferId: string | null }[];
    assert.deepEqual(events.filter((e) => e.kind === 'charge').map((e) => [e.seq, e.offline, e.offlineAuthorised, e.heldReason, e.transferId]), [
      [held, true, false, 'unauthorised_offline', null],
      [authorised, true, true, null, `${DEVICE}:${authorised}`],
    ]);
    await waitFor('the device balance equals the hub balance', () => pushedSeq() >= authorised && controller.wallet.balance(ACCOUNT) === 4700);
  });
});
