/**
 * Imported first by main.ts: on a Node.js older than package.json's `engines.node`
 * floor the process stops with one line, before any library can fail in an obscure way.
 */
import { engines } from '../package.json';

function parts(version: string): number[] {
  return version
    .replace(/^[^0-9]*/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);
}

/** True when `actual` (e.g. `v26.10.0`) is at least `floor` (e.g. `26.10.0`). */
export function meetsFloor(actual: string, floor: string): boolean {
  const [a, b] = [parts(actual), parts(floor)];
  for (let i = 0; i < 3; i += 1) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

const floor = engines.node.replace(/^>=\s*/, '');
if (!meetsFloor(process.version, floor)) {
  process.stderr.write(
    `CareGuide Chat API needs Node.js ${floor} or newer, but this is ${process.version}: ` +
      'start it with npm (npm run dev, npm start), which uses the Node.js in node_modules/.bin, ' +
      `or install Node.js ${floor.split('.')[0]}.\n`,
  );
  process.exit(1);
}
