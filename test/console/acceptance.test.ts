/**
 * Issue 9's acceptance flows end to end in headless Chromium, against a real hub and a real
 * emulated controller over its WebSocket: a card office operator reports a card lost in the console
 * and watches the controller's applied blacklist version catch up on the overview; the hub refuses
 * an action the operator's role lacks and the console says so. (A meter's live value:
 * test/console/meters.test.ts; a correction approved by a second operator: test/console/finance.test.ts.)
 */
import { strict as assert } from 'node:assert';
import type { Browser } from 'playwright-core';
import type { Hub } from '../../hub/hub.js';
import { api, issueCard, makeController, startHub, tempDir, waitFor, type TestController } from '../helpers.js';
import { launchBrowser, logIn, openPage } from './browser.js';

const UID = '04A1B2C3D4E5F6';

describe('web console acceptance flows (headless Chromium)', function () {
  this.timeout(90_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let browser: Browser;
  let north: TestController;

  before(async () => {
    dir = await tempDir();
    hub = await startHub(dir.path);
    north = await makeController(hub, dir.path, 'dorm-7-north');
    await north.controller.start();
    await waitFor('controller online', () => north.controller.uplink.state === 'online');
    await issueCard(hub, UID, 'S20260001');
    await issueCard(hub, '04B2C3D4E5F607', 'S20260002');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await north?.controller.stop();
    await hub?.stop();
    await dir?.remove();
  });

  async function searchCard(page: import('playwright-core').Page, uid: string): Promise<void> {
    await openPage(page, 'cards', 'form');
    await page.fill('[data-testid=reason]', '学生挂失 student reports the card lost at the counter');
    await page.fill('[data-testid=search-q]', uid);
    await page.click('[data-testid=search-go]');
    await page.waitForSelector(`main [data-key="${uid}"]`);
  }

  it('reports a card lost in the console, and the overview shows the controller applying the new blacklist version', async () => {
    const before = (await api(hub, 'GET', '/api/overview')).body.blacklistVersion as number;
    const { page, context } = await logIn(browser, hub, 'sun.card', ['card_office']);
    await searchCard(page, UID);
    await page.click(`main [data-key="${UID}"] [data-testid=card-lost]`);
    await page.waitForSelector('[data-testid=confirm-dialog]');
    await page.click('[data-testid=confirm]');
    await waitFor('the card is lost at the hub', async () => (await api(hub, 'GET', `/api/cards/${UID}?reason=test`)).body.card?.status === 'lost');
    const after = (await api(hub, 'GET', '/api/overview')).body.blacklistVersion as number;
    assert.ok(after > before, `blacklist version ${after} > ${before}`);
    // The overview (refreshed every 2 s) shows the controller at the new version once it applied it.
    await openPage(page, 'overview', '.figures');
    // Selectors, not page functions: the console's CSP forbids eval, which string predicates need.
    await page.waitForSelector(`[data-testid=fig-blacklist-version] .value:text-is("${after}")`);
    await page.waitForSelector(`[data-testid=devices] tr[data-key=dorm-7-north] [data-testid=applied-version]:text-is("${after}")`, { timeout: 15_000 });
    // And the controller itself denies the card now.
    const decision = north.controller.policy.decide(UID);
    assert.equal(decision.granted, false);
    await context.close();
  });

  it("shows the hub's refusal when the operator's role no longer allows an action", async () => {
    const { page, context, operatorId } = await logIn(browser, hub, 'zhou.card', ['card_office']);
    await searchCard(page, '04B2C3D4E5F607');
    // An admin takes the card office role away while the operator's console is open.
    assert.equal((await api(hub, 'PATCH', `/api/operators/${operatorId}`, { roles: ['auditor'] })).status, 200);
    await page.click('main [data-key="04B2C3D4E5F607"] [data-testid=card-lost]');
    await page.click('[data-testid=confirm]');
    const error = page.locator('[data-testid=confirm-dialog] [data-testid=error]');
    assert.equal(await error.getAttribute('data-code'), 'forbidden');
    assert.match((await error.textContent()) ?? '', /您的角色无权执行此操作/);
    assert.equal((await api(hub, 'GET', '/api/cards/04B2C3D4E5F607?reason=test')).body.card.status, 'active');
    const refused = (await api(hub, 'GET', `/api/audit?operatorId=${operatorId}&action=card.lost`)).body.entries as { status: number }[];
    assert.equal(refused[0]?.status, 403, 'the refusal is in the audit log');
    await context.close();
  });
});
