import type { Response } from 'express';
import type { ClientSink } from '../streams/stream-lease';

/**
 * One SSE response as the stream engine sees it. `congested` is true once more than
 * `maxBufferedBytes` wait in the response's buffer (the client reads slower than the
 * answer comes); the producer then waits for `drained`.
 */
export function clientSinkOf(res: Response, maxBufferedBytes: number): ClientSink {
  return {
    congested: () => res.writableNeedDrain || res.writableLength > maxBufferedBytes,
    drained: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      }),
    drop: () => res.destroy(),
    closed: () =>
      res.closed ? Promise.resolve() : new Promise<void>((resolve) => res.once('close', resolve)),
  };
}
