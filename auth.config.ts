import type { NextAuthConfig, Session, User } from 'next-auth';
import {
  isSessionExpired,
  isSessionUser,
  isSignedOut,
  PATIENT_LOGIN_PATH,
  readClaims,
  SESSION_MAX_AGE_SECONDS,
  type SessionClaims,
  type SessionUser,
} from '@/lib/auth/session-claims';

declare module 'next-auth' {
  interface Session {
    user: SessionUser;
  }
}

/** What `authorize` returns: Auth.js's user plus our session user. */
export type AuthorizedUser = User & { sessionUser: SessionUser };

/** Reads the sign-out marker cookie of the current request (see SIGNED_OUT_COOKIE). */
export type SignedOutMarkerReader = () => string | undefined | Promise<string | undefined>;

/**
 * The edge-safe half of the Auth.js setup (STACK.md trap 1): the middleware builds its own
 * instance from this; lib/auth/auth.ts adds the credential providers, which need the database.
 * Each side passes how it reads the request's cookies.
 *
 * The idle lock lives in the `jwt` callback: every request that reaches Auth.js (the middleware
 * runs on every page, RSC and server-action request) re-issues the cookie with a fresh
 * `lastSeen`, and returning null once the idle minutes have passed makes Auth.js clear it.
 */
export function createAuthConfig(readSignedOutMarker: SignedOutMarkerReader) {
  return {
    trustHost: true,
    pages: { signIn: PATIENT_LOGIN_PATH, error: PATIENT_LOGIN_PATH },
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    providers: [],
    callbacks: {
      async jwt({ token, user }) {
        const now = Date.now();
        if (user) {
          const { sessionUser } = user as AuthorizedUser;
          if (!isSessionUser(sessionUser)) return null;
          const claims: SessionClaims = { user: sessionUser, sid: crypto.randomUUID(), lastSeen: now, signedInAt: now };
          return { sub: sessionUser.id, name: sessionUser.name, ...claims };
        }
        const claims = readClaims(token);
        if (!claims || isSessionExpired(claims, now)) return null;
        if (isSignedOut(claims, await readSignedOutMarker())) return null;
        return { ...token, lastSeen: now };
      },
      session({ session, token }) {
        const claims = readClaims(token);
        // Only reached with a token the jwt callback accepted, so claims are present.
        return { expires: session.expires, user: claims!.user } as Session;
      },
    },
  } satisfies NextAuthConfig;
}
