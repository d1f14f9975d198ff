/**
 * Prints the plain closing line CI readers look for: "N passed, N failed, N skipped", and
 * the Node.js that npm scripts run on (the same one `npm test` used).
 */
import { readFileSync } from 'node:fs';

interface JestResults {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
}

const results = JSON.parse(readFileSync(process.argv[2], 'utf8')) as JestResults;
process.stdout.write(
  `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped (Node.js ${process.version})\n`,
);
