import { createHmac } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { Unauthorized } from '../errors/domain-error';
import { TokenVerifier, VERIFIED_TOKENS_MAX } from './token-verifier';

const SECRET = 'token-verifier-spec-secret-longer-than-32-chars';
const SKEW_S = 30;
const REUSE_MS = 600_000;
const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

/** An HS256 token signed with node:crypto (WebCrypto's verify is what the spec counts). */
function token(sub: string, expInSeconds: number, secret = SECRET): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub, iat, exp: iat + expInSeconds })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('TokenVerifier: verified tokens are remembered', () => {
  let verifier: TokenVerifier;
  let signatureChecks: jest.SpyInstance;

  beforeEach(() => {
    // Only the clock is fake: jose reads it for exp, the verifier for its memory.
    jest.useFakeTimers({
      now: T0,
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval'],
    });
    verifier = new TokenVerifier(
      new ConfigService({
        JWT_SECRET: SECRET,
        JWT_MAX_TTL_S: 86_400,
        JWT_CLOCK_SKEW_S: SKEW_S,
        JWT_JWKS_CACHE_MS: REUSE_MS,
      }),
    );
    signatureChecks = jest.spyOn(globalThis.crypto.subtle, 'verify');
  });

  afterEach(() => {
    signatureChecks.mockRestore();
    jest.useRealTimers();
  });

  it('checks the signature of a token once, then answers from memory', async () => {
    const text = token('user_1', 3_600);
    const first = await verifier.verify(text);
    const second = await verifier.verify(text);
    expect(second).toBe(first);
    expect(first.userId).toBe('user_1');
    expect(signatureChecks).toHaveBeenCalledTimes(1);
  });

  it('refuses a remembered token once it has expired (exp plus the clock skew)', async () => {
    const text = token('user_1', 120);
    await verifier.verify(text);
    jest.setSystemTime(T0 + (120 + SKEW_S - 1) * 1000);
    await expect(verifier.verify(text)).resolves.toMatchObject({ userId: 'user_1' });
    jest.setSystemTime(T0 + (120 + SKEW_S) * 1000);
    await expect(verifier.verify(text)).rejects.toBeInstanceOf(Unauthorized);
  });

  it('checks the signature again after JWT_JWKS_CACHE_MS (a withdrawn key would be trusted as long)', async () => {
    const text = token('user_1', 3_600);
    await verifier.verify(text);
    jest.setSystemTime(T0 + REUSE_MS - 1);
    await verifier.verify(text);
    expect(signatureChecks).toHaveBeenCalledTimes(1);
    jest.setSystemTime(T0 + REUSE_MS);
    await verifier.verify(text);
    expect(signatureChecks).toHaveBeenCalledTimes(2);
  });

  it('never remembers a refused token', async () => {
    const forged = token('user_1', 3_600, 'another-secret-that-is-also-long-enough-here');
    await expect(verifier.verify(forged)).rejects.toBeInstanceOf(Unauthorized);
    await expect(verifier.verify(forged)).rejects.toBeInstanceOf(Unauthorized);
    expect(signatureChecks).toHaveBeenCalledTimes(2);
  });

  it(`remembers at most ${VERIFIED_TOKENS_MAX} tokens, forgetting the least recently used first`, async () => {
    const texts = Array.from({ length: VERIFIED_TOKENS_MAX + 1 }, (_, index) =>
      token(`user_${index}`, 3_600),
    );
    for (const text of texts.slice(0, VERIFIED_TOKENS_MAX)) await verifier.verify(text);
    // The first token is used again: the second is now the one used longest ago.
    await verifier.verify(texts[0]);
    await verifier.verify(texts[VERIFIED_TOKENS_MAX]);
    signatureChecks.mockClear();
    await verifier.verify(texts[0]);
    await verifier.verify(texts[2]);
    await verifier.verify(texts[VERIFIED_TOKENS_MAX]);
    expect(signatureChecks).toHaveBeenCalledTimes(0);
    await verifier.verify(texts[1]);
    expect(signatureChecks).toHaveBeenCalledTimes(1);
  });

  it('remembers a token verified by two requests at once in one place, forgetting no other', async () => {
    const texts = Array.from({ length: VERIFIED_TOKENS_MAX + 1 }, (_, index) =>
      token(`user_${index}`, 3_600),
    );
    for (const text of texts.slice(0, VERIFIED_TOKENS_MAX)) await verifier.verify(text);
    const newcomer = texts[VERIFIED_TOKENS_MAX];
    await Promise.all([verifier.verify(newcomer), verifier.verify(newcomer)]);
    signatureChecks.mockClear();
    await verifier.verify(texts[1]);
    await verifier.verify(newcomer);
    expect(signatureChecks).toHaveBeenCalledTimes(0);
    await verifier.verify(texts[0]);
    expect(signatureChecks).toHaveBeenCalledTimes(1);
  });
});
