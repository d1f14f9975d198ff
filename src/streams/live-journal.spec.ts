import { lastValueFrom, toArray } from 'rxjs';
import { LiveJournal, type StreamMeta } from './live-journal';
import type { StreamEvent } from './stream-events';

const META: StreamMeta = {
  stream_id: 'stream_1',
  message_id: 'msg_1',
  user_id: 'user_a',
  session_id: 'session_1',
  room_id: 'room_1',
  agent_type: 'general',
  user_input: 'hello',
  instance_id: 'instance_1',
  started_at: 0,
};

function started(): LiveJournal {
  const journal = new LiveJournal(META);
  journal.append({
    type: 'start',
    data: {
      stream_id: 'stream_1',
      session_id: 'session_1',
      room_id: 'room_1',
      agent_type: 'general',
      message_id: 'msg_1',
    },
  });
  return journal;
}

const ids = (events: StreamEvent[]) => events.map((event) => event.id);

describe('LiveJournal', () => {
  it('numbers events from 1 and joins the chunks into the answer', () => {
    const journal = started();
    journal.append({ type: 'chunk', data: { content: 'Drink ' } });
    journal.append({ type: 'chunk', data: { content: 'water.' } });
    expect(journal.lastId).toBe(3);
    expect(journal.text()).toBe('Drink water.');
    expect(ids(journal.eventsAfter(1))).toEqual([2, 3]);
    expect(journal.terminal).toBeUndefined();
  });

  it('gives a follower the events after its id, then the live ones, each once, and completes after the terminal event', async () => {
    const journal = started();
    journal.append({ type: 'chunk', data: { content: 'a' } });
    journal.append({ type: 'chunk', data: { content: 'b' } });
    const late = lastValueFrom(journal.follow(2).pipe(toArray()));
    const fromStart = lastValueFrom(journal.follow(0).pipe(toArray()));
    journal.append({ type: 'chunk', data: { content: 'c' } });
    journal.append({
      type: 'cancelled',
      data: { message_id: 'msg_1', partial_response: 'abc', stored: true },
    });
    expect(ids(await late)).toEqual([3, 4, 5]);
    expect(ids(await fromStart)).toEqual([1, 2, 3, 4, 5]);
    // After the end: the replay alone, then completion.
    expect(ids(await lastValueFrom(journal.follow(4).pipe(toArray())))).toEqual([5]);
    expect(journal.terminal?.type).toBe('cancelled');
  });

  it('refuses events after the terminal one', () => {
    const journal = started();
    journal.append({
      type: 'error',
      data: {
        error: 'The language model is unavailable',
        error_code: 'LLM_UNAVAILABLE',
        message_id: null,
        partial_response: '',
        stored: false,
      },
    });
    expect(() => journal.append({ type: 'chunk', data: { content: 'late' } })).toThrow(
      /already ended/,
    );
  });
});
