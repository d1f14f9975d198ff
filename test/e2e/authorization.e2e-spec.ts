import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  ADMIN_CLAIMS,
  createRoom,
  createSession,
  expectEventually,
  newUserId,
  signToken,
} from '../support/factories';
import { JwksServer, unsignedToken } from '../support/jwks-server';
import { openSse } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

const JWT_SECRET = 'authorization-matrix-secret-32-chars-min';
const AUDIENCE = 'careguide-api';
const ISSUER = 'https://auth.careguide.test';

interface Fixture {
  roomId: string;
  sessionId: string;
  /** A stream of the owner's (finished, or an id never used). */
  streamId: string;
}

interface Route {
  name: string;
  call: (
    fixture: Fixture,
    auth: Record<string, string>,
  ) => Promise<{ status: number; body: unknown }>;
  /** Status for the owner (`ownerCode` when it is an error); another user gets `otherStatus`. */
  ownerStatus: number;
  ownerCode?: string;
  otherStatus: number;
  otherCode?: string;
}

/** The admin routes, aimed at the owner's data: no caller without the admin role gets through. */
function adminRoutes(url: () => string, owner: () => string): Route[] {
  const refused = {
    ownerStatus: 403,
    ownerCode: 'ACCESS_DENIED',
    otherStatus: 403,
    otherCode: 'ACCESS_DENIED',
  };
  return [
    {
      name: 'GET /api/admin/streams',
      ...refused,
      call: (_f, a) => json(request(url()).get('/api/admin/streams'), a),
    },
    {
      name: 'POST /api/admin/streams/:id/stop',
      ...refused,
      call: (f, a) => json(request(url()).post(`/api/admin/streams/${f.streamId}/stop`), a),
    },
    {
      name: 'GET /api/admin/users/:id/rooms',
      ...refused,
      call: (_f, a) => json(request(url()).get(`/api/admin/users/${owner()}/rooms`), a),
    },
    {
      name: 'DELETE /api/admin/users/:id',
      ...refused,
      call: (_f, a) => json(request(url()).delete(`/api/admin/users/${owner()}`), a),
    },
    {
      name: 'GET /api/admin/stats',
      ...refused,
      call: (_f, a) => json(request(url()).get('/api/admin/stats'), a),
    },
  ];
}

async function json(req: request.Test, auth: Record<string, string>) {
  const res = await req.set(auth);
  return { status: res.status, body: res.body as unknown };
}

async function sse(
  url: string,
  method: 'GET' | 'POST',
  auth: Record<string, string>,
  body?: unknown,
) {
  const stream = await openSse(url, { method, headers: auth, body });
  if (stream.json) return { status: stream.status, body: stream.json };
  const events = await stream.rest();
  return { status: stream.status, body: events };
}

