import { SESSION_MAX_AGE_SECONDS, type SessionClaims, type SessionUser } from '@/lib/auth/session-claims';
import {
  findSessionCookie,
  readRequestSession,
  sealingSecret,
  sessionCookieName,
  sessionOfCookie,
  type RawSessionCookie,
} from '@/lib/auth/session-cookie';
import { sealSessionToken } from '@/lib/auth/session-jwe';

/**
 * What the middleware does with the session cookie on each request: the server side of the idle
 * lock. It reads the cookie Auth.js set at sign-in, applies the `jwt` callback's rules
 * (auth.config.ts: idle minutes, 12 hours, signed out) and moves `lastSeen` forward by re-issuing
 * the cookie, as Auth.js's own middleware wrapper did on every request, but:
 * - the token is opened and sealed with node:crypto and a cached key (lib/auth/session-jwe.ts),
 *   not through Auth.js's session endpoint (HKDF, WebCrypto, a CSRF cookie and a callback-URL
 *   cookie on every page);
 * - the cookie is re-issued only when `lastSeen` is older than `refreshAfterMs`: a page view
 *   counts as activity to within 15 s (a tenth of the idle time when that is shorter), so a
 *   session can end at most that much before its idle minutes, never after.
 */

export interface CookieToSet {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean; expires: Date };
}

export interface MiddlewareSession {
  /** The signed-in user, or null. */
  user: SessionUser | null;
  /**
   * A session cookie came but makes no session (idle, past 12 hours, unreadable) and was not
   * ended by "Salir": the claims it carried when readable. The middleware shows the idle notice.
   */
  ended: { claims: SessionClaims | null } | null;
  /** Cookies to set on the response: the refreshed session, or the ended one cleared. */
  cookies: CookieToSet[];
}

/** How stale `lastSeen` may get before the cookie is re-issued. */
export function refreshAfterMs(user: SessionUser): number {
  return Math.min(15_000, (user.idleMinutes * 60_000) / 10);
}

export function readMiddlewareSession(
  requestCookies: { name: string; value: string }[],
  requestHeaders: Headers,
  now = Date.now(),
): MiddlewareSession {
  const session = readRequestSession(requestCookies, requestHeaders, now);
  if (!session) return { user: null, ended: endedElsewhere(requestCookies, now), cookies: [] };
  const { cookie, token, claims, user } = session;
  const secure = cookie.name === sessionCookieName(true);
  if (!user || !token || !claims) {
    // Auth.js clears a cookie that makes no session, chunks included.
    const cookies = namesOf(cookie).map((n) => cookieToSet(n, '', secure, new Date(0)));
    return { user: null, ended: session.signedOut ? null : { claims }, cookies };
  }
  if (now - claims.lastSeen < refreshAfterMs(user) && !cookie.chunks) return { user, ended: null, cookies: [] };
  const secret = sealingSecret();
  if (!secret) return { user, ended: null, cookies: [] };
  const { iat: _iat, exp: _exp, jti: _jti, ...rest } = token;
  const value = sealSessionToken({ ...rest, lastSeen: now }, secret, cookie.name, SESSION_MAX_AGE_SECONDS, now);
  const expires = new Date(now + SESSION_MAX_AGE_SECONDS * 1000);
  const cookies = [cookieToSet(cookie.name, value, secure, expires)];
  // A token Auth.js split into chunks comes back whole (ours are far under a cookie's 4 KB).
  for (const chunk of cookie.chunks ?? []) cookies.push(cookieToSet(chunk, '', secure, new Date(0)));
  return { user, ended: null, cookies };
}

/**
 * No session cookie under this request's name, but one under the other (HTTP/HTTPS) name: it
 * still tells the middleware a session was there (as Auth.js's wrapper saw it: any name).
 */
function endedElsewhere(requestCookies: { name: string; value: string }[], now: number): MiddlewareSession['ended'] {
  const other = findSessionCookie(requestCookies);
  if (!other) return null;
  const session = sessionOfCookie(other, requestCookies, now);
  return session.signedOut ? null : { claims: session.claims };
}

function namesOf(cookie: RawSessionCookie): string[] {
  return cookie.chunks ?? [cookie.name];
}

function cookieToSet(name: string, value: string, secure: boolean, expires: Date): CookieToSet {
  return { name, value, options: { httpOnly: true, sameSite: 'lax', path: '/', secure, expires } };
}
