import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface StreamRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** What the client saw of one stream, in ms since the bench started (performance.now()). */
export interface StreamTiming {
  status: number;
  terminal?: string;
  sentAt: number;
  firstEventAt?: number;
  lastChunkAt?: number;
  terminalAt?: number;
  chunks: number;
  /** The chunks' text, joined (kept only when asked). */
  text?: string;
  error?: string;
}

export interface StreamOptions {
  keepText?: boolean;
  /** Called for every event as it arrives (id, name, data as text). */
  onEvent?: (id: string | undefined, name: string, data: string) => void;
  /** Aborts the stream: the client leaves. */
  signal?: AbortSignal;
}

const TERMINAL = new Set(['done', 'cancelled', 'error']);

/**
 * Runs one SSE request on a connection of its own (as a separate browser would) and
 * records when its events arrive. Parses just enough SSE to name events.
 */
export function runStream(
  host: string,
  port: number,
  target: StreamRequest,
  options: StreamOptions = {},
): Promise<StreamTiming> {
  return new Promise((resolve) => {
    const timing: StreamTiming = { status: 0, sentAt: performance.now(), chunks: 0 };
    if (options.keepText) timing.text = '';
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      if (error && !timing.terminal) timing.error = error;
      resolve(timing);
    };
    const req = request(
      {
        host,
        port,
        method: target.method,
        path: target.path,
        agent: false,
        headers: {
          Accept: 'text/event-stream',
          ...(target.body ? { 'Content-Type': 'application/json' } : {}),
          ...target.headers,
        },
        signal: options.signal,
      },
      (res) => {
        timing.status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (
            let boundary = buffer.indexOf('\n\n');
            boundary !== -1;
            boundary = buffer.indexOf('\n\n')
          ) {
            const block = buffer.slice(0, boundary);
            buffer = buffer.slice(boundary + 2);
            let name = 'message';
            let id: string | undefined;
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('event: ')) name = line.slice(7);
              else if (line.startsWith('id: ')) id = line.slice(4);
              else if (line.startsWith('data: ')) data += line.slice(6);
            }
            if (!data && name === 'message') continue; // a comment (keep-alive)
            const now = performance.now();
            timing.firstEventAt ??= now;
            if (name === 'chunk') {
              timing.chunks += 1;
              timing.lastChunkAt = now;
              if (options.keepText)
                timing.text += (JSON.parse(data) as { content: string }).content;
            }
            options.onEvent?.(id, name, data);
            if (TERMINAL.has(name)) {
              timing.terminal = name;
              timing.terminalAt = now;
              res.destroy();
              finish();
            }
          }
        });
        res.on('end', () =>
          finish(
            timing.status === 200 ? 'ended without a terminal event' : `status ${timing.status}`,
          ),
        );
        res.on('error', (error) => finish(error.message));
      },
    );
    req.on('error', (error) => finish(error.message));
    req.end(target.body);
  });
}

/**
 * Opens every stream, at most `connecting` of them waiting for their first event at
 * once (so the server's accept queue is not overrun), and waits for all to finish.
 */
export async function runStreams(
  host: string,
  port: number,
  targets: StreamRequest[],
  connecting: number,
  /** After this long, streams still open are abandoned and count as failed. */
  limitMs = Infinity,
): Promise<StreamTiming[]> {
  const results: Promise<StreamTiming>[] = [];
  let waiting = 0;
  const slots: (() => void)[] = [];
  const limit = new AbortController();
  const timer = Number.isFinite(limitMs)
    ? setTimeout(() => limit.abort(new Error(`not finished within ${limitMs / 1000} s`)), limitMs)
    : undefined;
  for (const target of targets) {
    if (waiting >= connecting) await new Promise<void>((free) => slots.push(free));
    if (limit.signal.aborted) {
      results.push(
        Promise.resolve({
          status: 0,
          sentAt: performance.now(),
          chunks: 0,
          error: `not sent within ${limitMs / 1000} s`,
        }),
      );
      continue;
    }
    waiting += 1;
    let freed = false;
    const free = () => {
      if (freed) return;
      freed = true;
      waiting -= 1;
      slots.shift()?.();
    };
    results.push(
      runStream(host, port, target, { onEvent: free, signal: limit.signal }).finally(free),
    );
  }
  try {
    return await Promise.all(results);
  } finally {
    clearTimeout(timer);
  }
}

/** A keep-alive JSON client for set-up calls and request-rate measurements. */
export class JsonClient {
  private readonly agent: Agent;

  constructor(
    private readonly host: string,
    private readonly port: number,
    maxSockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: unknown; ms: number }> {
    const started = performance.now();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: { ...(payload ? { 'Content-Type': 'application/json' } : {}), ...headers },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            let json: unknown;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = text;
            }
            resolve({ status: res.statusCode ?? 0, json, ms: performance.now() - started });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `task` `total` times with at most `concurrency` in flight. */
export async function inParallel<T>(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array<T>(total);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) {
        const index = next;
        next += 1;
        results[index] = await task(index);
      }
    }),
  );
  return results;
}
