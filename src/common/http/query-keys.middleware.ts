import type { NextFunction, Request, Response } from 'express';
import { ValidationFailed } from '../errors/domain-error';
import { toErrorResponse } from '../errors/error-response';

/** Bracket keys (`user_id[$ne]=x`) and `$` keys are how operators get smuggled into queries. */
const SUSPICIOUS_QUERY_KEY = /[[\]]|^\$/;

/**
 * No route of ours takes nested or operator-shaped query parameters, so they are
 * refused before identity is even looked at: 400, never a 401 or a query.
 */
export function rejectOperatorQueryKeys(req: Request, res: Response, next: NextFunction): void {
  const bad = Object.keys(req.query as Record<string, unknown>).filter((key) =>
    SUSPICIOUS_QUERY_KEY.test(key),
  );
  if (bad.length === 0) return next();
  const { status, body } = toErrorResponse(
    new ValidationFailed(
      bad.map((field) => ({
        field,
        reason: 'nested or operator query parameters are not accepted',
      })),
    ),
    req.requestId,
  );
  res.status(status).json(body);
}
