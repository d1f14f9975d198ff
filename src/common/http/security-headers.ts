import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** Swagger UI's path; its page and assets are the only answers with a relaxed policy. */
export const DOCS_PATH = 'docs';
/** The OpenAPI document beside Swagger UI. */
export const DOCS_JSON_PATH = 'docs-json';

/** `/docs` and its assets (`/docs/swagger-ui.css`...), not `/docs-json`. */
export function isDocsPage(path: string): boolean {
  return path === `/${DOCS_PATH}` || path.startsWith(`/${DOCS_PATH}/`);
}

function isDocs(path: string): boolean {
  return isDocsPage(path) || path === `/${DOCS_JSON_PATH}`;
}

/** Every API answer is data, never a page: it may load nothing and be framed by no one. */
const strictHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
});

/** Swagger UI runs inline scripts and styles of its own origin. */
const docsHeaders = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      // TLS ends at the ingress; a plain-http local /docs must still load its assets.
      upgradeInsecureRequests: null,
    },
  },
});

/** The web chat client (web/, served at `/`): its own files only, and no inline script. */
const webClientHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
    },
  },
});

/** Paths that answer data, never a page: everything else is the web client. */
function isApi(path: string): boolean {
  return (
    path === '/api' ||
    path.startsWith('/api/') ||
    path === `/${DOCS_JSON_PATH}` ||
    path === '/metrics' ||
    path === '/healthz' ||
    path === '/readyz'
  );
}

/**
 * helmet's headers on every answer: the strict policy on the API, the relaxed one on
 * `/docs` alone, and the web client's own in between.
 */
export const securityHeaders: RequestHandler = (req, res, next) => {
  const headers = isDocsPage(req.path)
    ? docsHeaders
    : isApi(req.path)
      ? strictHeaders
      : webClientHeaders;
  headers(req, res, next);
};

/**
 * `Cache-Control: no-store` on every answer but the docs: answers carry a patient's data
 * and must not be kept by a browser or a proxy. The SSE routes replace it with their own.
 * Nothing is kept, so nothing is revalidated: conditional headers are dropped, else
 * Express would answer `If-None-Match: *` with an empty 304.
 */
export function noStore(req: Request, res: Response, next: NextFunction): void {
  if (!isDocs(req.path)) {
    res.setHeader('Cache-Control', 'no-store');
    delete req.headers['if-none-match'];
    delete req.headers['if-modified-since'];
  }
  next();
}
