/**
 * The instance running 20 streams (10 with --quick) is killed with SIGKILL; a second
 * instance shares its Redis and database. The survivor must find the dead instance's
 * streams on its own, store each checkpointed partial exactly once as `interrupted`,
 * losing no more than a checkpoint interval of what the client saw; a resume of a dead
 * stream must end with the error event carrying that partial; and every session must
 * answer again at once.
 */
import { performance } from 'node:perf_hooks';
import {
  allUnderWay,
  chunksText,
  newConversation,
  poll,
  resumeStream,
  sendMessage,
  sleep,
  streamIdOf,
} from './lib/chat';
import { p50Max, type Drill } from './lib/drill';
import { Store } from './lib/store';

const WORD_DELAY_MS = 20;
const CHECKPOINT_MS = 250; // the default STREAM_CHECKPOINT_MS
/**
 * README: a survivor stores a dead instance's partials within about two seconds (two
 * missed pulses) plus one heartbeat (STREAM_HEARTBEAT_MS, 3 s); with room for a slow machine.
 */
const INTERRUPT_LIMIT_MS = 8_000;

export const instanceKill: Drill = {
  name: 'instance-kill',
  title: 'SIGKILL of the instance running the streams',
  timeoutMs: (quick) => (quick ? 60_000 : 90_000),
  async run({ quick, fleet, verdict, log }) {
    const streams = quick ? 10 : 20;
    const db = await fleet.database();
    const redis = await fleet.redis();
    const shared = { REDIS_URL: redis.url, SIMULATED_LLM_DELAY_MS: String(WORD_DELAY_MS) };
    // The doomed instance's answers outlast the drill; the survivor's are short.
    const [doomed, survivor] = await Promise.all([
      fleet.api('doomed', db, { ...shared, SIMULATED_LLM_WORDS: '5000' }),
      fleet.api('survivor', db, { ...shared, SIMULATED_LLM_WORDS: '20' }),
    ]);
    const conversations = await Promise.all(
      Array.from({ length: streams }, (_, i) => newConversation(survivor, `kill_${i}`)),
    );

    const runs = await allUnderWay(doomed, conversations, 'a very long answer', 12);
    // Well past a checkpoint, mid-answer.
    await sleep(CHECKPOINT_MS + 150);
    log(`[drills] instance-kill: SIGKILL to the instance running ${streams} streams`);
    const killedAt = performance.now();
    doomed.child.process.kill('SIGKILL');
    const results = await Promise.all(runs);
    await doomed.exited;

    const dropped = results.filter((run) => !run.terminal).length;
    verdict.check(
      dropped === streams,
      `${streams - dropped} streams got a terminal event from a killed instance`,
    );

    const store = await Store.connect(db.uri);
    try {
      const sessionIds = conversations.map((c) => c.sessionId);
      // When each session's interrupted turn appears, from the kill.
      const storedAfter = new Map<string, number>();
      await poll(async () => {
        for (const turn of await store.turns(sessionIds))
          if (!storedAfter.has(turn.session_id))
            storedAfter.set(turn.session_id, performance.now() - killedAt);
        return storedAfter.size === streams ? true : undefined;
      }, 20_000);
      verdict.check(
        Math.max(...storedAfter.values()) < INTERRUPT_LIMIT_MS,
        `a dead instance's streams were marked interrupted ${Math.round(Math.max(...storedAfter.values()))} ms after the kill (limit ${INTERRUPT_LIMIT_MS} ms)`,
      );
      verdict.check(
        storedAfter.size === streams,
        `only ${storedAfter.size}/${streams} partials were stored within 20 s of the kill`,
      );
      // A second recovery (by the survivor's sweeper, or a Stop) must not store it again.
      await sleep(1_500);
      const turns = await store.turnsBySession(sessionIds);
      let once = 0;
      let lostMaxChars = 0;
      let lostMaxWords = 0;
      let aheadMaxChars = 0;
      let seenChars = 0;
      let seenWords = 0;
      for (const [index, conversation] of conversations.entries()) {
        const stored = turns.get(conversation.sessionId) ?? [];
        const seen = chunksText(results[index].events);
        seenChars += seen.length;
        seenWords += seen.split(' ').length;
        if (
          !verdict.check(
            stored.length === 1 && stored[0].status === 'interrupted',
            `stream ${index}: expected one interrupted turn, found ${stored.length} (${stored.map((turn) => turn.status).join(', ')})`,
          )
        )
          continue;
        once += 1;
        const partial = stored[0].agent_response;
        // The same answer cut at two points: the client may be ahead (since the last
        // checkpoint) or behind (events it never received).
        const [shorter, longer] = partial.length <= seen.length ? [partial, seen] : [seen, partial];
        verdict.check(
          partial.length > 0 && longer.startsWith(shorter),
          `stream ${index}: the stored partial is not the answer the client saw`,
        );
        const lost = Math.max(0, seen.length - partial.length);
        lostMaxChars = Math.max(lostMaxChars, lost);
        lostMaxWords = Math.max(
          lostMaxWords,
          seen.slice(partial.length).split(' ').filter(Boolean).length,
        );
        aheadMaxChars = Math.max(aheadMaxChars, Math.max(0, partial.length - seen.length));
      }
      // A checkpoint every CHECKPOINT_MS at a word every WORD_DELAY_MS, and the word in flight.
      const wordsPerCheckpoint = Math.ceil(CHECKPOINT_MS / WORD_DELAY_MS) + 1;
      verdict.check(
        lostMaxWords <= wordsPerCheckpoint,
        `up to ${lostMaxWords} words the client saw were lost; a checkpoint interval is ${wordsPerCheckpoint}`,
      );
      const records = await store.streamingRecords(sessionIds);
      verdict.check(records === 0, `${records} stream records still say streaming`);

      // A client resuming a dead stream, on the survivor, with the last id it has, must
      // get the error event carrying the stored partial.
      const resumes = await Promise.all(
        results.map((run, index) =>
          resumeStream(
            survivor,
            conversations[index],
            streamIdOf(run),
            run.events[run.events.length - 1].id,
          ),
        ),
      );
      let resumedToError = 0;
      const noContent: number[] = [];
      for (const [index, resumed] of resumes.entries()) {
        const partial = turns.get(conversations[index].sessionId)?.[0]?.agent_response;
        if (
          resumed.terminal?.event === 'error' &&
          resumed.terminal.data.error_code === 'SERVICE_UNAVAILABLE' &&
          resumed.terminal.data.partial_response === partial
        )
          resumedToError += 1;
        else if (resumed.status === 204) noContent.push(index);
        else
          verdict.fail(
            `stream ${index}: resume on the survivor answered ${resumed.status} ${resumed.terminal?.event ?? resumed.error}`,
          );
      }
      verdict.check(
        noContent.length === 0,
        `${noContent.length}/${streams} resumes of a dead stream (Last-Event-ID = the client's last id, ahead of the last checkpoint) answered 204 instead of the error event with the partial: the recovered terminal event reuses an id the client already has`,
      );

      // Every session answers again, on the survivor.
      const again = await Promise.all(
        conversations.map((conversation) => sendMessage(survivor, conversation, 'still there?')),
      );
      const usable = again.filter((run) => run.terminal?.event === 'done').length;
      verdict.check(
        usable === streams,
        `${streams - usable} sessions did not answer after the kill: ${again
          .filter((run) => run.terminal?.event !== 'done')
          .map((run) => `${run.status} ${run.terminal?.event ?? run.error}`)
          .slice(0, 3)
          .join('; ')}`,
      );

      verdict.figure('streams', streams);
      verdict.figure('interrupted_after_ms_p50/max', p50Max([...storedAfter.values()]));
      verdict.figure('stored_once', `${once}/${streams}`);
      verdict.figure('text_lost_max_chars', lostMaxChars);
      verdict.figure('text_lost_max_words', lostMaxWords);
      verdict.figure('checkpoint_words', wordsPerCheckpoint);
      verdict.figure(
        'checkpoint_chars_approx',
        Math.round((wordsPerCheckpoint * seenChars) / Math.max(1, seenWords)),
      );
      verdict.figure('stored_ahead_of_client_max_chars', aheadMaxChars);
      verdict.figure('resume_after_death_to_error', `${resumedToError}/${streams}`);
      verdict.figure('sessions_usable_after', `${usable}/${streams}`);
    } finally {
      await store.close();
    }
  },
};
