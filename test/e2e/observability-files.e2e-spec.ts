import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { exposedNames, metricNames } from '../support/promql';
import { startTestApp, type TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { uid: string };
  targets?: { expr: string; refId: string }[];
}

interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; definition?: string }[] };
}

interface RuleFile {
  groups: {
    name: string;
    rules: {
      alert: string;
      expr: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
    }[];
  }[];
}

describe('the extractor of metric names from PromQL', () => {
  it('finds the series an expression reads and nothing else', () => {
    expect(
      metricNames(
        'histogram_quantile(0.95, sum by (route, le) (rate(response_time_seconds_bucket{job=~"$job", route!="x"}[$__rate_interval])))',
      ),
    ).toEqual(['response_time_seconds_bucket']);
    expect(
      metricNames(
        'a_total / on (instance) group_left (server) b_gauge > 1e9 and max without (le) (c offset 5m) unless d[5m:1m]',
      ).sort(),
    ).toEqual(['a_total', 'b_gauge', 'c', 'd']);
    expect(metricNames('label_replace(up{job="x"}, "dst", "$1", "src", "(.*)") == bool 1')).toEqual(
      ['up'],
    );
  });
});

describe('the Grafana dashboard and the Prometheus alerts', () => {
  let t: TestApp;
  let exported: Set<string>;

  beforeAll(async () => {
    t = await startTestApp();
    exported = exposedNames((await request(t.url).get('/metrics').expect(200)).text);
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads the metric names the running service exports', () => {
    for (const name of [
      'chat_requests_total',
      'response_time_seconds_bucket',
      'nodejs_eventloop_lag_p99_seconds',
    ])
      expect(exported).toContain(name);
  });

  it('is a valid dashboard with the reference design panels, reading only exported metrics', () => {
    const dashboard = JSON.parse(
      readFileSync(join(ROOT, 'deploy', 'grafana', 'careguide-chat.json'), 'utf8'),
    ) as Dashboard;
    expect(dashboard).toMatchObject({ uid: 'careguide-chat', title: expect.any(String) });
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const titles = dashboard.panels.map((panel) => panel.title);
    for (const title of [
      'Request rate',
      'Response time p95 (JSON answers)',
      'Active streams',
      'Errors by type',
      'Time to first token',
      'Database query latency',
      'Connection pool',
      'Turn outbox',
    ])
      expect(titles).toContain(title);

    const unknown: string[] = [];
    for (const panel of dashboard.panels) {
      expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
      if (panel.type === 'row') continue;
      expect(panel.datasource?.uid).toBe('${datasource}');
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        for (const name of metricNames(target.expr))
          if (!exported.has(name)) unknown.push(`${panel.title}: ${name}`);
      }
    }
    for (const variable of dashboard.templating.list) {
      const queried = /label_values\((\w+),/.exec(variable.definition ?? '')?.[1];
      if (queried && !exported.has(queried)) unknown.push(`variable ${variable.name}: ${queried}`);
    }
    expect(unknown).toEqual([]);
  });

  it('has alert rules that read only exported metrics, each with a severity and a summary', () => {
    const rules = parse(
      readFileSync(join(ROOT, 'deploy', 'prometheus', 'alerts.yaml'), 'utf8'),
    ) as RuleFile;
    const alerts = rules.groups.flatMap((group) => group.rules);
    expect(alerts.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        'HighErrorRate',
        'SlowResponseTime',
        'MongoDBDown',
        'HighStreamCount',
        'ConnectionPoolExhausted',
        'StreamStopFailures',
        'StreamsInterrupted',
        'TurnOutboxGrowing',
        'EventLoopLag',
      ]),
    );
    const unknown: string[] = [];
    for (const rule of alerts) {
      expect(['warning', 'critical']).toContain(rule.labels.severity);
      expect(rule.annotations.summary).toEqual(expect.any(String));
      for (const name of metricNames(rule.expr))
        if (!exported.has(name)) unknown.push(`${rule.alert}: ${name}`);
    }
    expect(unknown).toEqual([]);
  });
});