describe('authorization matrix (AUTH_MODE=jwt, HS256 + JWKS, issuer and audience checked)', () => {
  let t: TestApp;
  const jwks = new JwksServer();
  let owner: string;
  let ownerAuth: Record<string, string>;

  beforeAll(async () => {
    const jwksUrl = await jwks.start();
    t = await startTestApp({
      AUTH_MODE: 'jwt',
      JWT_SECRET,
      JWT_JWKS_URL: jwksUrl,
      JWT_AUDIENCE: AUDIENCE,
      JWT_ISSUER: ISSUER,
      SIMULATED_LLM_DELAY_MS: '0',
      SIMULATED_LLM_WORDS: '5',
    });
  });
  afterAll(async () => {
    await t.close();
    await jwks.stop();
  });

  const routes: Route[] = [
    {
      name: 'POST /api/rooms',
      ownerStatus: 201,
      otherStatus: 201,
      call: (_f, a) => json(request(t.url).post('/api/rooms').send({ room_name: 'x' }), a),
    },
    {
      name: 'GET /api/rooms',
      ownerStatus: 200,
      otherStatus: 200,
      call: (_f, a) => json(request(t.url).get('/api/rooms'), a),
    },
    {
      name: 'GET /api/rooms/:id',
      ownerStatus: 200,
      otherStatus: 404,
      otherCode: 'ROOM_NOT_FOUND',
      call: (f, a) => json(request(t.url).get(`/api/rooms/${f.roomId}`), a),
    },
    {
      name: 'PATCH /api/rooms/:id',
      ownerStatus: 200,
      otherStatus: 404,
      otherCode: 'ROOM_NOT_FOUND',
      call: (f, a) =>
        json(request(t.url).patch(`/api/rooms/${f.roomId}`).send({ room_name: 'taken' }), a),
    },
    {
      name: 'DELETE /api/rooms/:id',
      ownerStatus: 200,
      otherStatus: 404,
      otherCode: 'ROOM_NOT_FOUND',
      call: (f, a) => json(request(t.url).delete(`/api/rooms/${f.roomId}`), a),
    },
    {
      name: 'DELETE /api/rooms/:id?permanent=true',
      ownerStatus: 200,
      otherStatus: 404,
      otherCode: 'ROOM_NOT_FOUND',
      call: (f, a) => json(request(t.url).delete(`/api/rooms/${f.roomId}?permanent=true`), a),
    },
    {
      name: 'GET /api/rooms/:id/history',
      ownerStatus: 200,
      otherStatus: 404,
      otherCode: 'ROOM_NOT_FOUND',
      call: (f, a) => json(request(t.url).get(`/api/rooms/${f.roomId}/history`), a),
    },
    {
      name: 'POST /api/session/create',
      ownerStatus: 201,
      otherStatus: 404,
      otherCode: 'ROOM_NOT_FOUND',
      call: (f, a) =>
        json(request(t.url).post('/api/session/create').send({ room_id: f.roomId }), a),
    },
    {
      name: 'GET /api/session/:id',
      ownerStatus: 200,
      otherStatus: 404,
      otherCode: 'SESSION_NOT_FOUND',
      call: (f, a) => json(request(t.url).get(`/api/session/${f.sessionId}`), a),
    },
    {
      name: 'POST /api/session/:id/reset',
      ownerStatus: 200,
      otherStatus: 404,
      otherCode: 'SESSION_NOT_FOUND',
      call: (f, a) => json(request(t.url).post(`/api/session/${f.sessionId}/reset`).send({}), a),
    },
    {
      name: 'POST /api/session/:id/stop',
      ownerStatus: 404,
      otherStatus: 404,
      otherCode: 'SESSION_NOT_FOUND',
      call: (f, a) => json(request(t.url).post(`/api/session/${f.sessionId}/stop`).send({}), a),
    },
    {
      name: 'DELETE /api/session/:id/history',
      ownerStatus: 200,
      otherStatus: 404,
      otherCode: 'SESSION_NOT_FOUND',
      call: (f, a) => json(request(t.url).delete(`/api/session/${f.sessionId}/history`), a),
    },
    {
      name: 'DELETE /api/session/:id',
      ownerStatus: 200,
      otherStatus: 404,
      otherCode: 'SESSION_NOT_FOUND',
      call: (f, a) => json(request(t.url).delete(`/api/session/${f.sessionId}`), a),
    },
    {
      name: 'POST /api/chat/message',
      ownerStatus: 200,
      otherStatus: 404,
      otherCode: 'SESSION_NOT_FOUND',
      call: (f, a) =>
        sse(`${t.url}/api/chat/message`, 'POST', a, { session_id: f.sessionId, message: 'hi' }),
    },
    {
      name: 'POST /api/chat/stream',
      ownerStatus: 200,
      otherStatus: 404,
      otherCode: 'SESSION_NOT_FOUND',
      call: (f, a) =>
        sse(`${t.url}/api/chat/stream`, 'POST', a, { session_id: f.sessionId, message: 'hi' }),
    },
    {
      name: 'GET /api/chat/stream',
      ownerStatus: 200,
      otherStatus: 404,
      otherCode: 'SESSION_NOT_FOUND',
      call: (f, a) =>
        sse(`${t.url}/api/chat/stream?session_id=${f.sessionId}&message=hi`, 'GET', a),
    },
    {
      name: 'GET /api/chat/history',
      ownerStatus: 200,
      otherStatus: 200,
      call: (f, a) => json(request(t.url).get(`/api/chat/history?session_id=${f.sessionId}`), a),
    },
    ...adminRoutes(
      () => t.url,
      () => owner,
    ),
  ];

  async function fixtureFor(user: string, auth: Record<string, string>): Promise<Fixture> {
    const room = await request(t.url)
      .post('/api/rooms')
      .set(auth)
      .send({ room_name: 'Private', metadata: { secret: 'kidney-42' } })
      .expect(201);
    const roomId = (room.body as { data: { room_id: string } }).data.room_id;
    const session = await request(t.url)
      .post('/api/session/create')
      .set(auth)
      .send({ room_id: roomId })
      .expect(201);
    void user;
    return {
      roomId,
      sessionId: (session.body as { data: { session_id: string } }).data.session_id,
      streamId: `stream_${randomUUID()}`,
    };
  }

  async function snapshot(user: string) {
    const [rooms, turns] = await Promise.all([
      t.db
        .collection('chat_rooms')
        .find({ user_id: user }, { projection: { _id: 0 } })
        .sort({ room_id: 1 })
        .toArray(),
      t.db
        .collection('conversation_history')
        .find({ user_id: user }, { projection: { _id: 0 } })
        .sort({ message_id: 1 })
        .toArray(),
    ]);
    return { rooms, turns };
  }

  beforeAll(async () => {
    owner = newUserId();
    ownerAuth = {
      Authorization: `Bearer ${await jwks.sign(owner, { alg: 'RS256', audience: AUDIENCE, issuer: ISSUER })}`,
    };
  });

  it.each(routes.map((route) => [route.name, route] as const))(
    '%s: the owner gets its answer',
    async (_name, route) => {
      const fixture = await fixtureFor(owner, ownerAuth);
      const res = await route.call(fixture, ownerAuth);
      expect(res.status).toBe(route.ownerStatus);
      if (route.ownerStatus >= 400)
        expect(res.body).toMatchObject({
          success: false,
          error_code: route.ownerCode ?? 'STREAM_NOT_FOUND',
        });
    },
  );

  it('accepts ES256 from the JWKS too, and fetches the key set once (cached)', async () => {
    const user = newUserId();
    const auth = {
      Authorization: `Bearer ${await jwks.sign(user, { alg: 'ES256', audience: AUDIENCE, issuer: ISSUER })}`,
    };
    await request(t.url).get('/api/rooms').set(auth).expect(200);
    await request(t.url).get('/api/rooms').set(auth).expect(200);
    expect(jwks.requests).toBe(1);
  });

  it('accepts the token as access_token on the EventSource route only', async () => {
    const token = await jwks.sign(owner, { alg: 'RS256', audience: AUDIENCE, issuer: ISSUER });
    const fixture = await fixtureFor(owner, ownerAuth);
    const stream = await openSse(
      `${t.url}/api/chat/stream?session_id=${fixture.sessionId}&message=hi&access_token=${token}`,
      { method: 'GET' },
    );
    expect(stream.status).toBe(200);
    await stream.rest();
    const elsewhere = await request(t.url).get(`/api/rooms?access_token=${token}`);
    expect(elsewhere.status).toBe(401);
  });

  describe('callers who are not the owner: right status, the envelope, nothing leaked or changed', () => {
    let fixture: Fixture;
    let before: Awaited<ReturnType<typeof snapshot>>;
    const identities: [string, () => Promise<Record<string, string>>, number | 'other'][] = [
      [
        'another user',
        async () => ({
          Authorization: `Bearer ${await jwks.sign(newUserId(), { alg: 'RS256', audience: AUDIENCE, issuer: ISSUER })}`,
        }),
        'other',
      ],
      ['no token', () => Promise.resolve({}), 401],
      [
        'an expired token',
        async () => ({
          Authorization: `Bearer ${await jwks.sign(owner, { alg: 'RS256', audience: AUDIENCE, issuer: ISSUER, expiresInSeconds: -120 })}`,
        }),
        401,
      ],
      [
        'a wrong signature',
        async () => ({
          Authorization: `Bearer ${await signToken(owner, { secret: 'not-the-secret-but-just-as-long-xxxxx', audience: AUDIENCE, issuer: ISSUER })}`,
        }),
        401,
      ],
      [
        'alg none',
        () => Promise.resolve({ Authorization: `Bearer ${unsignedToken(owner, AUDIENCE)}` }),
        401,
      ],
      [
        'a wrong audience',
        async () => ({
          Authorization: `Bearer ${await jwks.sign(owner, { alg: 'RS256', audience: 'someone-else', issuer: ISSUER })}`,
        }),
        401,
      ],
      [
        'HS/RS confusion',
        async () => ({
          Authorization: `Bearer ${await signToken(owner, { secret: await jwks.rsaPublicPem(), audience: AUDIENCE, issuer: ISSUER })}`,
        }),
        401,
      ],
    ];

    beforeAll(async () => {
      fixture = await fixtureFor(owner, ownerAuth);
      const stream = await openSse(`${t.url}/api/chat/message`, {
        headers: ownerAuth,
        body: { session_id: fixture.sessionId, message: 'my private question' },
      });
      const start = await stream.next();
      fixture.streamId = start?.data.stream_id as string;
      await stream.rest();
      // The room's summary is written just after the terminal event.
      await expectEventually(
        () => t.db.collection('chat_rooms').findOne({ room_id: fixture.roomId }),
        { message_count: 1 },
      );
      before = await snapshot(owner);
    });

    const cases = identities.flatMap(([label, auth, expected]) =>
      routes.map((route) => [label, route.name, route, auth, expected] as const),
    );

    it.each(cases)('%s on %s', async (_label, _name, route, authFor, expected) => {
      const res = await route.call(fixture, await authFor());
      if (expected === 'other') {
        expect(res.status).toBe(route.otherStatus);
        if (route.otherCode)
          expect(res.body).toMatchObject({ success: false, error_code: route.otherCode });
      } else {
        expect(res.status).toBe(expected);
        expect(res.body).toMatchObject({
          success: false,
          error_code: 'UNAUTHORIZED',
          request_id: expect.any(String),
        });
      }
      expect(JSON.stringify(res.body)).not.toMatch(/kidney-42|my private question/);
    });

    it('left every document of the owner as it was', async () => {
      expect(await snapshot(owner)).toEqual(before);
      await request(t.url).get(`/api/session/${fixture.sessionId}`).set(ownerAuth).expect(200);
    });
  });

  it('opens every admin route to a token with the admin role (RS256 from the JWKS)', async () => {
    const admin = {
      Authorization: `Bearer ${await jwks.sign(newUserId(), { alg: 'RS256', audience: AUDIENCE, issuer: ISSUER, claims: ADMIN_CLAIMS })}`,
    };
    const fixture = await fixtureFor(owner, ownerAuth);
    await request(t.url).get('/api/admin/streams').set(admin).expect(200);
    await request(t.url).get('/api/admin/stats').set(admin).expect(200);
    const rooms = await request(t.url)
      .get(`/api/admin/users/${owner}/rooms`)
      .set(admin)
      .expect(200);
    expect(JSON.stringify(rooms.body)).toContain(fixture.roomId);
    await request(t.url).post(`/api/admin/streams/${fixture.streamId}/stop`).set(admin).expect(404);
    const stranger = newUserId();
    await request(t.url).delete(`/api/admin/users/${stranger}`).set(admin).expect(200);
  });

  it('refuses a user_id that differs from the token subject with 403 ACCESS_DENIED', async () => {
    const res = await request(t.url)
      .get(`/api/rooms?user_id=${newUserId()}`)
      .set(ownerAuth)
      .expect(403);
    expect(res.body).toMatchObject({ success: false, error_code: 'ACCESS_DENIED' });
  });

  it('keeps health probes and docs public', async () => {
    await request(t.url).get('/healthz').expect(200);
    await request(t.url).get('/readyz').expect(200);
    await request(t.url).get('/docs-json').expect(200);
  });
});

