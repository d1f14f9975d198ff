import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import request from 'supertest';

/** The secret the app uses when JWT_SECRET is unset outside production. */
export const DEV_JWT_SECRET = 'careguide-dev-secret-for-local-use-only';

/** A fresh user per test keeps tests independent on the shared database. */
export function newUserId(): string {
  return `user_${randomUUID().slice(0, 12)}`;
}

export interface TokenOptions {
  secret?: string;
  expiresInSeconds?: number;
  withoutExp?: boolean;
  audience?: string;
  issuer?: string;
  /** `iat` this many seconds from now (negative: in the past); no `iat` when undefined. */
  issuedAtOffsetSeconds?: number;
  /** `nbf` this many seconds from now; no `nbf` when undefined. */
  notBeforeOffsetSeconds?: number;
  /** Extra claims, such as a role. */
  claims?: Record<string, unknown>;
}

/** The claims of an admin under the default ADMIN_ROLE_CLAIM / ADMIN_ROLE_VALUE. */
export const ADMIN_CLAIMS = { roles: ['admin'] };

/** An HS256 token, by default signed with the development secret and valid for an hour. */
export function signToken(sub: string, options: TokenOptions = {}): Promise<string> {
  let builder = new SignJWT(options.claims ?? {})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub);
  if (!options.withoutExp)
    builder = builder.setExpirationTime(
      Math.floor(Date.now() / 1000) + (options.expiresInSeconds ?? 3600),
    );
  if (options.audience) builder = builder.setAudience(options.audience);
  if (options.issuer) builder = builder.setIssuer(options.issuer);
  const now = Math.floor(Date.now() / 1000);
  if (options.issuedAtOffsetSeconds !== undefined)
    builder = builder.setIssuedAt(now + options.issuedAtOffsetSeconds);
  if (options.notBeforeOffsetSeconds !== undefined)
    builder = builder.setNotBefore(now + options.notBeforeOffsetSeconds);
  return builder.sign(new TextEncoder().encode(options.secret ?? DEV_JWT_SECRET));
}

export interface RoomBody {
  room_id: string;
  user_id: string;
  room_name: string;
  message_count: number;
  metadata: Record<string, unknown>;
  last_message: unknown;
  created_at: string;
  last_activity: string;
}

export async function createRoom(
  url: string,
  userId: string,
  body: Record<string, unknown> = {},
): Promise<RoomBody> {
  const res = await request(url)
    .post('/api/rooms')
    .send({ user_id: userId, ...body })
    .expect(201);
  return (res.body as { data: RoomBody }).data;
}

export async function createSession(url: string, userId: string, roomId: string): Promise<string> {
  const res = await request(url)
    .post('/api/session/create')
    .send({ user_id: userId, room_id: roomId })
    .expect(201);
  return (res.body as { data: { session_id: string } }).data.session_id;
}

/** A user with a room and a session in it. */
export async function newConversation(
  url: string,
): Promise<{ user: string; roomId: string; sessionId: string }> {
  const user = newUserId();
  const room = await createRoom(url, user);
  return { user, roomId: room.room_id, sessionId: await createSession(url, user, room.room_id) };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * Reads until the value matches `expected` (as toMatchObject does), then returns it; fails
 * with the last mismatch after `timeoutMs`. For what is written behind a stream (room
 * summaries, active_streams records), a few milliseconds after its terminal event.
 */
export async function expectEventually<T>(
  read: () => Promise<T>,
  expected: object,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      expect(value).toMatchObject(expected);
      return value;
    } catch (mismatch) {
      if (Date.now() > deadline) throw mismatch;
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * The machine's Redis with keys of this test run alone (a prefix of its own), so instances
 * of other test files, or of earlier runs, are never taken for this test's instances.
 */
export function sharedRedis(): { REDIS_URL: string; REDIS_KEY_PREFIX: string } {
  return {
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: `test-${randomUUID().slice(0, 8)}:`,
  };
}
