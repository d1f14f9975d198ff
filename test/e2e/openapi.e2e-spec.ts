import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderOpenApiDocument } from '../../src/openapi';

interface Operation {
  operationId: string;
  responses: Record<string, unknown>;
  tags?: string[];
  security?: Record<string, string[]>[];
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
});