describe('token lifetime (JWT_MAX_TTL_S 24 h, JWT_CLOCK_SKEW_S 30 s by default)', () => {
  let t: TestApp;
  const jwks = new JwksServer();
  const DAY_S = 24 * 3600;
  const user = newUserId();

  beforeAll(async () => {
    t = await startTestApp({ AUTH_MODE: 'jwt', JWT_SECRET, JWT_JWKS_URL: await jwks.start() });
  });
  afterAll(async () => {
    await t.close();
    await jwks.stop();
  });

  const statusWith = async (token: string) => {
    const res = await request(t.url).get('/api/rooms').set('Authorization', `Bearer ${token}`);
    if (res.status === 401) expect(res.body).toMatchObject({ error_code: 'UNAUTHORIZED' });
    return res.status;
  };
  const hs = (options: Parameters<typeof signToken>[1]) =>
    signToken(user, { secret: JWT_SECRET, ...options });

  it.each([
    ['exp 100 years ahead, no iat', { expiresInSeconds: 100 * 365 * DAY_S }],
    [
      'exp 100 years ahead, iat now',
      { expiresInSeconds: 100 * 365 * DAY_S, issuedAtOffsetSeconds: 0 },
    ],
    [
      'a lifetime of 24 h and one minute',
      { expiresInSeconds: DAY_S + 60, issuedAtOffsetSeconds: 0 },
    ],
    ['no iat and 24 h and two minutes left', { expiresInSeconds: DAY_S + 120 }],
    ['iat an hour in the future', { expiresInSeconds: 3600, issuedAtOffsetSeconds: 3600 }],
    ['iat a minute in the future', { expiresInSeconds: 3600, issuedAtOffsetSeconds: 60 }],
    ['exp a minute past', { expiresInSeconds: -60 }],
    ['nbf a minute ahead', { expiresInSeconds: 3600, notBeforeOffsetSeconds: 60 }],
  ])('refuses %s with 401', async (_label, options) => {
    expect(await statusWith(await hs(options))).toBe(401);
  });

  it.each([
    [
      'a 24 h token issued an hour ago',
      { expiresInSeconds: DAY_S - 3600, issuedAtOffsetSeconds: -3600 },
    ],
    ['no iat and exactly 24 h left', { expiresInSeconds: DAY_S }],
    ['iat 10 s ahead (within the skew)', { expiresInSeconds: 3600, issuedAtOffsetSeconds: 10 }],
    ['exp 10 s past (within the skew)', { expiresInSeconds: -10 }],
    ['nbf 10 s ahead (within the skew)', { expiresInSeconds: 3600, notBeforeOffsetSeconds: 10 }],
  ])('accepts %s', async (_label, options) => {
    expect(await statusWith(await hs(options))).toBe(200);
  });

  it('holds JWKS tokens to the same lifetime', async () => {
    const sign = (expiresInSeconds: number, issuedAtOffsetSeconds?: number) =>
      jwks.sign(user, { alg: 'ES256', expiresInSeconds, issuedAtOffsetSeconds });
    expect(await statusWith(await sign(2 * DAY_S, 0))).toBe(401);
    expect(await statusWith(await sign(3600, 600))).toBe(401);
    expect(await statusWith(await sign(3600, 0))).toBe(200);
  });
});

