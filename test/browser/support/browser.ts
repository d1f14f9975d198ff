import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; playwright-core drives it and never downloads a browser of its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Test artifacts, not committed (.cache is ignored). */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', '.cache', 'screenshots');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh temporary profile, removed on close. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'careguide-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: DESKTOP,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-gpu',
      '--no-first-run',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Everything the page reports as an error: console errors and uncaught exceptions. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** A new tab on the app with nothing remembered from earlier tests. */
export async function freshPage(browser: Browser, baseUrl: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(baseUrl);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  return page;
}

/** Signs in with a user id (the server runs in dev mode). */
export async function signIn(page: Page, userId: string): Promise<void> {
  await page.getByLabel('User id', { exact: true }).fill(userId);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Rooms' }).waitFor();
}

/** Creates a room from the list's form; the app opens it. */
export async function createRoomInPage(page: Page, name: string): Promise<void> {
  await page.getByLabel('New room name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
}

/** The assistant's bubble of the newest turn. */
export function lastAnswer(page: Page) {
  return page.locator('.turn').last().locator('.bubble-agent');
}

export function lastAnswerText(page: Page): Promise<string> {
  return lastAnswer(page).locator('.bubble-text').innerText();
}

/** Polls until `check` holds, or fails after `timeoutMs`. */
export async function until(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

export function words(text: string): number {
  return text.trim() === '' ? 0 : text.trim().split(/\s+/).length;
}

/** Waits until no answer is streaming and the composer offers Send again. */
export async function answerDone(page: Page, timeoutMs = 20_000): Promise<void> {
  await until(
    async () =>
      (await page.locator('.bubble-agent.is-streaming').count()) === 0 &&
      (await page.getByRole('button', { name: 'Send', exact: true }).count()) === 1,
    'the answer to end',
    timeoutMs,
  );
}

/** The id of the element that has the keyboard focus (the page's code, as a string: no DOM types here). */
export function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate<string | undefined>('document.activeElement?.id');
}

export function focusedText(page: Page): Promise<string | undefined> {
  return page.evaluate<string | undefined>('document.activeElement?.textContent');
}

/** The page's full width: above the viewport's means it scrolls sideways. */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}

/** Starts adding up layout shifts (the Cumulative Layout Shift score) from now on. */
export async function watchLayoutShift(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(`(() => {
    window.__layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__layoutShift += entry.value;
    }).observe({ type: 'layout-shift' });
  })()`);
  return () => page.evaluate<number>('window.__layoutShift');
}

/** Form controls and buttons with no accessible name (no label, aria-label or text). */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('input, select, textarea, button')]
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
      && !el.getAttribute('aria-labelledby') && !el.textContent.trim())
    .map((el) => el.outerHTML)`);
}
