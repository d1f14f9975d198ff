import { EventEmitter } from 'node:events';
import type { mongo } from 'mongoose';
import { hasWritableServer, PoolMonitor } from './database-metrics';
import type { PoolState } from './metrics';

const SERVER = 'db-1:27017';

describe('PoolMonitor', () => {
  let client: EventEmitter;
  let states: Map<string, PoolState>;
  let closed: string[];

  beforeEach(() => {
    client = new EventEmitter();
    states = new Map();
    closed = [];
    new PoolMonitor(
      10,
      (server, state) => states.set(server, state),
      (server) => closed.push(server),
    ).attach(client);
  });

  const emit = (name: string, fields: Record<string, unknown>) =>
    client.emit(name, { address: SERVER, ...fields });

  it('counts open, checked-out and idle connections and the wait queue', () => {
    emit('connectionCheckOutStarted', {});
    emit('connectionCheckOutStarted', {});
    expect(states.get(SERVER)).toMatchObject({ waitQueue: 2, connections: 0 });
    emit('connectionCreated', { connectionId: 1 });
    emit('connectionCheckedOut', { connectionId: 1 });
    emit('connectionCreated', { connectionId: 2 });
    emit('connectionCheckedOut', { connectionId: 2 });
    expect(states.get(SERVER)).toEqual({
      connections: 2,
      checkedOut: 2,
      available: 0,
      waitQueue: 0,
      maxSize: 10,
    });
    emit('connectionCheckedIn', { connectionId: 1 });
    expect(states.get(SERVER)).toMatchObject({ connections: 2, checkedOut: 1, available: 1 });
    emit('connectionClosed', { connectionId: 2 });
    expect(states.get(SERVER)).toMatchObject({ connections: 1, checkedOut: 0, available: 1 });
  });

  it('learns connections opened before it listened, and never goes below zero', () => {
    emit('connectionCheckedIn', { connectionId: 7 });
    emit('connectionCheckOutFailed', {});
    emit('connectionCheckedIn', { connectionId: 7 });
    expect(states.get(SERVER)).toMatchObject({
      connections: 1,
      checkedOut: 0,
      available: 1,
      waitQueue: 0,
    });
  });

  it('ignores monitoring connections and forgets a closed pool', () => {
    emit('connectionCreated', { connectionId: '<monitor>' });
    expect(states.has(SERVER)).toBe(false);
    emit('connectionCreated', { connectionId: 1 });
    emit('connectionPoolClosed', {});
    expect(closed).toEqual([SERVER]);
  });
});

describe('hasWritableServer', () => {
  const event = (...writable: boolean[]) =>
    ({
      newDescription: {
        servers: new Map(writable.map((isWritable, i) => [`db-${i}:27017`, { isWritable }])),
      },
    }) as unknown as mongo.TopologyDescriptionChangedEvent;

  it('is true while one server takes writes', () => {
    expect(hasWritableServer(event(false, true))).toBe(true);
    expect(hasWritableServer(event(false, false))).toBe(false);
    expect(hasWritableServer(event())).toBe(false);
  });
});
