import { ChatApiError, ChatConnectionError, ChatStreamInterruptedError } from '@careguide/chat-sdk';
import { describeError, describeStreamError } from '../../web/src/problems';
import {
  lastMessageOf,
  lastMessagePreview,
  mergeRoomList,
  parseTags,
  tagsOf,
  withTurn,
} from '../../web/src/rooms';
import { relativeTime, waitInWords } from '../../web/src/time';
import { prependOlder, storedCount, type Turn } from '../../web/src/turns';

const NOW = Date.parse('2026-11-26T12:00:00Z');

function conversation(id: string, input: string) {
  return {
    message_id: id,
    room_id: 'room_1',
    session_id: 'session_1',
    user_input: input,
    agent_response: `answer to ${input}`,
    agent_type: 'general',
    status: 'completed' as const,
    timestamp: '2026-11-26T11:00:00Z',
    metadata: { model: 'simulated', response_time_ms: 1, tokens_used: 1 },
  };
}

function room(
  metadata: Record<string, unknown>,
  lastMessage: { user_input: string; agent_response: string } | null,
) {
  return {
    room_id: 'room_1',
    user_id: 'user_1',
    room_name: 'Room',
    created_at: '',
    updated_at: '',
    last_activity: '',
    message_count: 0,
    metadata,
    last_message: lastMessage && { ...lastMessage, agent_type: 'general', timestamp: '' },
  };
}

describe('the web client: words for times and waits', () => {
  it.each([
    [1, '1 s'],
    [45, '45 s'],
    [89, '89 s'],
    [90, '2 min'],
    [3599, '60 min'],
    [5400, '1 h 30 min'],
    [7200, '2 h'],
  ])('waitInWords(%i) is %s', (seconds, words) => {
    expect(waitInWords(seconds)).toBe(words);
  });

  it.each([
    ['2026-11-26T11:59:30Z', 'just now'],
    ['2026-11-26T11:55:00Z', '5 min ago'],
    ['2026-11-26T09:00:00Z', '3 h ago'],
    ['2026-11-25T09:00:00Z', 'yesterday'],
  ])('relativeTime(%s) is %s', (iso, words) => {
    expect(relativeTime(iso, NOW)).toBe(words);
  });
});

describe('the web client: rooms', () => {
  it('reads tags that are strings, and parses typed tags without blanks or repeats', () => {
    expect(tagsOf(room({ tags: ['kidney', 3, 'diet'] }, null))).toEqual(['kidney', 'diet']);
    expect(tagsOf(room({ tags: 'kidney' }, null))).toEqual([]);
    expect(parseTags(' kidney, diet ,, kidney,')).toEqual(['kidney', 'diet']);
  });

  it('previews the last answer, or the question when the answer is empty', () => {
    expect(lastMessagePreview(room({}, null))).toBe('No messages yet');
    expect(lastMessagePreview(room({}, { user_input: 'Hi', agent_response: 'Hello' }))).toBe(
      'Hello',
    );
    expect(lastMessagePreview(room({}, { user_input: 'Hi', agent_response: ' ' }))).toBe('You: Hi');
  });

  it('keeps a turn that just ended in the list until a fetched list has it too', () => {
    const at = new Date(NOW);
    const turn = lastMessageOf(
      'Salt?',
      'nutrition',
      {
        type: 'done',
        id: '9',
        data: { message_id: 'msg_1', response: 'Less.', stored: true, model: 'm', usage: null },
      },
      at,
    );
    expect(turn).toEqual({
      user_input: 'Salt?',
      agent_response: 'Less.',
      agent_type: 'nutrition',
      timestamp: at.toISOString(),
    });
    // A stop with nothing said yet leaves nothing stored, hence nothing in the list.
    expect(
      lastMessageOf('Salt?', 'nutrition', {
        type: 'cancelled',
        id: '2',
        data: { message_id: null, partial_response: '', stored: false },
      }),
    ).toBeUndefined();

    const older = { ...room({}, null), room_id: 'room_2', last_activity: '2026-11-26T10:00:00Z' };
    const mine = withTurn({ ...room({}, null), last_activity: '2026-11-26T09:00:00Z' }, turn!);
    expect(mine).toMatchObject({ message_count: 1, last_activity: at.toISOString() });

    // Read before the server wrote the room's summary: the local turn stays, on top.
    const stale = [older, { ...room({}, null), last_activity: '2026-11-26T09:00:00Z' }];
    expect(mergeRoomList(stale, [mine, older]).map((r) => [r.room_id, r.message_count])).toEqual([
      ['room_1', 1],
      ['room_2', 0],
    ]);
    // Once the server has it (or more, from another device), the server's list wins.
    const fresh = {
      ...room({}, { user_input: 'Salt?', agent_response: 'Less.' }),
      message_count: 2,
      last_activity: '2026-11-26T12:00:05Z',
    };
    expect(mergeRoomList([fresh, older], [mine, older])[0]).toBe(fresh);
  });
});

