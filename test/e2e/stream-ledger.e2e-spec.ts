import { asUserId } from '../../src/common/auth/user-id';
import {
  ActiveStreamsRepository,
  type LedgerWrite,
} from '../../src/streams/active-streams.repository';
import { StreamLease } from '../../src/streams/stream-lease';
import { StreamLedger } from '../../src/streams/stream-ledger';
import { newUserId } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The `active_streams` records, written behind the streams by StreamLedger against the
 * real database: what a late write can and cannot do to a finished record.
 */
describe('StreamLedger on the database', () => {
  let t: TestApp;
  let repository: ActiveStreamsRepository;
  const record = (lease: StreamLease) =>
    t.db.collection('active_streams').findOne({ stream_id: lease.streamId });

  const newLease = () =>
    new StreamLease({
      owner: asUserId(newUserId()),
      sessionId: `session_${crypto.randomUUID()}`,
      roomId: `room_${crypto.randomUUID()}`,
      agentType: 'general',
      userInput: 'hello',
      instanceId: 'instance_ledger_test',
    });

  beforeAll(async () => {
    t = await startTestApp();
    repository = t.app.get(ActiveStreamsRepository);
  });
  afterAll(async () => {
    await t.close();
  });

  it('inserts a stream that started and ended between two flushes once, with its final status', async () => {
    const ledger = new StreamLedger(repository, { heartbeatMs: 60_000, checkpointPartials: false });
    const lease = newLease();
    ledger.opened(lease);
    ledger.closed(lease, 'completed');
    await ledger.flush();
    expect(await record(lease)).toMatchObject({ status: 'completed', ended_at: expect.any(Date) });
    expect(ledger.pending()).toBe(0);
    await ledger.flush();
    expect(
      await t.db.collection('active_streams').countDocuments({ stream_id: lease.streamId }),
    ).toBe(1);
  });

  it('never reopens or rewrites a closed record: a late heartbeat, checkpoint or second close changes nothing', async () => {
    const ledger = new StreamLedger(repository, { heartbeatMs: 0, checkpointPartials: true });
    const lease = newLease();
    ledger.opened(lease);
    await ledger.flush();
    expect(await record(lease)).toMatchObject({ status: 'streaming' });
    ledger.closed(lease, 'cancelled');
    await ledger.flush();
    const closed = await record(lease);
    expect(closed).toMatchObject({ status: 'cancelled', cancel_requested: true });

    const late = new Date(Date.now() + 60_000);
    await repository.write([{ kind: 'beat', streamIds: [lease.streamId], at: late }]);
    await repository.checkpoint(lease.streamId, 'late partial', late);
    await repository.write([
      { kind: 'close', streamIds: [lease.streamId], status: 'completed', at: late },
    ]);
    expect(await repository.markInterrupted(lease.streamId, late)).toBe(false);
    expect(await record(lease)).toEqual(closed);
  });

  it('still closes and beats a record whose heartbeat changed behind the ledger (a write it counted as failed that landed)', async () => {
    const ledger = new StreamLedger(repository, { heartbeatMs: 0, checkpointPartials: false });
    const beating = newLease();
    const closing = newLease();
    ledger.opened(beating);
    ledger.opened(closing);
    await ledger.flush();
    const landedLate = new Date(Date.now() - 1_000);
    await t.db
      .collection('active_streams')
      .updateMany(
        { stream_id: { $in: [beating.streamId, closing.streamId] } },
        { $set: { last_heartbeat: landedLate } },
      );
    ledger.closed(closing, 'completed');
    await ledger.flush();
    expect(await record(closing)).toMatchObject({
      status: 'completed',
      ended_at: expect.any(Date),
    });
    const beat = await record(beating);
    expect(beat).toMatchObject({ status: 'streaming' });
    expect((beat?.last_heartbeat as Date).getTime()).toBeGreaterThan(landedLate.getTime());
    ledger.closed(beating, 'cancelled');
    await ledger.flush();
    expect(await record(beating)).toMatchObject({ status: 'cancelled' });
  });

  it('closes a record whose insert landed after the write counted as failed, and inserts the rest once', async () => {
    // The first write reaches the database, but its answer is lost (as when the deadline
    // gives up on it): the ledger sends the same inserts again on its next flush.
    let answers = 0;
    const answerLost = {
      write: async (batch: LedgerWrite[]) => {
        await repository.write(batch);
        answers += 1;
        if (answers === 1) throw new Error('the answer of this write was lost');
      },
    } as unknown as ActiveStreamsRepository;
    const ledger = new StreamLedger(answerLost, { heartbeatMs: 60_000, checkpointPartials: false });
    const ended = newLease();
    const running = newLease();
    ledger.opened(ended);
    ledger.opened(running);
    await ledger.flush();
    expect(await record(ended)).toMatchObject({ status: 'streaming' });
    const firstBeat = (await record(running))?.last_heartbeat as Date;
    await new Promise((done) => setTimeout(done, 5));
    const late = newLease();
    ledger.opened(late);
    ledger.closed(ended, 'completed');
    await ledger.flush();

    expect(await record(ended)).toMatchObject({ status: 'completed', ended_at: expect.any(Date) });
    // Still running: beaten, so its heartbeat is the one the ledger narrows its next close by.
    const beaten = await record(running);
    expect(beaten).toMatchObject({ status: 'streaming' });
    expect((beaten?.last_heartbeat as Date).getTime()).toBeGreaterThan(firstBeat.getTime());
    expect(await record(late)).toMatchObject({ status: 'streaming' });
    const ids = [ended, running, late].map((lease) => lease.streamId);
    expect(
      await t.db.collection('active_streams').countDocuments({ stream_id: { $in: ids } }),
    ).toBe(3);
    expect(ledger.pending()).toBe(2);
  });

  it('beats only for records older than the heartbeat interval', async () => {
    const ledger = new StreamLedger(repository, { heartbeatMs: 200, checkpointPartials: false });
    const lease = newLease();
    ledger.opened(lease);
    await ledger.flush();
    const first = (await record(lease))?.last_heartbeat as Date;
    await ledger.flush();
    expect((await record(lease))?.last_heartbeat).toEqual(first);
    await new Promise((done) => setTimeout(done, 250));
    await ledger.flush();
    expect(((await record(lease))?.last_heartbeat as Date).getTime()).toBeGreaterThan(
      first.getTime(),
    );
    ledger.closed(lease, 'completed');
    await ledger.flush();
    expect(await record(lease)).toMatchObject({ status: 'completed' });
  });
});
