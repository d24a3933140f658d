/**
 * The console shell in a real headless Chromium against a real hub and an emulated controller:
 * served by the hub, Chinese by default with an English switch, logging in through the hub's
 * operators, a menu of only what the role may open, and the overview showing the controller.
 */
import { strict as assert } from 'node:assert';
import type { Browser } from 'playwright-core';
import type { Hub } from '../../hub/hub.js';
import { api, issueCard, makeController, startHub, tempDir, waitFor, type TestController } from '../helpers.js';
import { launchBrowser, logIn, screenshot } from './browser.js';

describe('web console shell (headless Chromium)', function () {
  this.timeout(60_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let browser: Browser;
  let north: TestController;

  before(async () => {
    dir = await tempDir();
    hub = await startHub(dir.path);
    browser = await launchBrowser();
    north = await makeController(hub, dir.path, 'dorm-7-north');
    await north.controller.start();
    await waitFor('controller online', () => north.controller.uplink.state === 'online');
    await issueCard(hub, '04A1B2C3D4E5F6', 'S20260001');
  });

  after(async () => {
    await browser?.close();
    await north?.controller.stop();
    await hub?.stop();
    await dir?.remove();
  });

  it('serves the console at / with a strict content security policy', async () => {
    const res = await fetch(`${hub.url}/`, { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/console/');
    const page = await fetch(`${hub.url}/console/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(await page.text(), /<script type="module" src="app.js">/);
    const js = await fetch(`${hub.url}/console/app.js`);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    const again = await fetch(`${hub.url}/console/app.js`, { headers: { 'if-none-match': js.headers.get('etag')! } });
    assert.equal(again.status, 304);
    assert.equal((await fetch(`${hub.url}/console/nothing.js`)).status, 404);
    assert.equal((await fetch(`${hub.url}/console/`, { method: 'POST' })).status, 405);
  });

  it('refuses a wrong password on the login form with the reason, in Chinese', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${hub.url}/console/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await page.fill('input[name=operatorId]', 'nobody');
    await page.fill('input[name=password]', 'not-the-password');
    await page.click('[data-testid=login-submit]');
    const error = await page.textContent('[data-testid=error]');
    assert.match(error ?? '', /^登录失败/);
    await screenshot(page, '00-login');
    await context.close();
  });

  it('shows the overview in Chinese with the controller online and its blacklist version, and switches to English', async () => {
    const { page, context } = await logIn(browser, hub, 'zhou.maint', ['maintenance']);
    await page.waitForSelector('[data-testid=devices] tr[data-key=dorm-7-north]');
    assert.equal((await page.textContent('main h1'))?.trim(), '概览');
    const current = (await api(hub, 'GET', '/api/overview')).body.blacklistVersion as number;
    // Selectors, not page functions: the console's CSP forbids eval, which string predicates need.
    await page.waitForSelector(`[data-testid=devices] tr[data-key=dorm-7-north] [data-testid=applied-version]:text-is("${current}")`);
    await screenshot(page, '01-overview');
    await page.click('[data-testid=lang]');
    assert.equal((await page.textContent('main h1'))?.trim(), 'Overview');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await context.close();
  });

  it('shows each role only the pages it may open', async () => {
    const menu = async (operatorId: string, roles: Parameters<typeof logIn>[3]) => {
      const { page, context } = await logIn(browser, hub, operatorId, roles);
      const ids = await page.$$eval('header nav a', (as) => as.map((a) => a.getAttribute('data-testid')!.slice(4)));
      await context.close();
      return ids;
    };
    assert.deepEqual(await menu('li.finance', ['finance']), ['overview', 'finance']);
    assert.deepEqual(await menu('zhao.audit', ['auditor']), ['overview', 'cards', 'blacklist', 'meters', 'activity', 'finance', 'maintenance', 'audit']);
    assert.ok(!(await menu('sun.card', ['card_office'])).includes('audit'));
  });

  it('refuses a page the role may not open when it is asked for by address', async () => {
    const { page, context } = await logIn(browser, hub, 'wu.finance', ['finance']);
    await page.goto(`${hub.url}/console/#/audit`);
    await page.waitForSelector('main [data-testid=error][data-code=forbidden]');
    assert.equal((await page.textContent('main h1'))?.trim(), '审计日志');
    await context.close();
  });

  it('goes back to the login form when the session is revoked at the hub', async () => {
    const { page, context } = await logIn(browser, hub, 'qian.facil', ['facilities']);
    const token = (await page.evaluate("JSON.parse(sessionStorage.getItem('onecard.session')).token")) as string;
    assert.equal((await api(hub, 'DELETE', '/api/session', undefined, { token })).status, 200);
    // The overview's next refresh is refused (401): the console drops the session and asks to log in.
    await page.waitForSelector('[data-testid=login]');
    await context.close();
  });
});
