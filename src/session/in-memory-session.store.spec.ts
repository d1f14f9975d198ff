import { InMemorySessionStore } from './in-memory-session.store';
import type { SessionRecord } from './session.types';

const record = (): SessionRecord => ({
  session_id: 'session_copy',
  user_id: 'user_copy',
  room_id: 'room_copy',
  created_at: new Date('2026-11-26T10:00:00Z'),
  last_activity: new Date('2026-11-26T10:05:00Z'),
  expires_at: new Date('2026-11-26T11:05:00Z'),
  context_resets: { nutrition: new Date('2026-11-26T10:01:00Z') },
});

describe('InMemorySessionStore', () => {
  it('keeps its own copy: changing a record saved or read changes nothing stored', async () => {
    const store = new InMemorySessionStore();
    const saved = record();
    await store.save(saved);
    saved.expires_at.setTime(0);
    saved.context_resets.nutrition.setTime(0);
    saved.context_resets['*'] = new Date(0);

    const read = (await store.get('session_copy')) as SessionRecord;
    expect(read).toEqual(record());
    read.last_activity.setTime(0);
    read.context_resets.nutrition.setTime(0);
    read.room_id = 'room_other';
    expect(await store.get('session_copy')).toEqual(record());
  });
});
