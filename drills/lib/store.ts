/**
 * What the database holds, read directly (the MongoDB driver at the drill's database URI),
 * never through the API under test: stored turns in conversation_history, stream records
 * in active_streams.
 */
import { mongo } from 'mongoose';
import { DB_NAME } from './fleet';

export interface StoredTurn {
  session_id: string;
  message_id: string;
  status: string;
  agent_response: string;
  user_input: string;
}

export class Store {
  private constructor(private readonly client: mongo.MongoClient) {}

  static async connect(uri: string): Promise<Store> {
    return new Store(
      await mongo.MongoClient.connect(uri, {
        serverSelectionTimeoutMS: 2_000,
        directConnection: true,
      }),
    );
  }

  /** Every stored turn of these sessions. */
  turns(sessionIds: string[]): Promise<StoredTurn[]> {
    return this.client
      .db(DB_NAME)
      .collection<StoredTurn>('conversation_history')
      .find({ session_id: { $in: sessionIds } })
      .project<StoredTurn>({
        _id: 0,
        session_id: 1,
        message_id: 1,
        status: 1,
        agent_response: 1,
        user_input: 1,
      })
      .toArray();
  }

  /**
   * The stored turns of these sessions, by session. With `waitMs`, reads again until
   * every session has a turn or the time is up, then answers what is there.
   */
  async turnsBySession(sessionIds: string[], waitMs = 0): Promise<Map<string, StoredTurn[]>> {
    const deadline = performance.now() + waitMs;
    for (;;) {
      const turns = bySession(await this.turns(sessionIds));
      if (sessionIds.every((id) => turns.has(id)) || performance.now() >= deadline) return turns;
      await new Promise((done) => setTimeout(done, 50));
    }
  }

  /** How many stream records of these sessions still say `streaming`. */
  streamingRecords(sessionIds: string[]): Promise<number> {
    return this.client
      .db(DB_NAME)
      .collection('active_streams')
      .countDocuments({ session_id: { $in: sessionIds }, status: 'streaming' });
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** Stored turns grouped by session id. */
export function bySession(turns: StoredTurn[]): Map<string, StoredTurn[]> {
  const groups = new Map<string, StoredTurn[]>();
  for (const turn of turns) {
    const group = groups.get(turn.session_id);
    if (group) group.push(turn);
    else groups.set(turn.session_id, [turn]);
  }
  return groups;
}
