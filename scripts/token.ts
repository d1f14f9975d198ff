/**
 * `npm run token -- <user_id> [ttl_seconds] [--admin]`: prints an HS256 token for the
 * local API, signed with JWT_SECRET (or the development default the API also uses).
 * `--admin` adds the admin role where ADMIN_ROLE_CLAIM says (`roles: ["admin"]` by default).
 */
import { SignJWT } from 'jose';
import { roleClaims } from '../src/common/auth/admin-role';
import { USER_ID_PATTERN, USER_ID_RULE } from '../src/common/auth/user-id';
import { validateEnv } from '../src/config/env.schema';

const DEFAULT_TTL_SECONDS = 3600;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const admin = args.includes('--admin');
  const [userId, ttlArg, ...extra] = args.filter((arg) => arg !== '--admin');
  if (!userId || !USER_ID_PATTERN.test(userId) || extra.length > 0) {
    console.error(
      `usage: npm run token -- <user_id> [ttl_seconds] [--admin]  (user_id: ${USER_ID_RULE})`,
    );
    process.exit(2);
  }
  const ttl = ttlArg === undefined ? DEFAULT_TTL_SECONDS : Number(ttlArg);
  if (!Number.isInteger(ttl) || ttl <= 0) {
    console.error('ttl_seconds must be a positive whole number');
    process.exit(2);
  }
  const env = validateEnv(process.env);
  if (ttl > env.JWT_MAX_TTL_S) {
    console.error(
      `ttl_seconds above JWT_MAX_TTL_S (${env.JWT_MAX_TTL_S}): the API would refuse it`,
    );
    process.exit(2);
  }
  if (!env.JWT_SECRET) {
    console.error('JWT_SECRET is not set');
    process.exit(2);
  }
  const claims = admin ? roleClaims(env.ADMIN_ROLE_CLAIM, env.ADMIN_ROLE_VALUE) : {};
  let builder = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(`${ttl}s`);
  if (env.JWT_ISSUER) builder = builder.setIssuer(env.JWT_ISSUER);
  if (env.JWT_AUDIENCE) builder = builder.setAudience(env.JWT_AUDIENCE);
  process.stdout.write(`${await builder.sign(new TextEncoder().encode(env.JWT_SECRET))}\n`);
}

void main();
