/**
 * Two instances share a Redis, which is killed (SIGKILL: its data is gone) with streams
 * open on both, and restarted on the same port. The running streams must go on and end
 * normally, each stored once; once Redis is back both instances must be ready again,
 * new sessions must work, and a Stop sent to the other instance must reach the stream.
 */
import { performance } from 'node:perf_hooks';
import {
  chunksText,
  newConversation,
  poll,
  sendMessage,
  sleep,
  stopStream,
  type StopAnswer,
  type StreamRun,
} from './lib/chat';
import type { Drill } from './lib/drill';
import type { Api } from './lib/fleet';
import { Store } from './lib/store';

async function ready(api: Api): Promise<true | undefined> {
  const res = await fetch(`${api.url}/readyz`);
  return res.status === 200 ? true : undefined;
}

export const redisRestart: Drill = {
  name: 'redis-restart',
  title: 'Redis killed and restarted under two instances',
  timeoutMs: (quick) => (quick ? 60_000 : 90_000),
  async run({ quick, fleet, verdict, log }) {
    const streams = quick ? 6 : 10;
    const downMs = quick ? 1_500 : 3_000;
    const db = await fleet.database();
    const redis = await fleet.redis();
    const env = {
      REDIS_URL: redis.url,
      REDIS_COMMAND_TIMEOUT_MS: '800',
      SIMULATED_LLM_DELAY_MS: '20',
      SIMULATED_LLM_WORDS: String(Math.ceil((downMs + 2_500) / 20)),
    };
    const [a, b] = await Promise.all([fleet.api('a', db, env), fleet.api('b', db, env)]);
    const apis = [a, b];
    const conversations = await Promise.all(
      Array.from({ length: streams }, (_, i) => newConversation(apis[i % 2], `redis_${i}`)),
    );

    let started = 0;
    let allStarted!: () => void;
    const going = new Promise<void>((done) => (allStarted = done));
    const runs = conversations.map((conversation, i) =>
      sendMessage(apis[i % 2], conversation, 'keep talking through the Redis outage', {
        onEvent: (event) => {
          if (event.id === 4 && (started += 1) === streams) allStarted();
        },
      }),
    );
    await going;
    log(`[drills] redis-restart: killing Redis for ${downMs} ms`);
    await redis.kill();
    const killedAt = performance.now();
    await sleep(downMs);
    await redis.start();
    const backAt = performance.now();
    log('[drills] redis-restart: Redis is back (empty)');

    const bothReady = await poll(
      async () => ((await ready(a)) && (await ready(b)) ? true : undefined),
      20_000,
    );
    const readyMs = performance.now() - backAt;
    verdict.check(
      bothReady === true,
      'the instances were not both ready within 20 s of Redis returning',
    );

    const results: StreamRun[] = await Promise.all(runs);
    let normal = 0;
    let spanned = 0;
    for (const [index, run] of results.entries()) {
      if (
        verdict.check(
          run.terminal?.event === 'done' && run.terminal.data.stored === true,
          `stream ${index}: expected done stored:true, got ${run.terminal?.event ?? run.error} stored:${String(run.terminal?.data.stored)}`,
        )
      )
        normal += 1;
      if ((run.terminal?.at ?? 0) > killedAt) spanned += 1;
    }
    verdict.check(
      spanned === streams,
      `${streams - spanned} streams ended before Redis was killed`,
    );

    const store = await Store.connect(db.uri);
    try {
      const turns = await store.turnsBySession(conversations.map((c) => c.sessionId));
      let once = 0;
      for (const [index, conversation] of conversations.entries()) {
        const stored = turns.get(conversation.sessionId) ?? [];
        if (
          verdict.check(
            stored.length === 1 &&
              stored[0].status === 'completed' &&
              stored[0].agent_response === chunksText(results[index].events),
            `stream ${index}: expected one completed turn with the client's text, found ${stored.length}`,
          )
        )
          once += 1;
      }

      // After the restart: a new session on A, its stream stopped through B.
      const fresh = await newConversation(a, 'redis_after');
      let stop: Promise<StopAnswer> | undefined;
      const stopped = await sendMessage(a, fresh, 'a long answer after the restart', {
        onEvent: (event) => {
          if (event.id === 3) stop = stopStream(b, fresh);
        },
      });
      const answer = await stop;
      const stopMs = answer?.ms ?? Number.NaN;
      const stopAnswer = `${answer?.status} ${answer?.data?.stream_status}`;
      verdict.check(
        stopped.terminal?.event === 'cancelled' && stopAnswer === '200 cancelled',
        `Stop through the other instance after the restart: stream ended ${stopped.terminal?.event ?? stopped.error}, stop answered ${stopAnswer}`,
      );
      const freshTurns = await poll(async () => {
        const found = await store.turns([fresh.sessionId]);
        return found.length > 0 ? found : undefined;
      }, 5_000);
      verdict.check(
        freshTurns?.length === 1 && freshTurns[0].status === 'cancelled',
        `the stopped turn after the restart: expected one cancelled turn, found ${freshTurns?.length ?? 0}`,
      );

      verdict.figure('redis_down_ms', downMs);
      verdict.figure('streams', streams);
      verdict.figure('ended_normally', `${normal}/${streams}`);
      verdict.figure('stored_once', `${once}/${streams}`);
      verdict.figure('ready_after_ms', bothReady ? readyMs : 'never');
      verdict.figure('cross_stop_after_ms', stopMs);
    } finally {
      await store.close();
    }
  },
};
