/**
 * The OpenAI-compatible upstream misbehaves, one way per turn: it answers 500 at once, it
 * resets the connection mid-answer, it sends a chunk that is not JSON, it hangs after a
 * few words, and (last) it is gone: nothing listens on its port. Each must end the stream with one clean
 * `error` event (LLM_UNAVAILABLE, no upstream detail), store what was said as an `error`
 * turn (nothing when nothing was said), close the upstream request, and leave the
 * session usable at once (MAX_STREAMS_PER_USER=1: a slot not given back would refuse it).
 */
import { performance } from 'node:perf_hooks';
import type { UpstreamBehaviour } from '../test/support/fake-openai-server';
import { newConversation, poll, sendMessage } from './lib/chat';
import type { Drill } from './lib/drill';
import { Store } from './lib/store';

const IDLE_TIMEOUT_MS = 1_000;
const WORDS = ['Fluid', ' limits', ' depend', ' on', ' your'];

interface Fault {
  name: string;
  behaviour?: UpstreamBehaviour;
  /** What the client should have seen before the error. */
  partial: string;
}

const FAULTS: Fault[] = [
  { name: 'fail_at_start', behaviour: { kind: 'fail', status: 500 }, partial: '' },
  {
    name: 'reset_mid_stream',
    behaviour: { kind: 'reset-after', words: WORDS },
    partial: WORDS.join(''),
  },
  {
    name: 'malformed_chunk',
    behaviour: { kind: 'malformed-after', words: WORDS },
    partial: WORDS.join(''),
  },
  { name: 'hang', behaviour: { kind: 'hang-after', words: WORDS }, partial: WORDS.join('') },
  // Last: the upstream is shut down, and nothing listens on its port any more.
  { name: 'refused', partial: '' },
];

export const upstreamFaults: Drill = {
  name: 'upstream-faults',
  title: 'the LLM upstream failing, resetting, garbling and hanging',
  timeoutMs: (quick) => (quick ? 45_000 : 60_000),
  async run({ fleet, verdict }) {
    const db = await fleet.database();
    const { server, baseUrl } = await fleet.upstream();
    const env = {
      LLM_PROVIDER: 'openai',
      LLM_MODEL: 'drill-model',
      LLM_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS),
      MAX_STREAMS_PER_USER: '1',
    };
    const api = await fleet.api('a', db, { ...env, LLM_BASE_URL: baseUrl });
    const store = await Store.connect(db.uri);
    let clean = 0;
    let usable = 0;
    try {
      for (const fault of FAULTS) {
        const conversation = await newConversation(api, `upstream_${fault.name}`);
        if (fault.behaviour) server.behaviour = fault.behaviour;
        else await server.stop();
        const calls = server.requests.length;
        const sentAt = performance.now();
        const run = await sendMessage(api, conversation, 'How much may I drink?');
        const terminal = run.terminal;
        verdict.figure(`${fault.name}_ms`, terminal ? terminal.at - sentAt : Number.NaN);
        if (
          verdict.check(
            run.status === 200 &&
              terminal?.event === 'error' &&
              terminal.data.error_code === 'LLM_UNAVAILABLE' &&
              terminal.data.partial_response === fault.partial &&
              run.events.filter((event) => event.event === 'error').length === 1 &&
              !JSON.stringify(terminal.data).includes('exploded'),
            `${fault.name}: expected one error LLM_UNAVAILABLE with partial "${fault.partial}", got ${run.status} ${terminal?.event ?? run.error} ${JSON.stringify(terminal?.data ?? {}).slice(0, 200)}`,
          )
        )
          clean += 1;

        // What was said is kept as an error turn; nothing said, nothing stored.
        const stored = fault.partial
          ? await poll(async () => {
              const turns = await store.turns([conversation.sessionId]);
              return turns.length > 0 ? turns : undefined;
            }, 3_000)
          : await store.turns([conversation.sessionId]);
        verdict.check(
          fault.partial
            ? stored?.length === 1 &&
                stored[0].status === 'error' &&
                stored[0].agent_response === fault.partial
            : stored?.length === 0,
          `${fault.name}: expected ${fault.partial ? 'one error turn with the partial' : 'nothing stored'}, found ${stored?.length ?? 0}`,
        );
        if (fault.behaviour && fault.behaviour.kind !== 'fail') {
          const call = server.requests[calls];
          const closed = await poll(
            () => Promise.resolve(call?.aborted || call?.finished ? true : undefined),
            3_000,
          );
          verdict.check(closed === true, `${fault.name}: the upstream request was left open`);
        }

        // The same session answers at once (its stream slot was given back).
        if (!fault.behaviour) continue; // nothing to answer it any more
        server.behaviour = { kind: 'stream', words: ['All', ' good'], delayMs: 0 };
        const again = await sendMessage(api, conversation, 'and now?');
        if (
          verdict.check(
            again.terminal?.event === 'done' && again.terminal.data.response === 'All good',
            `${fault.name}: the session did not answer after the fault: ${again.status} ${again.terminal?.event ?? again.error}`,
          )
        )
          usable += 1;
      }
      verdict.figure('clean_errors', `${clean}/${FAULTS.length}`);
      verdict.figure('usable_after', `${usable}/${FAULTS.filter((f) => f.behaviour).length}`);
      verdict.figure('idle_timeout_ms', IDLE_TIMEOUT_MS);
    } finally {
      await store.close();
    }
  },
};
