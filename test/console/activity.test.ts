/**
 * The console's showers and doors page in a real headless Chromium against a real hub and a real
 * controller `dorm-7` on emulated hardware: a door with its door contact and three showers. With
 * the page open (no reload), a granted tap and a tap of a card reported lost show with their
 * reasons, a shower session shows with its litres and amount, a running one as running, and a door
 * held open and a leak as open alarms; card uids without holders' names.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Hub } from '../../hub/hub.js';
import { Controller } from '../../controller/controller.js';
import { parseControllerConfig } from '../../controller/config.js';
import { EmulatedDrivers } from '../../emulators/drivers.js';
import { generateDeviceKeyPair, loadPrivateKey } from '../../protocol/auth.js';
import { MemoryLogger } from '../../lib/log.js';
import { api, issueCard, startHub, tempDir, waitFor } from '../helpers.js';
import { launchBrowser, logIn, openPage, screenshot } from './browser.js';

const DEVICE = 'dorm-7';
const ALICE = '04A1B2C3D4E5F6';
const LOST = '04C0FFEE112233';
const CAROL = '04D4E5F6A7B8C9';
const BROKE = '04EEEE00000001';

describe('web console: showers and doors (headless Chromium)', function () {
  this.timeout(90_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let browser: Browser;
  let controller: Controller;
  let drivers: EmulatedDrivers;

  before(async () => {
    dir = await tempDir();
    hub = await startHub(dir.path);
    browser = await launchBrowser();
    const ok = async (method: string, path: string, body?: unknown) => {
      const res = await api(hub, method, path, body);
      assert.ok(res.status < 300, `${method} ${path}: ${JSON.stringify(res.body)}`);
    };
    await ok('PUT', '/api/tariffs/hot', { basis: 'per_litre', priceMillifen: 2_500, minimumChargeFen: 10, fallbackPriceMillifenPerSecond: 500 });
    for (const [uid, personId, fen] of [[ALICE, 'S2026001', 2000], [LOST, 'S2026002', 500], [CAROL, 'S2026003', 1500], [BROKE, 'S2026004', 0]] as const) {
      await issueCard(hub, uid, personId);
      if (fen > 0) await ok('POST', `/api/accounts/person.${personId}/topups`, { amountFen: fen, reference: `CASH-${personId}` });
    }
    const keys = generateDeviceKeyPair();
    await ok('POST', '/api/devices', { deviceId: DEVICE, publicKey: keys.publicKeyBase64 });
    const shower = (id: string) => ({
      kind: 'shower', id, tariff: 'hot', reader: { driver: 'emulated' }, valve: { driver: 'emulated' }, flowSensor: { driver: 'emulated' }, pulsesPerLitre: 450,
      progressIntervalMs: 1000, leakGraceMs: 200, leakPulses: 10,
    });
    const config = parseControllerConfig({
      configVersion: 1,
      deviceId: DEVICE,
      dataDir: join(dir.path, DEVICE),
      keyFile: join(dir.path, DEVICE, 'device.key'),
      hub: { url: hub.deviceUrl, reconnectMinMs: 20, reconnectMaxMs: 200, heartbeatIntervalMs: 5000 },
      points: [
        { kind: 'door', id: 'door-a', openDurationMs: 200, reader: { driver: 'emulated' }, relay: { driver: 'emulated' }, doorContact: { driver: 'emulated' }, heldOpenAlarmMs: 1000 },
        shower('shower-1'),
        shower('shower-2'),
        shower('shower-3'),
      ],
    });
    drivers = new EmulatedDrivers();
    controller = new Controller(config, { drivers, logger: new MemoryLogger(), privateKey: loadPrivateKey(keys.privateKeyPem) });
    await controller.start();
    await waitFor('the controller online with the balances and the tariff', () =>
      controller.uplink.state === 'online' && controller.wallet.balance('person.S2026001') === 2000 && controller.wallet.balance('person.S2026003') === 1500 && controller.policy.tariff('hot') !== undefined, 10_000);
    await ok('POST', `/api/cards/${LOST}/lost`);
    await waitFor('the lost card on the blacklist at the controller', () => !controller.policy.decide(LOST).granted, 10_000);
  });

  after(async () => {
    await browser?.close();
    await controller?.stop();
    await hub?.stop();
    await dir?.remove();
  });

  const text = async (page: Page, selector: string) => (await page.textContent(selector))?.trim() ?? '';
  /** Waits (polling from here: the console's CSP refuses page.waitForFunction's eval) for a selector to show. */
  const shows = (page: Page, selector: string, what: string) => waitFor(what, async () => (await page.$(selector)) !== null, 15_000, 100);

  it('shows taps granted and denied with the reason, a shower session with its amount, and a door held open as an open alarm, live', async () => {
    const { page, context } = await logIn(browser, hub, 'qian.facil', ['facilities']);
    await openPage(page, 'activity', '[data-testid=access]');
    await page.evaluate("window.__sameDocument = 'yes'");

    // At the door: a granted tap and a tap of the card reported lost.
    drivers.reader('door-a/reader').tap(ALICE);
    const granted = `[data-testid=access] tr:has([data-testid=card]:text-is("${ALICE}"))`;
    await shows(page, granted, 'the granted tap on the page');
    assert.equal(await text(page, `${granted} [data-testid=result]`), '通过');
    assert.equal(await page.getAttribute(`${granted} [data-testid=reason]`, 'data-reason'), 'granted');
    drivers.reader('door-a/reader').tap(LOST);
    const denied = `[data-testid=access] tr:has([data-testid=card]:text-is("${LOST}"))`;
    await shows(page, denied, 'the denied tap on the page');
    assert.equal(await text(page, `${denied} [data-testid=result]`), '拒绝');
    assert.equal(await text(page, `${denied} [data-testid=reason]`), '已挂失');
    assert.match((await page.getAttribute(denied, 'class')) ?? '', /\bwarn\b/);

    // A shower: 12 litres between two taps, ¥0.30 at ¥0.025 a litre.
    const valve = drivers.valveNamed('shower-1/valve');
    drivers.reader('shower-1/reader').tap(ALICE);
    await waitFor('the valve open', () => valve.isOpenNow(), 5000);
    drivers.pulseCounterNamed('shower-1/flow').pulse(5_400);
    await new Promise((r) => setTimeout(r, 700)); // the point reads the sensor every 500 ms
    drivers.reader('shower-1/reader').tap(ALICE);
    await waitFor('the valve closed', () => !valve.isOpenNow(), 5000);
    const session = `[data-testid=showers] tr:has([data-testid=end][data-end=tap])`;
    await shows(page, session, 'the closed shower session on the page');
    assert.equal(await text(page, `${session} [data-testid=card]`), ALICE);
    assert.equal(await text(page, `${session} [data-testid=litres]`), '12.0');
    assert.equal(await text(page, `${session} [data-testid=amount]`), '¥0.30');
    assert.equal(await text(page, `${session} [data-testid=end]`), '再次刷卡');

    // The door is pushed open and left open: forced open at once, held open after a second.
    drivers.input('door-a/contact').set(true);
    const heldOpen = '[data-testid=open-alarms] tr:has([data-kind=door_held_open])';
    await shows(page, heldOpen, 'the door held open among the open alarms');
    assert.match(await text(page, heldOpen), /门长时间未关.*dorm-7.*door-a/);
    await shows(page, '[data-testid=open-alarms] tr:has([data-kind=door_forced_open])', 'the door forced open among the open alarms');
    assert.equal(await page.evaluate('window.__sameDocument'), 'yes', 'all of it on the same page, never reloaded');

    // For the screenshot: a shower running, a tap refused for want of money, and a leak at an idle shower.
    drivers.reader('shower-2/reader').tap(CAROL);
    await waitFor('the second valve open', () => drivers.valveNamed('shower-2/valve').isOpenNow(), 5000);
    drivers.pulseCounterNamed('shower-2/flow').pulse(2_700);
    drivers.reader('shower-3/reader').tap(BROKE);
    await new Promise((r) => setTimeout(r, 400));
    drivers.pulseCounterNamed('shower-3/flow').pulse(40);
    await shows(page, '[data-testid=open-alarms] tr:has([data-kind=leak])', 'the leak among the open alarms');
    await shows(page, `[data-testid=showers] tr.running:has([data-testid=card]:text-is("${CAROL}"))`, 'the running session');
    await shows(page, `[data-testid=access] tr:has([data-testid=card]:text-is("${BROKE}"))`, 'the refused shower tap');
    await waitFor('the running session metered', async () => (await text(page, '[data-testid=showers] tr.running [data-testid=litres]')) === '6.0', 10_000, 100);
    assert.equal(await text(page, '[data-testid=fig-running] .value'), '1');
    assert.equal((await page.content()).includes('Li Hua'), false, "no holder's name on the page");
    await screenshot(page, '05-activity');
    await context.close();
  });

  it("filters by device, and the hub's refusal of an unknown id's form is shown", async () => {
    const { page, context } = await logIn(browser, hub, 'zhou.maint', ['maintenance']);
    await openPage(page, 'activity', '[data-testid=access] tbody tr[data-key]');
    await page.fill('[data-testid=device-filter]', 'dorm-9');
    await page.click('[data-testid=apply-filter]');
    await shows(page, '[data-testid=access] tbody tr:not([data-key])', 'no rows of another device');
    await page.fill('[data-testid=device-filter]', 'not a device!');
    await page.click('[data-testid=apply-filter]');
    await page.waitForSelector('[data-testid=error][data-code=invalid_query]');
    await page.fill('[data-testid=device-filter]', DEVICE);
    await page.click('[data-testid=apply-filter]');
    await shows(page, `[data-testid=access] tr[data-key^="${DEVICE}#"]`, 'the rows of the device again');
    await context.close();
  });

  it('is not in the menu of finance, and the hub refuses them the activity', async () => {
    const { page, context } = await logIn(browser, hub, 'li.finance', ['finance']);
    assert.equal(await page.$('[data-testid=nav-activity]'), null);
    await page.goto(`${hub.url}/console/#/activity`);
    await page.waitForSelector('main[data-page=activity] [data-testid=error][data-code=forbidden]');
    const token = (await page.evaluate("JSON.parse(sessionStorage.getItem('onecard.session')).token")) as string;
    assert.equal((await api(hub, 'GET', '/api/activity', undefined, { token })).status, 403);
    await context.close();
  });
});
