/**
 * Holds openapi.json to what the server really answers. The test app factory records
 * every answer the app under test sends (method, path, status, content type); this jest
 * reporter compares them with the document when the run ends and fails the run when an
 * answer is not documented, or when a full run (every e2e file) did not see every
 * documented operation answer at least once.
 *
 * Jest loads reporters with a plain require, which Node.js runs with its type stripping:
 * so this file imports only Node.js built-ins and types, and uses no TypeScript-only
 * runtime syntax (no enums, no parameter properties).
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AggregatedResult, Config, Reporter, TestContext } from '@jest/reporters';

/** One kind of answer the app sent: the same kind is recorded once per process. */
export interface ObservedAnswer {
  method: string;
  /** The request path as sent (no query), e.g. `/api/rooms/65a1...`. */
  path: string;
  status: number;
  /** Media type without parameters (`application/json`), or null when the answer had none. */
  contentType: string | null;
}

interface ResponseObject {
  content?: Record<string, unknown>;
}

interface OperationObject {
  operationId?: string;
  responses: Record<string, ResponseObject>;
}

export interface OpenApiDocument {
  paths: Record<string, Partial<Record<string, OperationObject>>>;
}

export interface MatchedOperation {
  method: string;
  template: string;
  operation: OperationObject;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Paths the API document covers; answers elsewhere (the web client, /docs, /metrics) are not its business. */
const API_PATH = /^\/(api\/|api$|healthz$|readyz$)/;

/**
 * A full run must see every documented operation answer, and at least this many: so the
 * check can pass neither with a lost recorder nor with a document that lost its paths.
 */
export const MIN_OPERATIONS_OBSERVED_IN_FULL_RUN = 20;

export function observedAnswersDir(rootDir: string): string {
  return join(rootDir, '.cache', 'openapi-conformance');
}

/** Media type of a Content-Type header value, lower case, parameters dropped. */
export function mediaTypeOf(header: string | number | string[] | undefined): string | null {
  if (header === undefined) return null;
  const value = Array.isArray(header) ? header[0] : String(header);
  const mediaType = value.split(';')[0].trim().toLowerCase();
  return mediaType === '' ? null : mediaType;
}

const recorded = new Set<string>();

/** Appends one answer to this process's file, once per distinct (method, route, status, type). */
export function recordAnswer(dir: string, routeKey: string, answer: ObservedAnswer): void {
  const key = `${answer.method} ${routeKey} ${answer.status} ${answer.contentType ?? '-'}`;
  if (recorded.has(key)) return;
  recorded.add(key);
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `answers-${process.pid}.jsonl`), `${JSON.stringify(answer)}\n`);
}

export function readObservedAnswers(dir: string): ObservedAnswer[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ObservedAnswer);
}

function templatePattern(template: string): RegExp {
  const segments = template
    .split('/')
    .map((segment) =>
      /^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
    );
  return new RegExp(`^${segments.join('/')}$`);
}

function literalSegments(template: string): number {
  return template.split('/').filter((segment) => segment !== '' && !segment.startsWith('{')).length;
}

/** The operation the server routes a request to: a literal segment wins over a parameter, as in Express. */
export function operationFor(
  document: OpenApiDocument,
  method: string,
  path: string,
): MatchedOperation | undefined {
  const verb = method.toLowerCase();
  const candidates = Object.entries(document.paths)
    .filter(([template, operations]) => operations[verb] && templatePattern(template).test(path))
    .sort(([a], [b]) => literalSegments(b) - literalSegments(a));
  const [found] = candidates;
  if (!found) return undefined;
  const [template, operations] = found;
  return { method: verb, template, operation: operations[verb] as OperationObject };
}

function nameOf(matched: MatchedOperation): string {
  const name = matched.operation.operationId ?? '(no operationId)';
  return `${matched.method.toUpperCase()} ${matched.template} (${name})`;
}

