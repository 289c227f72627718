import NextAuth from 'next-auth';
import type { NextAuthRequest } from 'next-auth';
import { NextResponse, type NextRequest } from 'next/server';
import { createAuthConfig } from '@/auth.config';
import {
  IDLE_REASON,
  isSignedOut,
  loginPathFor,
  PATIENT_LOGIN_PATH,
  SIGNED_OUT_COOKIE,
  STAFF_LOGIN_PATH,
  type SessionKind,
} from '@/lib/auth/session-claims';
import { decodeSessionClaims, findSessionCookie } from '@/lib/auth/session-cookie';
import { headersWithRequestId, REQUEST_ID_HEADER, requestIdFrom } from '@/lib/server/request-id';
import { contentSecurityPolicy, createNonce, HSTS_HEADER_VALUE, isHttpsRequest } from '@/lib/security/headers';

/**
 * The first, optimistic gate (pages, layouts and actions check again) and the server side of
 * the idle lock. Edge runtime: no database here (STACK.md trap 1).
 *
 * Auth.js runs the `jwt` callback for every request that passes through here, re-issuing the
 * session cookie with a fresh `lastSeen` (so each page view, navigation and server action counts
 * as activity), or clearing it once the idle minutes have passed. Next.js hides its router headers
 * from middleware, so link prefetches count too; the router only prefetches right after a
 * navigation or on hover/scroll, never on a timer, so they do not keep an unattended session alive.
 */
const { auth } = NextAuth((req) => createAuthConfig(() => req?.cookies.get(SIGNED_OUT_COOKIE)?.value));

/** The patient's private pages. The portal home, the insurer list, help and registration are public. */
const PATIENT_PRIVATE_PREFIXES = ['/mis-turnos', '/tomar-turno', '/mis-datos'];

function isUnder(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

function privateAreaOf(pathname: string): SessionKind | null {
  if (isUnder(pathname, '/admin')) return pathname === STAFF_LOGIN_PATH ? null : 'staff';
  return PATIENT_PRIVATE_PREFIXES.some((p) => isUnder(pathname, p)) ? 'patient' : null;
}

/** This request's CSP (with a fresh nonce) and whether it came over HTTPS (lib/security/headers.ts). */
function securityOf(req: NextRequest) {
  const https = isHttpsRequest(
    { protocol: req.nextUrl.protocol, forwardedProto: req.headers.get('x-forwarded-proto') },
    process.env.AUTH_URL,
  );
  const csp = contentSecurityPolicy({ nonce: createNonce(), dev: process.env.NODE_ENV === 'development', https });
  return { csp, https };
}

function withSecurityHeaders(response: Response, security: ReturnType<typeof securityOf>): Response {
  response.headers.set('Content-Security-Policy', security.csp);
  if (security.https) response.headers.set('Strict-Transport-Security', HSTS_HEADER_VALUE);
  return response;
}

function redirectTo(req: NextRequest, path: string, params: Record<string, string | undefined>): Response {
  const url = new URL(path, req.nextUrl.origin);
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  // A server action's fetch does not navigate on a plain redirect: answer the way Next.js
  // answers an action that called redirect().
  if (req.headers.has('next-action')) {
    return new NextResponse(null, {
      status: 303,
      headers: { 'x-action-redirect': `${url.pathname}${url.search};replace` },
    });
  }
  return NextResponse.redirect(url);
}

const handleRequest = auth(async (req) => {
  const security = securityOf(req);
  // For the logs (lib/server/log.ts): the app reads it from the request, the client gets it back.
  const requestId = requestIdFrom(req.headers);
  const response = withSecurityHeaders(await gate(req, security.csp, requestId), security);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
});

async function gate(req: NextAuthRequest, csp: string, requestId: string): Promise<Response> {
  const { pathname } = req.nextUrl;
  const user = req.auth?.user ?? null;
  const area = privateAreaOf(pathname);
  const isLoginPage = pathname === PATIENT_LOGIN_PATH || pathname === STAFF_LOGIN_PATH;

  if (!user && !isLoginPage) {
    const cookie = findSessionCookie(req.cookies.getAll());
    const stale = cookie ? await decodeSessionClaims(cookie) : null;
    const signedOut = stale !== null && isSignedOut(stale, req.cookies.get(SIGNED_OUT_COOKIE)?.value);
    if (cookie && !signedOut) {
      // A session cookie but no session: it went idle (Auth.js clears the cookie in this
      // same response). Say so on the sign-in page, as the manual shows.
      const kind = stale?.user.kind ?? area ?? 'patient';
      return redirectTo(req, loginPathFor(kind), {
        motivo: IDLE_REASON,
        desde: area === kind ? pathname : undefined,
      });
    }
  }

  if (area && user?.kind !== area) {
    return redirectTo(req, loginPathFor(area), { desde: pathname });
  }
  // Next.js reads the nonce from the request's own CSP header and puts it on its scripts.
  const headers = headersWithRequestId(req.headers, requestId);
  headers.set('Content-Security-Policy', csp);
  return NextResponse.next({ request: { headers } });
}

/**
 * With a lazy config (a function), Auth.js hands back the wrapped handler as a promise, which
 * Next.js refuses as the middleware's default export ("must export a default function"), so every
 * page answered 500. Await it inside a real function.
 */
export default async function middleware(...args: Parameters<typeof handleRequest>) {
  const handler = await (handleRequest as unknown as Promise<typeof handleRequest> | typeof handleRequest);
  return handler(...args);
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|xml|css|js|map)$).*)'],
};
