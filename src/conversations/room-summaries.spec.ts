import { asUserId } from '../common/auth/user-id';
import type { RoomsRepository, RoomSummary, SummaryDelta } from '../rooms/rooms.repository';
import type { ConversationRecord, ConversationRepository } from './conversation.repository';
import { RoomSummaries } from './room-summaries';

const owner = asUserId('user_a');

function turn(messageId: string): ConversationRecord {
  return {
    message_id: messageId,
    user_id: owner,
    session_id: 'session_1',
    room_id: 'room_1',
    agent_type: 'general',
    user_input: 'hello',
    agent_response: 'hi',
    status: 'completed',
    timestamp: new Date(),
    metadata: { tokens_used: null, response_time_ms: null, model: null },
  };
}

/**
 * The room's writes as the order they reached the repository in; each write waits until
 * the test lets it finish, so a write can be held in flight while other calls arrive.
 */
function recordingRooms() {
  const calls: string[] = [];
  const inFlight: (() => void)[] = [];
  const held = (label: string) => {
    calls.push(`${label} started`);
    return new Promise<void>((resolve) =>
      inFlight.push(() => {
        calls.push(`${label} finished`);
        resolve();
      }),
    );
  };
  const rooms = {
    addToSummary: (delta: SummaryDelta) => held(`add ${delta.added}`),
    setSummary: (_owner: unknown, _room: string, summary: RoomSummary) =>
      held(`set ${summary.message_count}`),
    findAnyState: () => Promise.resolve(null),
  } as unknown as RoomsRepository;
  return { rooms, calls, finishNext: () => inFlight.shift()?.() };
}

const nothingStored = {
  roomSummary: () => Promise.resolve({ count: 0, newest: null }),
} as unknown as ConversationRepository;

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('RoomSummaries', () => {
  it('answers a recount only after the recount itself is written, not an add already in flight', async () => {
    const { rooms, calls, finishNext } = recordingRooms();
    const summaries = new RoomSummaries(rooms, nothingStored);
    summaries.added([turn('msg_1')]);
    await flush();
    expect(calls).toEqual(['add 1 started']);

    // The history is erased while the add is still being written.
    let recounted = false;
    const written = summaries.recount(owner, 'room_1').then(() => (recounted = true));
    finishNext();
    await flush();
    expect(calls).toEqual(['add 1 started', 'add 1 finished', 'set 0 started']);
    expect(recounted).toBe(false);

    finishNext();
    await written;
    expect(calls.at(-1)).toBe('set 0 finished');
  });

  it('coalesces a burst of turns in one room into one write', async () => {
    const { rooms, calls, finishNext } = recordingRooms();
    const summaries = new RoomSummaries(rooms, nothingStored);
    summaries.added([turn('msg_1')]);
    await flush();
    // The burst arrives while the first turn's write is in flight.
    for (let i = 2; i <= 6; i += 1) summaries.added([turn(`msg_${i}`)]);
    finishNext();
    await flush();
    finishNext();
    await summaries.settled();
    expect(calls).toEqual(['add 1 started', 'add 1 finished', 'add 5 started', 'add 5 finished']);
  });

  it('holds its writes while turn inserts are under way, and writes them once the inserts are over', async () => {
    const { rooms, calls, finishNext } = recordingRooms();
    const summaries = new RoomSummaries(rooms, nothingStored);
    let endInsert = () => {};
    const insert = summaries.storing(() => new Promise<void>((done) => (endInsert = done)));
    summaries.added([turn('msg_1')]);
    await flush();
    expect(calls).toEqual([]);

    endInsert();
    await insert;
    await flush();
    expect(calls).toEqual(['add 1 started']);
    finishNext();
    await summaries.settled();
  });

  it('stops giving way after a second, so a steady flow of inserts cannot starve it', async () => {
    jest.useFakeTimers();
    try {
      const { rooms, calls, finishNext } = recordingRooms();
      const summaries = new RoomSummaries(rooms, nothingStored);
      void summaries.storing(() => new Promise<void>(() => {}));
      summaries.added([turn('msg_1')]);
      await jest.advanceTimersByTimeAsync(999);
      expect(calls).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      expect(calls).toEqual(['add 1 started']);
      finishNext();
      await summaries.settled();
    } finally {
      jest.useRealTimers();
    }
  });

  it('does not make a caller waiting for a recount wait for turn inserts', async () => {
    const { rooms, calls, finishNext } = recordingRooms();
    const summaries = new RoomSummaries(rooms, nothingStored);
    void summaries.storing(() => new Promise<void>(() => {}));
    const written = summaries.recount(owner, 'room_1');
    await flush();
    expect(calls).toEqual(['set 0 started']);
    finishNext();
    await written;
  });
});
