import {
  createChatClient,
  type ChatAuth,
  type ChatClient,
  type ResumeOptions,
} from '../../sdk/src';

/** What a counting fetch saw: every request the SDK sent, in order. */
export interface SentRequest {
  method: string;
  url: URL;
  response?: Response;
}

export interface SdkClientOptions {
  resume?: ResumeOptions;
  /**
   * The network fails under the first chat message's answer after this many events: its
   * body errors as a dropped connection does. The server goes on as it would.
   */
  dropAnswerAfterEvents?: number;
}

/**
 * A client of the real app whose fetch is the real one, recording each request, so a
 * test can tell how many times a message was sent.
 */
export function sdkClient(
  baseUrl: string,
  auth: ChatAuth,
  options: SdkClientOptions = {},
): { client: ChatClient; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  let toDrop = options.dropAnswerAfterEvents;
  const client = createChatClient({
    baseUrl,
    auth,
    resume: options.resume,
    fetch: async (input: string | URL | Request, init?: RequestInit) => {
      const request = new Request(input, init);
      const record: SentRequest = { method: request.method, url: new URL(request.url) };
      sent.push(record);
      const response = await fetch(request);
      record.response = response;
      if (toDrop === undefined || record.url.pathname !== '/api/chat/message' || !response.body)
        return response;
      const events = toDrop;
      toDrop = undefined;
      return new Response(droppedAfter(response.body, events), {
        status: response.status,
        headers: response.headers,
      });
    },
  });
  return { client, sent };
}

/** The body up to the end of its `events`-th event, then a network error. */
function droppedAfter(
  body: ReadableStream<Uint8Array>,
  events: number,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let seen = 0;
  let text = '';
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      text += decoder.decode(value, { stream: true });
      const blocks = text.split('\n\n');
      text = blocks.pop() ?? '';
      const kept: string[] = [];
      for (const block of blocks) {
        if (
          block.includes('\nevent: ') ||
          block.startsWith('event: ') ||
          block.includes('\nid: ') ||
          block.startsWith('id: ')
        )
          seen += 1;
        kept.push(block);
        if (seen >= events) {
          controller.enqueue(new TextEncoder().encode(`${kept.join('\n\n')}\n\n`));
          await reader.cancel();
          return controller.error(new TypeError('network error'));
        }
      }
      if (kept.length > 0) controller.enqueue(new TextEncoder().encode(`${kept.join('\n\n')}\n\n`));
    },
    cancel: () => reader.cancel(),
  });
}

/** The requests that sent a chat message. */
export function messagesSent(sent: SentRequest[]): SentRequest[] {
  return sent.filter(
    (request) => request.method === 'POST' && request.url.pathname === '/api/chat/message',
  );
}
