/**
 * The maintenance page in a real headless Chromium against a real hub (SQLite) and a real
 * controller on emulated hardware (test/maintenance-kit.ts: a door whose relay's feedback is wired,
 * a shower, a room meter): a self-test run now from the console finds a relay stuck closed and the
 * run appears in the device's history with its FAIL step, its cause and remedy in Chinese (from its diagnosis code) over the device's English; the ticket it opened
 * goes through its workflow in the console with the operator of each step; the card office files a
 * resident's request and has no workflow buttons; the resident's contact is shown masked, in full
 * after "Show contact" with a reason, which the audit log keeps.
 */
import { strict as assert } from 'node:assert';
import { readdir, readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { api, operatorToken, waitFor } from '../helpers.js';
import { DEVICE, startMaintenanceKit, type MaintenanceKit } from '../maintenance-kit.js';
import { launchBrowser, logIn, openPage, screenshot } from './browser.js';

describe('web console: maintenance (headless Chromium)', function () {
  this.timeout(90_000);
  let kit: MaintenanceKit;
  let browser: Browser;

  before(async () => {
    kit = await startMaintenanceKit('sqlite');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await kit?.stop();
  });

  /** `suite/step` of every step the suites record (hardware-tests/suites/<suite>.ts: ctx.step.run/record(target, 'step', ...)). */
  async function suiteSteps(): Promise<string[]> {
    const dir = new URL('../../hardware-tests/suites/', import.meta.url);
    const found = new Set<string>();
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.ts'))) {
      const source = await readFile(new URL(file, dir), 'utf8');
      for (const m of source.matchAll(/step\.(?:run|record)\([^,]+,\s*'([a-z_]+)'/g)) found.add(`${file.replace(/\.ts$/, '')}/${m[1]!}`);
    }
    return [...found].sort();
  }

  const run = (id: string) => `[data-testid=selftest-history] [data-testid=selftest-run][data-run="${id}"]`;
  const ticketRow = (id: number) => `[data-testid=tickets] tr[data-key="${id}"]`;

  it('runs a self-test now from the console; the run appears in the history with the failed step, its cause and remedy', async () => {
    kit.drivers.setFault('door-a/relay', 'stuck-closed');
    // An earlier healthy run of the meter suite, so the history has more than one run.
    await kit.remoteSelfTest(['meter']);
    const { page, context } = await logIn(browser, kit.hub, 'zhou.maint', ['maintenance']);
    await openPage(page, 'maintenance', `[data-testid=devices] tr[data-key="${DEVICE}"]`);
    await page.click(`[data-testid=devices] tr[data-key="${DEVICE}"] [data-testid=run-selftest]`);
    assert.match((await page.textContent('[data-testid=confirm-dialog]')) ?? '', /将向设备 dorm-7 下发远程自检命令/);
    await page.click('[data-testid=confirm]');
    const sent = (await page.textContent('[data-testid=selftest-sent]')) ?? '';
    const commandId = /命令 (\S+)，/.exec(sent)?.[1];
    assert.ok(commandId, sent);
    const created = (await api(kit.hub, 'GET', `/api/devices/${DEVICE}/commands`)).body.commands.find((c: any) => c.commandId === commandId);
    assert.deepEqual([created?.action, created?.args], ['run_self_test', { only: [] }], 'the command the console sent: every suite');

    // The history (refreshed every 2 s) shows the run once the device has answered and its steps are at the hub.
    await waitFor('the run answered and all its steps at the hub', async () => {
      const r = (await kit.api('GET', `/api/devices/${DEVICE}/selftests`)).body.runs.find((x: any) => x.runId === commandId);
      return r?.command?.status === 'done' && r.summary.steps === Number(/: (\d+) steps/.exec(r.command.detail)?.[1]);
    }, 30_000, 50);
    const apiRun = await kit.run(commandId);
    const steps = `${run(commandId)} [data-testid=selftest-steps]`;
    await waitFor('every step of the run shown', async () => (await page.$$(`${steps} tbody tr`)).length === apiRun.summary.steps, 10_000, 100);
    assert.equal(await page.getAttribute(run(commandId), 'data-result'), 'fail');
    const cells: string[][] = await page.$$eval(`${steps} tbody tr`, (rows: any[]) => rows.map((r) => Array.from(r.querySelectorAll('td') as ArrayLike<any>).map((td) => String(td.textContent ?? '').trim())));
    const relay = cells.filter((row) => row[0] === 'door-a/relay' && row[2] === '未通过');
    assert.equal(relay.length, 1, JSON.stringify(relay));
    const [, step, , , , cause, remedy, category] = relay[0]!;
    assert.equal(step, '继电器 / 反馈触点', 'suite and step named in Chinese');
    // The cause and remedy in Chinese from the step's diagnosis code, the device's English below them.
    assert.match(cause!, /^继电器触点粘连（卡在闭合）/, 'the cause said in Chinese');
    assert.match(remedy!, /^更换继电器/, 'the remedy said in Chinese');
    const relayRow = `${steps} tr.bad:has([data-testid=step-cause][data-code=relay_stuck_closed])`;
    assert.match((await page.textContent(`${relayRow} [data-testid=device-cause]`)) ?? '', /^设备原文：relay stuck closed/, "the device's words kept, labelled");
    assert.match((await page.textContent(`${relayRow} [data-testid=device-remedy]`)) ?? '', /^设备原文：replace the relay/);
    assert.equal(category, '门禁');
    const heads = (await page.locator(`${steps} thead th`).allTextContents()).map((h) => h.trim());
    assert.deepEqual(heads.slice(4, 7), ['说明（设备原文）', '可能原因', '处理办法']);
    assert.match((await page.textContent(`${run(commandId)} [data-testid=device-words]`)) ?? '', /设备报告的原文（英文）.*按设备报告的故障代码给出中文说明/);
    assert.equal((await page.textContent(`${run(commandId)} [data-testid=run-failed]`))?.trim(), 'door-a/relay 继电器 / 反馈触点（门禁）');
    // Every step of the run has a name, and the run covers every step the suites have (hardware-tests/suites/*.ts).
    const codes = await page.$$eval(`${steps} [data-testid=step-name]`, (els) => els.map((e) => `${e.getAttribute('data-code')} ${e.getAttribute('data-known')}`));
    assert.deepEqual(codes.filter((c) => !c.endsWith(' true')), [], 'no step shown by its code');
    assert.deepEqual([...new Set(codes.map((c) => c.split(' ')[0]!))].sort(), await suiteSteps());
    const statuses = await page.$$eval(`${steps} [data-testid=step-status]`, (els) => els.map((e) => (e.textContent ?? '').trim()));
    assert.ok(statuses.includes('通过') && statuses.includes('未通过'), statuses.join(','));
    // The earlier run is listed too, collapsed.
    assert.equal(await page.$$eval('[data-testid=selftest-history] [data-testid=selftest-run]', (els) => els.length), 2);
    await context.close();

    // In English: the names in English, the device's words the same.
    const en = await logIn(browser, kit.hub, 'zhou.maint', ['maintenance'], 'en');
    try {
      await openPage(en.page, 'maintenance', `[data-testid=devices] tr[data-key="${DEVICE}"]`);
      await en.page.click(`[data-testid=devices] tr[data-key="${DEVICE}"] [data-testid=show-selftests]`);
      await en.page.waitForSelector(`${run(commandId)} [data-testid=selftest-steps]`);
      const named = async (code: string) => ((await en.page.textContent(`${steps} [data-testid=step-name][data-code="${code}"]`)) ?? '').trim();
      assert.deepEqual([await named('relay/feedback'), await named('clock/offset'), await named('journal/fsync')], ['Relay / Feedback contact', 'Clock / Offset from the hub', 'Storage / Durable writes (fsync)']);
      const enHeads = (await en.page.locator(`${steps} thead th`).allTextContents()).map((h) => h.trim());
      assert.deepEqual(enHeads.slice(4, 7), ['Detail (from the device)', 'Likely cause (from the device)', 'Remedy (from the device)']);
      assert.equal((await en.page.textContent(`${run(commandId)} [data-testid=run-failed]`))?.trim(), 'door-a/relay Relay / Feedback contact (door)');
      assert.match((await en.page.textContent(`${steps} tr.bad`)) ?? '', /relay stuck closed.*replace the relay/);
      assert.equal(await en.page.$$eval(`${steps} [data-testid=device-cause]`, (els) => els.length), 0, "in English the device's text alone");
    } finally {
      await en.context.close();
    }
  });

  it('moves the ticket the failure opened through its workflow, with the operator of each step', async () => {
    const [opened] = await kit.tickets('?status=open&category=door');
    assert.ok(opened, 'the failed relay opened a ticket');
    const id = opened.ticketId as number;
    const facil = await logIn(browser, kit.hub, 'qian.facil', ['facilities']);
    const { page } = facil;
    await openPage(page, 'maintenance', `[data-testid=tickets] tr[data-key="${id}"]`);
    await page.selectOption('[data-testid=ticket-status-filter]', 'open');
    await page.selectOption('[data-testid=ticket-category-filter]', 'door');
    await page.waitForSelector(ticketRow(id));
    await page.click(`${ticketRow(id)} [data-testid=show-ticket]`);
    await page.waitForSelector(`[data-testid=ticket][data-ticket="${id}"] [data-testid=workflow]`);
    const buttons = async () => page.$$eval('[data-testid=workflow] button[data-testid^=move-]', (els) => els.map((e) => e.getAttribute('data-testid')));
    assert.deepEqual(await buttons(), ['move-assigned', 'move-rejected']);

    const move = async (to: string, fill: Record<string, string> = {}) => {
      await page.click(`[data-testid=workflow] [data-testid=move-${to}]`);
      for (const [field, value] of Object.entries(fill)) await page.fill(`[data-testid=confirm-dialog] [data-testid=${field}]`, value);
      await page.click('[data-testid=confirm]');
      await page.waitForSelector('[data-testid=confirm-dialog]', { state: 'detached' });
    };
    await move('assigned', { assignee: 'wang.maint', 'step-note': '请今天内更换继电器' });
    await page.waitForSelector('[data-testid=ticket-assignee]:has-text("wang.maint")');
    assert.deepEqual(await buttons(), ['move-assigned', 'move-in_progress', 'move-rejected']);
    await facil.context.close();

    const maint = await logIn(browser, kit.hub, 'wang.maint', ['maintenance']);
    await openPage(maint.page, 'maintenance', `[data-testid=tickets] tr[data-key="${id}"]`);
    await maint.page.click(`${ticketRow(id)} [data-testid=show-ticket]`);
    await maint.page.waitForSelector('[data-testid=workflow]');
    const step = async (to: string, note?: string) => {
      await maint.page.click(`[data-testid=workflow] [data-testid=move-${to}]`);
      if (note) await maint.page.fill('[data-testid=confirm-dialog] [data-testid=step-note]', note);
      await maint.page.click('[data-testid=confirm]');
      await maint.page.waitForSelector('[data-testid=confirm-dialog]', { state: 'detached' });
    };
    await step('in_progress');
    await maint.page.waitForSelector('[data-testid=workflow] [data-testid=move-resolved]');
    await step('resolved', '继电器已更换，自检通过');
    await maint.page.waitForSelector('[data-testid=workflow] [data-testid=move-closed]');
    await maint.page.click(`[data-testid=devices] tr[data-key="${DEVICE}"] [data-testid=show-selftests]`);
    await maint.page.waitForSelector('[data-testid=selftest-history] [data-testid=selftest-steps]');
    await screenshot(maint.page, '07-maintenance');
    await step('closed');
    await maint.page.waitForSelector(`[data-testid=ticket] [data-testid=ticket-status]:has-text("已关闭")`);
    assert.equal(await maint.page.$('[data-testid=workflow]'), null, 'closed is final: no buttons');
    const operators = await maint.page.$$eval('[data-testid=ticket-steps] [data-testid=step-operator]', (els) => els.map((e) => (e.textContent ?? '').trim()));
    assert.deepEqual(operators, ['hub', 'qian.facil', 'wang.maint', 'wang.maint', 'wang.maint']);
    await maint.context.close();

    // (wang.maint's login above replaced the kit's token of that operator: the test admin reads.)
    const shown = (await api(kit.hub, 'GET', `/api/tickets/${id}`)).body.ticket;
    assert.deepEqual(shown.steps.map((s: any) => [s.toStatus, s.operatorId, s.note]), [
      ['open', 'hub', shown.steps[0].note],
      ['assigned', 'qian.facil', '请今天内更换继电器'],
      ['in_progress', 'wang.maint', ''],
      ['resolved', 'wang.maint', '继电器已更换，自检通过'],
      ['closed', 'wang.maint', ''],
    ]);
  });

  it("lets the card office file a resident's request, and shows it no workflow buttons; the contact masked until asked for with a reason", async () => {
    const card = await logIn(browser, kit.hub, 'liu.card', ['card_office']);
    try {
      assert.ok(await card.page.$('[data-testid=nav-maintenance]'), 'the card office has the maintenance page in its menu');
      await openPage(card.page, 'maintenance', '[data-testid=request-form]');
      assert.equal(await card.page.$('[data-testid=devices]'), null, 'the card office sees no devices');
      const form = '[data-testid=request-form]';
      await card.page.fill(`${form} input[name=name]`, '李华');
      await card.page.fill(`${form} input[name=studentNumber]`, '2023123456');
      await card.page.fill(`${form} input[name=phone]`, '138 0000 1234');
      await card.page.fill(`${form} input[name=dormRoom]`, 'B-701');
      await card.page.selectOption(`${form} select[name=category]`, 'water_meter');
      await card.page.fill(`${form} textarea[name=description]`, 'B-701 淋浴一直是冷水');
      await card.page.click('[data-testid=request-submit]');
      const filed = (await card.page.textContent('[data-testid=requested]')) ?? '';
      const id = Number(/#(\d+)/.exec(filed)?.[1]);
      await card.page.waitForSelector(`[data-testid=ticket][data-ticket="${id}"] [data-testid=no-workflow]`);
      const resident = '[data-testid=ticket] [data-testid=ticket-resident]';
      assert.equal(await card.page.getAttribute(resident, 'data-contact'), 'masked');
      const masked = (await card.page.textContent(resident)) ?? '';
      assert.match(masked, /^李\* · 学号 \*{6}3456 · 电话 \*{9}1234 · 宿舍房间 B-701$/);
      assert.equal(await card.page.$('[data-testid=workflow]'), null);
      assert.match((await card.page.textContent('[data-testid=ticket] dl.facts')) ?? '', /B-701 淋浴一直是冷水/, 'the description in full');

      // Show contact: a reason first (the field is required), then the full details; the audit log keeps the reason.
      await card.page.click('[data-testid=ticket] [data-testid=show-contact]');
      await card.page.waitForSelector('[data-testid=contact-form] [data-testid=reason]');
      assert.match((await card.page.textContent('[data-testid=contact-form]')) ?? '', /个人信息.*记入审计日志/);
      await card.page.click('[data-testid=contact-go]');
      assert.equal(await card.page.getAttribute(resident, 'data-contact'), 'masked', 'not sent without a reason');
      await card.page.fill('[data-testid=contact-form] [data-testid=reason]', '电话联系报修人确认上门时间');
      await card.page.click('[data-testid=contact-go]');
      await card.page.waitForSelector(`${resident}[data-contact=full]`);
      assert.equal(await card.page.textContent(resident), '李华 · 学号 2023123456 · 电话 138 0000 1234 · 宿舍房间 B-701');
      const looked = (await api(kit.hub, 'GET', '/api/audit?action=ticket.show&operatorId=liu.card')).body.entries as any[];
      assert.deepEqual(looked.map((e) => [e.targetId, e.reason, e.status, e.request]), [[String(id), '电话联系报修人确认上门时间', 200, { contact: '1' }]]);
      await card.page.click('[data-testid=hide-contact]');
      await card.page.waitForSelector(`${resident}[data-contact=masked]`);
      const ticket = (await api(kit.hub, 'GET', `/api/tickets/${id}`)).body.ticket;
      assert.deepEqual([ticket.source, ticket.category, ticket.status, ticket.steps[0].operatorId], ['resident', 'water_meter', 'open', 'liu.card']);
    } finally {
      await card.context.close();
    }
  });

  it('pages the repair tickets 50 at a time: older and newer, back to the newest, a filter starts again at the first page', async () => {
    const counter = await operatorToken(kit.hub, 'zhou.card', ['card_office']);
    for (let i = 1; i <= 55; i++) {
      const filed = await api(kit.hub, 'POST', '/api/tickets', { name: '王芳', studentNumber: `2024${String(i).padStart(4, '0')}`, phone: '13900001111', dormRoom: `C-${100 + i}`, description: i === 55 ? `C-${100 + i} 门禁刷卡无反应` : `C-${100 + i} 电表不走字`, category: i === 55 ? 'door' : 'electricity_meter' }, { token: counter });
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
    }
    // (The kit's token was replaced by wang.maint's login above: the test admin reads.)
    const ids = async (query: string) => ((await api(kit.hub, 'GET', `/api/tickets${query}`)).body.tickets as any[]).map((t) => t.ticketId as number);
    const all = await ids('?limit=500');
    assert.ok(all.length > 55 && all.length <= 100, String(all.length));
    const { page, context } = await logIn(browser, kit.hub, 'zhou.maint', ['maintenance']);
    try {
      await openPage(page, 'maintenance', `[data-testid=tickets] tr[data-key="${all[0]}"]`);
      const shown = async () => (await page.$$eval('[data-testid=tickets] tbody tr[data-key]', (rows) => rows.map((r) => Number(r.getAttribute('data-key')))));
      const pageLabel = async () => ((await page.textContent('[data-testid=tickets-page]')) ?? '').trim();
      assert.deepEqual(await shown(), all.slice(0, 50), 'the newest 50');
      assert.equal(await pageLabel(), '第 1 页');
      assert.ok(await page.isDisabled('[data-testid=tickets-newer]'));
      assert.ok(await page.isDisabled('[data-testid=tickets-newest]'));

      await page.click('[data-testid=tickets-older]');
      await page.waitForSelector(`[data-testid=tickets] tr[data-key="${all[50]}"]`);
      assert.deepEqual(await shown(), all.slice(50), 'the older ones, down to the first ticket');
      assert.equal(await pageLabel(), '第 2 页');
      assert.ok(await page.isDisabled('[data-testid=tickets-older]'), 'the last page');

      await page.click('[data-testid=tickets-newer]');
      await page.waitForSelector(`[data-testid=tickets] tr[data-key="${all[0]}"]`);
      assert.equal(await pageLabel(), '第 1 页');
      await page.click('[data-testid=tickets-older]');
      await page.waitForSelector(`[data-testid=tickets] tr[data-key="${all[50]}"]`);
      await page.click('[data-testid=tickets-newest]');
      await page.waitForSelector(`[data-testid=tickets] tr[data-key="${all[0]}"]`);

      // From page 2, a filter shows the first page of the matching tickets.
      await page.click('[data-testid=tickets-older]');
      await page.waitForSelector(`[data-testid=tickets] tr[data-key="${all[50]}"]`);
      const doors = await ids('?category=door');
      assert.ok(doors[0] === all[0] && doors.slice(1).every((id) => all.slice(50).includes(id)), 'the newest door ticket is above page 2, the older ones on it');
      await page.selectOption('[data-testid=ticket-category-filter]', 'door');
      await waitFor('the door tickets shown', async () => JSON.stringify(await shown()) === JSON.stringify(doors), 10_000, 50);
      assert.equal(await pageLabel(), '第 1 页');
      assert.ok(await page.isDisabled('[data-testid=tickets-older]') && (await page.isDisabled('[data-testid=tickets-newer]')));
    } finally {
      await context.close();
    }
  });
});
