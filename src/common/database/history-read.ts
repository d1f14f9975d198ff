import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../../config/env.schema';

/**
 * The read preference of reads that may lag behind writes: history pages and the
 * room list (MONGODB_HISTORY_READ_PREFERENCE). Every other read stays on the primary,
 * so what a user just wrote is what they read back.
 */
export const HISTORY_READ_PREFERENCE = Symbol('HISTORY_READ_PREFERENCE');

export type HistoryReadPreference = Env['MONGODB_HISTORY_READ_PREFERENCE'];

export const historyReadPreferenceProvider: Provider = {
  provide: HISTORY_READ_PREFERENCE,
  inject: [ConfigService],
  useFactory: (config: ConfigService<Env, true>): HistoryReadPreference =>
    config.get('MONGODB_HISTORY_READ_PREFERENCE', { infer: true }),
};
