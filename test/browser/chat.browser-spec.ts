import { newUserId, signToken } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  answerDone,
  createRoomInPage,
  focusedId,
  focusedText,
  pageWidth,
  unnamedControls,
  watchLayoutShift,
  freshPage,
  lastAnswer,
  lastAnswerText,
  launchBrowser,
  PHONE,
  screenshot,
  signIn,
  until,
  words,
  type Browser,
} from './support/browser';

/** Slow enough that a test sees the answer grow and can stop it mid-way. */
const STREAMING = { SIMULATED_LLM_DELAY_MS: '25', SIMULATED_LLM_WORDS: '160' };

describe('the web client in Chromium', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp(STREAMING);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in, creates a room and streams an answer word by word without layout shift', async () => {
    const page = await freshPage(browser, t.url);
    await screenshot(page, 'sign-in');
    expect(await unnamedControls(page)).toEqual([]);
    const user = newUserId();
    await signIn(page, user);
    expect(await focusedId(page)).toBe('new-room-name');

    await createRoomInPage(page, 'Diet questions');
    expect(await focusedId(page)).toBe('message');
    expect(await unnamedControls(page)).toEqual([]);
    const layoutShift = await watchLayoutShift(page);

    await page.getByLabel('Message', { exact: true }).fill('What should I eat on dialysis?');
    await page.getByLabel('Message', { exact: true }).press('Enter');
    await page.getByRole('button', { name: 'Stop', exact: true }).waitFor();

    const seen: number[] = [];
    await until(async () => {
      const count = words(await lastAnswerText(page));
      if (count > 0 && count !== seen[seen.length - 1]) seen.push(count);
      return seen.length >= 5;
    }, 'the answer to grow');
    await screenshot(page, 'chat-streaming');
    await answerDone(page);

    // The answer arrived in many steps, each longer than the one before.
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(words(await lastAnswerText(page))).toBe(160);
    const shift = await layoutShift();
    expect(shift).toBeLessThan(0.01);

    const room = page.getByRole('button', { name: /Diet questions/ });
    await until(
      async () => /simulated/i.test(await room.innerText()),
      'the room list to show the last message',
    );
    expect(await focusedId(page)).toBe('message');
    await screenshot(page, 'chat-answered');
    await page.close();
  });

  it('signs in with a pasted token, and says so when a token is refused', async () => {
    const page = await freshPage(browser, t.url);
    const user = newUserId();
    await page.getByLabel('An access token').check();
    await page.getByLabel('Access token', { exact: true }).fill('not-a-valid-token');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').getByText('The server did not accept this token').waitFor();

    await page.getByLabel('Access token', { exact: true }).fill(await signToken(user));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Rooms' }).waitFor();
    expect(await page.locator('.account-name').innerText()).toBe(user);
    await createRoomInPage(page, 'With a token');
    expect(await t.db.collection('chat_rooms').countDocuments({ user_id: user })).toBe(1);

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByLabel('User id', { exact: true }).waitFor();
    expect(await page.evaluate<string | null>("localStorage.getItem('careguide.auth')")).toBeNull();
    await page.close();
  });

  it('Stop keeps the partial answer, which survives a reload; Escape stops too', async () => {
    const page = await freshPage(browser, t.url);
    await signIn(page, newUserId());
    await createRoomInPage(page, 'Stopping');

    await page.getByLabel('Message', { exact: true }).fill('Tell me about potassium');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await until(async () => words(await lastAnswerText(page)) >= 8, 'a few words');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await lastAnswer(page).getByText('Stopped').waitFor();
    const partial = await lastAnswerText(page);
    expect(words(partial)).toBeGreaterThanOrEqual(8);
    expect(words(partial)).toBeLessThan(160);
    await screenshot(page, 'chat-stopped');

    await page.reload();
    await page.getByRole('heading', { name: 'Stopping', level: 2 }).waitFor();
    await lastAnswer(page).getByText('Stopped').waitFor();
    expect(await lastAnswerText(page)).toBe(partial);

    await page.getByLabel('Message', { exact: true }).fill('And phosphorus?');
    await page.getByLabel('Message', { exact: true }).press('Enter');
    await until(async () => words(await lastAnswerText(page)) >= 3, 'the second answer');
    await page.keyboard.press('Escape');
    await lastAnswer(page).getByText('Stopped').waitFor();
    await answerDone(page);
    expect(await page.locator('.turn').count()).toBe(2);
    await page.close();
  });

  it('renames and tags a room, deletes one, and erases another for good after confirming', async () => {
    const page = await freshPage(browser, t.url);
    const user = newUserId();
    await signIn(page, user);
    await createRoomInPage(page, 'To rename');
    await page.getByRole('button', { name: 'Rename or tag' }).click();
    await page.getByLabel('Room name', { exact: true }).fill('Kidney diet');
    await page.getByLabel('Tags', { exact: true }).fill('kidney, diet');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Kidney diet', level: 2 }).waitFor();
    const listed = page.getByRole('navigation').getByRole('button', { name: /Kidney diet/ });
    expect(await listed.innerText()).toContain('kidney');
    expect(await listed.innerText()).toContain('diet');

    // Escape closes a dialog and gives focus back to the button that opened it.
    await page.getByRole('button', { name: 'Rename or tag' }).click();
    await page.keyboard.press('Escape');
    expect(await focusedText(page)).toBe('Rename or tag');

    await page.getByRole('button', { name: 'Delete' }).click();
    await screenshot(page, 'delete-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('No rooms yet').waitFor();
    const softDeleted = await t.db.collection('chat_rooms').findOne({ user_id: user });
    expect(softDeleted).toMatchObject({ room_name: 'Kidney diet', is_deleted: true });

    await createRoomInPage(page, 'To erase');
    await page.getByLabel('Message', { exact: true }).fill('Hello');
    await page.getByLabel('Message', { exact: true }).press('Enter');
    await answerDone(page);
    const erased = await t.db
      .collection('chat_rooms')
      .findOne({ user_id: user, room_name: 'To erase' });
    expect(erased).not.toBeNull();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Erase for good…' }).click();
    await page.getByRole('heading', { name: 'Erase “To erase” for good?' }).waitFor();
    await page.getByRole('button', { name: 'Erase for good', exact: true }).click();
    await page.getByText('No rooms yet').waitFor();
    expect(await t.db.collection('chat_rooms').countDocuments({ room_id: erased?.room_id })).toBe(
      0,
    );
    expect(
      await t.db.collection('conversation_history').countDocuments({ room_id: erased?.room_id }),
    ).toBe(0);
    await page.close();
  });

  it('pages history with "Load older messages"', async () => {
    const user = newUserId();
    const seeder = await startTestApp({ SIMULATED_LLM_DELAY_MS: '0', SIMULATED_LLM_WORDS: '5' });
    let roomId: string;
    try {
      const headers = { 'Content-Type': 'application/json' };
      const room = (await (
        await fetch(`${seeder.url}/api/rooms`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ user_id: user, room_name: 'Long history' }),
        })
      ).json()) as { data: { room_id: string } };
      roomId = room.data.room_id;
      const session = (await (
        await fetch(`${seeder.url}/api/session/create`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ user_id: user, room_id: roomId }),
        })
      ).json()) as { data: { session_id: string } };
      for (let i = 1; i <= 25; i += 1) {
        const answer = await fetch(`${seeder.url}/api/chat/message`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            user_id: user,
            session_id: session.data.session_id,
            message: `Question ${i}`,
          }),
        });
        await answer.text();
      }
    } finally {
      await seeder.close();
    }

    const page = await freshPage(browser, t.url);
    await signIn(page, user);
    await page.getByRole('button', { name: /Long history/ }).click();
    await page.getByText('Question 25').waitFor();
    expect(await page.locator('.turn').count()).toBe(20);
    await page.getByRole('button', { name: 'Load older messages' }).click();
    await until(async () => (await page.locator('.turn').count()) === 25, 'the older turns');
    const questions = await page.locator('.bubble-user').allTextContents();
    expect(questions.map((text) => text.replace(/^You: /, ''))).toEqual(
      Array.from({ length: 25 }, (_, i) => `Question ${i + 1}`),
    );
    expect(await page.getByRole('button', { name: 'Load older messages' }).count()).toBe(0);
    expect(roomId).toMatch(/^room_/);
    await page.close();
  });

  it('replaces an ended session without losing the message', async () => {
    const page = await freshPage(browser, t.url);
    const user = newUserId();
    await signIn(page, user);
    await createRoomInPage(page, 'Old session');
    const roomId = decodeURIComponent(new URL(page.url()).hash.replace('#/rooms/', ''));
    await page.evaluate(
      ([owner, room]) =>
        localStorage.setItem(
          `careguide.sessions.user:${owner}`,
          JSON.stringify({ [room]: 'session_00000000-0000-4000-8000-000000000000' }),
        ),
      [user, roomId],
    );
    await page.getByLabel('Message', { exact: true }).fill('Still there?');
    await page.getByLabel('Message', { exact: true }).press('Enter');
    await page.getByText('Your chat session had ended; a new one was started.').waitFor();
    await answerDone(page);
    expect(words(await lastAnswerText(page))).toBe(160);
    expect(await page.locator('.turn').count()).toBe(1);
    await page.close();
  });

  it('works at phone width: the list, then the room full screen, and back', async () => {
    const page = await freshPage(browser, t.url);
    await page.setViewportSize(PHONE);
    await signIn(page, newUserId());
    await createRoomInPage(page, 'On the phone');
    await page.getByLabel('Message', { exact: true }).fill('Can I drink coffee?');
    await page.getByLabel('Message', { exact: true }).press('Enter');
    await until(async () => words(await lastAnswerText(page)) >= 30, 'the answer');
    await screenshot(page, 'phone-chat');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await answerDone(page);
    await page.getByRole('button', { name: 'Rooms', exact: true }).click();
    await page.getByRole('button', { name: /On the phone/ }).waitFor();
    expect(await page.getByLabel('Message', { exact: true }).count()).toBe(0);
    await screenshot(page, 'phone-rooms');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await page.close();
  });
});
