/**
 * `npm run token -- <user_id> [ttl_seconds]`: prints an HS256 token for the local API,
 * signed with JWT_SECRET (or the development default the API also uses).
 */
import { JwtService } from '@nestjs/jwt';
import { USER_ID_PATTERN, USER_ID_RULE } from '../src/common/auth/user-id';
import { validateEnv } from '../src/config/env.schema';

const DEFAULT_TTL_SECONDS = 3600;

function main(): void {
  const [userId, ttlArg] = process.argv.slice(2);
  if (!userId || !USER_ID_PATTERN.test(userId)) {
    console.error(`usage: npm run token -- <user_id> [ttl_seconds]  (user_id: ${USER_ID_RULE})`);
    process.exit(2);
  }
  const ttl = ttlArg === undefined ? DEFAULT_TTL_SECONDS : Number(ttlArg);
  if (!Number.isInteger(ttl) || ttl <= 0) {
    console.error('ttl_seconds must be a positive whole number');
    process.exit(2);
  }
  const { JWT_SECRET } = validateEnv(process.env);
  const token = new JwtService().sign(
    { sub: userId },
    { secret: JWT_SECRET, algorithm: 'HS256', expiresIn: ttl },
  );
  process.stdout.write(`${token}\n`);
}

main();
