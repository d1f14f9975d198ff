import fc from 'fast-check';
import request from 'supertest';
import { newConversation } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** Property runs per endpoint: enough to cover odd shapes, bounded so the suite stays quick. */
const RUNS = 60;

/** Values of every JSON kind, including operator-shaped objects and awkward strings. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    { $gt: '' },
    { $ne: null },
    ['$where'],
    '__proto__',
    '\u0000',
    '🩺'.repeat(120),
    -1,
    Number.MAX_VALUE,
    '',
  ),
  fc.string({ maxLength: 300 }),
);

/**
 * Bodies whose known fields are either a well-formed value (so requests get past
 * validation into the services) or anything at all, plus stray fields now and then.
 */
function bodyOf(fields: string[], valid: Record<string, unknown>) {
  const known = fc.record(
    Object.fromEntries(
      fields.map((field) => [field, fc.oneof(fc.constant(valid[field]), anyValue)]),
    ),
    { requiredKeys: [] },
  );
  const stray = fc.dictionary(fc.string({ maxLength: 12 }), anyValue, { maxKeys: 2 });
  return fc
    .tuple(known, stray, fc.boolean())
    .map(([body, extra, withExtra]) => (withExtra ? { ...extra, ...body } : body));
}

function queryOf(fields: string[]) {
  return fc.dictionary(
    fc.oneof(fc.constantFrom(...fields), fc.string({ minLength: 1, maxLength: 12 })),
    fc.string({ maxLength: 40 }),
    {
      maxKeys: 5,
    },
  );
}

describe('no input yields a 5xx (fast-check over the DTO endpoints)', () => {
  let t: TestApp;
  let user: string;
  let roomId: string;
  let sessionId: string;

  beforeAll(async () => {
    t = await startTestApp({
      SIMULATED_LLM_DELAY_MS: '0',
      SIMULATED_LLM_WORDS: '2',
      MAX_ROOMS_PER_USER: '10000',
    });
    ({ user, roomId, sessionId } = await newConversation(t.url));
  });
  afterAll(async () => {
    await t.close();
  });

  const validValues = (): Record<string, unknown> => ({
    user_id: user,
    room_id: roomId,
    session_id: sessionId,
    room_name: 'A fine name',
    metadata: { tags: ['kidney'] },
    metadata_mode: 'merge',
    message: 'How much water should I drink?',
    agent_type: 'general',
  });

  const expectNo5xx = (status: number, body: unknown) => {
    if (status >= 500) throw new Error(`answered ${status}: ${JSON.stringify(body)}`);
  };

  it.each([
    ['POST /api/rooms', 'post', (): string => '/api/rooms', ['user_id', 'room_name', 'metadata']],
    [
      'PATCH /api/rooms/:id',
      'patch',
      (): string => `/api/rooms/${roomId}`,
      ['user_id', 'room_name', 'metadata', 'metadata_mode'],
    ],
    [
      'POST /api/session/create',
      'post',
      (): string => '/api/session/create',
      ['user_id', 'room_id'],
    ],
    [
      'POST /api/session/:id/reset',
      'post',
      (): string => `/api/session/${sessionId}/reset`,
      ['user_id', 'agent_type'],
    ],
    [
      'POST /api/chat/message',
      'post',
      (): string => '/api/chat/message',
      ['user_id', 'session_id', 'room_id', 'message', 'agent_type'],
    ],
  ] as const)('%s with arbitrary JSON bodies', async (_name, method, path, fields) => {
    await fc.assert(
      fc.asyncProperty(bodyOf([...fields], validValues()), fc.boolean(), async (body, withUser) => {
        const payload = withUser ? { user_id: user, ...body } : body;
        const res = await request(t.url)
          [method](path())
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(payload));
        expectNo5xx(res.status, res.body);
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    [
      'GET /api/rooms',
      (): string => '/api/rooms',
      ['user_id', 'limit', 'offset', 'sort_by', 'order', 'tag'],
    ],
    [
      'GET /api/rooms/:id/history',
      (): string => `/api/rooms/${roomId}/history`,
      ['user_id', 'limit', 'offset', 'order'],
    ],
    ['GET /api/rooms/:id', (): string => `/api/rooms/${roomId}`, ['user_id']],
    [
      'GET /api/chat/history',
      (): string => '/api/chat/history',
      ['user_id', 'session_id', 'room_id', 'limit', 'offset', 'order'],
    ],
    [
      'GET /api/chat/stream',
      (): string => '/api/chat/stream',
      ['user_id', 'session_id', 'message', 'agent_type', 'access_token'],
    ],
  ] as const)('%s with arbitrary query strings', async (_name, path, fields) => {
    await fc.assert(
      fc.asyncProperty(queryOf([...fields]), async (query) => {
        const res = await request(t.url)
          .get(path())
          .query({ user_id: user, ...query });
        expectNo5xx(res.status, res.body);
      }),
      { numRuns: RUNS },
    );
  });

  it('arbitrary path ids on every id route', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 80 }), async (raw) => {
        const id = encodeURIComponent(raw);
        for (const res of [
          await request(t.url).get(`/api/rooms/${id}?user_id=${user}`),
          await request(t.url).delete(`/api/session/${id}?user_id=${user}`),
          await request(t.url).post(`/api/session/${id}/stop`).send({ user_id: user }),
        ]) {
          expectNo5xx(res.status, res.body);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
