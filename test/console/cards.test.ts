/**
 * The Cards and people page in a real headless Chromium against a real hub: a card office operator
 * searches with a stated reason and reports a card lost, replaces a card (the fee and the balance
 * after in the dialog; the hub's refusal when the balance is short), tops up cash (the balance after,
 * then the new balance; a retried confirm books it once), issues a card, adds a person and cancels
 * one (the refund shown); an auditor sees the page without any action; a search without a reason is
 * refused with the hub's own message. The zh-CN screenshot 02-cards.
 */
import { strict as assert } from 'node:assert';
import type { Browser, Page } from 'playwright-core';
import type { Hub } from '../../hub/hub.js';
import { api, startHub, tempDir } from '../helpers.js';
import { launchBrowser, logIn, openPage, screenshot } from './browser.js';

const REASON = '学生来窗口办理挂失补卡';

describe('web console: cards and people (headless Chromium)', function () {
  this.timeout(60_000);
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hub: Hub;
  let browser: Browser;

  const people: [string, string, string, string | null, number][] = [
    // personId, name, type, card, balance in fen
    ['S20260001', '李华', 'student', '04A1B2C3D4E5F6', 5000],
    ['S20260002', '李明', 'student', '04A1B2C3D4E5F7', 300],
    ['S20260003', '李晓燕', 'freshman', '04A1B2C3D4E5F8', 12_345],
    ['S20260004', '李娜', 'student', null, 0],
    ['T19980012', '李建国', 'staff', '0A0B0C0D0E0F', 86_000],
    ['S20260005', '王芳', 'student', '04C0FFEE0001', 2000],
    ['S20260006', '赵磊', 'student', '04C0FFEE0002', 1550],
  ];

  before(async () => {
    dir = await tempDir();
    hub = await startHub(dir.path);
    browser = await launchBrowser();
    for (const [personId, name, type, uid, fen] of people) {
      const body = { personId, name, type, ...(type === 'staff' ? { orgUnit: '后勤处' } : { orgUnit: '计算机学院', validUntil: '2030-07-01T12:00:00+08:00' }) };
      assert.equal((await api(hub, 'POST', '/api/people', body)).status, 201);
      if (uid) assert.equal((await api(hub, 'POST', '/api/cards', { uid, personId })).status, 201);
      if (fen > 0) assert.equal((await api(hub, 'POST', `/api/accounts/person.${personId}/topups`, { amountFen: fen, reference: `SEED-${personId}` })).status, 201);
    }
  });

  after(async () => {
    await browser?.close();
    await hub?.stop();
    await dir?.remove();
  });

  async function searchFor(page: Page, q: string, reason = REASON): Promise<void> {
    await page.fill('[data-testid=search-q]', q);
    await page.fill('[data-testid=reason]', reason);
    await page.click('[data-testid=search-go]');
  }

  const person = (id: string) => `[data-testid=person][data-key="${id}"]`;
  const row = (id: string, uid: string) => `${person(id)} tr[data-key="${uid}"]`;
  const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').trim();
  /** Waits until the element shows exactly this text (a selector, not a polled script: the console's CSP forbids eval). */
  const waitText = (page: Page, selector: string, expected: string) => page.waitForSelector(`${selector}:text-is(${JSON.stringify(expected)})`);

  async function openCards(operatorId: string, roles: Parameters<typeof logIn>[3]) {
    const user = await logIn(browser, hub, operatorId, roles);
    await openPage(user.page, 'cards', '[data-testid=search-q]');
    return user;
  }

  it('lets the card office find a person with a reason and report their card lost in the confirm dialog', async () => {
    const { page, context } = await openCards('sun.card', ['card_office']);
    assert.equal(await text(page, 'main h1'), '卡务与人员');
    await searchFor(page, '04a1b2c3d4e5f6');
    await page.waitForSelector(person('S20260001'));
    assert.equal(await text(page, `${person('S20260001')} [data-testid=person-name]`), '李华');
    assert.equal(await text(page, `${person('S20260001')} [data-testid=balance]`), '¥50.00');
    assert.equal(await text(page, `${row('S20260001', '04A1B2C3D4E5F6')} [data-testid=card-state]`), '正常');

    await page.click(`${row('S20260001', '04A1B2C3D4E5F6')} [data-testid=card-lost]`);
    const what = await text(page, '[data-testid=confirm-dialog]');
    assert.match(what, /卡 04A1B2C3D4E5F6（李华）将被挂失：所有设备立即拒绝此卡/);
    await page.click('[data-testid=confirm]');
    await waitText(page, `${row('S20260001', '04A1B2C3D4E5F6')} [data-testid=card-state]`, '已挂失');
    assert.match(await text(page, `${person('S20260001')} [data-testid=last-result]`), /卡 04A1B2C3D4E5F6 已挂失（黑名单版本 \d+）/);
    assert.equal((await api(hub, 'GET', '/api/cards/04A1B2C3D4E5F6', undefined, { reason: 'test' })).body.card.status, 'lost');
    const audit = (await api(hub, 'GET', '/api/audit?action=person.search')).body.entries[0];
    assert.deepEqual([audit.operatorId, audit.reason], ['sun.card', REASON], 'the search is logged with the reason typed');

    // Found again, through its own dialog.
    await page.click(`${row('S20260001', '04A1B2C3D4E5F6')} [data-testid=card-found]`);
    await page.click('[data-testid=confirm]');
    await waitText(page, `${row('S20260001', '04A1B2C3D4E5F6')} [data-testid=card-state]`, '正常');
    await context.close();
  });

  it('shows the replacement fee and the balance after in the dialog, and replaces the card', async () => {
    const { page, context } = await openCards('sun.card', ['card_office']);
    await searchFor(page, 'S20260001');
    await page.click(`${row('S20260001', '04A1B2C3D4E5F6')} [data-testid=card-replace]`);
    assert.equal(await text(page, '[data-testid=confirm-dialog] [data-testid=fee]'), '¥10.00');
    assert.equal(await text(page, '[data-testid=confirm-dialog] [data-testid=balance-now]'), '¥50.00');
    assert.equal(await text(page, '[data-testid=confirm-dialog] [data-testid=balance-after]'), '¥40.00');
    await page.check('[data-testid=defective]');
    assert.equal(await text(page, '[data-testid=confirm-dialog] [data-testid=fee]'), '¥0.00（免费）');
    assert.equal(await text(page, '[data-testid=confirm-dialog] [data-testid=balance-after]'), '¥50.00');
    await page.uncheck('[data-testid=defective]');
    await page.fill('[data-testid=new-uid]', '04a1b2c3d4e5aa');
    await page.click('[data-testid=confirm]');
    await page.waitForSelector(`${row('S20260001', '04A1B2C3D4E5AA')} [data-testid=card-state]`);
    assert.equal(await text(page, `${row('S20260001', '04A1B2C3D4E5AA')} [data-testid=card-state]`), '正常');
    assert.equal(await text(page, `${row('S20260001', '04A1B2C3D4E5F6')} [data-testid=card-state]`), '已补卡作废');
    assert.equal(await text(page, `${person('S20260001')} [data-testid=balance]`), '¥40.00');
    assert.equal(await text(page, `${person('S20260001')} [data-testid=last-result]`), '已补卡：新卡 04A1B2C3D4E5AA，收费 ¥10.00，余额 ¥40.00');
    assert.equal(await page.locator(`${row('S20260001', '04A1B2C3D4E5F6')} button`).count(), 0, 'a replaced card takes no action');
    await context.close();
  });

  it('warns when the balance is short of the fee and shows the hub\'s refusal', async () => {
    const { page, context } = await openCards('sun.card', ['card_office']);
    await searchFor(page, 'S20260002');
    await page.click(`${row('S20260002', '04A1B2C3D4E5F7')} [data-testid=card-replace]`);
    assert.equal(await text(page, '[data-testid=confirm-dialog] [data-testid=balance-after]'), '-¥7.00');
    await page.waitForSelector('[data-testid=confirm-dialog] [data-testid=balance-short]');
    await page.fill('[data-testid=new-uid]', '04A1B2C3D4E5AB');
    await page.click('[data-testid=confirm]');
    const refusal = await page.waitForSelector('[data-testid=confirm-dialog] [data-testid=error][data-code=balance_short]');
    assert.match((await refusal.textContent()) ?? '', /the balance of person\.S20260002 is 3\.00 yuan, short of the 10\.00 yuan replacement fee/);
    await page.click('[data-testid=confirm-dialog] button:not([data-testid=confirm])');
    assert.equal(await text(page, `${row('S20260002', '04A1B2C3D4E5F7')} [data-testid=card-state]`), '正常', 'nothing changed');
    await context.close();
  });

  it('tops up cash: the balance after in the dialog, then the new balance; a retried confirm books it once', async () => {
    const { page, context } = await openCards('sun.card', ['card_office']);
    await searchFor(page, 'S20260002');
    await page.click(`${person('S20260002')} [data-testid=topup]`);
    await page.fill('[data-testid=topup-amount]', '100.5');
    assert.equal(await text(page, '[data-testid=confirm-dialog] [data-testid=balance-after]'), '¥103.50');
    const reference = await text(page, '[data-testid=topup-reference]');
    assert.match(reference, /^WIN-\d{8}-[0-9A-F]{10}$/);
    await page.fill('[data-testid=topup-amount]', '1.234');
    assert.equal(await text(page, '[data-testid=confirm-dialog] [data-testid=balance-after]'), '—');
    await page.click('[data-testid=confirm]');
    assert.match(await text(page, '[data-testid=confirm-dialog] [data-testid=error]'), /金额须为 0\.01 至 100000 元/);
    await page.fill('[data-testid=topup-amount]', '100.5');

    // The hub books the top-up but its answer is lost on the way: the operator confirms again.
    await page.route('**/api/accounts/*/topups', async (route) => {
      await route.fetch();
      await route.abort('connectionreset');
    }, { times: 1 });
    await page.click('[data-testid=confirm]');
    await page.waitForSelector('[data-testid=confirm-dialog] [data-testid=error]');
    assert.equal(await text(page, '[data-testid=topup-reference]'), reference, 'the same receipt for the retry');
    await page.click('[data-testid=confirm]');
    await waitText(page, `${person('S20260002')} [data-testid=balance]`, '¥103.50');
    assert.equal(await text(page, `${person('S20260002')} [data-testid=last-result]`), '此充值已入账（收据号重复提交，未重复扣款），余额 ¥103.50');
    const account = (await api(hub, 'GET', '/api/accounts/person.S20260002')).body.account;
    assert.equal(account.balanceFen, 10_350, 'booked once');

    // A new dialog after a booked top-up gets a new receipt.
    await page.click(`${person('S20260002')} [data-testid=topup]`);
    assert.notEqual(await text(page, '[data-testid=topup-reference]'), reference);
    await page.fill('[data-testid=topup-amount]', '20');
    assert.equal(await text(page, '[data-testid=confirm-dialog] [data-testid=balance-after]'), '¥123.50');
    await page.click('[data-testid=confirm]');
    await waitText(page, `${person('S20260002')} [data-testid=balance]`, '¥123.50');
    assert.equal(await text(page, `${person('S20260002')} [data-testid=last-result]`), '已充值 ¥20.00，现余额 ¥123.50');
    await context.close();
  });

  it('adds a person, issues them a card, and cancels them with the refund shown', async () => {
    const { page, context } = await openCards('sun.card', ['card_office']);
    await page.fill('[data-testid=reason]', '新生报到办卡');
    await page.click('[data-testid=person-add]');
    await page.fill('[data-testid=add-person-id]', 'S20269999');
    await page.fill('[data-testid=add-name]', '周新');
    await page.selectOption('[data-testid=add-type]', 'freshman');
    await page.click('[data-testid=confirm]');
    await page.waitForSelector(person('S20269999'));
    assert.match(await text(page, `${person('S20269999')} [data-testid=last-result]`), /已新增 S20269999（账户 person\.S20269999）/);

    await page.click(`${person('S20269999')} [data-testid=card-issue]`);
    await page.fill('[data-testid=issue-uid]', '04DDEEFF0011');
    await page.click('[data-testid=confirm]');
    await page.waitForSelector(`${row('S20269999', '04DDEEFF0011')} [data-testid=card-lost]`);
    assert.equal(await page.locator(`${person('S20269999')} [data-testid=card-issue]`).count(), 0, 'one active card per person');

    await page.click(`${person('S20269999')} [data-testid=topup]`);
    await page.fill('[data-testid=topup-amount]', '8');
    await page.click('[data-testid=confirm]');
    await waitText(page, `${person('S20269999')} [data-testid=balance]`, '¥8.00');

    await page.click(`${person('S20269999')} [data-testid=person-cancel]`);
    assert.match(await text(page, '[data-testid=confirm-dialog]'), /名下 1 张卡永久注销/);
    assert.equal(await text(page, '[data-testid=confirm-dialog] [data-testid=settlement]'), '余额 ¥8.00 将以现金退还本人。');
    await page.click('[data-testid=confirm]');
    await page.waitForSelector(`${person('S20269999')} [data-testid=account-closed]`);
    assert.equal(await text(page, `${row('S20269999', '04DDEEFF0011')} [data-testid=card-state]`), '已注销');
    assert.equal(await text(page, `${person('S20269999')} [data-testid=last-result]`), '已销户：注销 1 张卡，退还现金 ¥8.00');
    assert.equal(await page.locator(`${person('S20269999')} button`).count(), 0, 'a closed account takes no action');
    await context.close();
  });

  it('shows an auditor the people and cards but no action', async () => {
    const { page, context } = await openCards('zhao.audit', ['auditor']);
    await page.waitForSelector('[data-testid=read-only]');
    assert.equal(await page.locator('[data-testid=person-add]').count(), 0);
    await searchFor(page, '李', '年度抽查');
    await page.waitForSelector(person('S20260003'));
    assert.equal(await text(page, `${person('S20260003')} [data-testid=balance]`), '¥123.45');
    assert.equal(await page.locator('[data-testid=results] button').count(), 0, 'no action buttons');
    await context.close();
  });

  it('refuses a search without a reason with the hub\'s message', async () => {
    const { page, context } = await openCards('sun.card', ['card_office']);
    await page.fill('[data-testid=search-q]', '李华');
    await page.click('[data-testid=search-go]');
    const error = await page.waitForSelector('main [data-testid=error][data-code=reason_required]');
    assert.match((await error.textContent()) ?? '', /\/api\/people shows personal data: state why/);
    assert.equal(await page.locator('[data-testid=person]').count(), 0);
    await context.close();
  });

  it('speaks English when the operator chose it', async () => {
    const { page, context } = await logIn(browser, hub, 'lin.card', ['card_office'], 'en');
    await openPage(page, 'cards', '[data-testid=search-q]');
    assert.equal(await text(page, 'main h1'), 'Cards and people');
    await searchFor(page, '0a0b0c', 'holder at the window');
    await page.waitForSelector(person('T19980012'));
    assert.equal(await text(page, `${row('T19980012', '0A0B0C0D0E0F')} [data-testid=card-state]`), 'active');
    await page.click(`${row('T19980012', '0A0B0C0D0E0F')} [data-testid=card-replace]`);
    assert.match(await text(page, '[data-testid=confirm-dialog]'), /the old card 0A0B0C0D0E0F is denied for ever/);
    assert.equal(await text(page, '[data-testid=confirm-dialog] [data-testid=balance-after]'), '¥850.00');
    await context.close();
  });

  it('takes the zh-CN screenshot of a search with people and cards in several states', async () => {
    const { page, context } = await openCards('sun.card', ['card_office']);
    await searchFor(page, 'S20260003');
    await page.click(`${row('S20260003', '04A1B2C3D4E5F8')} [data-testid=card-lost]`);
    await page.click('[data-testid=confirm]');
    await waitText(page, `${row('S20260003', '04A1B2C3D4E5F8')} [data-testid=card-state]`, '已挂失');
    await searchFor(page, '李');
    await page.waitForSelector(person('T19980012'));
    await screenshot(page, '02-cards');
    await context.close();
  });
});