/** Every answer the document does not describe, one sentence each (empty when all conform). */
export function undocumentedAnswers(
  document: OpenApiDocument,
  answers: ObservedAnswer[],
): string[] {
  const problems = new Set<string>();
  for (const answer of answers) {
    if (!API_PATH.test(answer.path)) continue;
    const matched = operationFor(document, answer.method, answer.path);
    if (!matched) {
      const routable = HTTP_METHODS.includes(answer.method.toLowerCase());
      if (routable && answer.status !== 404) {
        problems.add(
          `${answer.method} ${answer.path} answered ${answer.status}, but the document has no such operation`,
        );
      }
      continue;
    }
    const response = matched.operation.responses[String(answer.status)];
    if (!response) {
      problems.add(`${nameOf(matched)} answered ${answer.status}, which it does not document`);
      continue;
    }
    const documented = Object.keys(response.content ?? {});
    if (answer.contentType === null) {
      if (documented.length > 0) {
        problems.add(
          `${nameOf(matched)} answered ${answer.status} without a body; the document promises ${documented.join(', ')}`,
        );
      }
    } else if (!documented.includes(answer.contentType)) {
      problems.add(
        `${nameOf(matched)} answered ${answer.status} as ${answer.contentType}; the document says ${documented.join(', ') || 'no body'}`,
      );
    }
  }
  return [...problems].sort();
}

/** `METHOD template` of each documented operation that some answer came from. */
export function observedOperations(document: OpenApiDocument, answers: ObservedAnswer[]): string[] {
  const seen = new Set<string>();
  for (const answer of answers) {
    const matched = operationFor(document, answer.method, answer.path);
    if (matched) seen.add(`${matched.method.toUpperCase()} ${matched.template}`);
  }
  return [...seen].sort();
}

export function documentedOperations(document: OpenApiDocument): string[] {
  return Object.entries(document.paths)
    .flatMap(([template, operations]) =>
      HTTP_METHODS.filter((method) => operations[method]).map(
        (method) => `${method.toUpperCase()} ${template}`,
      ),
    )
    .sort();
}

/** A full run: every e2e spec file ran (a run narrowed to some files checks only what it saw). */
function isFullRun(rootDir: string, results: AggregatedResult): boolean {
  const e2eDir = join(rootDir, 'test', 'e2e');
  if (!existsSync(e2eDir)) return false;
  const ran = new Set(results.testResults.map((result) => result.testFilePath));
  return readdirSync(e2eDir)
    .filter((name) => name.endsWith('.e2e-spec.ts'))
    .every((name) => ran.has(join(e2eDir, name)));
}

/**
 * The jest reporter: clears the answers at the start of a run, checks them at its end,
 * and makes the run fail (getLastError) when the document and the server disagree.
 */
export default class OpenApiConformanceReporter implements Reporter {
  private readonly rootDir: string;
  private failure: Error | undefined;

  constructor(globalConfig: Config.GlobalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunStart(): void {
    rmSync(observedAnswersDir(this.rootDir), { recursive: true, force: true });
  }

  onRunComplete(_contexts: Set<TestContext>, results: AggregatedResult): void {
    const answers = readObservedAnswers(observedAnswersDir(this.rootDir));
    const fullRun = isFullRun(this.rootDir, results);
    if (answers.length === 0 && !fullRun) return;
    const document = JSON.parse(
      readFileSync(join(this.rootDir, 'openapi.json'), 'utf8'),
    ) as OpenApiDocument;
    const problems = undocumentedAnswers(document, answers);
    const observed = observedOperations(document, answers);
    if (fullRun) {
      for (const operation of documentedOperations(document)) {
        if (!observed.includes(operation)) {
          problems.push(
            `${operation} never answered during a full run: give it an e2e test on the app of test/support/test-app.ts`,
          );
        }
      }
      if (observed.length < MIN_OPERATIONS_OBSERVED_IN_FULL_RUN) {
        problems.push(
          `only ${observed.length} operations answered during a full run (at least ${MIN_OPERATIONS_OBSERVED_IN_FULL_RUN} expected): is the answer recorder of test/support/test-app.ts installed?`,
        );
      }
    }
    if (problems.length === 0) {
      process.stderr.write(
        `\nopenapi.json conformance: ${answers.length} kinds of answers of ${observed.length} operations, all documented\n`,
      );
      return;
    }
    const message = [
      'openapi.json does not describe what the server answered:',
      ...problems.map((problem) => `  - ${problem}`),
      'Document these answers (decorators, then `npm run openapi`) or fix the server.',
    ].join('\n');
    process.stderr.write(`\n${message}\n`);
    this.failure = new Error(message);
  }

  getLastError(): Error | undefined {
    return this.failure;
  }
}
