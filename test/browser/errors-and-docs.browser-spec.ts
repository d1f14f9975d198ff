import { newUserId } from '../support/factories';
import { FakeOpenAiServer } from '../support/fake-openai-server';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  answerDone,
  collectPageErrors,
  createRoomInPage,
  freshPage,
  lastAnswerText,
  launchBrowser,
  screenshot,
  signIn,
  until,
  words,
  type Browser,
} from './support/browser';

describe('the web client when things go wrong, and Swagger UI, in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('shows a rate limit as a wait, keeps the message, and disables Send until then', async () => {
    const t = await startTestApp({
      RATE_LIMIT_MESSAGES: '1',
      RATE_LIMIT_MESSAGES_WINDOW_MS: '60000',
      SIMULATED_LLM_DELAY_MS: '0',
    });
    try {
      const page = await freshPage(browser, t.url);
      await signIn(page, newUserId());
      await createRoomInPage(page, 'Busy day');
      await page.getByLabel('Message', { exact: true }).fill('First question');
      await page.getByLabel('Message', { exact: true }).press('Enter');
      await answerDone(page);

      await page.getByLabel('Message', { exact: true }).fill('Second question');
      await page.getByLabel('Message', { exact: true }).press('Enter');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      const text = await alert.innerText();
      expect(text).toContain('You are sending messages faster than allowed.');
      const wait = /Try again in (\d+) s\./.exec(text);
      expect(Number(wait?.[1])).toBeGreaterThan(0);
      expect(Number(wait?.[1])).toBeLessThanOrEqual(60);
      expect(await page.getByLabel('Message', { exact: true }).inputValue()).toBe(
        'Second question',
      );
      expect(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);
      expect(await page.locator('.turn').count()).toBe(1);
      await screenshot(page, 'rate-limited');

      // The countdown moves.
      await until(
        async () => !(await alert.innerText()).includes(`in ${wait?.[1]} s`),
        'the countdown to tick',
        3_000,
      );
      await page.close();
    } finally {
      await t.close();
    }
  });

  it('says when the room limit is reached, and keeps the name typed', async () => {
    const t = await startTestApp({ MAX_ROOMS_PER_USER: '1' });
    try {
      const page = await freshPage(browser, t.url);
      await signIn(page, newUserId());
      await createRoomInPage(page, 'The only room');
      await page.getByLabel('New room name', { exact: true }).fill('One too many');
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      await page
        .getByRole('alert')
        .getByText('Maximum room limit (1) reached. Please delete old rooms.')
        .waitFor();
      expect(await page.getByLabel('New room name', { exact: true }).inputValue()).toBe(
        'One too many',
      );
      expect(await page.locator('.room-item').count()).toBe(1);
      await page.close();
    } finally {
      await t.close();
    }
  });

  it('says when the model is unavailable', async () => {
    const upstream = new FakeOpenAiServer();
    upstream.behaviour = { kind: 'fail', status: 500 };
    const t = await startTestApp({
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: await upstream.start(),
      LLM_API_KEY: 'sk-test-123',
    });
    try {
      const page = await freshPage(browser, t.url);
      await signIn(page, newUserId());
      await createRoomInPage(page, 'No model');
      await page.getByLabel('Message', { exact: true }).fill('Hello?');
      await page.getByLabel('Message', { exact: true }).press('Enter');
      await page
        .getByRole('alert')
        .getByText("The assistant's language model stopped responding")
        .waitFor();
      await answerDone(page);
      await page.close();
    } finally {
      await t.close();
      await upstream.stop();
    }
  });

  it('says the server is restarting when it shuts down mid-answer, keeping the partial', async () => {
    const t = await startTestApp({ SIMULATED_LLM_DELAY_MS: '25', SIMULATED_LLM_WORDS: '400' });
    let closing: Promise<void> | undefined;
    try {
      const page = await freshPage(browser, t.url);
      await signIn(page, newUserId());
      await createRoomInPage(page, 'Restart');
      await page.getByLabel('Message', { exact: true }).fill('A long answer please');
      await page.getByLabel('Message', { exact: true }).press('Enter');
      await until(async () => words(await lastAnswerText(page)) >= 10, 'some words');
      closing = t.close();
      // The client's room-list refresh may also find the server gone: its notice can show too.
      await page
        .getByRole('alert')
        .getByText(/^The server is restarting/)
        .waitFor();
      await answerDone(page);
      expect(words(await lastAnswerText(page))).toBeGreaterThanOrEqual(10);
      await screenshot(page, 'server-restarting');
      await page.close();
    } finally {
      await (closing ?? t.close());
    }
  });

  describe('Swagger UI at /docs', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('loads with no console errors, and "Try it out" creates a room', async () => {
      const page = await browser.context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${t.url}/docs`);
      const operation = page.locator('#operations-rooms-createRoom');
      await operation.locator('.opblock-summary').click();
      await operation.getByRole('button', { name: 'Try it out' }).click();
      const user = newUserId();
      await operation
        .locator('textarea.body-param__text')
        .fill(JSON.stringify({ user_id: user, room_name: 'From Swagger UI' }));
      await operation.getByRole('button', { name: 'Execute' }).click();
      const status = operation.locator('.live-responses-table tr.response .response-col_status');
      await status.waitFor();
      expect((await status.innerText()).trim()).toBe('201');
      await status.scrollIntoViewIfNeeded();
      await screenshot(page, 'swagger-try-it-out');

      expect(
        await t.db
          .collection('chat_rooms')
          .findOne({ user_id: user, room_name: 'From Swagger UI' }),
      ).not.toBeNull();
      expect(errors).toEqual([]);
      await page.close();
    });
  });
});
