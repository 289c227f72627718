import { openSessionToken } from '@/lib/auth/session-jwe';
import { isSessionExpired, isSignedOut, readClaims, SIGNED_OUT_COOKIE, type SessionClaims, type SessionUser } from '@/lib/auth/session-claims';

/** Auth.js's session cookie names: with the `__Secure-` prefix on HTTPS, plain on HTTP. */
const SESSION_COOKIES = ['__Secure-authjs.session-token', 'authjs.session-token'];

export interface RawSessionCookie {
  /** Also the salt the JWT was encrypted with. */
  name: string;
  value: string;
  /** The names of the `.0`, `.1`... cookies it was joined from, when Auth.js split it. */
  chunks?: string[];
}

/** The name Auth.js gives the session cookie on HTTPS (`secure`) or plain HTTP. */
export function sessionCookieName(secure: boolean): string {
  return SESSION_COOKIES[secure ? 0 : 1];
}

/**
 * Whether Auth.js names its cookies `__Secure-` for this request: its URL is AUTH_URL when set,
 * else the forwarded protocol (https when none), as @auth/core's createActionURL() decides.
 */
export function usesSecureCookies(requestHeaders: Headers): boolean {
  const configured = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  if (configured) return new URL(configured).protocol === 'https:';
  const proto = requestHeaders.get('x-forwarded-proto') ?? 'https';
  return (proto.endsWith(':') ? proto : `${proto}:`) === 'https:';
}

/**
 * The raw session cookie, joined if Auth.js split it into `.0`, `.1`... chunks.
 * `names`: the names to look for, in order (by default both, secure first).
 */
export function findSessionCookie(cookies: { name: string; value: string }[], names: readonly string[] = SESSION_COOKIES): RawSessionCookie | null {
  for (const name of names) {
    const whole = cookies.find((c) => c.name === name);
    if (whole) return { name, value: whole.value };
    const chunks = cookies
      .filter((c) => c.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
    if (chunks.length) return { name, value: chunks.map((c) => c.value).join(''), chunks: chunks.map((c) => c.name) };
  }
  return null;
}

/**
 * Our claims from a session cookie, *without* the idle and sign-out checks: for telling who a
 * session that is no longer valid belonged to. Null when it cannot be decrypted.
 */
export function decodeSessionClaims(cookie: RawSessionCookie): SessionClaims | null {
  return readClaims(decodeSessionToken(cookie));
}

/** A session cookie as read, with the `jwt` callback's rules (auth.config.ts) applied. */
export interface CookieSession {
  cookie: RawSessionCookie;
  /** The whole decrypted token (our claims and Auth.js's), null when it cannot be opened. */
  token: Record<string, unknown> | null;
  claims: SessionClaims | null;
  /** The signed-in user: set only while the session is live (within its idle minutes and 12 hours, not signed out). */
  user: SessionUser | null;
  /** Ended by "Salir": the marker cookie names this session. */
  signedOut: boolean;
}

/**
 * The session this request carries under the cookie name Auth.js uses for its protocol, or null
 * without one: what auth() answers server components and what the middleware gates on.
 */
export function readRequestSession(requestCookies: { name: string; value: string }[], requestHeaders: Headers, now: number): CookieSession | null {
  const cookie = findSessionCookie(requestCookies, [sessionCookieName(usesSecureCookies(requestHeaders))]);
  return cookie ? sessionOfCookie(cookie, requestCookies, now) : null;
}

/** One session cookie judged by the `jwt` callback's rules: idle minutes, 12 hours, signed out. */
export function sessionOfCookie(cookie: RawSessionCookie, requestCookies: { name: string; value: string }[], now: number): CookieSession {
  const token = decodeSessionToken(cookie);
  const claims = readClaims(token);
  const signedOut = claims !== null && isSignedOut(claims, requestCookies.find((c) => c.name === SIGNED_OUT_COOKIE)?.value);
  const live = claims !== null && !signedOut && !isSessionExpired(claims, now);
  return { cookie, token, claims, user: live ? claims.user : null, signedOut };
}

/** The whole decrypted token of a session cookie (our claims and Auth.js's), or null. */
export function decodeSessionToken(cookie: RawSessionCookie): Record<string, unknown> | null {
  const secrets = authSecrets();
  return secrets.length ? openSessionToken(cookie.value, secrets, cookie.name) : null;
}

/** The secret Auth.js encrypts new session tokens with (next-auth: AUTH_SECRET first). */
export function sealingSecret(): string | undefined {
  return process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET ?? authSecrets()[0];
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
