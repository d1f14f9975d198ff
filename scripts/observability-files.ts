/**
 * Checks of the monitoring files that need more than promtool (run by check-deploy.sh):
 *
 * - `prometheus-rule <rendered.yaml> <alerts.yaml>`: the PrometheusRule the Helm chart
 *   renders carries exactly the groups of deploy/prometheus/alerts.yaml.
 * - `dashboard-rules <dashboard.json>`: prints every query of the Grafana dashboard as a
 *   recording rule (Grafana variables replaced), for `promtool check rules` to parse.
 */
import { isDeepStrictEqual } from 'node:util';
import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments, stringify } from 'yaml';

interface RuleGroups {
  groups: unknown[];
}

interface Dashboard {
  panels: { title: string; targets?: { expr: string }[] }[];
}

/** What the dashboard's variables stand for when promtool parses its queries. */
const GRAFANA_VARIABLES: [RegExp, string][] = [
  [/\$__rate_interval|\$__interval/g, '5m'],
  [/\$\{?job\}?/g, '.*'],
];

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function checkPrometheusRule(renderedPath: string, alertsPath: string): void {
  const rules = parseAllDocuments(readFileSync(renderedPath, 'utf8'))
    .map((document) => document.toJSON() as { kind?: string; spec?: RuleGroups } | null)
    .filter((document) => document?.kind === 'PrometheusRule');
  if (rules.length !== 1) fail(`expected one PrometheusRule, found ${rules.length}`);
  const alerts = parse(readFileSync(alertsPath, 'utf8')) as RuleGroups;
  if (!isDeepStrictEqual(rules[0]?.spec?.groups, alerts.groups)) {
    fail(`the rendered PrometheusRule does not carry the groups of ${alertsPath}`);
  }
  console.warn(`PrometheusRule carries the ${alerts.groups.length} group(s) of ${alertsPath}`);
}

function dashboardRules(dashboardPath: string): void {
  const dashboard = JSON.parse(readFileSync(dashboardPath, 'utf8')) as Dashboard;
  const rules = dashboard.panels.flatMap((panel, panelIndex) =>
    (panel.targets ?? []).map((target, targetIndex) => ({
      record: `dashboard:panel${panelIndex}:query${targetIndex}`,
      expr: GRAFANA_VARIABLES.reduce(
        (expr, [variable, value]) => expr.replace(variable, value),
        target.expr,
      ),
    })),
  );
  if (rules.length === 0) fail('the dashboard has no queries');
  process.stdout.write(stringify({ groups: [{ name: 'dashboard', rules }] }));
}

const [command, ...args] = process.argv.slice(2);
if (command === 'prometheus-rule' && args.length === 2) checkPrometheusRule(args[0], args[1]);
else if (command === 'dashboard-rules' && args.length === 1) dashboardRules(args[0]);
else
  fail(
    'usage: observability-files.ts prometheus-rule <rendered.yaml> <alerts.yaml> | dashboard-rules <dashboard.json>',
  );