describe('the web client: history pages', () => {
  it('puts older turns first, oldest at the top, without repeating turns on screen', () => {
    const onScreen: Turn[] = [
      {
        key: 'msg_3',
        message_id: 'msg_3',
        user_input: 'three',
        agent_response: '',
        status: 'completed',
        timestamp: '',
      },
      {
        key: 'local-1',
        user_input: 'four',
        agent_response: '',
        status: 'streaming',
        timestamp: '',
      },
    ];
    const merged = prependOlder(onScreen, [
      conversation('msg_3', 'three'),
      conversation('msg_2', 'two'),
      conversation('msg_1', 'one'),
    ]);
    expect(merged.map((turn) => turn.user_input)).toEqual(['one', 'two', 'three', 'four']);
    expect(storedCount(merged)).toBe(3);
  });
});

describe('the web client: problems in words', () => {
  const apiError = (
    error_code: ChatApiError['error_code'],
    status: number,
    retry_after_seconds?: number,
  ) =>
    new ChatApiError({
      status,
      error_code,
      message: 'server words',
      request_id: 'req-1',
      retry_after_seconds,
    });

  it('turns a rate limit into a wait until Retry-After', () => {
    const before = Date.now();
    const problem = describeError(apiError('RATE_LIMITED', 429, 30), 'message');
    expect(problem.text).toBe('You are sending messages faster than allowed.');
    expect(problem.retryAt).toBeGreaterThanOrEqual(before + 30_000);
    expect(problem.retryAt).toBeLessThanOrEqual(Date.now() + 30_000);
    expect(describeError(apiError('RATE_LIMITED', 429, 600), 'room').text).toBe(
      'You have created many rooms recently.',
    );
  });

  it('sends a refused sign-in back to the sign-in screen', () => {
    expect(describeError(apiError('UNAUTHORIZED', 401), 'load').signedOut).toBe(true);
    expect(describeError(apiError('ROOM_NOT_FOUND', 404), 'load').signedOut).toBeUndefined();
  });

  it('names validation problems by field and keeps the request id of unexpected errors', () => {
    const invalid = new ChatApiError({
      status: 400,
      error_code: 'VALIDATION_ERROR',
      message: 'The request is not valid',
      details: [{ field: 'message', reason: 'must not be blank' }],
    });
    expect(describeError(invalid, 'message').text).toBe('Not accepted: message: must not be blank');
    expect(describeError(apiError('INTERNAL_ERROR', 500), 'message')).toMatchObject({
      text: 'That did not work: server words',
      reference: 'req-1',
    });
  });

  it('tells a lost connection from an unreachable server', () => {
    expect(
      describeError(new ChatStreamInterruptedError('cut', 's', '3', 'Half'), 'message').text,
    ).toMatch(/^The connection was lost during the answer/);
    expect(describeError(new ChatConnectionError('down'), 'message').text).toMatch(
      /^Cannot reach the server/,
    );
  });

  it('says why an answer ended early', () => {
    const ended = (error_code: 'LLM_UNAVAILABLE' | 'SERVICE_UNAVAILABLE' | 'INTERNAL_ERROR') =>
      describeStreamError({
        error: 'Boom',
        error_code,
        message_id: null,
        partial_response: '',
        stored: false,
      }).text;
    expect(ended('LLM_UNAVAILABLE')).toMatch(/language model stopped responding/);
    expect(ended('SERVICE_UNAVAILABLE')).toMatch(/^The server is restarting/);
    expect(ended('INTERNAL_ERROR')).toBe('The answer ended early: Boom');
  });
});
