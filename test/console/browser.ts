/**
 * Drives the web console in a real headless Chromium (Debian's, at /usr/bin/chromium or
 * $ONECARD_CHROMIUM) with playwright-core: one browser per test file, a fresh context (storage,
 * cookies) per operator, login through the console's own form, and zh-CN screenshots written to
 * docs/screenshots/zh-CN/ (the folder the README names).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Hub } from '../../hub/hub.js';
import { localOperator } from '../../hub/local-operator.js';
import type { Role } from '../../hub/roles.js';

export const CHROMIUM = process.env.ONECARD_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots', 'zh-CN');

/** Flags for a closed network and a root user (the CI machine): no sandbox, nothing phoning home. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run scripts/install-system-deps.sh (Debian package chromium) or set ONECARD_CHROMIUM`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

export interface ConsoleUser {
  context: BrowserContext;
  page: Page;
  operatorId: string;
  password: string;
}

/**
 * An operator with these roles (made at the hub with a known password) logged in to the console
 * through its login form, in a browser context of their own, the console in Chinese unless `lang`.
 */
export async function logIn(browser: Browser, hub: Hub, operatorId: string, roles: Role[], lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<ConsoleUser> {
  const { password } = await localOperator(hub, { operatorId, name: operatorId, roles });
  // Campus time: the console shows times in the browser's zone, as an operator's desktop in China would.
  const context = await browser.newContext({ locale: lang, timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
  await context.addInitScript(`localStorage.setItem('onecard.lang', ${JSON.stringify(lang)})`);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${hub.url}/console/`);
  await page.fill('input[name=operatorId]', operatorId);
  await page.fill('input[name=password]', password);
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('[data-testid=who]');
  return { context, page, operatorId, password };
}

/** Opens a page of the console from its menu and waits until its content (not the loading line) shows. */
export async function openPage(page: Page, id: string, ready = 'table, .figures, .panel'): Promise<void> {
  await page.click(`[data-testid=nav-${id}]`);
  await page.waitForSelector(`main[data-page=${id}]`);
  await page.waitForSelector(`main[data-page=${id}] :is(${ready})`);
}

/** A full-page screenshot under docs/screenshots/zh-CN/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
