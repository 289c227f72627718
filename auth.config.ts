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
 * The Auth.js setup without the credential providers, which lib/auth/auth.ts adds (they need the
 * database); the caller passes how it reads the request's cookies.
 *
 * The `jwt` callback stamps the session at sign-in and holds the idle lock's rules for Auth.js's
 * own endpoints (`/api/auth/session`): returning null once the idle minutes have passed makes
 * Auth.js clear the cookie. The middleware applies the same rules on every page, RSC and
 * server-action request (lib/auth/middleware-session.ts) and moves `lastSeen` forward.
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
