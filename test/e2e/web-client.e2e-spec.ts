import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

const INDEX_HTML =
  '<!doctype html><title>client</title><script type="module" src="/assets/app-1a2b.js"></script>';

describe('the web client at /', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'careguide-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX_HTML);
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log("client");');
    t = await startTestApp({ WEB_CLIENT_DIR: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves index.html at / and for the app's own paths, revalidated on every load", async () => {
    for (const path of ['/', '/rooms/room_1']) {
      const res = await request(t.url).get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toBe(INDEX_HTML);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets cached for good, and a missing asset is a 404, not HTML', async () => {
    const asset = await request(t.url).get('/assets/app-1a2b.js').expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await request(t.url).get('/assets/app-0000.js').expect(404);
    expect(missing.body).toMatchObject({ success: false, error_code: 'NOT_FOUND' });
  });

  it('leaves the API, the docs, metrics and health routes as they were', async () => {
    const unknown = await request(t.url).get('/api/nothing-here').expect(404);
    expect(unknown.body).toMatchObject({
      error_code: 'NOT_FOUND',
      error: 'No route for GET /api/nothing-here',
    });
    await request(t.url).get('/api').expect(404);
    expect((await request(t.url).get('/docs').expect(200)).text).toContain('swagger-ui');
    expect((await request(t.url).get('/docs-json').expect(200)).body).toHaveProperty('openapi');
    expect((await request(t.url).get('/metrics').expect(200)).text).toContain('# HELP');
    await request(t.url).get('/healthz').expect(200);
    await request(t.url).get('/readyz').expect(200);
    await request(t.url).get('/api/health').expect(200);
    await request(t.url).post('/anything').expect(404);
  });

  it('allows scripts only from files of its own origin', async () => {
    const res = await request(t.url).get('/').expect(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self';");
  });
});

describe('an API without a built web client', () => {
  it('answers / with the NOT_FOUND envelope', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'careguide-web-'));
    const t = await startTestApp({ WEB_CLIENT_DIR: empty });
    try {
      const res = await request(t.url).get('/').expect(404);
      expect(res.body).toMatchObject({ success: false, error_code: 'NOT_FOUND' });
    } finally {
      await t.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
