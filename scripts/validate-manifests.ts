/**
 * Validates rendered Kubernetes manifests (`helm template` output on stdin, or a
 * file) against the Kubernetes API schemas shipped by the kubernetes-models package.
 * Exits 1 naming each invalid document.
 */
import { readFileSync } from 'node:fs';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';

interface Validatable {
  validate(): void;
}

/**
 * The Prometheus Operator's PrometheusRule is a custom resource, absent from the
 * Kubernetes schemas: its shape is checked here, its rules by promtool.
 */
class PrometheusRule implements Validatable {
  constructor(
    private readonly data: { metadata?: { name?: string }; spec?: { groups?: unknown } },
  ) {}

  validate(): void {
    const groups = this.data.spec?.groups;
    if (!this.data.metadata?.name) throw new Error('metadata.name is missing');
    if (!Array.isArray(groups) || groups.length === 0) throw new Error('spec.groups is empty');
    for (const group of groups as { name?: unknown; rules?: unknown }[]) {
      if (typeof group.name !== 'string') throw new Error('a group has no name');
      if (!Array.isArray(group.rules) || group.rules.length === 0) {
        throw new Error(`group ${group.name} has no rules`);
      }
      for (const rule of group.rules as { alert?: unknown; record?: unknown; expr?: unknown }[]) {
        const named = typeof rule.alert === 'string' || typeof rule.record === 'string';
        if (!named || typeof rule.expr !== 'string') {
          throw new Error(`group ${group.name}: a rule needs alert or record, and expr`);
        }
      }
    }
  }
}

const MODELS: Record<string, new (data: never) => Validatable> = {
  'apps/v1/Deployment': Deployment,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
};

function main(): void {
  const source = readFileSync(process.argv[2] ?? 0, 'utf8');
  const documents = parseAllDocuments(source)
    .map(
      (document) =>
        document.toJSON() as {
          apiVersion?: string;
          kind?: string;
          metadata?: { name?: string };
        } | null,
    )
    .filter((document) => document !== null);
  const failures: string[] = [];
  const seen: string[] = [];
  for (const document of documents) {
    const type = `${document.apiVersion}/${document.kind}`;
    const Model = MODELS[type];
    if (!Model) {
      failures.push(`${type} ${document.metadata?.name ?? ''}: no schema known for this kind`);
      continue;
    }
    try {
      new Model(document as never).validate();
      seen.push(`${document.kind}/${document.metadata?.name ?? '?'}`);
    } catch (error) {
      failures.push(`${type} ${document.metadata?.name ?? ''}: ${(error as Error).message}`);
    }
  }
  if (failures.length > 0 || seen.length === 0) {
    console.error(failures.length > 0 ? failures.join('\n') : 'no manifests found');
    process.exit(1);
  }
  console.warn(`valid against the Kubernetes schemas: ${seen.join(', ')}`);
}

main();
