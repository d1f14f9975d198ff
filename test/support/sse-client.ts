/** A small Server-Sent Events reader over fetch: what a browser client using fetch() does. */
export interface SseEvent {
  id?: string;
  event: string;
  data: Record<string, unknown>;
}

export interface SseConnection {
  status: number;
  headers: Headers;
  /** The JSON body when the server refused with an error envelope instead of streaming. */
  json?: Record<string, unknown>;
  /** Resolves with the next event; undefined once the stream has ended. */
  next(): Promise<SseEvent | undefined>;
  /** All remaining events up to and including the terminal one. */
  rest(): Promise<SseEvent[]>;
  /** Comment lines seen so far (keep-alives). */
  comments(): number;
  /** Drops the connection, as a closed tab does. */
  close(): void;
}

export async function openSse(
  url: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> } = {},
): Promise<SseConnection> {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: init.method ?? 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: controller.signal,
  });
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.startsWith('text/event-stream')) {
    const json = (await response.json()) as Record<string, unknown>;
    return {
      status: response.status,
      headers: response.headers,
      json,
      next: () => Promise.resolve(undefined),
      rest: () => Promise.resolve([]),
      comments: () => 0,
      close: () => controller.abort(),
    };
  }

  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;
  let commentCount = 0;
  const queued: SseEvent[] = [];

  const parseBlock = (block: string) => {
    const event: Partial<SseEvent> & { dataLines: string[] } = { dataLines: [] };
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) commentCount += 1;
      else if (line.startsWith('event: ')) event.event = line.slice(7);
      else if (line.startsWith('id: ')) event.id = line.slice(4);
      else if (line.startsWith('data: ')) event.dataLines.push(line.slice(6));
    }
    if (event.event || event.dataLines.length) {
      queued.push({
        id: event.id,
        event: event.event ?? 'message',
        data: JSON.parse(event.dataLines.join('\n')) as Record<string, unknown>,
      });
    }
  };

  const next = async (): Promise<SseEvent | undefined> => {
    while (queued.length === 0 && !ended) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch {
        ended = true;
        break;
      }
      if (chunk.done) {
        ended = true;
        break;
      }
      buffer += decoder.decode(chunk.value, { stream: true });
      let boundary = buffer.indexOf('\n\n');
      while (boundary !== -1) {
        parseBlock(buffer.slice(0, boundary));
        buffer = buffer.slice(boundary + 2);
        boundary = buffer.indexOf('\n\n');
      }
    }
    return queued.shift();
  };

  return {
    status: response.status,
    headers: response.headers,
    next,
    rest: async () => {
      const events: SseEvent[] = [];
      for (let event = await next(); event; event = await next()) events.push(event);
      return events;
    },
    comments: () => commentCount,
    close: () => controller.abort(),
  };
}

export const TERMINAL = ['done', 'cancelled', 'error'];
