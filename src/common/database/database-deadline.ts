import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../../config/env.schema';

/** A database call that did not answer within DB_OPERATION_TIMEOUT_MS (answered as 503). */
export class DatabaseDeadlineExceeded extends Error {
  constructor(ms: number) {
    super(`the database did not answer within ${ms} ms`);
    this.name = 'DatabaseDeadlineExceeded';
  }
}

/**
 * The bound on every database call of the repositories: a stalled (connected but silent)
 * server answers 503 within DB_OPERATION_TIMEOUT_MS instead of holding the request. The
 * call itself is left to finish or fail on its own connection.
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
      timer = setTimeout(() => reject(new DatabaseDeadlineExceeded(this.ms)), this.ms);
    });
    // A late failure of the abandoned call must not surface as an unhandled rejection.
    operation.catch(() => undefined);
    return Promise.race([operation, deadline]).finally(() => clearTimeout(timer));
  }
}
