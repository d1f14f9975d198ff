/**
 * SIGTERM (a deploy) to an instance with 200 open streams (50 with --quick). Every stream
 * must end with a terminal event (`error` SERVICE_UNAVAILABLE carrying the partial, which
 * is all the client saw), every partial must be stored once as `interrupted`, and the
 * process must exit 0 within SHUTDOWN_GRACE_MS plus a few seconds.
 */
import { performance } from 'node:perf_hooks';
import { inParallel } from '../bench/lib/sse-load';
import { allUnderWay, chunksText, newConversation } from './lib/chat';
import { p50Max, type Drill } from './lib/drill';
import { Store } from './lib/store';

const GRACE_MS = 10_000; // the default SHUTDOWN_GRACE_MS

export const shutdown: Drill = {
  name: 'shutdown',
  title: 'SIGTERM with open streams',
  timeoutMs: (quick) => (quick ? 60_000 : 120_000),
  async run({ quick, fleet, verdict, log }) {
    const streams = quick ? 50 : 200;
    const db = await fleet.database();
    const api = await fleet.api('a', db, {
      SIMULATED_LLM_DELAY_MS: '20',
      SIMULATED_LLM_WORDS: '5000',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
    });
    const conversations = await inParallel(streams, 16, (i) =>
      newConversation(api, `shutdown_${i}`),
    );

    const runs = await allUnderWay(api, conversations, 'a long answer please', 4);
    log(`[drills] shutdown: SIGTERM with ${streams} streams open`);
    const signalledAt = performance.now();
    api.child.process.kill('SIGTERM');
    const results = await Promise.all(runs);
    const exitCode = await api.exited;
    const exitMs = performance.now() - signalledAt;

    const endings: number[] = [];
    let clean = 0;
    for (const [index, run] of results.entries()) {
      const terminal = run.terminal;
      if (terminal) endings.push(terminal.at - signalledAt);
      if (
        verdict.check(
          terminal?.event === 'error' &&
            terminal.data.error_code === 'SERVICE_UNAVAILABLE' &&
            terminal.data.partial_response === chunksText(run.events),
          `stream ${index}: expected error SERVICE_UNAVAILABLE carrying the text the client saw, got ${terminal?.event ?? run.error}`,
        )
      )
        clean += 1;
    }
    verdict.check(exitCode === 0, `the instance exited with ${String(exitCode)}, not 0`);
    verdict.check(
      exitMs < GRACE_MS + 5_000,
      `the instance took ${Math.round(exitMs)} ms to exit (grace ${GRACE_MS} ms)`,
    );

    const store = await Store.connect(db.uri);
    try {
      const sessionIds = conversations.map((c) => c.sessionId);
      // Stored before the process exited: nothing to wait for, but read it all back.
      const turns = await store.turnsBySession(sessionIds, 2_000);
      let stored = 0;
      for (const [index, conversation] of conversations.entries()) {
        const found = turns.get(conversation.sessionId) ?? [];
        if (
          verdict.check(
            found.length === 1 &&
              found[0].status === 'interrupted' &&
              found[0].agent_response === results[index].terminal?.data.partial_response,
            `stream ${index}: expected one interrupted turn with the partial, found ${found.length} (${found.map((turn) => turn.status).join(', ')})`,
          )
        )
          stored += 1;
      }
      verdict.figure('streams', streams);
      verdict.figure('terminal_events', `${clean}/${streams}`);
      verdict.figure('terminal_after_ms_p50/max', p50Max(endings));
      verdict.figure('exit_after_ms', exitMs);
      verdict.figure('exit_code', String(exitCode));
      verdict.figure('partials_stored', `${stored}/${streams}`);
    } finally {
      await store.close();
    }
  },
};
