import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { eventually } from '../support/factories';

describe('OpenTelemetry tracing of a real process', () => {
  let receiver: Server;
  const received: { path: string; body: string }[] = [];
  let app: AppProcess;

  beforeAll(async () => {
    // An OTLP/HTTP collector on loopback that records what it is sent.
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    app = await startAppProcess({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_SERVICE_NAME: 'careguide-trace-check',
      LOG_LEVEL: 'warn',
    });
  });
  afterAll(async () => {
    await app.stop('SIGKILL');
    await new Promise<void>((done) => receiver.close(() => done()));
  });

  it('exports spans of HTTP requests and database commands to the OTLP endpoint', async () => {
    const res = await fetch(`${app.url}/api/rooms?user_id=user_trace`);
    expect(res.status).toBe(200);
    // spans are flushed at shutdown at the latest
    expect(await app.stop('SIGTERM')).toBe(0);
    const traces = await eventually(() => {
      const batches = received.filter((request) => request.path === '/v1/traces');
      return batches.length > 0 ? batches.map((batch) => batch.body).join('\n') : undefined;
    }, 10_000);
    expect(traces).toContain('careguide-trace-check');
    expect(traces).toMatch(/GET/);
    expect(traces).toContain('mongodb');
  });
});
