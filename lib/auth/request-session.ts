import 'server-only';
import type { Session } from 'next-auth';
import { cookies, headers } from 'next/headers';
import { SESSION_MAX_AGE_SECONDS } from '@/lib/auth/session-claims';
import { readRequestSession } from '@/lib/auth/session-cookie';

/**
 * The session of the request being served, for server components and server actions: the same
 * answer as Auth.js's own `auth()` there (the JWT cookie Auth.js would read, decrypted and checked
 * for expiry, then the `jwt` callback's checks: idle, absolute lifetime, signed out), without its
 * cost. Auth.js's version runs its whole session endpoint for each call: a CSRF token, the
 * decryption, then a re-encryption of the refreshed cookie, which a server component cannot set
 * and drops (the middleware re-issues the cookie), and a JSON round trip.
 */
export async function auth(): Promise<(Session & { sid?: string }) | null> {
  const [requestHeaders, jar] = await Promise.all([headers(), cookies()]);
  const session = readRequestSession(jar.getAll(), requestHeaders, Date.now());
  const user = session?.user;
  // sid: this sign-in's id, for the session kept after a password change (lib/auth/session.ts).
  return user ? { user, sid: session.claims?.sid, expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000).toISOString() } : null;
}

