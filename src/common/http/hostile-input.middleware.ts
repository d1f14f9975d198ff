import type { NextFunction, Request, Response } from 'express';
import { ValidationFailed, type FieldProblem } from '../errors/domain-error';

/** Bracket keys (`user_id[$ne]=x`) and `$` keys are how operators get smuggled into queries. */
const SUSPICIOUS_QUERY_KEY = /[[\]]|^\$/;
/** Keys that reach an object's prototype once copied; the DTO layer would silently drop them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** No request of ours nests this deep; deeper JSON is refused before any recursive work. */
export const JSON_MAX_DEPTH = 32;

/**
 * Refuses, before identity or validation, the request shapes no route accepts:
 * nested or operator query parameters, prototype keys anywhere in a JSON body, and
 * absurdly deep JSON. The error handler answers 400 in the envelope; no query runs.
 */
export function rejectHostileInput(req: Request, _res: Response, next: NextFunction): void {
  const problems: FieldProblem[] = Object.keys(req.query as Record<string, unknown>)
    .filter((key) => SUSPICIOUS_QUERY_KEY.test(key))
    .map((field) => ({ field, reason: 'nested or operator query parameters are not accepted' }));
  inspectBody(req.body as unknown, '', 0, problems);
  next(problems.length === 0 ? undefined : new ValidationFailed(problems));
}

function inspectBody(value: unknown, path: string, depth: number, problems: FieldProblem[]): void {
  if (value === null || typeof value !== 'object') return;
  if (depth >= JSON_MAX_DEPTH) {
    problems.push({
      field: path || 'body',
      reason: `JSON nested deeper than ${JSON_MAX_DEPTH} levels`,
    });
    return;
  }
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) {
      problems.push({
        field,
        reason: '__proto__, constructor and prototype are not accepted as keys',
      });
      continue;
    }
    inspectBody((value as Record<string, unknown>)[key], field, depth + 1, problems);
    if (problems.length > 0) return;
  }
}
