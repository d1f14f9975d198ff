/**
 * Streams on instance A lose their connection after a few events (each a different
 * number) and resume on instance B with Last-Event-ID, as a client behind a load balancer
 * would. Every resumed stream must continue with the next id, none missing or twice, up
 * to one terminal event; the whole text must be the stored answer, stored once.
 */
import {
  chunksText,
  messageIdOf,
  newConversation,
  resumeStream,
  sendMessage,
  sleep,
  streamIdOf,
} from './lib/chat';
import { p50Max, type Drill } from './lib/drill';
import { Store } from './lib/store';

export const resumeElsewhere: Drill = {
  name: 'resume',
  title: 'a dropped stream resumed on the other instance',
  timeoutMs: (quick) => (quick ? 45_000 : 90_000),
  async run({ quick, fleet, verdict }) {
    const streams = quick ? 6 : 20;
    const db = await fleet.database();
    const redis = await fleet.redis();
    const env = {
      REDIS_URL: redis.url,
      STREAM_ON_DISCONNECT: 'detach',
      SIMULATED_LLM_DELAY_MS: '15',
      SIMULATED_LLM_WORDS: '150',
    };
    const [a, b] = await Promise.all([fleet.api('a', db, env), fleet.api('b', db, env)]);
    const conversations = await Promise.all(
      Array.from({ length: streams }, (_, i) => newConversation(a, `resume_${i}`)),
    );

    const gaps: number[] = [];
    const notFound: string[] = [];
    let missing = 0;
    let duplicated = 0;
    const outcomes = await Promise.all(
      conversations.map(async (conversation, i) => {
        // Dropped anywhere from just after start to the middle of the answer.
        const before = await sendMessage(a, conversation, 'tell me about fluids', {
          dropAfter: 2 + ((i * 7) % 60),
        });
        const droppedAt = before.endedAt;
        const lastId = before.events[before.events.length - 1]?.id ?? 0;
        let after = await resumeStream(b, conversation, streamIdOf(before), lastId);
        if (after.status === 404) {
          // The stream is live on A; B does not know it yet. Try again as the SDK would
          // (after 250 ms), so the rest of the checks still run.
          notFound.push(
            `${i} (dropped ${Math.round(droppedAt - before.events[0].at)} ms after start)`,
          );
          await sleep(300);
          after = await resumeStream(b, conversation, streamIdOf(before), lastId);
        } else if (after.events.length > 0) gaps.push(after.events[0].at - droppedAt);
        const ids = [...before.events, ...after.events].map((event) => event.id);
        const seen = new Set<number>();
        for (const id of ids) if (seen.has(id)) duplicated += 1;
        for (const id of ids) seen.add(id);
        const highest = Math.max(...ids);
        for (let id = 1; id <= highest; id += 1) if (!seen.has(id)) missing += 1;
        verdict.check(
          ids.every((id, index) => id === index + 1),
          `stream ${i}: ids are not 1..n in order after the resume (dropped after ${lastId})`,
        );
        verdict.check(
          after.status === 200 &&
            after.terminal?.event === 'done' &&
            after.events.filter((e) => ['done', 'cancelled', 'error'].includes(e.event)).length ===
              1,
          `stream ${i}: the resume on B answered ${after.status} and ended with ${after.terminal?.event ?? after.error}`,
        );
        const text = chunksText([...before.events, ...after.events]);
        verdict.check(
          after.terminal?.data.response === text,
          `stream ${i}: the done event's response differs from the chunks the client joined`,
        );
        return { text, messageId: messageIdOf(before) };
      }),
    );

    const store = await Store.connect(db.uri);
    try {
      const sessionIds = conversations.map((c) => c.sessionId);
      const turns = await store.turnsBySession(sessionIds, 5_000);
      let matching = 0;
      for (const [index, conversation] of conversations.entries()) {
        const stored = turns.get(conversation.sessionId) ?? [];
        if (
          verdict.check(
            stored.length === 1 &&
              stored[0].status === 'completed' &&
              stored[0].message_id === outcomes[index].messageId &&
              stored[0].agent_response === outcomes[index].text,
            `stream ${index}: expected one completed turn equal to the client's text, found ${stored.length}`,
          )
        )
          matching += 1;
      }
      verdict.check(
        notFound.length === 0,
        `${notFound.length} resumes on B right after the drop answered 404 STREAM_NOT_FOUND for a stream live on A (streams ${notFound.join(', ')}): B learns of a stream only at its first journal checkpoint`,
      );
      verdict.check(missing === 0, `${missing} events missing across the resumes`);
      verdict.check(duplicated === 0, `${duplicated} events received twice across the resumes`);
      verdict.figure('streams', streams);
      verdict.figure('resume_gap_ms_p50/max', p50Max(gaps));
      verdict.figure('resume_404', notFound.length);
      verdict.figure('events_missing', missing);
      verdict.figure('events_duplicated', duplicated);
      verdict.figure('text_equals_stored', `${matching}/${streams}`);
    } finally {
      await store.close();
    }
  },
};
