import { ConfigService } from '@nestjs/config';
import { asUserId } from '../common/auth/user-id';
import {
  StreamAlreadyActive,
  StreamCapacityReached,
  StreamLimitExceeded,
  StreamNotFound,
} from '../common/errors/domain-error';
import { StreamRegistry, type RunningStream, type StreamOutcome } from './stream-registry';

function fakeStream(
  sessionId: string,
  user = 'u1',
): RunningStream & { stop: jest.Mock; finish(outcome: StreamOutcome): void } {
  let resolve!: (outcome: StreamOutcome) => void;
  const settled = new Promise<StreamOutcome>((done) => (resolve = done));
  return {
    streamId: `stream-${sessionId}`,
    sessionId,
    roomId: 'room-1',
    userId: asUserId(user),
    settled,
    stop: jest.fn(),
    finish: (outcome) => resolve(outcome),
  };
}

describe('StreamRegistry', () => {
  const limits: Record<string, number> = { MAX_STREAMS_PER_USER: 2, STREAM_CAPACITY: 3 };
  let registry: StreamRegistry;

  beforeEach(() => {
    registry = new StreamRegistry({ get: (key: string) => limits[key] } as unknown as ConfigService<
      never,
      true
    >);
  });

  it('allows one stream per session', () => {
    registry.register(fakeStream('s1'));
    expect(() => registry.register(fakeStream('s1'))).toThrow(StreamAlreadyActive);
  });

  it('holds the per-user limit and the instance capacity', () => {
    registry.register(fakeStream('s1', 'u1'));
    registry.register(fakeStream('s2', 'u1'));
    expect(() => registry.register(fakeStream('s3', 'u1'))).toThrow(StreamLimitExceeded);
    registry.register(fakeStream('s4', 'u2'));
    expect(() => registry.register(fakeStream('s5', 'u3'))).toThrow(StreamCapacityReached);
  });

  it('releases once, and only the stream that holds the slot', () => {
    const first = fakeStream('s1');
    registry.register(first);
    registry.release(first);
    registry.release(first);
    expect(registry.countFor('u1')).toBe(0);
    const second = fakeStream('s1');
    registry.register(second);
    registry.release(first);
    expect(registry.isStreaming('s1')).toBe(true);
    expect(registry.countFor('u1')).toBe(1);
  });

  it('stops a stream and waits until it has settled', async () => {
    const stream = fakeStream('s1');
    registry.register(stream);
    const stopping = registry.stop(asUserId('u1'), 's1', 'stopped');
    expect(stream.stop).toHaveBeenCalledWith('stopped');
    stream.finish({ status: 'cancelled', text: 'partial', message_id: 'm1' });
    await expect(stopping).resolves.toMatchObject({
      status: 'cancelled',
      text: 'partial',
      stream_id: 'stream-s1',
    });
  });

  it("never finds or stops another user's stream", async () => {
    registry.register(fakeStream('s1', 'owner'));
    expect(registry.find(asUserId('intruder'), 's1')).toBeUndefined();
    await expect(registry.stop(asUserId('intruder'), 's1', 'stopped')).rejects.toBeInstanceOf(
      StreamNotFound,
    );
  });
});
