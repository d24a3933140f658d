/**
 * The finance page in a real headless Chromium against a real hub (SQLite, the campus clock set by
 * the test) whose devices feed charges through the hub's own ingest (test/settlement-kit.ts):
 * a merchant's statement of a month with its CSV; the acceptance line of issue 9 — a correction
 * raised by one finance operator is refused to them (four eyes) and approved by a second one in
 * the console, the refund transfer then in the account's history; the reconciliation report's
 * sections; closing the month; what the auditor and the card office see.
 */
import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { api, operatorToken } from '../helpers.js';
import { Feed, expectApi, holder, startCampus, type Campus } from '../settlement-kit.js';
import { launchBrowser, logIn, openPage, screenshot } from './browser.js';

describe('web console: finance (headless Chromium)', function () {
  this.timeout(90_000);
  let campus: Campus;
  let browser: Browser;
  let s1: string;

  before(async () => {
    campus = await startCampus('sqlite', '2026-03-02 09:00');
    const { hub } = campus;
    browser = await launchBrowser();
    const pos1 = await Feed.register(campus, 'canteen-pos-1');
    const pos2 = await Feed.register(campus, 'canteen-pos-2');
    const shower = await Feed.register(campus, 'shower-ctl-1');
    const door = await Feed.register(campus, 'door-ctl-1');
    await expectApi(hub, 201, 'POST', '/api/merchants', { merchantId: 'canteen-1', name: '第一食堂', kind: 'canteen', feeRateBp: 100, surchargeBp: 1000, settlementAccount: '工商银行 6222 0210 0000 1234' });
    await expectApi(hub, 201, 'POST', '/api/merchants', { merchantId: 'bath-1', name: '学生浴室', kind: 'shower', feeRateBp: 50 });
    await expectApi(hub, 201, 'POST', '/api/merchants', { merchantId: 'door-office', name: '门禁（不收费）', kind: 'door', feeRateBp: 0 });
    await expectApi(hub, 200, 'POST', '/api/merchants/canteen-1/devices', { deviceIds: ['canteen-pos-1', 'canteen-pos-2'] });
    await expectApi(hub, 200, 'POST', '/api/merchants/bath-1/devices', { deviceIds: ['shower-ctl-1'] });
    await expectApi(hub, 200, 'POST', '/api/merchants/door-office/devices', { deviceIds: ['door-ctl-1'] });
    s1 = await holder(hub, 'S1', 'student', 10_000, { name: '李华' });
    const s2 = await holder(hub, 'S2', 'student', 3_000, { name: '王芳' });
    const s3 = await holder(hub, 'S3', 'student', 0, { name: '张伟' });
    const t1 = await holder(hub, 'T1', 'temporary', 5_000, { name: '赵磊' });

    // A month of meals and showers; one charge written offline in February and uploaded in March (late).
    campus.at('2026-03-04 12:05');
    await pos1.send(pos1.charge(s1, 1200), pos1.charge(s2, 850), pos1.charge(t1, 1000), pos1.charge(s2, 650, { deviceTime: '2026-02-28 18:30', offline: 'authorised' }));
    await shower.send(shower.charge(s1, 230), shower.charge(s2, 180));
    await pos2.send(pos2.charge(s1, 780), pos2.charge(s3, 450, { offline: 'authorised' }));
    // The day the reconciliation looks at: a door controller's seqs 3-4 never arrive, a terminal's
    // event does not chain to the one before, a charge written offline without authorisation is
    // held, and the online channel's list disagrees with the hub.
    campus.at('2026-03-05 12:10');
    await door.send(door.access(), door.access());
    door.skip(2);
    await door.send(door.access());
    await pos2.send(pos2.charge(s1, 560));
    pos2.breakChain();
    await pos2.send(pos2.charge(s2, 320), pos2.charge(s1, 300, { offline: 'unauthorised' }));
    for (const [reference, amountFen] of [['ONL-1', 5000], ['ONL-2', 2000], ['ONL-3', 1500]] as const) {
      await expectApi(hub, 201, 'POST', `/api/accounts/${s1}/topups`, { amountFen, reference, channel: 'online' });
    }
    await expectApi(hub, 200, 'POST', '/api/reconciliation/channels/online/lists/2026-03-05', { csv: 'reference,amount,time\nONL-1,50.00,2026-03-05 09:12\nONL-2,25.00,2026-03-05 10:00\nONL-4,8,2026-03-05 23:59\n' });
    campus.at('2026-03-06 09:00');
  });

  after(async () => {
    await browser?.close();
    await campus?.stop();
  });

  const row = (table: string, key: string) => `[data-testid=${table}] tr[data-key="${key}"]`;

  async function statementOf(page: Page, month: string, merchantId: string): Promise<void> {
    await page.fill('[data-testid=month]', month);
    await page.selectOption('[data-testid=merchant]', merchantId);
    await page.waitForSelector(`[data-testid=statement][data-merchant="${merchantId}"][data-period="${month}"] [data-testid=statement-lines]`);
  }

  it("shows a merchant's statement of a month with its figures and lines, and exports it as CSV", async () => {
    const { page, context } = await logIn(browser, campus.hub, 'wang.fin', ['finance']);
    await openPage(page, 'finance', '[data-testid=month]');
    await statementOf(page, '2026-03', 'canteen-1');
    assert.equal(await page.getAttribute('[data-testid=statement]', 'data-state'), 'open');
    // Gross 12.00 + 8.50 + 10.00 + 6.50 (late) + 7.80 + 4.50 + 5.60 + 3.20 = 58.10; the temporary card's 10% surcharge 1.00.
    assert.match((await page.textContent('[data-testid=fig-gross]')) ?? '', /¥58\.10/);
    assert.match((await page.textContent('[data-testid=fig-surcharges]')) ?? '', /¥1\.00/);
    assert.match((await page.textContent('[data-testid=fig-late]')) ?? '', /¥6\.50.*1 笔/);
    assert.match((await page.textContent('[data-testid=fig-fee]')) ?? '', /-¥0\.59/);
    assert.match((await page.textContent('[data-testid=fig-payout]')) ?? '', /¥58\.51/);
    assert.ok(await page.$(`${row('statement-lines', 'canteen-pos-1:4')}.warn`), 'the late line is marked');
    assert.match((await page.textContent(row('period-merchants', 'bath-1'))) ?? '', /学生浴室.*¥4\.10/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=statement-csv]')]);
    assert.equal(download.suggestedFilename(), 'statement-canteen-1-2026-03.csv');
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    assert.match(csv, /^部门结算报表 merchant statement,canteen-1,第一食堂/);
    assert.match(csv, /canteen-pos-1:1,charge,person\.S1,12\.00,1200/);
    await screenshot(page, '06-finance');
    await context.close();
  });

  it('issue 9 acceptance: a correction raised by one finance operator is refused to them and refunded when a second approves it in the console', async () => {
    const { hub } = campus;
    const a = await logIn(browser, hub, 'wang.fin', ['finance']);
    await openPage(a.page, 'finance', '[data-testid=month]');
    await statementOf(a.page, '2026-03', 'canteen-1');
    // From the statement line to the correction form, filled in.
    await a.page.click(`${row('statement-lines', 'canteen-pos-1:1')} [data-testid=raise-from-line]`);
    await a.page.waitForSelector('[data-testid=raise-form]');
    assert.equal(await a.page.inputValue('[data-testid=raise-form] input[name=transferId]'), 'canteen-pos-1:1');
    await a.page.fill('[data-testid=raise-form] input[name=reason]', '重复扣款：一餐刷了两次');
    await a.page.click('[data-testid=raise-submit]');
    const raised = (await a.page.textContent('[data-testid=raised]')) ?? '';
    const id = Number(/#(\d+)/.exec(raised)?.[1]);
    assert.match(raised, /¥12\.00 至 person\.S1/);
    assert.equal((await expectApi(hub, 200, 'GET', `/api/corrections/${id}`)).correction.raisedBy, 'wang.fin');

    // The raiser tries to approve: the dialog says what would happen, the hub refuses (four eyes).
    await a.page.waitForSelector(row('open-corrections', String(id)));
    assert.match((await a.page.textContent(row('open-corrections', String(id)))) ?? '', /由您提出/);
    await a.page.click(`${row('open-corrections', String(id))} [data-testid=approve]`);
    const consequence = (await a.page.textContent('[data-testid=approve-consequence]')) ?? '';
    assert.match(consequence, /向账户 person\.S1 退款 ¥12\.00/);
    await a.page.click('[data-testid=confirm]');
    const refusal = await a.page.waitForSelector('[data-testid=confirm-dialog] [data-testid=error]');
    assert.equal(await refusal.getAttribute('data-code'), 'four_eyes_required');
    assert.match((await refusal.textContent()) ?? '', /四眼原则.*another operator must approve it/);
    assert.equal((await expectApi(hub, 200, 'GET', `/api/corrections/${id}`)).correction.status, 'open', 'nothing refunded');
    await a.context.close();

    // Another correction, raised at the card office's counter, stays open (for the screenshot of the queue).
    const counter = await operatorToken(hub, 'zhou.card', ['card_office']);
    const other = await api(hub, 'POST', '/api/corrections', { transferId: 'shower-ctl-1:2', amountFen: 80, reason: '水阀故障，多计 0.8 元' }, { token: counter });
    assert.equal(other.status, 201);

    // A second finance operator approves it in the console.
    const b = await logIn(browser, hub, 'zhao.fin', ['finance']);
    await openPage(b.page, 'finance', '[data-testid=month]');
    await b.page.click('[data-testid=tab-corrections]');
    await b.page.waitForSelector(row('open-corrections', String(id)));
    await b.page.click(`${row('open-corrections', String(id))} [data-testid=approve]`);
    await b.page.fill('[data-testid=confirm-dialog] [data-testid=decision-note]', '已核对小票');
    await b.page.click('[data-testid=confirm]');
    await b.page.waitForSelector(row('decided-corrections', String(id)));
    await b.page.waitForSelector(row('open-corrections', String(id)), { state: 'detached' });
    assert.equal((await b.page.textContent(`${row('decided-corrections', String(id))} [data-testid=correction-status]`))?.trim(), '已退款');
    assert.equal((await b.page.textContent(`${row('decided-corrections', String(id))} [data-testid=refund-transfer]`))?.trim(), `refund:${id}`);
    await screenshot(b.page, '06-finance-corrections');
    await b.context.close();

    const approved = (await expectApi(hub, 200, 'GET', `/api/corrections/${id}`)).correction;
    assert.deepEqual([approved.status, approved.decidedBy, approved.refundTransferId, approved.decisionNote], ['approved', 'zhao.fin', `refund:${id}`, '已核对小票']);
    const transfers = (await expectApi(hub, 200, 'GET', `/api/accounts/${s1}/transfers`, undefined, { reason: 'console test: the refund arrived' })).transfers as any[];
    const refund = transfers.find((t) => t.transferId === `refund:${id}`);
    assert.deepEqual([refund?.kind, refund?.amountFen, refund?.reference], ['correction', 1200, 'canteen-pos-1:1']);
  });

  it("shows the reconciliation report of yesterday in sections: gaps, a chain break, a held charge, the channel's differences, overdraft", async () => {
    const { page, context } = await logIn(browser, campus.hub, 'wang.fin', ['finance']);
    await openPage(page, 'finance', '[data-testid=month]');
    await page.click('[data-testid=tab-reconciliation]');
    await page.waitForSelector('[data-testid=reconciliation]');
    assert.equal(await page.getAttribute('[data-testid=reconciliation]', 'data-date'), '2026-03-05', 'yesterday by default');
    assert.equal(await page.getAttribute('[data-testid=recon-verdict]', 'data-ok'), 'false');
    const ok = async (id: string) => page.getAttribute(`[data-testid=recon-${id}]`, 'data-ok');
    assert.deepEqual([await ok('ledger'), await ok('gaps'), await ok('breaks'), await ok('held'), await ok('topups'), await ok('overdraft')], ['true', 'false', 'false', 'false', 'false', 'false']);
    assert.match((await page.textContent('[data-testid=recon-gaps]')) ?? '', /1 处缺失，共 2 个序号未收到.*door-ctl-1\s*3\s*4\s*2/);
    assert.match((await page.textContent('[data-testid=recon-breaks]')) ?? '', /canteen-pos-2\s*4/);
    assert.match((await page.textContent('[data-testid=recon-held]')) ?? '', /1 笔挂起，共 ¥3\.00.*未授权离线消费/);
    assert.match((await page.textContent('[data-testid=channel-online]')) ?? '', /ONL-4.*¥8\.00.*ONL-3.*person\.S1.*¥15\.00.*ONL-2.*¥20\.00.*¥25\.00/);
    assert.match((await page.textContent('[data-testid=recon-overdraft]')) ?? '', /person\.S3/);
    await screenshot(page, '06-finance-reconciliation');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=recon-csv]')]);
    assert.equal(download.suggestedFilename(), 'reconciliation-2026-03-05.csv');
    assert.match(await readFile((await download.path())!, 'utf8'), /seq_gap,door-ctl-1,3-4,2,/);

    // Another day: its top-ups (no channel list that day); the rest is as it stands now.
    await page.fill('[data-testid=recon-date]', '2026-03-02');
    await page.click('[data-testid=recon-show]');
    await page.waitForSelector('[data-testid=reconciliation][data-date="2026-03-02"]');
    assert.deepEqual([await ok('topups'), await ok('gaps')], ['true', 'false']);
    await context.close();
  });

  it('closes the month after its cut-off; the statement then shows closed', async () => {
    campus.at('2026-04-02 09:00');
    const { page, context } = await logIn(browser, campus.hub, 'qian.fin', ['finance']);
    await openPage(page, 'finance', '[data-testid=month]');
    await statementOf(page, '2026-03', 'canteen-1');
    await page.click('[data-testid=close-period]');
    assert.match((await page.textContent('[data-testid=confirm-dialog]')) ?? '', /只能结账一次/);
    await page.click('[data-testid=confirm]');
    await page.waitForSelector('[data-testid=period-state]:has-text("已结账")');
    await page.waitForSelector('[data-testid=statement][data-state=closed]');
    assert.equal((await expectApi(campus.hub, 200, 'GET', '/api/settlement/2026-03')).period.state, 'closed');
    await context.close();
  });

  it('lets the auditor read statements and corrections without acting, and refuses the card office the page', async () => {
    // More open tickets than the decided list's 50: the decided ones still show (asked for by status).
    const counter = await operatorToken(campus.hub, 'zhou.card', ['card_office']);
    for (let i = 0; i < 55; i++) await expectApi(campus.hub, 201, 'POST', '/api/corrections', { transferId: 'canteen-pos-1:3', amountFen: 1, reason: `核对 ${i}` }, { token: counter });
    const auditor = await logIn(browser, campus.hub, 'sun.audit', ['auditor']);
    await openPage(auditor.page, 'finance', '[data-testid=month]');
    await statementOf(auditor.page, '2026-03', 'canteen-1');
    assert.equal(await auditor.page.$('[data-testid=close-period], [data-testid=raise-from-line]'), null);
    await auditor.page.click('[data-testid=tab-corrections]');
    await auditor.page.waitForSelector('[data-testid=decided-corrections] tbody tr[data-key]');
    assert.ok((await auditor.page.$$('[data-testid=open-corrections] tbody tr[data-key]')).length >= 56);
    assert.deepEqual((await auditor.page.locator('[data-testid=decided-corrections] [data-testid=correction-status]').allTextContents()).map((t) => t.trim()), ['已退款']);
    assert.equal(await auditor.page.$('[data-testid=approve], [data-testid=raise-form]'), null);
    await auditor.context.close();

    const card = await logIn(browser, campus.hub, 'liu.card', ['card_office']);
    assert.equal(await card.page.$('[data-testid=nav-finance]'), null);
    await card.page.goto(`${campus.hub.url}/console/#/finance`);
    const error = await card.page.waitForSelector('main [data-testid=error]');
    assert.equal(await error.getAttribute('data-code'), 'forbidden');
    await card.context.close();
  });
});
