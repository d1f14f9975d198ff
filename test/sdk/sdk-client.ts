import { createChatClient, type ChatAuth, type ChatClient } from '../../sdk/src';

/** What a counting fetch saw: every request the SDK sent, in order. */
export interface SentRequest {
  method: string;
  url: URL;
  response?: Response;
}

/**
 * A client of the real app whose fetch is the real one, recording each request, so a
 * test can tell how many times a message was sent.
 */
export function sdkClient(
  baseUrl: string,
  auth: ChatAuth,
): { client: ChatClient; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const client = createChatClient({
    baseUrl,
    auth,
    fetch: async (input: string | URL | Request, init?: RequestInit) => {
      const request = new Request(input, init);
      const record: SentRequest = { method: request.method, url: new URL(request.url) };
      sent.push(record);
      record.response = await fetch(request);
      return record.response;
    },
  });
  return { client, sent };
}

/** The requests that sent a chat message. */
export function messagesSent(sent: SentRequest[]): SentRequest[] {
  return sent.filter(
    (request) => request.method === 'POST' && request.url.pathname === '/api/chat/message',
  );
}
