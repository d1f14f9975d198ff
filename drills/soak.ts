/**
 * Five minutes (30 s with --quick) of steady traffic on two instances sharing Redis, with
 * Stops (on the instance running the stream and through the other one) and client
 * disconnects mixed in. Afterwards: RSS and open file descriptors of each instance
 * against their level after the warm-up, streams still running (none), turns still held
 * (none), and the turns the clients counted against the turns stored: none missing,
 * none extra, none twice.
 */
import { readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { rssMb } from '../bench/lib/processes';
import {
  messageIdOf,
  newConversation,
  poll,
  sendMessage,
  sleep,
  stopStream,
  type Conversation,
  type StreamRun,
} from './lib/chat';
import type { Drill } from './lib/drill';
import { metricsOf, type Api } from './lib/fleet';
import { Store } from './lib/store';

/** Most an instance's RSS may grow between the end of the warm-up and the end of the run. */
const RSS_GROWTH_LIMIT_MB = 64;
/** Each user starts a turn at most this often. */
const TURN_EVERY_MS = 1_000;
/** Most its open file descriptors may grow (sockets closing late, not a leak). */
const FD_GROWTH_LIMIT = 20;

function openFds(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

interface Tally {
  turns: number;
  completed: number;
  stopped: number;
  stoppedElsewhere: number;
  disconnected: number;
  busyRetries: number;
  /** message ids of the turns the server must have stored. */
  expected: string[];
  unexpected: string[];
}

export const soak: Drill = {
  name: 'soak',
  title: 'steady traffic with stops and disconnects mixed in',
  timeoutMs: (quick) => (quick ? 120_000 : 480_000),
  async run({ quick, fleet, verdict, log }) {
    const durationMs = quick ? 30_000 : 300_000;
    const users = quick ? 8 : 12;
    const warmUpMs = quick ? 8_000 : 30_000;
    const db = await fleet.database();
    const redis = await fleet.redis();
    const env = {
      REDIS_URL: redis.url,
      SIMULATED_LLM_DELAY_MS: '15',
      SIMULATED_LLM_WORDS: '40',
    };
    const apis = await Promise.all([fleet.api('a', db, env), fleet.api('b', db, env)]);
    const conversations: Conversation[] = await Promise.all(
      Array.from({ length: users }, (_, i) => newConversation(apis[i % 2], `soak_${i}`)),
    );
    const tally: Tally = {
      turns: 0,
      completed: 0,
      stopped: 0,
      stoppedElsewhere: 0,
      disconnected: 0,
      busyRetries: 0,
      expected: [],
      unexpected: [],
    };

    /** Sends, retrying while the session's previous stream (just left) is still being closed. */
    const send = async (
      api: Api,
      conversation: Conversation,
      options: Parameters<typeof sendMessage>[3],
    ) => {
      for (let attempt = 0; ; attempt += 1) {
        const run = await sendMessage(api, conversation, `soak turn ${tally.turns}`, options);
        if (run.status !== 409 || attempt === 20) return run;
        tally.busyRetries += 1;
        await sleep(100);
      }
    };

    const began = performance.now();
    const deadline = began + durationMs;
    let baseline: { rss: number[]; fds: number[] } | undefined;
    const sampler = (async () => {
      await sleep(warmUpMs);
      baseline = {
        rss: apis.map((api) => rssMb(api.child.pid)),
        fds: apis.map((api) => openFds(api.child.pid)),
      };
    })();

    log(`[drills] soak: ${users} users for ${durationMs / 1000} s`);
    await Promise.all(
      conversations.map(async (conversation, user) => {
        for (let turn = user; performance.now() < deadline; turn += 1) {
          const turnStarted = performance.now();
          const api = apis[turn % 2];
          const other = apis[(turn + 1) % 2];
          const kind = turn % 5; // 0-2 complete, 3 Stop, 4 disconnect
          const afterChunks = 1 + (turn % 7);
          let chunks = 0;
          let stop: Promise<unknown> | undefined;
          const run: StreamRun = await send(api, conversation, {
            onEvent: (event, drop) => {
              if (event.event !== 'chunk' || (chunks += 1) !== afterChunks) return;
              if (kind === 3)
                stop = stopStream(user % 2 ? other : api, conversation).catch(() => undefined);
              if (kind === 4) drop();
            },
          });
          await stop;
          tally.turns += 1;
          const messageId = messageIdOf(run);
          const ending = run.terminal?.event;
          if (kind === 4 && !run.terminal && chunks >= 1 && messageId) {
            tally.disconnected += 1;
            tally.expected.push(messageId);
          } else if (ending === 'done' && messageId) {
            tally.completed += 1;
            tally.expected.push(messageId);
          } else if (ending === 'cancelled' && run.terminal?.data.message_id) {
            tally.stopped += 1;
            if (user % 2) tally.stoppedElsewhere += 1;
            tally.expected.push(run.terminal.data.message_id as string);
          } else {
            tally.unexpected.push(
              `${run.status} ${ending ?? run.error} ${JSON.stringify(run.terminal?.data ?? {}).slice(0, 120)}`,
            );
          }
          // One turn a second at most: under RATE_LIMIT_MESSAGES (100 a minute per user).
          await sleep(Math.max(100, TURN_EVERY_MS - (performance.now() - turnStarted)));
        }
      }),
    );
    const trafficEnded = performance.now();
    await sampler;
    verdict.check(
      tally.unexpected.length === 0,
      `${tally.unexpected.length} turns ended unexpectedly: ${tally.unexpected.slice(0, 3).join('; ')}`,
    );

    const store = await Store.connect(db.uri);
    try {
      const sessionIds = conversations.map((c) => c.sessionId);
      // Turns left by a disconnect are stored just after the connection closed.
      const turns =
        (await poll(async () => {
          const found = await store.turns(sessionIds);
          return found.length >= tally.expected.length ? found : undefined;
        }, 30_000)) ?? (await store.turns(sessionIds));
      const turnsSettledMs = performance.now() - trafficEnded;
      await sleep(1_000);
      const storedIds = (await store.turns(sessionIds)).map((turn) => turn.message_id);
      const storedSet = new Set(storedIds);
      const expectedSet = new Set(tally.expected);
      const missing = tally.expected.filter((id) => !storedSet.has(id)).length;
      const extra = storedIds.filter((id) => !expectedSet.has(id)).length;
      const twice = storedIds.length - storedSet.size;
      verdict.check(turns.length >= tally.expected.length, 'the stored turns never caught up');
      verdict.check(
        missing === 0 && extra === 0 && twice === 0,
        `turns on the client ${tally.expected.length}, stored ${storedIds.length}: ${missing} missing, ${extra} extra, ${twice} twice`,
      );

      // Leftovers: nothing streams, nothing is held for the database. Stream records are
      // written behind the streams (a flush a second, redone when the database is slow):
      // they are given time to settle, and the time they took is a figure.
      let active = 0;
      let held = 0;
      let records = 0;
      await poll(async () => {
        active = 0;
        held = 0;
        for (const api of apis) {
          const metrics = await metricsOf(api);
          active += metrics.get('active_streams') ?? 0;
          held += metrics.get('turn_outbox_size') ?? 0;
        }
        records = await store.streamingRecords(sessionIds);
        return active + held + records === 0 ? true : undefined;
      }, 30_000);
      const recordsSettledMs = performance.now() - trafficEnded;
      verdict.check(active === 0, `${active} streams still active on the instances`);
      verdict.check(records === 0, `${records} stream records still say streaming`);
      verdict.check(held === 0, `${held} turns still held for the database`);

      const rssGrowth = apis.map((api, i) => rssMb(api.child.pid) - (baseline?.rss[i] ?? 0));
      const fdGrowth = apis.map((api, i) => openFds(api.child.pid) - (baseline?.fds[i] ?? 0));
      const rssEnd = apis.map((api) => rssMb(api.child.pid));
      verdict.check(
        Math.max(...rssGrowth) < RSS_GROWTH_LIMIT_MB,
        `RSS grew by ${Math.max(...rssGrowth).toFixed(1)} MB after the warm-up (limit ${RSS_GROWTH_LIMIT_MB})`,
      );
      verdict.check(
        Math.max(...fdGrowth) <= FD_GROWTH_LIMIT,
        `open file descriptors grew by ${Math.max(...fdGrowth)} after the warm-up (limit ${FD_GROWTH_LIMIT})`,
      );

      verdict.figure('seconds', durationMs / 1000);
      verdict.figure('users', users);
      verdict.figure('turns', tally.turns);
      verdict.figure('completed', tally.completed);
      verdict.figure('stopped', `${tally.stopped} (${tally.stoppedElsewhere} via other)`);
      verdict.figure('disconnected', tally.disconnected);
      verdict.figure('turns_client', tally.expected.length);
      verdict.figure('turns_stored', storedIds.length);
      verdict.figure('rss_growth_mb', Math.max(...rssGrowth));
      verdict.figure('rss_end_mb', Math.max(...rssEnd));
      verdict.figure('fd_growth', Math.max(...fdGrowth));
      verdict.figure('leftover_streams', active + records);
      verdict.figure('busy_retries', tally.busyRetries);
      verdict.figure('turns_settled_ms', turnsSettledMs);
      verdict.figure('records_settled_ms', recordsSettledMs);
    } finally {
      await store.close();
    }
  },
};
