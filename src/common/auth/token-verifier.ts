import { webcrypto } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { Env } from '../../config/env.schema';
import { Unauthorized } from '../errors/domain-error';
import { asUserId, USER_ID_PATTERN, type UserId } from './user-id';

/** A token that passed every check: its subject, and its claims (the admin role is one). */
export interface VerifiedToken {
  userId: UserId;
  claims: JWTPayload;
}

/** Asymmetric algorithms accepted with keys from JWT_JWKS_URL. */
const JWKS_ALGORITHMS = ['RS256', 'ES256'];

/**
 * Tokens remembered as verified at most; beyond it the one used longest ago is forgotten.
 * Five times the 10,000 concurrent streams an instance is built to carry: a memory sized
 * to the active users would forget each token just before its next use (at 10,000
 * streams and 10,000 entries every request checked its signature again). Full, with
 * 200-character tokens, it holds about 25 MB (measured).
 */
export const VERIFIED_TOKENS_MAX = 50_000;

/**
 * Verifies Bearer tokens. HS256 tokens need JWT_SECRET; RS256 and ES256 tokens need a
 * key from JWT_JWKS_URL (fetched and cached). Each path accepts only its own
 * algorithms, so `none` and HS/RS confusion (an HS256 token signed with a public key)
 * are refused. `exp` and `sub` are required; `iss` and `aud` are checked when set.
 * A token may live at most JWT_MAX_TTL_S (from `iat`, or from now without one), and
 * `exp`, `nbf` and `iat` are each allowed JWT_CLOCK_SKEW_S of clock difference.
 *
 * A client sends the same token with every request, so a token that passed is remembered
 * (up to VERIFIED_TOKENS_MAX of them, the least recently used forgotten first) until `exp`
 * plus the skew, and for at most JWT_JWKS_CACHE_MS, as long as a key withdrawn from
 * JWT_JWKS_URL is still trusted: its signature is checked once, not per request. A refused
 * token is never remembered.
 */
@Injectable()
export class TokenVerifier {
  private readonly secret?: Uint8Array<ArrayBuffer>;
  /**
   * JWT_SECRET as a key, imported once: given the raw bytes, jose imports them again for
   * every token (measured alone: 0.05 ms of CPU per token, 0.02 ms with the key imported once).
   */
  private hmacKey?: Promise<webcrypto.CryptoKey>;
  private readonly jwks?: JWTVerifyGetKey;
  private readonly issuer?: string;
  private readonly audience?: string;
  private readonly maxTtlSeconds: number;
  private readonly clockSkewSeconds: number;
  private readonly reuseMs: number;
  /** Tokens that passed, by their text, from the one used longest ago to the last used. */
  private readonly verified = new Map<string, { token: VerifiedToken; until: number }>();

  constructor(config: ConfigService<Env, true>) {
    const secret = config.get('JWT_SECRET', { infer: true });
    const jwksUrl = config.get('JWT_JWKS_URL', { infer: true });
    this.secret = secret ? new TextEncoder().encode(secret) : undefined;
    this.jwks = jwksUrl
      ? createRemoteJWKSet(new URL(jwksUrl), {
          cacheMaxAge: config.get('JWT_JWKS_CACHE_MS', { infer: true }),
        })
      : undefined;
    this.issuer = config.get('JWT_ISSUER', { infer: true });
    this.audience = config.get('JWT_AUDIENCE', { infer: true });
    this.maxTtlSeconds = config.get('JWT_MAX_TTL_S', { infer: true });
    this.clockSkewSeconds = config.get('JWT_CLOCK_SKEW_S', { infer: true });
    this.reuseMs = config.get('JWT_JWKS_CACHE_MS', { infer: true });
  }

  async verify(token: string): Promise<VerifiedToken> {
    const known = this.verified.get(token);
    if (known) {
      this.verified.delete(token);
      if (Date.now() < known.until) {
        this.verified.set(token, known);
        return known.token;
      }
    }
    const verified = await this.verifyFully(token);
    this.remember(token, verified);
    return verified;
  }

  private async verifyFully(token: string): Promise<VerifiedToken> {
    let algorithm: string | undefined;
    try {
      algorithm = decodeProtectedHeader(token).alg;
    } catch {
      throw new Unauthorized('Invalid token');
    }
    const options = {
      issuer: this.issuer,
      audience: this.audience,
      requiredClaims: ['exp', 'sub'],
      clockTolerance: this.clockSkewSeconds,
    };
    let claims: JWTPayload;
    try {
      if (algorithm === 'HS256' && this.secret) {
        claims = (
          await jwtVerify(token, await this.hmacKeyOf(this.secret), {
            ...options,
            algorithms: ['HS256'],
          })
        ).payload;
      } else if (algorithm && JWKS_ALGORITHMS.includes(algorithm) && this.jwks) {
        claims = (await jwtVerify(token, this.jwks, { ...options, algorithms: JWKS_ALGORITHMS }))
          .payload;
      } else {
        throw new Unauthorized(
          `Tokens signed with ${algorithm ?? 'no algorithm'} are not accepted`,
        );
      }
    } catch (error) {
      if (error instanceof Unauthorized) throw error;
      throw new Unauthorized('Invalid or expired token');
    }
    this.assertLifetime(claims);
    const subject = claims.sub;
    if (typeof subject !== 'string' || !USER_ID_PATTERN.test(subject)) {
      throw new Unauthorized('Token subject is not a valid user id');
    }
    return Object.freeze({ userId: asUserId(subject), claims: Object.freeze(claims) });
  }

  /** Keeps a verified token until it expires (`exp` plus the skew, as jose checks it). */
  private remember(text: string, token: VerifiedToken): void {
    const exp = token.claims.exp;
    if (exp === undefined) return;
    // Verified twice at once (two requests with a new token): the second replaces the first.
    this.verified.delete(text);
    if (this.verified.size >= VERIFIED_TOKENS_MAX) {
      const leastRecent = this.verified.keys().next().value;
      if (leastRecent !== undefined) this.verified.delete(leastRecent);
    }
    this.verified.set(text, {
      token,
      until: Math.min((exp + this.clockSkewSeconds) * 1000, Date.now() + this.reuseMs),
    });
  }

  private hmacKeyOf(secret: Uint8Array<ArrayBuffer>): Promise<webcrypto.CryptoKey> {
    this.hmacKey ??= webcrypto.subtle.importKey(
      'raw',
      secret,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    return this.hmacKey;
  }

  /** Refuses a token minted for longer than JWT_MAX_TTL_S, or minted in the future. */
  private assertLifetime({ exp, iat }: JWTPayload): void {
    const nowSeconds = Math.floor(Date.now() / 1000);
    if (iat !== undefined && iat > nowSeconds + this.clockSkewSeconds) {
      throw new Unauthorized('Token issued in the future');
    }
    // Without iat, the life left is what can be measured; the skew covers an issuer clock ahead of ours.
    const lifetime =
      exp === undefined
        ? Number.POSITIVE_INFINITY
        : iat === undefined
          ? exp - nowSeconds - this.clockSkewSeconds
          : exp - iat;
    if (lifetime > this.maxTtlSeconds) {
      throw new Unauthorized(`Token lifetime exceeds the ${this.maxTtlSeconds} s allowed`);
    }
  }
}
