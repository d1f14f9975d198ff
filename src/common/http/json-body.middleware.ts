import type { NextFunction, Request, Response } from 'express';
import { UnsupportedMediaType } from '../errors/domain-error';

/** The one media type a request body may have; parameters such as `charset` are allowed. */
const JSON_MEDIA_TYPE = 'application/json';
/** A media type is echoed in the error at most this long. */
const ECHOED_MEDIA_TYPE_MAX_CHARS = 100;

/** Whether the request announces body bytes: chunked, or a Content-Length above zero. */
function announcesBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? '0');
  return !Number.isFinite(length) || length > 0;
}

/**
 * Refuses, before anything reads or counts the request, a body that is not JSON:
 * text/plain, form and multipart bodies, JSON variants such as merge-patch, and bodies
 * sent without a Content-Type. Such bodies would otherwise go unparsed and the request
 * would proceed on defaults. A request without body bytes passes, whatever it declares.
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (!announcesBody(req)) return next();
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType === JSON_MEDIA_TYPE) return next();
  next(new UnsupportedMediaType(mediaType.slice(0, ECHOED_MEDIA_TYPE_MAX_CHARS) || undefined));
}
