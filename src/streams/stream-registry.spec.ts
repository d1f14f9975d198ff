import { asUserId } from '../common/auth/user-id';
import {
  ShuttingDown,
  StreamAlreadyActive,
  StreamCapacityReached,
  StreamLimitExceeded,
} from '../common/errors/domain-error';
import { StreamLease } from './stream-lease';
import { StreamRegistry } from './stream-registry';

function lease(owner: string, sessionId: string): StreamLease {
  return new StreamLease({
    owner: asUserId(owner),
    sessionId,
    roomId: 'room_1',
    agentType: 'general',
    userInput: 'hello',
    instanceId: 'instance_1',
  });
}

describe('StreamRegistry', () => {
  it('holds one stream per session, perUser per user and capacity in all; a refusal changes nothing', () => {
    const registry = new StreamRegistry({ perUser: 2, capacity: 3 });
    registry.reserve(lease('user_a', 'session_1'));
    expect(() => registry.reserve(lease('user_b', 'session_1'))).toThrow(StreamAlreadyActive);
    registry.reserve(lease('user_a', 'session_2'));
    expect(() => registry.reserve(lease('user_a', 'session_3'))).toThrow(StreamLimitExceeded);
    registry.reserve(lease('user_b', 'session_3'));
    expect(() => registry.reserve(lease('user_c', 'session_4'))).toThrow(StreamCapacityReached);
    expect(registry.count()).toBe(3);
    expect(registry.countFor('user_a')).toBe(2);
    expect(registry.countFor('user_c')).toBe(0);
  });

  it('frees a slot only for the lease that holds it, once: the count never goes below zero', () => {
    const registry = new StreamRegistry({ perUser: 5, capacity: 5 });
    const holder = lease('user_a', 'session_1');
    registry.reserve(holder);
    // A refused attempt in the same session, released by its failed request, frees nothing.
    const refused = lease('user_a', 'session_1');
    expect(() => registry.reserve(refused)).toThrow(StreamAlreadyActive);
    registry.release(refused);
    expect(registry.holds('session_1')).toBe(true);
    expect(registry.count()).toBe(1);

    registry.release(holder);
    registry.release(holder);
    expect(registry.count()).toBe(0);
    expect(registry.countFor('user_a')).toBe(0);
    registry.reserve(lease('user_a', 'session_1'));
    expect(registry.count()).toBe(1);
  });

  it('shows a stream to Stop only once it is active, and only to its owner', () => {
    const registry = new StreamRegistry({ perUser: 5, capacity: 5 });
    const reserved = lease('user_a', 'session_1');
    registry.reserve(reserved);
    expect(registry.find('user_a', 'session_1')).toBeUndefined();
    expect(registry.byStreamId(reserved.streamId)).toBeUndefined();
    expect(registry.active()).toEqual([]);
    reserved.active = true;
    expect(registry.find('user_a', 'session_1')).toBe(reserved);
    expect(registry.find('user_b', 'session_1')).toBeUndefined();
    expect(registry.byStreamId(reserved.streamId)).toBe(reserved);
    expect(registry.active()).toEqual([reserved]);
  });

  it('refuses new streams once draining for shutdown', () => {
    const registry = new StreamRegistry({ perUser: 5, capacity: 5 });
    registry.startDraining();
    expect(() => registry.reserve(lease('user_a', 'session_1'))).toThrow(ShuttingDown);
    expect(registry.count()).toBe(0);
  });
});
