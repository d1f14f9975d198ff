import { createHash, timingSafeEqual } from 'node:crypto';

/** Whether `authorization` is `Bearer <token>`; compared in constant time. No token configured: anyone. */
export function metricsAccessAllowed(
  authorization: string | undefined,
  token: string | undefined,
): boolean {
  if (token === undefined) return true;
  const offered = /^Bearer (\S+)$/.exec(authorization?.trim() ?? '')?.[1];
  if (offered === undefined) return false;
  // Digests have one length, so the comparison time says nothing about the token.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(offered), digest(token));
}
