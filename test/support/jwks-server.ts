import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';

type Key = CryptoKey;

export interface SignOptions {
  alg: 'RS256' | 'ES256';
  expiresInSeconds?: number;
  audience?: string;
  issuer?: string;
  /** `iat` this many seconds from now; no `iat` when undefined. */
  issuedAtOffsetSeconds?: number;
  /** Extra claims, such as a role. */
  claims?: Record<string, unknown>;
}

/** A JWKS endpoint on loopback with an RS256 and an ES256 key, and a signer for both. */
export class JwksServer {
  private server?: Server;
  private readonly keys = new Map<string, { privateKey: Key; publicKey: Key }>();
  requests = 0;

  async start(): Promise<string> {
    for (const alg of ['RS256', 'ES256'] as const)
      this.keys.set(alg, await generateKeyPair(alg, { extractable: true }));
    const jwks = {
      keys: await Promise.all(
        [...this.keys.entries()].map(async ([alg, pair]) => ({
          ...(await exportJWK(pair.publicKey)),
          kid: `key-${alg}`,
          alg,
          use: 'sig',
        })),
      ),
    };
    this.server = createServer((_req, res) => {
      this.requests += 1;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((done) => this.server?.close(() => done()));
  }

  sign(sub: string, options: SignOptions): Promise<string> {
    const pair = this.keys.get(options.alg);
    if (!pair) throw new Error('start() first');
    let builder = new SignJWT(options.claims ?? {})
      .setProtectedHeader({ alg: options.alg, kid: `key-${options.alg}` })
      .setSubject(sub)
      .setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresInSeconds ?? 3600));
    if (options.audience) builder = builder.setAudience(options.audience);
    if (options.issuer) builder = builder.setIssuer(options.issuer);
    if (options.issuedAtOffsetSeconds !== undefined)
      builder = builder.setIssuedAt(Math.floor(Date.now() / 1000) + options.issuedAtOffsetSeconds);
    return builder.sign(pair.privateKey);
  }

  /** The RSA public key as PEM: what an attacker uses as an HMAC secret in HS/RS confusion. */
  async rsaPublicPem(): Promise<string> {
    return exportSPKI(this.keys.get('RS256')?.publicKey as Key);
  }
}

/** A token with `alg: none` and no signature. */
export function unsignedToken(sub: string, audience?: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub, aud: audience, exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
}
