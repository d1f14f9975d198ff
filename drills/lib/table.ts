import type { DrillOutcome } from './drill';

const FIGURES_WIDTH = 72;

/**
 * The closing table: one row per drill (name, PASS/FAIL, seconds) with its figures as
 * `name=value`, wrapped onto continuation lines, and the first failures of a failed drill.
 */
export function formatTable(outcomes: DrillOutcome[]): string {
  const nameWidth = Math.max(5, ...outcomes.map((outcome) => outcome.name.length));
  const lines = [
    `${'drill'.padEnd(nameWidth)}  result  time     figures`,
    `${'-'.repeat(nameWidth)}  ------  -------  ${'-'.repeat(FIGURES_WIDTH)}`,
  ];
  for (const outcome of outcomes) {
    const figures = Object.entries(outcome.figures).map(([name, value]) => `${name}=${value}`);
    const rows: string[] = [];
    let row = '';
    for (const figure of figures) {
      if (row && row.length + 1 + figure.length > FIGURES_WIDTH) {
        rows.push(row);
        row = figure;
      } else row = row ? `${row} ${figure}` : figure;
    }
    if (row || rows.length === 0) rows.push(row);
    const head = `${outcome.name.padEnd(nameWidth)}  ${(outcome.passed ? 'PASS' : 'FAIL').padEnd(6)}  ${`${outcome.seconds.toFixed(1)} s`.padEnd(7)}`;
    lines.push(`${head}  ${rows[0]}`);
    const indent = ' '.repeat(head.length);
    for (const rest of rows.slice(1)) lines.push(`${indent}  ${rest}`);
    for (const failure of outcome.failures.slice(0, 5))
      lines.push(`${indent}  ! ${failure.slice(0, 200)}`);
  }
  return lines.join('\n');
}
