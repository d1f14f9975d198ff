import { startAppProcess, type AppProcess } from '../support/app-process';
import { eventually, signToken } from '../support/factories';
import { openSse } from '../support/sse-client';

interface LogLine {
  level: number;
  msg: string;
  req?: { id: string; method: string; url: string };
  user_id?: string;
  room_id?: string;
  session_id?: string;
}

describe('JSON logs of a real process', () => {
  let app: AppProcess;
  const user = 'user_logcheck';
  const secretMessage = 'my potassium result is 6.1';

  beforeAll(async () => {
    app = await startAppProcess({
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      SIMULATED_LLM_DELAY_MS: '0',
      SIMULATED_LLM_WORDS: '5',
    });
  });
  afterAll(async () => {
    await app.stop('SIGTERM');
  });

  it('writes one JSON line per request with request, user, room and session ids, and no secrets or messages', async () => {
    const token = await signToken(user);
    const auth = { Authorization: `Bearer ${token}` };
    const room = await fetch(`${app.url}/api/rooms`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', 'X-Request-Id': 'log-check-1' },
      body: JSON.stringify({ room_name: 'Private room name' }),
    });
    const roomId = ((await room.json()) as { data: { room_id: string } }).data.room_id;
    const session = await fetch(`${app.url}/api/session/create`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ room_id: roomId }),
    });
    const sessionId = ((await session.json()) as { data: { session_id: string } }).data.session_id;
    const stream = await openSse(
      `${app.url}/api/chat/stream?session_id=${sessionId}&message=${encodeURIComponent(secretMessage)}&access_token=${token}`,
      { method: 'GET' },
    );
    await stream.rest();

    const lines = await eventually(() => {
      const parsed = app
        .output()
        .split('\n')
        .filter((line) => line.trim().length > 0)
        .map((line) => JSON.parse(line) as LogLine);
      return parsed.some((line) => line.req?.url.startsWith('/api/chat/stream'))
        ? parsed
        : undefined;
    }, 5_000);

    const created = lines.find((line) => line.req?.id === 'log-check-1');
    expect(created).toMatchObject({
      msg: 'request completed',
      user_id: user,
      req: { method: 'POST', url: '/api/rooms' },
    });
    const streamed = lines.find((line) => line.req?.url.startsWith('/api/chat/stream'));
    expect(streamed).toMatchObject({ user_id: user, session_id: sessionId });
    const sessionLine = lines.find((line) => line.req?.url === '/api/session/create');
    expect(sessionLine).toMatchObject({ room_id: roomId });

    const rawStreamLine = app
      .output()
      .split('\n')
      .find((line) => line.includes('"url":"/api/chat/stream'));
    expect(rawStreamLine?.split('"session_id"')).toHaveLength(2); // the key appears once

    const everything = app.output();
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('potassium result');
    expect(everything).not.toContain(encodeURIComponent(secretMessage).slice(0, 20));
    expect(everything).not.toContain('Private room name');
  });

  it('redacts a message and a token whose parameter names are percent-encoded, which Express decodes and uses', async () => {
    const otherUser = 'user_logcheck_encoded';
    const token = await signToken(otherUser);
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const room = await fetch(`${app.url}/api/rooms`, { method: 'POST', headers: auth, body: '{}' });
    const roomId = ((await room.json()) as { data: { room_id: string } }).data.room_id;
    const session = await fetch(`${app.url}/api/session/create`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ room_id: roomId }),
    });
    const sessionId = ((await session.json()) as { data: { session_id: string } }).data.session_id;
    const encodedSecret = 'my creatinine is 4.2 and rising';
    const stream = await openSse(
      `${app.url}/api/chat/stream?session_id=${sessionId}&%6Dessage=${encodeURIComponent(encodedSecret)}&access%5Ftoken=${token}`,
      { method: 'GET' },
    );
    // the app read both: the token identified the caller and the message was answered
    expect(stream.status).toBe(200);
    const events = await stream.rest();
    expect(events[events.length - 1].event).toBe('done');

    await eventually(
      () => (app.output().includes('access%5Ftoken=[REDACTED]') ? true : undefined),
      5_000,
    );
    const everything = app.output();
    expect(everything).toContain('%6Dessage=[REDACTED]');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('creatinine');
    expect(everything).not.toContain(encodeURIComponent(encodedSecret).slice(0, 15));
  });

  it('treats a corrupt gzip body as a client error: no error line, no stack, no INTERNAL_ERROR', async () => {
    const res = await fetch(`${app.url}/api/rooms?user_id=${user}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: 'these bytes are not gzip',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error_code: 'VALIDATION_ERROR' });

    // a later request's line marks the point by which anything about the first was written
    await fetch(`${app.url}/healthz`, { headers: { 'X-Request-Id': 'log-check-after-gzip' } });
    await eventually(
      () => (app.output().includes('log-check-after-gzip') ? true : undefined),
      5_000,
    );
    const errorLines = app
      .output()
      .split('\n')
      .filter((text) => text.trim().length > 0)
      .map((text) => JSON.parse(text) as LogLine)
      .filter((entry) => entry.level >= 50);
    expect(errorLines).toEqual([]);
    expect(app.output()).not.toContain('incorrect header check');

    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/^errors_total\{error_type="VALIDATION_ERROR"\} [1-9]/m);
    expect(metrics).not.toMatch(/^errors_total\{error_type="INTERNAL_ERROR"\}/m);
  });
});
