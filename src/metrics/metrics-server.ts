import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { register } from 'prom-client';
import { DomainError, Unauthorized } from '../common/errors/domain-error';
import { toErrorResponse } from '../common/errors/error-response';
import { applyServerTimeouts } from '../common/http/server-timeouts';
import type { Env } from '../config/env.schema';
import { metricsAccessAllowed } from './metrics-access';

const METRICS_PATH = '/metrics';

/**
 * With METRICS_PORT set, `/metrics` is served by this second listener alone (on HOST),
 * so the API port, the one a load balancer exposes, never shows it. METRICS_TOKEN,
 * when set, is required here too. Anything else on this port is 404.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;

  constructor(private readonly config: ConfigService<Env, true>) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.get('METRICS_PORT', { infer: true });
    if (port === undefined) return;
    const host = this.config.get('HOST', { infer: true });
    const server = createServer((req, res) => void this.answer(req, res));
    applyServerTimeouts(server, {
      HTTP_HEADERS_TIMEOUT_MS: this.config.get('HTTP_HEADERS_TIMEOUT_MS', { infer: true }),
      HTTP_REQUEST_TIMEOUT_MS: this.config.get('HTTP_REQUEST_TIMEOUT_MS', { infer: true }),
      HTTP_KEEP_ALIVE_TIMEOUT_MS: this.config.get('HTTP_KEEP_ALIVE_TIMEOUT_MS', { infer: true }),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.logger.log(`metrics on http://${host}:${this.port()}${METRICS_PATH}`);
  }

  /** The port it listens on (METRICS_PORT=0 takes a free one); undefined when not serving. */
  port(): number | undefined {
    return (this.server?.address() as AddressInfo | null | undefined)?.port;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://metrics.invalid').pathname;
    try {
      if (path !== METRICS_PATH) {
        throw new DomainError('NOT_FOUND', `No route for ${req.method} ${path}`);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new DomainError('METHOD_NOT_ALLOWED', `${METRICS_PATH} answers GET only`);
      }
      const token = this.config.get('METRICS_TOKEN', { infer: true });
      if (!metricsAccessAllowed(req.headers.authorization, token)) {
        throw new Unauthorized('Metrics need the METRICS_TOKEN bearer token');
      }
      const exposition = await register.metrics();
      res.writeHead(200, { 'Content-Type': register.contentType, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : exposition);
    } catch (error) {
      const { status, body, unexpected } = toErrorResponse(error);
      if (unexpected) this.logger.error(`${METRICS_PATH} failed`, (error as Error).stack);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(body));
    }
  }
}
