import { decode } from 'next-auth/jwt';
import { readClaims, type SessionClaims } from '@/lib/auth/session-claims';

/** Auth.js's session cookie names: with the `__Secure-` prefix on HTTPS, plain on HTTP. */
const SESSION_COOKIES = ['__Secure-authjs.session-token', 'authjs.session-token'];

export interface RawSessionCookie {
  /** Also the salt the JWT was encrypted with. */
  name: string;
  value: string;
}

/** The name Auth.js gives the session cookie on HTTPS (`secure`) or plain HTTP. */
export function sessionCookieName(secure: boolean): string {
  return SESSION_COOKIES[secure ? 0 : 1];
}

/**
 * The raw session cookie, joined if Auth.js split it into `.0`, `.1`... chunks. Edge-safe.
 * `names`: the names to look for, in order (by default both, secure first).
 */
export function findSessionCookie(cookies: { name: string; value: string }[], names: readonly string[] = SESSION_COOKIES): RawSessionCookie | null {
  for (const name of names) {
    const whole = cookies.find((c) => c.name === name);
    if (whole) return { name, value: whole.value };
    const chunks = cookies
      .filter((c) => c.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
    if (chunks.length) return { name, value: chunks.map((c) => c.value).join('') };
  }
  return null;
}

/**
 * Our claims from a session cookie, *without* the idle and sign-out checks: for telling who a
 * session that is no longer valid belonged to. Null when it cannot be decrypted.
 */
export async function decodeSessionClaims(cookie: RawSessionCookie): Promise<SessionClaims | null> {
  const secret = authSecrets();
  if (!secret.length) return null;
  try {
    return readClaims(await decode({ token: cookie.value, secret, salt: cookie.name }));
  } catch {
    return null;
  }
}

/** The secrets Auth.js decrypts with, newest first, as it reads them from the environment (AUTH_SECRET_1..3, AUTH_SECRET). */
function authSecrets(): string[] {
  const secrets: string[] = [];
  if (process.env.AUTH_SECRET) secrets.push(process.env.AUTH_SECRET);
  for (const i of [1, 2, 3]) {
    const secret = process.env[`AUTH_SECRET_${i}`];
    if (secret) secrets.unshift(secret);
  }
  return secrets;
}
