import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_STATUS, type ErrorCode } from '../../src/common/errors/error-code';
import { renderOpenApiDocument } from '../../src/openapi';

interface Reference {
  $ref: string;
}

interface MediaType {
  schema?: Reference & { oneOf?: Reference[]; discriminator?: { mapping: Record<string, string> } };
  example?: unknown;
  examples?: Record<string, Reference>;
}

interface Response {
  description: string;
  headers?: Record<string, { schema: { type: string } }>;
  content?: Record<string, MediaType>;
  'x-sse-events'?: Record<string, Reference>;
}

interface Parameter {
  name: string;
  in: string;
}

interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  responses: Record<string, Response>;
  tags?: string[];
  security?: Record<string, string[]>[];
}

interface Document {
  servers: { url: string; description?: string }[];
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { required?: string[] }>;
    examples: Record<string, { value: { error_code: string; success: boolean } }>;
  };
}

const SSE_EVENTS = ['start', 'chunk', 'done', 'cancelled', 'error'];

/** The name a local reference points at: `#/components/schemas/RoomDto` -> `RoomDto`. */
function target(reference: Reference): string {
  return reference.$ref.split('/').at(-1) ?? '';
}

describe('openapi.json', () => {
  let rendered: string;
  beforeAll(async () => {
    rendered = await renderOpenApiDocument();
  });

  it('is up to date with the code (run `npm run openapi` after changing the API)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8');
    expect(committed).toBe(rendered);
  });

  it('names every operation and documents its error envelope', () => {
    const spec = JSON.parse(rendered) as { paths: Record<string, Record<string, Operation>> };
    const operations = Object.values(spec.paths).flatMap((methods) => Object.values(methods));
    expect(operations.length).toBeGreaterThanOrEqual(9);
    for (const operation of operations) {
      expect(operation.operationId).toMatch(/^[a-z][A-Za-z]+$/);
      const statuses = Object.keys(operation.responses);
      expect(statuses.some((status) => status.startsWith('2'))).toBe(true);
    }
    const create = spec.paths['/api/rooms'].post;
    expect(Object.keys(create.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '503']),
    );
  });

  it('documents the admin routes under their own tag, with Bearer auth and their refusals', () => {
    const spec = JSON.parse(rendered) as { paths: Record<string, Record<string, Operation>> };
    const admin = Object.entries(spec.paths).filter(([path]) => path.startsWith('/api/admin'));
    const operations = admin.flatMap(([, methods]) => Object.values(methods));
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([
      'eraseUser',
      'getStats',
      'listRunningStreams',
      'listUserRooms',
      'stopAnyStream',
    ]);
    for (const operation of operations) {
      expect(operation.tags).toEqual(['admin']);
      expect(operation.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  describe('says what the server does', () => {
    let spec: Document;
    let operations: [string, Operation][];
    beforeAll(() => {
      spec = JSON.parse(rendered) as Document;
      operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]): [string, Operation] => [
          `${method.toUpperCase()} ${path}`,
          operation,
        ]),
      );
    });

    it('declares its server and its tags, and describes every operation', () => {
      expect(spec.servers).toEqual([{ url: '/', description: expect.any(String) }]);
      const declared = spec.tags.map((tag) => tag.name);
      expect(declared).toEqual(['rooms', 'session', 'chat', 'health', 'admin']);
      for (const tag of spec.tags) expect(tag.description?.length).toBeGreaterThan(20);
      for (const [name, operation] of operations) {
        expect({ name, tags: operation.tags?.every((tag) => declared.includes(tag)) }).toEqual({
          name,
          tags: true,
        });
        expect({ name, summary: operation.summary?.length }).toEqual({
          name,
          summary: expect.any(Number),
        });
        expect({ name, description: (operation.description?.length ?? 0) > 40 }).toEqual({
          name,
          description: true,
        });
      }
    });

    it('documents every error as the JSON envelope, with an example of each code of that status', () => {
      for (const [name, operation] of operations) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) < 400) continue;
          expect({ name, status, types: Object.keys(response.content ?? {}) }).toEqual({
            name,
            status,
            types: ['application/json'],
          });
          const json = response.content?.['application/json'] as MediaType;
          expect(json.schema?.$ref).toBe('#/components/schemas/ErrorResponseDto');
          const codes = Object.keys(json.examples ?? {});
          expect(codes.length).toBeGreaterThan(0);
          for (const code of codes) {
            expect({ name, code, status: ERROR_STATUS[code as ErrorCode] }).toEqual({
              name,
              code,
              status: Number(status),
            });
            const example = spec.components.examples[target(json.examples?.[code] as Reference)];
            expect(example.value).toMatchObject({ success: false, error_code: code });
            expect(response.description).toContain(code);
          }
        }
      }
    });

    it('lists the errors checked before routing on every operation, and Retry-After on every 429', () => {
      for (const [name, operation] of operations) {
        expect({ name, statuses: Object.keys(operation.responses) }).toEqual({
          name,
          statuses: expect.arrayContaining(['400', '413', '415', '500']),
        });
        const tooMany = operation.responses['429'];
        if (tooMany) {
          expect({ name, retryAfter: tooMany.headers?.['Retry-After']?.schema.type }).toEqual({
            name,
            retryAfter: 'integer',
          });
        }
      }
      const limited = spec.paths['/api/chat/message'].post.responses['429'];
      expect(Object.keys(limited.content?.['application/json'].examples ?? {})).toEqual([
        'RATE_LIMITED',
        'STREAM_LIMIT_EXCEEDED',
      ]);
    });

    it('takes user_id in the query on every operation that needs a caller; the others say they are public', () => {
      const public_ = operations.filter(([, operation]) => operation.security?.length === 0);
      expect(public_.map(([, operation]) => operation.operationId).sort()).toEqual([
        'healthReport',
        'liveness',
        'readiness',
      ]);
      for (const [name, operation] of operations) {
        if (operation.security?.length === 0) continue;
        expect({ name, security: operation.security }).toEqual({
          name,
          security: [{ bearer: [] }],
        });
        const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
        expect({
          name,
          user_id: query.filter((parameter) => parameter.name === 'user_id'),
        }).toEqual({
          name,
          user_id: [expect.objectContaining({ name: 'user_id', in: 'query' })],
        });
      }
    });

    it('describes the SSE answer: each event name, its payload, and an example stream that follows them', () => {
      const streaming = operations.filter(
        ([, operation]) => operation.responses['200']?.content?.['text/event-stream'],
      );
      expect(streaming.map(([name]) => name).sort()).toEqual([
        'GET /api/chat/stream',
        'GET /api/chat/streams/{stream_id}',
        'POST /api/chat/message',
        'POST /api/chat/stream',
      ]);
      for (const [name, operation] of streaming) {
        const ok = operation.responses['200'];
        expect({ name, types: Object.keys(ok.content ?? {}) }).toEqual({
          name,
          types: ['text/event-stream'],
        });
        expect(Object.keys(operation.responses)).toContain('204');
        const events = ok['x-sse-events'] ?? {};
        expect(Object.keys(events).sort()).toEqual([...SSE_EVENTS].sort());
        const media = ok.content?.['text/event-stream'] as MediaType;
        expect(media.schema?.oneOf).toHaveLength(SSE_EVENTS.length);
        expect(Object.keys(media.schema?.discriminator?.mapping ?? {}).sort()).toEqual(
          [...SSE_EVENTS].sort(),
        );

        const messages = String(media.example)
          .split('\n\n')
          .filter((block) => block !== '' && !block.startsWith(':'));
        const names: string[] = [];
        messages.forEach((block, index) => {
          const lines = Object.fromEntries(
            block
              .split('\n')
              .map((line) => [
                line.slice(0, line.indexOf(':')),
                line.slice(line.indexOf(': ') + 2),
              ]),
          );
          expect(lines.id).toBe(String(index + 1));
          names.push(lines.event);
          const payload = spec.components.schemas[target(events[lines.event])];
          const data = JSON.parse(lines.data) as Record<string, unknown>;
          expect(Object.keys(data).sort()).toEqual([...(payload.required ?? [])].sort());
        });
        expect(names[0]).toBe('start');
        expect(names.at(-1)).toBe('done');
      }
    });
  });
});
