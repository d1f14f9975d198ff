import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { meetsFloor } from './runtime-check';

describe('runtime check', () => {
  it('compares versions part by part', () => {
    expect(meetsFloor('v26.10.0', '26.10.0')).toBe(true);
    expect(meetsFloor('v26.11.2', '26.10.0')).toBe(true);
    expect(meetsFloor('v27.0.0', '26.10.0')).toBe(true);
    expect(meetsFloor('v26.9.9', '26.10.0')).toBe(false);
    expect(meetsFloor('v20.20.2', '26.10.0')).toBe(false);
  });

  it('stops an older Node.js with one clear line', () => {
    // The real module, loaded in a process that reports an old version.
    const script = [
      "Object.defineProperty(process, 'version', { value: 'v20.20.2' });",
      "require('./src/runtime-check');",
      "process.stdout.write('should not get here');",
    ].join('\n');
    const result = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-e', script],
      { cwd: join(__dirname, '..'), encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/needs Node\.js 26\.10\.0 or newer, but this is v20\.20\.2/);
  });
});
