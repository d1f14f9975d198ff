import { InvalidEnvironmentError, validateEnv } from './env.schema';

describe('validateEnv', () => {
  it('applies defaults outside production', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      AUTH_MODE: 'dev',
      MONGODB_URI: 'mongodb://127.0.0.1:27017',
      MONGODB_DB_NAME: 'careguide',
      MAX_ROOMS_PER_USER: 50,
    });
  });

  it('defaults to jwt mode in production and requires its secrets', () => {
    expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET.*\n.*MONGODB_URI/s);
    const env = validateEnv({
      NODE_ENV: 'production',
      JWT_SECRET: 's'.repeat(32),
      MONGODB_URI: 'mongodb://db:27017',
    });
    expect(env.AUTH_MODE).toBe('jwt');
  });

  it('names every bad variable in one error', () => {
    try {
      validateEnv({ PORT: '-1', MONGODB_SERVER_SELECTION_TIMEOUT_MS: 'soon', JWT_SECRET: 'short' });
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEnvironmentError);
      const problems = (error as InvalidEnvironmentError).problems.join('\n');
      expect(problems).toMatch(/^PORT:/m);
      expect(problems).toMatch(/^MONGODB_SERVER_SELECTION_TIMEOUT_MS:/m);
      expect(problems).toMatch(/^JWT_SECRET: must be at least 32 characters/m);
    }
  });

  it('refuses a stale-stream threshold that live streams could cross between heartbeats', () => {
    expect(() => validateEnv({ STREAM_HEARTBEAT_MS: '10000', STREAM_STALE_MS: '15000' })).toThrow(
      /STREAM_STALE_MS/,
    );
  });

  it('defaults the server timeouts for a load balancer in front, and keeps their order', () => {
    expect(validateEnv({})).toMatchObject({
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 65_000,
      HTTP_HEADERS_TIMEOUT_MS: 66_000,
      HTTP_REQUEST_TIMEOUT_MS: 90_000,
    });
    expect(() =>
      validateEnv({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '70000', HTTP_HEADERS_TIMEOUT_MS: '70000' }),
    ).toThrow(/HTTP_HEADERS_TIMEOUT_MS: must be longer than HTTP_KEEP_ALIVE_TIMEOUT_MS/);
    expect(() => validateEnv({ HTTP_REQUEST_TIMEOUT_MS: '30000' })).toThrow(
      /HTTP_REQUEST_TIMEOUT_MS: must be at least HTTP_HEADERS_TIMEOUT_MS/,
    );
  });

  it('reads the metrics, docs and token lifetime settings', () => {
    expect(validateEnv({})).toMatchObject({
      DOCS_ENABLED: true,
      JWT_MAX_TTL_S: 86_400,
      JWT_CLOCK_SKEW_S: 30,
    });
    expect(validateEnv({}).METRICS_PORT).toBeUndefined();
    expect(validateEnv({ DOCS_ENABLED: 'false', METRICS_PORT: '9464' })).toMatchObject({
      DOCS_ENABLED: false,
      METRICS_PORT: 9464,
    });
    expect(() => validateEnv({ PORT: '9464', METRICS_PORT: '9464' })).toThrow(
      /METRICS_PORT: must differ from PORT/,
    );
    expect(() => validateEnv({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => validateEnv({ DOCS_ENABLED: 'yes' })).toThrow(/DOCS_ENABLED/);
  });

  it('reads an empty variable as unset', () => {
    expect(validateEnv({ LLM_BASE_URL: '', PORT: '' })).toMatchObject({ PORT: 3000 });
  });

  it('defaults retention, read preference and the admin role, and checks them', () => {
    expect(validateEnv({})).toMatchObject({
      ROOM_INACTIVE_DAYS: 30,
      ROOM_PURGE_AFTER_DAYS: 0,
      ROOM_RETENTION_INTERVAL_MS: 3_600_000,
      ROOM_RETENTION_BATCH_SIZE: 200,
      MONGODB_HISTORY_READ_PREFERENCE: 'primary',
      ADMIN_ROLE_CLAIM: 'roles',
      ADMIN_ROLE_VALUE: 'admin',
    });
    expect(
      validateEnv({
        MONGODB_HISTORY_READ_PREFERENCE: 'secondaryPreferred',
        ROOM_INACTIVE_DAYS: '0',
      }),
    ).toMatchObject({
      MONGODB_HISTORY_READ_PREFERENCE: 'secondaryPreferred',
      ROOM_INACTIVE_DAYS: 0,
    });
    for (const bad of [
      { MONGODB_HISTORY_READ_PREFERENCE: 'secondaryOnly' },
      { ROOM_INACTIVE_DAYS: '-1' },
      { ROOM_RETENTION_INTERVAL_MS: '10' },
      { ADMIN_ROLE_CLAIM: 'two words' },
    ]) {
      expect(() => validateEnv(bad)).toThrow(new RegExp(`^\\s+- ${Object.keys(bad)[0]}:`, 'm'));
    }
  });
});
