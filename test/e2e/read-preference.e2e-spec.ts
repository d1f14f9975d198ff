import request from 'supertest';
import { createRoom, createSession, expectEventually, newUserId } from '../support/factories';
import { openSse } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

interface SentQuery {
  collection: string;
  method: string;
  readPreference?: string;
}

/**
 * Records the read preference of every query the app's connection sends. The embedded
 * database is a single server (no replica set), where the driver sends no read
 * preference on the wire; what the queries carry is what a replica set would honour.
 */
function recordQueries(t: TestApp): SentQuery[] {
  const sent: SentQuery[] = [];
  t.db.set('debug', (collection: string, method: string, ...args: unknown[]) => {
    const options = args.find(
      (arg): arg is { readPreference?: { mode?: string } } =>
        typeof arg === 'object' && arg !== null && 'readPreference' in arg,
    );
    sent.push({ collection, method, readPreference: options?.readPreference?.mode });
  });
  return sent;
}

/** One user's journey: create, read back, stream a turn, list, read the history pages. */
async function journey(t: TestApp, sent: SentQuery[]) {
  const user = newUserId();
  const room = await createRoom(t.url, user, { room_name: 'Read back' });
  const sessionId = await createSession(t.url, user, room.room_id);
  const stream = await openSse(`${t.url}/api/chat/message`, {
    body: { user_id: user, session_id: sessionId, message: 'hello' },
  });
  await stream.rest();
  // The room summary follows the terminal event; the writes phase includes it.
  await expectEventually(() => t.db.collection('chat_rooms').findOne({ room_id: room.room_id }), {
    message_count: 1,
  });
  const writes = sent.splice(0);

  await request(t.url).get(`/api/rooms/${room.room_id}?user_id=${user}`).expect(200);
  const readBack = sent.splice(0);
  const list = await request(t.url).get(`/api/rooms?user_id=${user}`).expect(200);
  const roomList = sent.splice(0);
  const history = await request(t.url)
    .get(`/api/rooms/${room.room_id}/history?user_id=${user}`)
    .expect(200);
  const roomHistory = sent.splice(0);
  await request(t.url).get(`/api/chat/history?user_id=${user}&session_id=${sessionId}`).expect(200);
  const chatHistory = sent.splice(0);

  expect(list.body).toMatchObject({ data: { total: 1, rooms: [{ message_count: 1 }] } });
  expect(history.body).toMatchObject({ data: { total: 1 } });
  return { writes, readBack, roomList, roomHistory, chatHistory };
}

describe('MONGODB_HISTORY_READ_PREFERENCE', () => {
  const env = { SIMULATED_LLM_DELAY_MS: '0', SIMULATED_LLM_WORDS: '5' };

  it('sends history pages and the room list to secondaries when set, and nothing else', async () => {
    const t = await startTestApp({ ...env, MONGODB_HISTORY_READ_PREFERENCE: 'secondaryPreferred' });
    try {
      const sent = recordQueries(t);
      const { writes, readBack, roomList, roomHistory, chatHistory } = await journey(t, sent);

      const secondary = (queries: SentQuery[]) =>
        queries.filter((query) => query.readPreference === 'secondaryPreferred');
      // Creating, streaming and storing a turn (context reload, room summary) read the primary.
      expect(secondary(writes)).toEqual([]);
      expect(secondary(readBack)).toEqual([]);
      expect(secondary(roomList)).toEqual([
        { collection: 'chat_rooms', method: 'find', readPreference: 'secondaryPreferred' },
        {
          collection: 'chat_rooms',
          method: 'countDocuments',
          readPreference: 'secondaryPreferred',
        },
      ]);
      // The room itself is checked on the primary (it may have just been created); its turns may lag.
      expect(roomHistory).toEqual(
        expect.arrayContaining([
          { collection: 'chat_rooms', method: 'findOne', readPreference: undefined },
          {
            collection: 'conversation_history',
            method: 'find',
            readPreference: 'secondaryPreferred',
          },
        ]),
      );
      expect(secondary(chatHistory).map((query) => query.collection)).toEqual([
        'conversation_history',
        'conversation_history',
      ]);
    } finally {
      await t.close();
    }
  });

  it('reads everything from the primary by default', async () => {
    const t = await startTestApp(env);
    try {
      const sent = recordQueries(t);
      const phases = await journey(t, sent);
      const all = Object.values(phases).flat();
      expect(all.length).toBeGreaterThan(10);
      expect(all.filter((query) => ![undefined, 'primary'].includes(query.readPreference))).toEqual(
        [],
      );
    } finally {
      await t.close();
    }
  });
});
