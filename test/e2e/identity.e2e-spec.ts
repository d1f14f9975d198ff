import request from 'supertest';
import { createRoom, newUserId, signToken } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

const JWT_SECRET = 'identity-test-secret-with-at-least-32-chars';

describe('identity in AUTH_MODE=jwt', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_MODE: 'jwt', JWT_SECRET });
  });
  afterAll(async () => {
    await t.close();
  });

  it('takes the user from a valid Bearer token', async () => {
    const user = newUserId();
    const res = await request(t.url)
      .post('/api/rooms')
      .set('Authorization', `Bearer ${signToken(user, { secret: JWT_SECRET })}`)
      .send({ room_name: 'Mine' })
      .expect(201);
    expect((res.body as { data: { user_id: string } }).data.user_id).toBe(user);
  });

  it('accepts a user_id equal to the subject and refuses a different one with 403, storing nothing', async () => {
    const user = newUserId();
    const token = signToken(user, { secret: JWT_SECRET });
    await request(t.url)
      .get(`/api/rooms?user_id=${user}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const other = newUserId();
    const res = await request(t.url)
      .post('/api/rooms')
      .set('Authorization', `Bearer ${token}`)
      .send({ user_id: other })
      .expect(403);
    expect(res.body).toMatchObject({ success: false, error_code: 'ACCESS_DENIED' });
    const listed = await request(t.url)
      .get(`/api/rooms?user_id=${other}`)
      .set('Authorization', `Bearer ${token}`);
    expect(listed.status).toBe(403);
    expect(
      await t.db.collection('chat_rooms').countDocuments({ user_id: { $in: [user, other] } }),
    ).toBe(0);
  });

  it.each([
    ['no token', undefined],
    ['a malformed header', 'Token abc'],
    [
      'a wrong signature',
      `Bearer ${signToken('user_x', { secret: 'another-secret-that-is-long-enough-1234' })}`,
    ],
    [
      'an expired token',
      `Bearer ${signToken('user_x', { secret: JWT_SECRET, expiresInSeconds: -60 })}`,
    ],
    [
      'a token without exp',
      `Bearer ${signToken('user_x', { secret: JWT_SECRET, withoutExp: true })}`,
    ],
    ['garbage', 'Bearer not.a.jwt'],
  ])('answers 401 UNAUTHORIZED for %s, even with a user_id', async (_label, header) => {
    const req = request(t.url).get('/api/rooms?user_id=user_x');
    const res = await (header ? req.set('Authorization', header) : req).expect(401);
    expect(res.body).toMatchObject({ success: false, error_code: 'UNAUTHORIZED' });
  });

  it('keeps health probes and docs public', async () => {
    await request(t.url).get('/healthz').expect(200);
    await request(t.url).get('/docs-json').expect(200);
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
      .set('Authorization', `Bearer ${signToken(user)}`)
      .expect(200);
    expect((viaToken.body as { data: { room_id: string } }).data.room_id).toBe(room.room_id);
  });

  it('refuses a query user_id that disagrees with the body one', async () => {
    const res = await request(t.url)
      .post('/api/rooms?user_id=user_a')
      .send({ user_id: 'user_b' })
      .expect(400);
    expect(res.body).toMatchObject({ error_code: 'VALIDATION_ERROR' });
  });
});
