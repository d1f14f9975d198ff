import type { ConfigService } from '@nestjs/config';
import type { Env } from '../../config/env.schema';
import {
  afterAbandonedCall,
  DatabaseDeadline,
  DatabaseDeadlineExceeded,
} from './database-deadline';

const deadline = new DatabaseDeadline({
  get: () => 20,
} as unknown as ConfigService<Env, true>);

/** A database call the test finishes when it wants. */
function heldCall() {
  let finish!: (ok: boolean) => void;
  const call = new Promise<string>((resolve, reject) => {
    finish = (ok) => (ok ? resolve('written') : reject(new Error('refused')));
  });
  return { call, finish };
}

describe('DatabaseDeadline', () => {
  it('answers with the call when it is in time', async () => {
    await expect(deadline.within(Promise.resolve('written'))).resolves.toBe('written');
  });

  it('gives up after the deadline, and says how the abandoned call ended', async () => {
    for (const ok of [true, false]) {
      const { call, finish } = heldCall();
      const error = await deadline.within(call).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DatabaseDeadlineExceeded);
      finish(ok);
      await expect((error as DatabaseDeadlineExceeded).late).resolves.toBe(ok);
    }
  });

  it('lets a background writer wait until the abandoned call is over', async () => {
    const { call, finish } = heldCall();
    const error = await deadline.within(call).catch((caught: unknown) => caught);
    let over = false;
    const waiting = afterAbandonedCall(error).then(() => (over = true));
    await new Promise((done) => setTimeout(done, 30));
    expect(over).toBe(false);
    finish(true);
    await waiting;
    expect(over).toBe(true);
    // Any other error is nothing to wait for.
    await expect(afterAbandonedCall(new Error('refused'))).resolves.toBeUndefined();
  });
});
