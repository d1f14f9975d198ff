import { z } from 'zod';

/** Every environment variable the API reads, with its default. The README table mirrors this. */
/** The MongoDB read preference modes, as the driver names them. */
export const READ_PREFERENCE_MODES = [
  'primary',
  'primaryPreferred',
  'secondary',
  'secondaryPreferred',
  'nearest',
] as const;

const intFrom = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const baseSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: intFrom(0, 65_535, 3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'verbose']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),

  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  MONGODB_DB_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'letters, digits, _ and - only, at most 63 characters')
    .default('careguide'),
  MONGODB_SERVER_SELECTION_TIMEOUT_MS: intFrom(100, 60_000, 2_000),
  DB_OPERATION_TIMEOUT_MS: intFrom(100, 600_000, 2_000),
  MONGODB_HISTORY_READ_PREFERENCE: z.enum(READ_PREFERENCE_MODES).default('primary'),

  AUTH_MODE: z.enum(['dev', 'jwt']).optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_JWKS_URL: z.url().optional(),
  JWT_JWKS_CACHE_MS: intFrom(1_000, 24 * 3_600_000, 10 * 60_000),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  JWT_MAX_TTL_S: intFrom(60, 365 * 24 * 3_600, 24 * 3_600),
  JWT_CLOCK_SKEW_S: intFrom(0, 600, 30),
  ADMIN_ROLE_CLAIM: z
    .string()
    .regex(/^[^\s]{1,200}$/, 'a claim name or dotted path, without spaces')
    .default('roles'),
  ADMIN_ROLE_VALUE: z
    .string()
    .regex(/^[^\s]{1,200}$/, 'one role value, without spaces')
    .default('admin'),

  CORS_ORIGINS: z.string().default(''),
  BODY_LIMIT_BYTES: intFrom(1_024, 10 * 1024 * 1024, 64 * 1024),
  // Above the 60 s idle timeout of common load balancers (AWS ALB, nginx), so they close first.
  HTTP_KEEP_ALIVE_TIMEOUT_MS: intFrom(100, 3_600_000, 65_000),
  HTTP_HEADERS_TIMEOUT_MS: intFrom(200, 3_600_000, 66_000),
  HTTP_REQUEST_TIMEOUT_MS: intFrom(200, 3_600_000, 90_000),
  // Connections waiting to be accepted; Node's default (511) overflows when a thousand
  // clients connect at once, and their SYNs are retried seconds later. The kernel caps it
  // at net.core.somaxconn.
  HTTP_LISTEN_BACKLOG: intFrom(1, 65_535, 4_096),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'letters, digits and : _ . - only, at most 64 characters')
    .default('careguide:'),
  REDIS_COMMAND_TIMEOUT_MS: intFrom(100, 600_000, 2_000),
  RATE_LIMIT_ROOM_CREATES: intFrom(1, 1_000_000, 10),
  RATE_LIMIT_ROOM_CREATES_WINDOW_MS: intFrom(1_000, 24 * 3_600_000, 3_600_000),
  RATE_LIMIT_MESSAGES: intFrom(1, 1_000_000, 100),
  RATE_LIMIT_MESSAGES_WINDOW_MS: intFrom(1_000, 24 * 3_600_000, 60_000),
  METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  DOCS_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('careguide-chat-api'),

  MAX_ROOMS_PER_USER: intFrom(1, 10_000, 50),
  ROOM_INACTIVE_DAYS: intFrom(0, 36_500, 30),
  ROOM_PURGE_AFTER_DAYS: intFrom(0, 36_500, 0),
  ROOM_RETENTION_INTERVAL_MS: intFrom(1_000, 7 * 24 * 3_600_000, 3_600_000),
  ROOM_RETENTION_BATCH_SIZE: intFrom(1, 10_000, 200),

  WEB_CLIENT_DIR: z.string().min(1).default('web/dist'),

  SESSION_TTL_MS: intFrom(1_000, 7 * 24 * 3_600_000, 30 * 60_000),
  SESSION_IDLE_MS: intFrom(1_000, 7 * 24 * 3_600_000, 10 * 60_000),
  SESSION_SWEEP_INTERVAL_MS: intFrom(100, 3_600_000, 60_000),

  MESSAGE_MAX_CHARS: intFrom(1, 100_000, 4_000),
  MAX_STREAMS_PER_USER: intFrom(1, 1_000, 5),
  STREAM_CAPACITY: intFrom(1, 100_000, 500),
  STREAM_HEARTBEAT_MS: intFrom(100, 600_000, 3_000),
  STREAM_STALE_MS: intFrom(300, 3_600_000, 10_000),
  STREAM_RECORD_FLUSH_MS: intFrom(50, 60_000, 1_000),
  STREAM_CHECKPOINT_MS: intFrom(20, 60_000, 250),
  STREAM_REPLAY_TTL_MS: intFrom(1_000, 7 * 24 * 3_600_000, 10 * 60_000),
  STREAM_REPLAY_MAX_BYTES: intFrom(0, 16 * 1024 ** 3, 64 * 1024 ** 2),
  STREAM_ON_DISCONNECT: z.enum(['cancel', 'detach']).default('cancel'),
  STREAM_DETACH_GRACE_MS: intFrom(100, 3_600_000, 30_000),
  SSE_KEEPALIVE_MS: intFrom(100, 60_000, 15_000),
  SSE_WRITE_TIMEOUT_MS: intFrom(100, 600_000, 15_000),
  SSE_MAX_BUFFERED_BYTES: intFrom(1_024, 64 * 1024 ** 2, 64 * 1024),
  OUTBOX_MAX_TURNS: intFrom(0, 1_000_000, 1_000),
  SHUTDOWN_GRACE_MS: intFrom(0, 600_000, 10_000),

  CONTEXT_MAX_TURNS: intFrom(0, 200, 10),
  CONTEXT_MAX_CHARS: intFrom(100, 1_000_000, 12_000),
  AGENTS_CONFIG_FILE: z.string().min(1).optional(),

  LLM_PROVIDER: z.enum(['simulated', 'openai']).default('simulated'),
  LLM_BASE_URL: z.url().optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: intFrom(100, 600_000, 60_000),
  LLM_IDLE_TIMEOUT_MS: intFrom(100, 600_000, 30_000),
  SIMULATED_LLM_DELAY_MS: intFrom(0, 10_000, 30),
  SIMULATED_LLM_WORDS: intFrom(1, 100_000, 120),
});

