import type Redis from 'ioredis';
import { DomainError } from '../common/errors/domain-error';
import {
  sessionWithOwnDates,
  type SessionFields,
  type SessionRecord,
  type SessionStore,
} from './session.types';

const KEY_PREFIX = 'careguide:session:';
/** Sorted set of session ids scored by expires_at (ms): what the sweeper and count read. */
const INDEX_KEY = 'careguide:sessions';
/** Sessions read per round trip when every session must be looked at. */
const SCAN_BATCH = 500;

/** A stored session (JSON) as a record with Date objects. */
function revive(raw: string): SessionRecord {
  return sessionWithOwnDates(JSON.parse(raw) as SessionFields);
}

/** Redis failures become 503 SERVICE_UNAVAILABLE, like a database outage. */
async function unavailableOnError<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch {
    throw new DomainError(
      'SERVICE_UNAVAILABLE',
      'The session store is unavailable; please retry shortly',
    );
  }
}

/**
 * Sessions shared by every instance through Redis (REDIS_URL). A record outlives its
 * expiry by `graceMs` (one sweep interval), so an expired session still answers 410
 * until it is swept, as with the in-memory store; Redis drops it after that by itself.
 */
export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly graceMs: number,
  ) {}

  async get(sessionId: string): Promise<SessionRecord | undefined> {
    const raw = await unavailableOnError(() => this.redis.get(KEY_PREFIX + sessionId));
    return raw === null ? undefined : revive(raw);
  }

  async save(session: SessionRecord): Promise<void> {
    const expiresAtMs = session.expires_at.getTime();
    await unavailableOnError(() =>
      this.redis
        .multi()
        .set(
          KEY_PREFIX + session.session_id,
          JSON.stringify(session),
          'PXAT',
          expiresAtMs + this.graceMs,
        )
        .zadd(INDEX_KEY, expiresAtMs, session.session_id)
        .exec(),
    );
  }

  async delete(sessionId: string): Promise<boolean> {
    const result = await unavailableOnError(() =>
      this.redis
        .multi()
        .del(KEY_PREFIX + sessionId)
        .zrem(INDEX_KEY, sessionId)
        .exec(),
    );
    return Number(result?.[0]?.[1] ?? 0) > 0;
  }

  async deleteExpired(now: Date, keep: (sessionId: string) => boolean): Promise<string[]> {
    const expired = await unavailableOnError(() =>
      this.redis.zrangebyscore(INDEX_KEY, '-inf', now.getTime()),
    );
    const due = expired.filter((id) => !keep(id));
    if (due.length === 0) return [];
    await unavailableOnError(() =>
      this.redis
        .multi()
        .del(...due.map((id) => KEY_PREFIX + id))
        .zrem(INDEX_KEY, ...due)
        .exec(),
    );
    return due;
  }

  count(): Promise<number> {
    return unavailableOnError(() => this.redis.zcount(INDEX_KEY, `(${Date.now()}`, '+inf'));
  }

  /** There is no index by user: walks the index of all sessions in batches and reads each record. */
  async deleteAllOf(userId: string): Promise<string[]> {
    // ZSCAN may return a member twice; a set counts it once.
    const owned = new Set<string>();
    let cursor = '0';
    do {
      const [next, page] = await unavailableOnError(() =>
        this.redis.zscan(INDEX_KEY, cursor, 'COUNT', SCAN_BATCH),
      );
      cursor = next;
      // ZSCAN answers member, score, member, score...
      const pageIds = page.filter((_, index) => index % 2 === 0);
      if (pageIds.length === 0) continue;
      const records = await unavailableOnError(() =>
        this.redis.mget(...pageIds.map((id) => KEY_PREFIX + id)),
      );
      records.forEach((raw, index) => {
        if (raw !== null && revive(raw).user_id === userId) owned.add(pageIds[index]);
      });
    } while (cursor !== '0');
    const ids = [...owned];
    if (ids.length === 0) return [];
    await unavailableOnError(() =>
      this.redis
        .multi()
        .del(...ids.map((id) => KEY_PREFIX + id))
        .zrem(INDEX_KEY, ...ids)
        .exec(),
    );
    return ids;
  }
}
