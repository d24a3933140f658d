/**
 * The console's blacklist page in a real headless Chromium against a real hub and two real emulated
 * controllers: a card reported lost raises the version and each controller's applied version
 * catches up on the page; a stopped controller is highlighted as lagging after another change once
 * the threshold has passed; push now says which devices it went to; the auditor has no push button;
 * finance is refused the page and its API.
 */
import { strict as assert } from 'node:assert';
import type { Browser, Page } from 'playwright-core';
import type { Hub } from '../../hub/hub.js';
import { api, issueCard, makeController, operatorToken, startHub, tempDir, waitFor, type TestController } from '../helpers.js';
import { launchBrowser, logIn, openPage, screenshot } from './browser.js';

const NORTH = 'dorm-7-north';
const SOUTH = 'dorm-7-south';
const CARDS = ['04A1B2C3D4E5F6', '04A1B2C3D4E5F7', '04A1B2C3D4E5F8', '04A1B2C3D4E5F9', '04A1B2C3D4E5FA', '04A1B2C3D4E5FB'];

describe('web console: blacklist page (headless Chromium, two emulated controllers)', function () {
  this.timeout(60_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let browser: Browser;
  let north: TestController;
  let south: TestController;
  let page: Page;
  /** The hub's clock runs this far ahead of the real one (the lag threshold is a time). */
  let aheadMs = 0;

  const post = async (path: string, body?: unknown) => {
    const res = await api(hub, 'POST', path, body);
    assert.ok(res.status < 300, `${path}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const version = async () => (await api(hub, 'GET', '/api/blacklist')).body.version as number;
  const row = (deviceId: string) => `[data-testid=devices] tr[data-key=${deviceId}]`;
  /** Waits until the element shows exactly this text (a selector, not a function: the console's CSP forbids eval). */
  const waitText = (selector: string, text: string | number) => page.waitForSelector(`${selector}:text-is(${JSON.stringify(String(text))})`);

  before(async () => {
    dir = await tempDir();
    hub = await startHub(dir.path, undefined, { now: () => Date.now() + aheadMs });
    browser = await launchBrowser();
    north = await makeController(hub, dir.path, NORTH);
    south = await makeController(hub, dir.path, SOUTH);
    await north.controller.start();
    await south.controller.start();
    await waitFor('both controllers online', () => north.controller.uplink.state === 'online' && south.controller.uplink.state === 'online');
    for (const [i, uid] of CARDS.entries()) await issueCard(hub, uid, `S2026000${i + 1}`);
    // Some history: a card lost and found again, one replaced, a holder who left.
    await post(`/api/cards/${CARDS[0]}/lost`);
    await post(`/api/cards/${CARDS[0]}/found`);
    await post(`/api/cards/${CARDS[1]}/replace`, { newUid: '04B1B2C3D4E5F6', defective: true });
    await post('/api/people/S20260003/cancel');
  });

  after(async () => {
    await browser?.close();
    await north?.controller.stop();
    await south?.controller.stop();
    await hub?.stop();
    await dir?.remove();
  });

  it("shows a card reported lost raising the version, and each controller's applied version catching up", async () => {
    ({ page } = await logIn(browser, hub, 'sun.card', ['card_office']));
    await openPage(page, 'blacklist', '[data-testid=devices]');
    assert.equal((await page.textContent('main h1'))?.trim(), '黑名单');
    const before = await version();
    await waitText('[data-testid=fig-version] .value', before);
    await post(`/api/cards/${CARDS[3]}/lost`);
    await waitText('[data-testid=fig-version] .value', before + 1);
    for (const id of [NORTH, SOUTH]) await waitText(`${row(id)} [data-testid=applied-version]`, before + 1);
    await waitText('[data-testid=fig-current] .value', '2 / 2');
    // The newest change first: the card, what happened, no holder.
    const first = '[data-testid=changes] tbody tr:first-child';
    assert.equal((await page.textContent(`${first} [data-testid=card-uid]`))?.trim(), CARDS[3]);
    assert.equal((await page.textContent(`${first} [data-testid=change]`))?.trim(), '挂失');
    assert.doesNotMatch((await page.textContent('main')) ?? '', /Li Hua|S2026000/);
  });

  it('highlights the stopped controller as lagging after another change, once the threshold has passed', async () => {
    await south.controller.stop();
    await page.waitForSelector(`${row(SOUTH)} .badge.bad`);
    const changed = await post(`/api/cards/${CARDS[4]}/lost`);
    await waitText(`${row(NORTH)} [data-testid=applied-version]`, changed.blacklistVersion);
    await waitText(`${row(SOUTH)} [data-testid=lag]`, 1);
    // Behind by a version for less than the default 60 s: catching up, not yet lagging.
    assert.equal(await page.getAttribute(row(SOUTH), 'class'), 'warn');
    // A threshold of 0 s highlights it at once; back at 60 s, it is highlighted once 61 s have passed.
    await page.fill('[data-testid=lag-seconds]', '0');
    await page.waitForSelector(`${row(SOUTH)}.lagging [data-testid=lagging]`);
    await page.fill('[data-testid=lag-seconds]', '60');
    await page.waitForSelector(`${row(SOUTH)}.warn`);
    aheadMs += 61_000;
    await page.waitForSelector(`${row(SOUTH)}.lagging`);
    await waitText('[data-testid=fig-lagging] .value', 1);
    assert.equal(await page.getAttribute(row(NORTH), 'class'), '');
  });

  it('pushes now after saying what will happen, and shows the devices it went to', async () => {
    await page.click('[data-testid=push]');
    const consequence = (await page.textContent('[data-testid=confirm-dialog]')) ?? '';
    assert.match(consequence, /全部 1 台在线设备/);
    assert.match(consequence, new RegExp(`离线的 1 台设备（${SOUTH}）`));
    await page.click('[data-testid=confirm]');
    await page.waitForSelector('[data-testid=push-result]');
    const current = await version();
    assert.equal((await page.textContent('[data-testid=pushed-to]'))?.trim(), `已推送第 ${current} 版至：${NORTH}`);
    assert.match((await page.textContent('[data-testid=push-offline]')) ?? '', new RegExp(SOUTH));
    const audit = await api(hub, 'GET', '/api/audit?action=blacklist.push');
    assert.deepEqual(audit.body.entries.map((e: any) => [e.operatorId, e.status]), [['sun.card', 200]]);
    await screenshot(page, '03-blacklist');

    await south.controller.start();
    await waitText(`${row(SOUTH)} [data-testid=applied-version]`, current);
    await page.waitForSelector(`${row(SOUTH)}:not(.lagging):not(.warn)`);
    await waitText('[data-testid=fig-lagging] .value', 0);
    await page.context().close();
  });

  it('shows the auditor the page without the push button', async () => {
    const auditor = await logIn(browser, hub, 'zhao.audit', ['auditor']);
    await openPage(auditor.page, 'blacklist', '[data-testid=devices]');
    await auditor.page.waitForSelector(`${row(NORTH)}`);
    assert.equal(await auditor.page.locator('[data-testid=push]').count(), 0);
    await auditor.context.close();
  });

  it('refuses finance the page by address, and its API with 403', async () => {
    const finance = await logIn(browser, hub, 'li.finance', ['finance']);
    await finance.page.goto(`${hub.url}/console/#/blacklist`);
    await finance.page.waitForSelector('main [data-testid=error][data-code=forbidden]');
    assert.equal((await finance.page.textContent('main h1'))?.trim(), '黑名单');
    assert.match((await finance.page.textContent('main [data-testid=error]')) ?? '', /您的角色无权执行此操作/);
    assert.equal(await finance.page.locator('[data-testid=devices]').count(), 0);
    const token = await operatorToken(hub, 'li.finance', ['finance']);
    for (const [method, path] of [['GET', '/api/blacklist'], ['POST', '/api/blacklist/push']] as const) {
      const res = await api(hub, method, path, undefined, { token });
      assert.deepEqual([res.status, res.body.error.code], [403, 'forbidden'], path);
    }
    await finance.context.close();
  });
});
