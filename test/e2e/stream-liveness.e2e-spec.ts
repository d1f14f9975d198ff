import Redis from 'ioredis';
import { StreamCoordinator, type LocalStops } from '../../src/streams/stream-coordinator';
import { OwnRedis } from '../support/redis-server';

const HEARTBEAT_MS = 200;
const STALE_MS = 2_000;

function coordinator(redis: Redis, instanceId: string): StreamCoordinator {
  return new StreamCoordinator(redis, 'liveness:', instanceId, STALE_MS, HEARTBEAT_MS, 1_000);
}

const noStops: LocalStops = {
  stopSession: () => Promise.resolve(undefined),
  stopStream: () => Promise.resolve(undefined),
  stopOwned: () => Promise.resolve(0),
};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * How one instance judges another's death (StreamCoordinator.isAlive), against a Redis of
 * the test's own: a false death would store a live stream's partial under it.
 */
describe('instance liveness across Redis', () => {
  const redis = new OwnRedis();
  const clients: Redis[] = [];
  const coordinators: StreamCoordinator[] = [];

  const ready = (client: Redis) =>
    client.status === 'ready'
      ? Promise.resolve()
      : new Promise<void>((done) => client.once('ready', () => done()));
  // As the app's connection: commands fail at once while disconnected.
  const connect = async () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    client.on('error', () => undefined);
    clients.push(client);
    await ready(client);
    return client;
  };

  beforeAll(() => redis.start());
  afterEach(() => {
    for (const c of coordinators.splice(0)) c.close();
    for (const client of clients.splice(0)) client.disconnect();
  });
  afterAll(() => redis.stop());

  it('a killed instance (no subscriber, no beat) is dead within two beats; one that beats and listens is alive', async () => {
    const judge = coordinator(await connect(), 'judge');
    const living = coordinator(await connect(), 'living');
    const dying = coordinator(await connect(), 'dying');
    coordinators.push(judge, living);
    await Promise.all([living.listen(noStops), dying.listen(noStops)]);
    await Promise.all([living.beat([]), dying.beat([])]);
    expect(await judge.isAlive('living')).toBe(true);
    expect(await judge.isAlive('dying')).toBe(true);

    dying.close(); // its subscription goes, as with a killed process; it beats no more
    const beatsStop = Date.now();
    let deadAfterMs: number | undefined;
    while (Date.now() - beatsStop < STALE_MS) {
      await living.beat([]);
      if (!(await judge.isAlive('dying'))) {
        deadAfterMs = Date.now() - beatsStop;
        break;
      }
      await sleep(50);
    }
    expect(deadAfterMs).toBeGreaterThanOrEqual(2 * HEARTBEAT_MS - 50);
    expect(deadAfterMs).toBeLessThan(2 * HEARTBEAT_MS + 300);
    expect(await judge.deadInstances()).toEqual(['dying']);
    expect(await judge.isAlive('living')).toBe(true);
  });

  it('an instance that still beats is alive while its subscription is gone (reconnecting)', async () => {
    const judge = coordinator(await connect(), 'judge');
    const deaf = coordinator(await connect(), 'deaf');
    coordinators.push(judge, deaf);
    // Never subscribed: only its beats say it lives.
    for (let i = 0; i < 10; i += 1) {
      await deaf.beat([]);
      expect(await judge.isAlive('deaf')).toBe(true);
      expect(await judge.deadInstances()).not.toContain('deaf');
      await sleep(HEARTBEAT_MS);
    }
  });

  it('judges nobody dead for two beats and a reconnect allowance after its own connection came back', async () => {
    const judgeClient = await connect();
    const judge = coordinator(judgeClient, 'judge');
    const other = coordinator(await connect(), 'other');
    coordinators.push(judge, other);
    await other.beat([]);
    await redis.kill();
    await redis.start();
    await ready(judgeClient);
    const back = Date.now();
    // Redis came back empty: the other instance has not beaten again yet.
    await judgeClient.zadd('liveness:instances', back - 5_000, 'other');
    expect(await judge.isAlive('other')).toBe(true);
    expect(await judge.deadInstances()).not.toContain('other');
    await sleep(2 * HEARTBEAT_MS + 2_000 - (Date.now() - back) + 100);
    expect(await judge.isAlive('other')).toBe(false);
  });
});
