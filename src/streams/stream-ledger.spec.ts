import { asUserId } from '../common/auth/user-id';
import { DatabaseDeadlineExceeded } from '../common/database/database-deadline';
import type { ActiveStreamsRepository, LedgerWrite } from './active-streams.repository';
import { StreamLease } from './stream-lease';
import { StreamLedger } from './stream-ledger';

function lease(): StreamLease {
  return new StreamLease({
    owner: asUserId('user_a'),
    sessionId: 'session_1',
    roomId: 'room_1',
    agentType: 'general',
    userInput: 'hello',
    instanceId: 'instance_1',
  });
}

/**
 * A repository whose first write is given up by the deadline while it still runs in the
 * database; the test decides when that abandoned write ends.
 */
function slowRepository() {
  const writes: LedgerWrite[][] = [];
  let endAbandoned!: () => void;
  const abandonedEnds = new Promise<boolean>((resolve) => (endAbandoned = () => resolve(true)));
  const repository = {
    write: (batch: LedgerWrite[]) => {
      writes.push(batch);
      return writes.length === 1
        ? Promise.reject(new DatabaseDeadlineExceeded(2_000, abandonedEnds))
        : Promise.resolve();
    },
  } as unknown as ActiveStreamsRepository;
  return { repository, writes, endAbandoned };
}

describe('StreamLedger', () => {
  it('sends no write while one the deadline gave up on still runs in the database', async () => {
    const { repository, writes, endAbandoned } = slowRepository();
    const ledger = new StreamLedger(repository, { heartbeatMs: 60_000, checkpointPartials: false });
    const first = lease();
    ledger.opened(first);
    const flushing = ledger.flush();
    const next = ledger.flush();
    await new Promise((done) => setTimeout(done, 20));
    expect(writes).toHaveLength(1);

    endAbandoned();
    await flushing;
    await next;
    // The record is sent again (an insert already there counts as written), once.
    expect(writes).toHaveLength(2);
    expect(writes[1]).toEqual([
      { kind: 'insert', records: [expect.objectContaining({ stream_id: first.streamId })] },
    ]);
    expect(ledger.pending()).toBe(1);
  });
});
