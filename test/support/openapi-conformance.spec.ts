import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  documentedOperations,
  mediaTypeOf,
  observedOperations,
  operationFor,
  readObservedAnswers,
  recordAnswer,
  undocumentedAnswers,
  type ObservedAnswer,
  type OpenApiDocument,
} from './openapi-conformance';

const committed = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'),
) as OpenApiDocument;

const json = 'application/json';
const room = '/api/rooms/room_a1b2c3d4-e5f6-7890-abcd-ef1234567890';

function answer(method: string, path: string, status: number, contentType: string | null) {
  return { method, path, status, contentType } satisfies ObservedAnswer;
}

describe('the OpenAPI conformance check', () => {
  it('finds the operation a request is routed to, a literal segment before a parameter', () => {
    expect(operationFor(committed, 'GET', room)?.template).toBe('/api/rooms/{room_id}');
    expect(operationFor(committed, 'POST', '/api/session/create')?.template).toBe(
      '/api/session/create',
    );
    expect(operationFor(committed, 'GET', '/api/chat/stream')?.operation.operationId).toBe(
      'streamMessageForEventSource',
    );
    expect(operationFor(committed, 'PUT', room)).toBeUndefined();
    expect(operationFor(committed, 'GET', `${room}/extra`)).toBeUndefined();
  });

  it('accepts what the document says, including a 204 with no body and JSON refusals of SSE routes', () => {
    expect(
      undocumentedAnswers(committed, [
        answer('GET', room, 200, json),
        answer('GET', room, 404, json),
        answer('POST', '/api/chat/message', 200, 'text/event-stream'),
        answer('POST', '/api/chat/message', 429, json),
        answer('POST', '/api/chat/message', 204, null),
        answer('GET', '/healthz', 413, json),
        answer('GET', '/api/nothing', 404, json),
        answer('GET', '/', 200, 'text/html'),
        answer('OPTIONS', '/api/rooms', 204, null),
      ]),
    ).toEqual([]);
  });

  it('names each answer the document does not describe', () => {
    expect(
      undocumentedAnswers(committed, [
        answer('GET', room, 418, json),
        answer('POST', '/api/chat/message', 404, 'text/event-stream'),
        answer('POST', '/api/chat/message', 200, json),
        answer('GET', room, 200, null),
        answer('POST', '/api/rooms/search', 200, json),
      ]),
    ).toEqual([
      'GET /api/rooms/{room_id} (getRoom) answered 200 without a body; the document promises application/json',
      'GET /api/rooms/{room_id} (getRoom) answered 418, which it does not document',
      'POST /api/chat/message (sendMessage) answered 200 as application/json; the document says text/event-stream',
      'POST /api/chat/message (sendMessage) answered 404 as text/event-stream; the document says application/json',
      'POST /api/rooms/search answered 200, but the document has no such operation',
    ]);
  });

  it('counts the documented operations that answered', () => {
    const all = documentedOperations(committed);
    expect(all).toContain('GET /api/chat/streams/{stream_id}');
    expect(
      observedOperations(committed, [
        answer('GET', room, 200, json),
        answer('GET', room, 404, json),
        answer('GET', '/api/nothing', 404, json),
      ]),
    ).toEqual(['GET /api/rooms/{room_id}']);
  });

  it('records each kind of answer once and reads back what every process recorded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    try {
      const first = answer('GET', room, 200, json);
      recordAnswer(dir, 'GET /api/rooms/:room_id', first);
      recordAnswer(dir, 'GET /api/rooms/:room_id', { ...first, path: `${room}0` });
      recordAnswer(dir, 'GET /api/rooms/:room_id', { ...first, status: 404 });
      expect(readObservedAnswers(dir)).toEqual([first, { ...first, status: 404 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the media type of a Content-Type header', () => {
    expect(mediaTypeOf('application/json; charset=utf-8')).toBe(json);
    expect(mediaTypeOf('Text/Event-Stream')).toBe('text/event-stream');
    expect(mediaTypeOf(undefined)).toBeNull();
  });
});
