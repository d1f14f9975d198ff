import { spawnSync } from 'node:child_process';
import { SignJWT } from 'jose';
import { postgresAvailable, type DatabaseEngine } from '../../tools/embedded-db';

/**
 * The sturdiest database engine here, for the bench and the drills: `chosen` when given
 * (a flag or EMBEDDED_DB), else mongod when installed, else FerretDB on PostgreSQL when
 * one answers, else FerretDB on SQLite.
 */
export function chooseEngine(chosen?: string): DatabaseEngine {
  if (chosen && chosen !== 'auto') return chosen as DatabaseEngine;
  if (process.env.MONGOMS_SYSTEM_BINARY || spawnSync('which', ['mongod']).status === 0)
    return 'mongod';
  return postgresAvailable() ? 'ferretdb-postgresql' : 'ferretdb';
}

/** An HS256 token for `user`, valid for an hour, signed with `secret`. */
export function tokenFor(user: string, secret: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
}
