import { NextResponse, type NextRequest } from 'next/server';
import { readMiddlewareSession, type MiddlewareSession } from '@/lib/auth/middleware-session';
import { IDLE_REASON, loginPathFor, PATIENT_LOGIN_PATH, STAFF_LOGIN_PATH, type SessionKind } from '@/lib/auth/session-claims';
import { headersWithRequestId, REQUEST_ID_HEADER, requestIdFrom } from '@/lib/server/request-id';
import { contentSecurityPolicy, createNonce, HSTS_HEADER_VALUE, isHttpsRequest } from '@/lib/security/headers';

/**
 * The first, optimistic gate (pages, layouts and actions check again) and the server side of
 * the idle lock. It runs on Node.js (`runtime: 'nodejs'` below, stable since Next.js 15.5), in the
 * server's own process: on the edge runtime it ran in a sandbox that cost each page ~15% of its
 * CPU. No database here all the same: it runs before every page and must stay cheap.
 *
 * Each request that passes through here moves the session's `lastSeen` forward
 * (lib/auth/middleware-session.ts: the `jwt` callback's rules, the cookie re-issued at most every
 * 15 s), so each page view, navigation and server action counts as activity, and a session past
 * its idle minutes is cleared. Next.js hides its router headers from middleware, so link
 * prefetches count too; the router only prefetches right after a navigation or on hover/scroll,
 * never on a timer, so they do not keep an unattended session alive.
 */

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

function withSecurityHeaders(response: NextResponse, security: ReturnType<typeof securityOf>): NextResponse {
  response.headers.set('Content-Security-Policy', security.csp);
  if (security.https) response.headers.set('Strict-Transport-Security', HSTS_HEADER_VALUE);
  return response;
}

function redirectTo(req: NextRequest, path: string, params: Record<string, string | undefined>): NextResponse {
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

export default function middleware(req: NextRequest): NextResponse {
  const security = securityOf(req);
  // For the logs (lib/server/log.ts): the app reads it from the request, the client gets it back.
  const requestId = requestIdFrom(req.headers);
  const session = readMiddlewareSession(req.cookies.getAll(), req.headers);
  const response = withSecurityHeaders(gate(req, session, security.csp, requestId), security);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const c of session.cookies) response.cookies.set(c.name, c.value, c.options);
  return response;
}

function gate(req: NextRequest, session: MiddlewareSession, csp: string, requestId: string): NextResponse {
  const { pathname } = req.nextUrl;
  const area = privateAreaOf(pathname);
  const isLoginPage = pathname === PATIENT_LOGIN_PATH || pathname === STAFF_LOGIN_PATH;

  if (session.ended && !isLoginPage) {
    // A session cookie but no session: it went idle (its cookie is cleared in this same
    // response). Say so on the sign-in page, as the manual shows.
    const kind = session.ended.claims?.user.kind ?? area ?? 'patient';
    return redirectTo(req, loginPathFor(kind), {
      motivo: IDLE_REASON,
      desde: area === kind ? pathname : undefined,
    });
  }

  if (area && session.user?.kind !== area) {
    return redirectTo(req, loginPathFor(area), { desde: pathname });
  }
  // Next.js reads the nonce from the request's own CSP header and puts it on its scripts.
  const headers = headersWithRequestId(req.headers, requestId);
  headers.set('Content-Security-Policy', csp);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  runtime: 'nodejs',
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|xml|css|js|map)$).*)'],
};