describe('identity in AUTH_MODE=dev', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_MODE: 'dev' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('takes user_id from the query or the body, and still honours tokens', async () => {
    const user = newUserId();
    const room = await createRoom(t.url, user);
    const viaToken = await request(t.url)
      .get(`/api/rooms/${room.room_id}`)
      .set('Authorization', `Bearer ${await signToken(user)}`)
      .expect(200);
    expect((viaToken.body as { data: { room_id: string } }).data.room_id).toBe(room.room_id);
    await createSession(t.url, user, room.room_id);
  });

  it('refuses a query user_id that disagrees with the body one', async () => {
    const res = await request(t.url)
      .post('/api/rooms?user_id=user_a')
      .send({ user_id: 'user_b' })
      .expect(400);
    expect(res.body).toMatchObject({ error_code: 'VALIDATION_ERROR' });
  });

  it('answers 401 with neither a token nor a user_id', async () => {
    const res = await request(t.url).get('/api/rooms').expect(401);
    expect(res.body).toMatchObject({ error_code: 'UNAUTHORIZED' });
  });

  it('never makes a user_id caller an admin: 403 on every admin route, nothing read or changed', async () => {
    const target = newUserId();
    const room = await createRoom(t.url, target, { metadata: { secret: 'kidney-42' } });
    const before = await t.db.collection('chat_rooms').findOne({ room_id: room.room_id });
    for (const caller of [newUserId(), target]) {
      for (const call of [
        request(t.url).get(`/api/admin/streams?user_id=${caller}`),
        request(t.url)
          .post(`/api/admin/streams/stream_${randomUUID()}/stop`)
          .send({ user_id: caller }),
        request(t.url).get(`/api/admin/users/${target}/rooms?user_id=${caller}`),
        request(t.url).delete(`/api/admin/users/${target}?user_id=${caller}`),
        request(t.url).get(`/api/admin/stats?user_id=${caller}`),
      ]) {
        const res = await call;
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ success: false, error_code: 'ACCESS_DENIED' });
        expect(JSON.stringify(res.body)).not.toContain('kidney-42');
      }
    }
    expect(await t.db.collection('chat_rooms').findOne({ room_id: room.room_id })).toEqual(before);
  });
});
