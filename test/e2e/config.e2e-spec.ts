import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function startWith(env: Record<string, string>) {
  return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('start-up configuration', () => {
  it('exits 1 with one message naming every bad variable', () => {
    const result = startWith({
      PORT: 'eighty',
      MAX_ROOMS_PER_USER: '0',
      MONGODB_URI: 'http://nope',
      LOG_LEVEL: 'loud',
    });
    expect(result.status).toBe(1);
    for (const name of ['PORT', 'MAX_ROOMS_PER_USER', 'MONGODB_URI', 'LOG_LEVEL']) {
      expect(result.stderr).toContain(`${name}:`);
    }
    expect(result.stderr).toMatch(/^Invalid environment:/);
    expect(result.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('refuses AUTH_MODE=dev in production', () => {
    const result = startWith({
      NODE_ENV: 'production',
      AUTH_MODE: 'dev',
      JWT_SECRET: 'a-production-secret-of-at-least-32-chars',
      MONGODB_URI: 'mongodb://127.0.0.1:1',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('AUTH_MODE: dev mode accepts requests without a token');
  });
});