export type RawEnv = z.input<typeof baseSchema>;

const DEV_JWT_SECRET = 'careguide-dev-secret-for-local-use-only';

export const envSchema = baseSchema
  .superRefine((env, ctx) => {
    if (env.LLM_PROVIDER === 'openai' && !env.LLM_API_KEY && !env.LLM_BASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['LLM_API_KEY'],
        message: 'LLM_PROVIDER=openai needs LLM_API_KEY (or LLM_BASE_URL for a local server)',
      });
    }
    if (env.STREAM_STALE_MS < 2 * env.STREAM_HEARTBEAT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['STREAM_STALE_MS'],
        message:
          'must be at least twice STREAM_HEARTBEAT_MS, or live streams would be taken for dead',
      });
    }
    if (env.HTTP_HEADERS_TIMEOUT_MS <= env.HTTP_KEEP_ALIVE_TIMEOUT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['HTTP_HEADERS_TIMEOUT_MS'],
        message:
          'must be longer than HTTP_KEEP_ALIVE_TIMEOUT_MS, or a reused idle connection can be cut mid-request',
      });
    }
    if (env.HTTP_REQUEST_TIMEOUT_MS < env.HTTP_HEADERS_TIMEOUT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['HTTP_REQUEST_TIMEOUT_MS'],
        message: 'must be at least HTTP_HEADERS_TIMEOUT_MS (Node.js refuses a shorter one)',
      });
    }
    if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
      ctx.addIssue({
        code: 'custom',
        path: ['METRICS_PORT'],
        message: 'must differ from PORT: it is a second listener, for /metrics alone',
      });
    }
    if (env.NODE_ENV !== 'production') return;
    if (env.AUTH_MODE === 'dev') {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message:
          'dev mode accepts requests without a token and is refused when NODE_ENV=production',
      });
    }
    if (!env.JWT_SECRET && !env.JWT_JWKS_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'JWT_SECRET or JWT_JWKS_URL is required when NODE_ENV=production',
      });
    }
    if (!env.MONGODB_URI) {
      ctx.addIssue({
        code: 'custom',
        path: ['MONGODB_URI'],
        message: 'is required when NODE_ENV=production',
      });
    }
  })
  .transform((env) => ({
    ...env,
    MONGODB_URI: env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017',
    AUTH_MODE: env.AUTH_MODE ?? (env.NODE_ENV === 'production' ? 'jwt' : 'dev'),
    LOG_FORMAT: env.LOG_FORMAT ?? (env.NODE_ENV === 'development' ? 'pretty' : 'json'),
    // Outside production a fixed secret lets `npm run token` and the API agree with no setup.
    JWT_SECRET: env.JWT_SECRET ?? (env.NODE_ENV === 'production' ? undefined : DEV_JWT_SECRET),
  }));

export type Env = z.output<typeof envSchema>;

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

/** Parses the environment; throws one error naming every bad variable. */
export function validateEnv(raw: Record<string, unknown>): Env {
  // An empty variable (`LLM_BASE_URL=` in compose or a ConfigMap) means "not set".
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(present);
  if (result.success) return result.data;
  throw new InvalidEnvironmentError(
    result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
  );
}
