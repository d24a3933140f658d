/**
 * The audit page in a real headless Chromium against a real hub (SQLite): after a card office
 * operator's and a finance operator's work through the API (top-ups, a card issued and reported
 * lost, a look-up of personal data with its reason, an action refused for the role), the auditor
 * filters the log by operator, by action (exact and prefix) and by time, pages back with the hub's
 * nextBeforeId, and opens an entry to its target before and after; a non-auditor has no Audit menu
 * entry and is refused the page by its address.
 */
import { strict as assert } from 'node:assert';
import type { Browser, Page } from 'playwright-core';
import type { Hub } from '../../hub/hub.js';
import { api, operatorToken, startHub, tempDir } from '../helpers.js';
import { launchBrowser, logIn, openPage, screenshot } from './browser.js';

describe('web console: audit log (headless Chromium)', function () {
  this.timeout(60_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let browser: Browser;
  const UID = '04A1B2C3D4E5F6';

  before(async () => {
    dir = await tempDir();
    hub = await startHub(dir.path);
    browser = await launchBrowser();
    const card = await operatorToken(hub, 'sun.card', ['card_office']);
    const finance = await operatorToken(hub, 'li.fin', ['finance']);
    const expect = async (status: number, token: string, method: string, path: string, body?: unknown, reason?: string) => {
      const res = await api(hub, method, path, body, { token, ...(reason ? { reason } : {}) });
      assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`);
    };
    await expect(201, card, 'POST', '/api/people', { personId: 'S20260001', name: '李华', type: 'student' });
    for (let i = 1; i <= 55; i++) await expect(201, card, 'POST', '/api/accounts/person.S20260001/topups', { amountFen: 100 * i, reference: `CASH-${i}` });
    await expect(201, card, 'POST', '/api/cards', { uid: UID, personId: 'S20260001' });
    await expect(200, card, 'POST', `/api/cards/${UID}/lost`);
    await expect(200, card, 'GET', `/api/people?q=${encodeURIComponent('李华')}`, undefined, '学生来电咨询余额');
    await expect(403, finance, 'POST', '/api/people', { personId: 'S20260002', name: '王芳', type: 'student' });
    await expect(201, finance, 'POST', '/api/merchants', { merchantId: 'canteen-1', name: '第一食堂', kind: 'canteen', feeRateBp: 100 });
  });

  after(async () => {
    await browser?.close();
    await hub?.stop();
    await dir?.remove();
  });

  const column = (page: Page, testId: string) => page.$$eval(`[data-testid=audit] tbody [data-testid=${testId}]`, (els) => els.map((e) => (e.textContent ?? '').trim()));

  async function filter(page: Page, f: { operatorId?: string; action?: string; from?: string; to?: string }): Promise<void> {
    for (const name of ['operatorId', 'action', 'from', 'to'] as const) await page.fill(`[data-testid=audit-filters] input[name=${name}]`, f[name] ?? '');
    await click(page, '[data-testid=audit-apply]');
  }

  /** Clicks and waits until the log shows the hub's next answer. */
  async function click(page: Page, selector: string): Promise<void> {
    const seen = Number(await page.getAttribute('[data-testid=audit-result]', 'data-answer'));
    await page.click(selector);
    await page.waitForSelector(`[data-testid=audit-result][data-answer="${seen + 1}"]`);
  }

  /** A datetime-local value in the browser's own time zone, this many ms from now. */
  const localInput = async (page: Page, fromNowMs: number) =>
    (await page.evaluate(`(() => { const d = new Date(Date.now() + ${fromNowMs}); const p = (n) => String(n).padStart(2, '0'); return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T' + p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds()); })()`)) as string;

  it("filters the log by operator, by action and by time, and shows the reason of a look-up of personal data", async () => {
    const { page, context } = await logIn(browser, hub, 'zhao.audit', ['auditor']);
    await openPage(page, 'audit', '[data-testid=audit]');
    // Newest first (logins are logged too): the auditor's own login, then the finance operator's last two entries.
    assert.deepEqual((await column(page, 'action')).filter((a) => !a.startsWith('session.')).slice(0, 3), ['merchant.add', 'person.add', 'person.search']);
    assert.equal((await column(page, 'operator'))[0], 'zhao.audit');

    await filter(page, { operatorId: 'li.fin' });
    assert.deepEqual(await column(page, 'operator'), ['li.fin', 'li.fin', 'li.fin']);
    assert.deepEqual(await column(page, 'action'), ['merchant.add', 'person.add', 'session.login']);
    const outcomes = await page.$$eval('[data-testid=audit] tbody [data-testid=outcome]', (els) => els.map((e) => e.getAttribute('data-outcome')));
    assert.deepEqual(outcomes, ['ok', 'forbidden', 'ok'], 'the refused attempt is in the log');

    await filter(page, { action: 'card.' });
    assert.deepEqual(await column(page, 'action'), ['card.lost', 'card.issue']);
    assert.deepEqual(await column(page, 'operator'), ['sun.card', 'sun.card']);

    await filter(page, { action: 'person.search' });
    assert.deepEqual(await column(page, 'reason'), ['学生来电咨询余额']);

    await filter(page, { operatorId: 'sun.card', action: 'card.lost', from: await localInput(page, -3_600_000), to: await localInput(page, 3_600_000) });
    assert.deepEqual(await column(page, 'action'), ['card.lost']);
    await filter(page, { operatorId: 'sun.card', from: await localInput(page, 3_600_000) });
    assert.equal(await page.$('[data-testid=audit] tbody tr[data-key]'), null, 'nothing after an hour from now');
    assert.match((await page.textContent('[data-testid=audit] tbody')) ?? '', /没有符合条件的记录/);

    // The card reported lost, opened: its row before and after.
    await filter(page, {});
    const lost = await page.$('[data-testid=audit] tbody tr:has([data-testid=action]:text-is("card.lost"))');
    await (await lost!.$('[data-testid=audit-details]'))!.click();
    const entry = (await page.textContent('[data-testid=audit-entry]')) ?? '';
    assert.match(entry, /修改前[\s\S]*"status": "active"[\s\S]*修改后[\s\S]*"status": "lost"/);
    await screenshot(page, '08-audit');
    await context.close();
  });

  it('pages back through the log with the hub’s nextBeforeId', async () => {
    const { page, context } = await logIn(browser, hub, 'zhao.audit', ['auditor']);
    await openPage(page, 'audit', '[data-testid=audit]');
    await filter(page, { operatorId: 'sun.card', action: 'account.topup' });
    const first = await page.$$eval('[data-testid=audit] tbody tr[data-key]', (rows) => rows.map((r) => Number(r.getAttribute('data-key'))));
    assert.equal(first.length, 50);
    assert.ok(first.every((id, i) => i === 0 || id < first[i - 1]!), 'newest first');
    await click(page, '[data-testid=audit-older]');
    assert.equal((await page.textContent('[data-testid=audit-page]'))?.trim(), '第 2 页');
    const second = await page.$$eval('[data-testid=audit] tbody tr[data-key]', (rows) => rows.map((r) => Number(r.getAttribute('data-key'))));
    assert.equal(second.length, 5);
    assert.ok(Math.max(...second) < Math.min(...first), 'older than the first page');
    assert.ok(await page.isDisabled('[data-testid=audit-older]'), 'no page beyond the last');
    await click(page, '[data-testid=audit-newer]');
    assert.equal((await page.textContent('[data-testid=audit-page]'))?.trim(), '第 1 页');
    assert.equal((await page.$$('[data-testid=audit] tbody tr[data-key]')).length, 50);
    await context.close();
  });

  it('has no Audit menu entry for a non-auditor, and refuses the page by its address', async () => {
    for (const [operatorId, roles] of [['sun.card', ['card_office']], ['li.fin', ['finance']], ['zhou.maint', ['maintenance']]] as const) {
      const { page, context } = await logIn(browser, hub, operatorId, [...roles]);
      assert.equal(await page.$('[data-testid=nav-audit]'), null, `${operatorId}: no Audit entry`);
      await page.goto(`${hub.url}/console/#/audit`);
      const error = await page.waitForSelector('main[data-page=audit] [data-testid=error]');
      assert.equal(await error.getAttribute('data-code'), 'forbidden');
      assert.match((await error.textContent()) ?? '', /您的角色无权执行此操作/);
      assert.equal(await page.$('[data-testid=audit]'), null, 'no log shown');
      await context.close();
    }
    const refused = await api(hub, 'GET', '/api/audit', undefined, { token: await operatorToken(hub, 'li.fin', ['finance']) });
    assert.equal(refused.status, 403, 'and the hub refuses the log itself');
  });
});
