/**
 * `npm run bench:stop`: how long Stop takes to end a stream. Starts the embedded
 * database and the real app, then 100 times: opens a stream, waits for the third
 * chunk, calls POST /api/session/{id}/stop, and measures until (a) the stop call
 * returns with the stored partial and (b) the SSE stream delivers `cancelled`.
 * Prints p50/p90/p99/max of both, in milliseconds.
 * With REDIS_URL set, two instances share Redis: the stream runs on one and Stop is
 * sent to the other, which measures the cross-instance path (pub/sub).
 */
import { performance } from 'node:perf_hooks';
import { startEmbeddedDatabase } from '../tools/embedded-db';
import { newConversation } from '../test/support/factories';
import { openSse } from '../test/support/sse-client';
import { startTestApp } from '../test/support/test-app';

const RUNS = Number(process.env.BENCH_RUNS ?? 100);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function report(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(1).padStart(7);
  console.warn(
    `${label.padEnd(34)} p50 ${fmt(percentile(sorted, 50))}  p90 ${fmt(percentile(sorted, 90))}  p99 ${fmt(percentile(sorted, 99))}  max ${fmt(sorted[sorted.length - 1])}  (n=${sorted.length})`,
  );
}

async function main(): Promise<void> {
  const db = await startEmbeddedDatabase();
  process.env.MONGODB_URI = db.uri;
  const env = {
    SIMULATED_LLM_DELAY_MS: '20',
    SIMULATED_LLM_WORDS: '2000',
    MONGODB_DB_NAME: 'careguide_bench',
  };
  const app = await startTestApp(env);
  const stopper = process.env.REDIS_URL ? await startTestApp(env) : app;
  const stopCall: number[] = [];
  const streamEnd: number[] = [];
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const { user, sessionId } = await newConversation(app.url);
      const stream = await openSse(`${app.url}/api/chat/message`, {
        body: { user_id: user, session_id: sessionId, message: 'benchmark' },
      });
      for (let i = 0; i < 4; i += 1) await stream.next(); // start + 3 chunks

      const started = performance.now();
      const ended = stream.rest().then((events) => {
        if (events[events.length - 1]?.event !== 'cancelled')
          throw new Error('stream did not end with cancelled');
        return performance.now();
      });
      const res = await fetch(`${stopper.url}/api/session/${sessionId}/stop`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user_id: user }),
      });
      if (res.status !== 200) throw new Error(`stop answered ${res.status}`);
      stopCall.push(performance.now() - started);
      streamEnd.push((await ended) - started);
    }
  } finally {
    await app.close();
    if (stopper !== app) await stopper.close();
    await db.stop();
  }
  const path = stopper === app ? 'same instance' : 'stop sent to another instance, through Redis';
  console.warn(`stop latency over ${RUNS} stops (engine: ${db.engine}; ${path}; ms)`);
  report('stop call returns (partial stored)', stopCall);
  report('SSE stream receives cancelled', streamEnd);
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
