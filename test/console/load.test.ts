/**
 * Every page of the console at campus size (issue 9): 10,000 people with a card each and 500
 * registered devices (cli/demo/campus.ts, what `onecard demo` seeds), one emulated controller
 * running. Each page must load without an error; the time of a fresh load (HTML, script, styles,
 * the page's API calls, drawn) and of a switch from the menu is measured and printed, not asserted
 * (timings are benchmarks' business). A zh-CN screenshot of each page goes to
 * docs/screenshots/zh-CN/campus/.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Hub } from '../../hub/hub.js';
import { PAGE_IDS } from './page-ids.js';
import { seedCampus } from '../../cli/demo/campus.js';
import { makeController, startHub, tempDir, waitFor, type TestController } from '../helpers.js';
import { SCREENSHOT_DIR, launchBrowser, logIn } from './browser.js';

const CARDS = 10_000;
const DEVICES = 500;

/**
 * Waits until a page's content is drawn: a table, figures, panel, form or error shown, and no
 * loading line left. Selectors, not page functions: the console's CSP forbids eval.
 */
async function ready(page: Page, id: string): Promise<void> {
  const main = page.locator(`main[data-page=${id}]`);
  await main.locator('table, .figures, .panel, form, [data-testid=error]').first().waitFor({ timeout: 20_000 });
  await main.locator('[data-testid=loading]').first().waitFor({ state: 'detached', timeout: 20_000 });
}

async function errorOn(page: Page, id: string): Promise<string | null> {
  return page.locator(`main[data-page=${id}] [data-testid=error]`).first().textContent({ timeout: 100 }).catch(() => null);
}

describe('web console at campus size: 10,000 cards and 500 devices (headless Chromium)', function () {
  this.timeout(180_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let browser: Browser;
  let ctl: TestController;

  before(async () => {
    dir = await tempDir();
    hub = await startHub(dir.path);
    const seeded = await seedCampus(hub, { cards: CARDS, devices: DEVICES });
    assert.equal(seeded.cards, CARDS);
    ctl = await makeController(hub, dir.path, 'dorm-7-north');
    await ctl.controller.start();
    await waitFor('controller online', () => ctl.controller.uplink.state === 'online');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await ctl?.controller.stop();
    await hub?.stop();
    await dir?.remove();
  });

  it('loads every page without an error, and prints each page\'s load time', async () => {
    const { page, context } = await logIn(browser, hub, 'campus.admin', ['admin']);
    const rows: { page: string; freshMs: number; menuMs: number }[] = [];
    for (const id of PAGE_IDS) {
      // Fresh: a new document from the hub (the session stays in this tab's sessionStorage).
      await page.goto('about:blank');
      let t0 = performance.now();
      await page.goto(`${hub.url}/console/#/${id}`);
      await ready(page, id);
      const freshMs = performance.now() - t0;
      assert.equal(await errorOn(page, id), null, `page ${id} shows an error`);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'campus', `${id}.png`), fullPage: false });
      // From the menu: another page first, then this one.
      await page.click(`[data-testid=nav-${id === 'overview' ? 'audit' : 'overview'}]`);
      t0 = performance.now();
      await page.click(`[data-testid=nav-${id}]`);
      await ready(page, id);
      rows.push({ page: id, freshMs, menuMs: performance.now() - t0 });
    }
    await context.close();
    console.log(`      console page loads with ${CARDS} cards and ${DEVICES} devices (goal < 1000 ms each):`);
    for (const r of rows) console.log(`        ${r.page.padEnd(12)} fresh ${r.freshMs.toFixed(0).padStart(5)} ms   from the menu ${r.menuMs.toFixed(0).padStart(5)} ms`);
    console.log(`      slowest fresh load: ${Math.max(...rows.map((r) => r.freshMs)).toFixed(0)} ms`);
  });
});
