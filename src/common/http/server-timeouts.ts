import type { Server } from 'node:http';
import type { Env } from '../../config/env.schema';

/** Node.js checks its header and request deadlines on an interval; a quarter of the shorter deadline keeps them tight. */
const CHECKS_PER_DEADLINE = 4;
/** Node.js's own checking interval, kept as the longest. */
const LONGEST_CHECK_INTERVAL_MS = 30_000;

type ServerTimeouts = Pick<
  Env,
  'HTTP_HEADERS_TIMEOUT_MS' | 'HTTP_REQUEST_TIMEOUT_MS' | 'HTTP_KEEP_ALIVE_TIMEOUT_MS'
>;

/**
 * Bounds how long a client may hold a socket without completing a request: the headers
 * within HTTP_HEADERS_TIMEOUT_MS, the whole request (headers and body) within
 * HTTP_REQUEST_TIMEOUT_MS, and an idle keep-alive connection HTTP_KEEP_ALIVE_TIMEOUT_MS.
 * None of them limits a response, so a long SSE answer runs on. Must run before
 * `listen`, where Node.js starts its deadline checks.
 */
export function applyServerTimeouts(server: Server, env: ServerTimeouts): void {
  server.headersTimeout = env.HTTP_HEADERS_TIMEOUT_MS;
  server.requestTimeout = env.HTTP_REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = env.HTTP_KEEP_ALIVE_TIMEOUT_MS;
  // A createServer option that Node.js also reads from the server when it starts listening.
  Object.assign(server, {
    connectionsCheckingInterval: Math.min(
      LONGEST_CHECK_INTERVAL_MS,
      Math.ceil(
        Math.min(env.HTTP_HEADERS_TIMEOUT_MS, env.HTTP_REQUEST_TIMEOUT_MS) / CHECKS_PER_DEADLINE,
      ),
    ),
  });
}
