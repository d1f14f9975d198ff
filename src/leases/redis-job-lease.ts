import type Redis from 'ioredis';
import type { JobLease } from './job-lease';

/** Takes the lease when it is free or already ours, for ARGV[2] ms. */
const ACQUIRE_SCRIPT = `
local current = redis.call('get', KEYS[1])
if current == false or current == ARGV[1] then
  redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

/** Deletes the lease only if it is still ours. */
const RELEASE_SCRIPT =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

/**
 * Leases as Redis keys that expire by themselves (REDIS_URL set). The key names the
 * database, so deployments sharing one Redis but not one database do not block each other.
 */
export class RedisJobLease implements JobLease {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    readonly holder: string,
  ) {}

  async acquire(name: string, ttlMs: number): Promise<boolean> {
    return (
      (await this.redis.eval(ACQUIRE_SCRIPT, 1, this.keyPrefix + name, this.holder, ttlMs)) === 1
    );
  }

  async release(name: string): Promise<void> {
    await this.redis.eval(RELEASE_SCRIPT, 1, this.keyPrefix + name, this.holder);
  }
}
