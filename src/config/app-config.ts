import { ConfigModule } from '@nestjs/config';
import { validateEnv } from './env.schema';

/**
 * The validated environment, read through `ConfigService<Env, true>`:
 * `config.get('PORT', { infer: true })` is typed. Env is read when this is called,
 * not when the file is imported, so tests can set variables first.
 */
export const AppConfigModule = () =>
  ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, cache: true, validate: validateEnv });
