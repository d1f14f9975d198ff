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
    // The record is sent again, once, marked as a retry (it may be there already).
    expect(writes).toHaveLength(2);
    expect(writes[1]).toEqual([
      {
        kind: 'insert',
        records: [expect.objectContaining({ stream_id: first.streamId })],
        retried: true,
      },
    ]);
    expect(ledger.pending()).toBe(1);
  });
});

describe('StreamLedger statements', () => {
  function recordingRepository() {
    const writes: LedgerWrite[][] = [];
    const repository = {
      write: (batch: LedgerWrite[]) => {
        writes.push(batch);
        return Promise.resolve();
      },
    } as unknown as ActiveStreamsRepository;
    return { repository, writes };
  }
  const tick = () => new Promise((done) => setTimeout(done, 5));

  it('groups closes by the heartbeat their records were written with, one statement each', async () => {
    const { repository, writes } = recordingRepository();
    const ledger = new StreamLedger(repository, { heartbeatMs: 60_000, checkpointPartials: false });
    const early = lease();
    const late = lease();
    ledger.opened(early);
    await ledger.flush();
    await tick();
    ledger.opened(late);
    await ledger.flush();
    const insertedAt = (batch: LedgerWrite[]) =>
      batch[0].kind === 'insert' ? batch[0].records[0].last_heartbeat : undefined;
    const [earlyAt, lateAt] = [insertedAt(writes[0]), insertedAt(writes[1])];
    expect(earlyAt).not.toEqual(lateAt);

    ledger.closed(early, 'completed');
    ledger.closed(late, 'completed');
    await ledger.flush();
    expect(writes[2]).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'close', streamIds: [early.streamId], written: earlyAt }),
        expect.objectContaining({ kind: 'close', streamIds: [late.streamId], written: lateAt }),
      ]),
    );
    expect(writes[2]).toHaveLength(2);
    expect(ledger.pending()).toBe(0);
  });

  it('falls back to one statement per status when the groups would be many', async () => {
    const { repository, writes } = recordingRepository();
    const ledger = new StreamLedger(repository, { heartbeatMs: 60_000, checkpointPartials: false });
    const leases = Array.from({ length: 9 }, () => lease());
    for (const each of leases) {
      ledger.opened(each);
      await ledger.flush();
      await tick();
    }
    for (const each of leases) ledger.closed(each, 'cancelled');
    await ledger.flush();
    expect(writes[writes.length - 1]).toEqual([
      {
        kind: 'close',
        streamIds: leases.map((each) => each.streamId),
        status: 'cancelled',
        at: expect.any(Date),
        written: undefined,
      },
    ]);
  });
});
