import { lastValueFrom, toArray } from 'rxjs';
import { LiveJournal } from './live-journal';
import { MemoryJournalStore } from './memory-journal-store';

function finishedJournal(streamId: string, sessionId: string, words: string[]): LiveJournal {
  const journal = new LiveJournal({
    stream_id: streamId,
    message_id: `msg_${streamId}`,
    user_id: 'user_a',
    session_id: sessionId,
    room_id: 'room_1',
    agent_type: 'general',
    user_input: 'hello',
    instance_id: 'instance_1',
    started_at: 0,
  });
  journal.append({
    type: 'start',
    data: {
      stream_id: streamId,
      session_id: sessionId,
      room_id: 'room_1',
      agent_type: 'general',
      message_id: `msg_${streamId}`,
    },
  });
  for (const word of words) journal.append({ type: 'chunk', data: { content: word } });
  journal.append({
    type: 'done',
    data: {
      message_id: `msg_${streamId}`,
      response: words.join(''),
      usage: null,
      model: 'simulated',
      stored: true,
    },
  });
  return journal;
}

describe('MemoryJournalStore', () => {
  it('replays a finished stream with its original ids until STREAM_REPLAY_TTL_MS has passed', async () => {
    let now = 1_000;
    const store = new MemoryJournalStore(60_000, 1024 ** 2, () => now);
    const journal = finishedJournal('stream_1', 'session_1', [
      'Less ',
      'salt, ',
      'more ',
      'water.',
    ]);
    store.started(journal);
    await store.finished(journal);

    expect((await store.load('stream_1'))?.events).toEqual(journal.eventsAfter(0));
    const replay = await lastValueFrom(store.follow('stream_1', 3).pipe(toArray()));
    expect(replay.map((event) => event.id)).toEqual([4, 5, 6]);
    expect(await store.latestStreamOf('session_1')).toBe('stream_1');

    now += 60_000;
    expect(await store.load('stream_1')).toBeUndefined();
    expect(await store.latestStreamOf('session_1')).toBeUndefined();
    expect(store.heldBytes()).toBe(0);
  });

  it('keeps within STREAM_REPLAY_MAX_BYTES by dropping the oldest journals first', async () => {
    const store = new MemoryJournalStore(60_000, 4_000);
    const words = Array.from({ length: 20 }, () => 'word ');
    for (const id of ['stream_1', 'stream_2', 'stream_3', 'stream_4']) {
      await store.finished(finishedJournal(id, `session_${id}`, words));
    }
    expect(store.heldBytes()).toBeLessThanOrEqual(4_000);
    expect(await store.load('stream_1')).toBeUndefined();
    expect(await store.load('stream_4')).toBeDefined();
  });

  it('keeps nothing when the budget is zero', async () => {
    const store = new MemoryJournalStore(60_000, 0);
    await store.finished(finishedJournal('stream_1', 'session_1', ['a']));
    expect(await store.load('stream_1')).toBeUndefined();
    expect(store.heldBytes()).toBe(0);
  });
});
