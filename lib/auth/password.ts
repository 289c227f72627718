import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { staffUsers, webAccounts } from '@/db/schema';

/**
 * scrypt, from Node's own crypto (no native addon to build). Parameters: N = 2^15, r = 8, p = 1,
 * 64-byte key, 16-byte random salt: 32 MiB and ~60-100 ms per hash on a 2-core server, which
 * slows offline guessing while 50 simultaneous logins still fit in memory. The parameters are
 * stored in each hash, so they can be raised later without invalidating old passwords.
 */
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 64;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, keyB64] = parts;
  const expected = Buffer.from(keyB64, 'base64');
  const actual = await scrypt(password, Buffer.from(saltB64, 'base64'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// A real hash of a random password: verifying an unknown user against it costs the same time
// as a known one, so response times do not reveal which DNIs or usernames exist.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(18).toString('base64'));
  await verifyPassword(password, await dummyHash);
  return false;
}

/**
 * What a password change writes besides the hash: the next password_version, which ends every
 * session signed in before it, and the session kept signed in (the one that changed its own
 * password; null when staff or a reset link changed it).
 */
export function passwordChange<T extends typeof webAccounts | typeof staffUsers>(table: T, passwordHash: string, keptSid: string | null = null) {
  return { passwordHash, passwordVersion: sql`${table.passwordVersion} + 1`, passwordChangedBySid: keptSid };
}
