import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../../config/env.schema';

/** A database call that did not answer within DB_OPERATION_TIMEOUT_MS (answered as 503). */
export class DatabaseDeadlineExceeded extends Error {
  /**
   * The abandoned call goes on in the database: this settles when it does (true when it
   * succeeded after all), so a background writer can wait for it before writing again.
   */
  readonly late: Promise<boolean>;

  constructor(ms: number, late: Promise<boolean>) {
    super(`the database did not answer within ${ms} ms`);
    this.name = 'DatabaseDeadlineExceeded';
    this.late = late;
  }
}

/**
 * For background writers (nobody waits for them): when `error` abandoned a call that is
 * still under way in the database, resolves once that call is over. Writing again before
 * then would send the database the same work twice while it is already behind.
 */
export async function afterAbandonedCall(error: unknown): Promise<void> {
  if (error instanceof DatabaseDeadlineExceeded) await error.late;
}

/**
 * The bound on every database call of the repositories: a stalled (connected but silent)
 * server answers 503 within DB_OPERATION_TIMEOUT_MS instead of holding the request. The
 * call itself is left to finish or fail on its own connection (bounded by the driver's
 * socket timeout); the error says when it is over (DatabaseDeadlineExceeded.late).
 */
@Injectable()
export class DatabaseDeadline {
  readonly ms: number;

  constructor(config: ConfigService<Env, true>) {
    this.ms = config.get('DB_OPERATION_TIMEOUT_MS', { infer: true });
  }

  within<T>(operation: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new DatabaseDeadlineExceeded(
              this.ms,
              operation.then(
                () => true,
                () => false,
              ),
            ),
          ),
        this.ms,
      );
    });
    // A late failure of the abandoned call must not surface as an unhandled rejection.
    operation.catch(() => undefined);
    return Promise.race([operation, deadline]).finally(() => clearTimeout(timer));
  }
}
