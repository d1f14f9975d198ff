/**
 * The database process is killed with streams open and stays down for 10 s (5 s with
 * --quick). The turns that end meanwhile (most finish, one is stopped) must get their
 * terminal event at once with `stored: false`; once the database is back each must be
 * written exactly once, with the text the client saw, and the session must answer again.
 */
import { performance } from 'node:perf_hooks';
import {
  allUnderWay,
  chunksText,
  newConversation,
  sendMessage,
  sleep,
  stopStream,
  type StreamRun,
} from './lib/chat';
import type { Drill } from './lib/drill';
import { Store } from './lib/store';

const STREAMS = 5;

export const databaseOutage: Drill = {
  name: 'database-outage',
  title: 'database killed with streams open, then back',
  timeoutMs: (quick) => (quick ? 60_000 : 90_000),
  async run({ quick, fleet, verdict, log }) {
    const outageMs = quick ? 5_000 : 10_000;
    const db = await fleet.database();
    const redis = await fleet.redis();
    const api = await fleet.api('a', db, {
      REDIS_URL: redis.url,
      MONGODB_SERVER_SELECTION_TIMEOUT_MS: '1000',
      DB_OPERATION_TIMEOUT_MS: '1000',
      SIMULATED_LLM_DELAY_MS: '25',
      SIMULATED_LLM_WORDS: '80',
    });
    const conversations = await Promise.all(
      Array.from({ length: STREAMS }, (_, i) => newConversation(api, `outage_${i}`)),
    );

    // Every stream has said something before the database goes.
    const runs = await allUnderWay(api, conversations, 'before the outage', 5);
    log(`[drills] database-outage: killing the database for ${outageMs} ms`);
    await db.suspend();
    const killedAt = performance.now();

    // One of them is stopped while the database is down.
    await sleep(300);
    const stop = await stopStream(api, conversations[STREAMS - 1]);
    verdict.check(
      stop.status === 200 && stop.data?.stream_status === 'cancelled' && stop.data.stored === false,
      `Stop during the outage: expected 200 cancelled stored:false, got ${stop.status} ${JSON.stringify(stop.data)}`,
    );

    const results: StreamRun[] = await Promise.all(runs);
    await sleep(Math.max(0, outageMs - (performance.now() - killedAt)));
    const resumedAt = performance.now();
    await db.resume();
    const backAt = performance.now();
    log('[drills] database-outage: the database is back');

    let storedFalse = 0;
    for (const [index, run] of results.entries()) {
      const terminal = run.terminal;
      const expected = index === STREAMS - 1 ? 'cancelled' : 'done';
      if (
        verdict.check(
          terminal?.event === expected,
          `stream ${index}: expected a ${expected} event, got ${terminal?.event ?? run.error}`,
        ) &&
        terminal &&
        verdict.check(
          terminal.at < resumedAt,
          `stream ${index}: its terminal event came after the database returned (the answer outlasted the outage)`,
        ) &&
        verdict.check(
          terminal.data.stored === false,
          `stream ${index}: terminal event during the outage said stored: ${String(terminal.data.stored)}`,
        )
      )
        storedFalse += 1;
    }

    const store = await Store.connect(db.uri);
    try {
      const sessionIds = conversations.map((c) => c.sessionId);
      const all = await store.turnsBySession(sessionIds, 30_000);
      const recoveryMs = performance.now() - backAt;
      verdict.check(
        sessionIds.every((id) => all.has(id)),
        'not every turn was stored within 30 s of the return',
      );
      // Late duplicates would come from a second write of a held turn.
      await sleep(1_500);
      const turns = await store.turnsBySession(sessionIds);
      let once = 0;
      let duplicates = 0;
      for (const [index, conversation] of conversations.entries()) {
        const stored = turns.get(conversation.sessionId) ?? [];
        duplicates += Math.max(0, stored.length - 1);
        if (stored.length === 1) once += 1;
        const run = results[index];
        const expectedText =
          index === STREAMS - 1
            ? (run.terminal?.data.partial_response as string | undefined)
            : (run.terminal?.data.response as string | undefined);
        verdict.check(
          stored.length === 1 &&
            stored[0].agent_response === expectedText &&
            stored[0].agent_response === chunksText(run.events) &&
            stored[0].status === (index === STREAMS - 1 ? 'cancelled' : 'completed'),
          `stream ${index}: expected one ${index === STREAMS - 1 ? 'cancelled' : 'completed'} turn with the text the client saw, found ${stored.length} (${stored.map((turn) => turn.status).join(', ')})`,
        );
      }

      // The session answers again, and stores at once.
      const again = await sendMessage(api, conversations[0], 'after the outage');
      verdict.check(
        again.terminal?.event === 'done' && again.terminal.data.stored === true,
        `a new message after the outage: expected done stored:true, got ${again.terminal?.event ?? again.error} stored:${String(again.terminal?.data.stored)}`,
      );

      verdict.figure('outage_ms', outageMs);
      verdict.figure('streams', STREAMS);
      verdict.figure('stored_false_during', `${storedFalse}/${STREAMS}`);
      verdict.figure('recovery_ms', all ? recoveryMs : 'never');
      verdict.figure('stored_once', `${once}/${STREAMS}`);
      verdict.figure('duplicates', duplicates);
    } finally {
      await store.close();
    }
  },
};
