/**
 * The security headers of every response. Edge-safe and pure (the middleware builds the
 * per-request part; next.config.ts adds the fixed part to everything else, API and files too).
 *
 * The Content-Security-Policy carries a fresh nonce per request: Next.js reads it from the
 * request's own CSP header (the middleware sets both) and puts it on its inline and chunk
 * scripts, which is why every page renders dynamically (app/layout.tsx). With 'strict-dynamic'
 * only nonce'd scripts and what they load may run: an injected <script> or on* handler never does.
 */

/** Headers that do not depend on the request: next.config.ts sends them on every response. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // Nothing in the portal or the staff area needs any of these.
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
};

export const HSTS_HEADER_VALUE = 'max-age=31536000; includeSubDomains';

/** 128 random bits, base64: unguessable, and valid as a CSP nonce-source. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy({ nonce, dev = false, https = false }: { nonce: string; dev?: boolean; https?: boolean }): string {
  const directives = [
    "default-src 'self'",
    // 'unsafe-eval' only for the development server's hot reload; production never evaluates strings.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // React sets style attributes (and Next its route announcer): they cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/**
 * Whether the visitor is on HTTPS: the request says so (directly or through the proxy's
 * x-forwarded-proto), or the configured public address (AUTH_URL) is https. Only then is HSTS
 * sent: on plain HTTP it would be ignored at best, and lock a misconfigured site out at worst.
 */
export function isHttpsRequest(request: { protocol: string; forwardedProto: string | null }, publicUrl: string | undefined): boolean {
  if (request.protocol === 'https:') return true;
  if (request.forwardedProto?.split(',')[0].trim().toLowerCase() === 'https') return true;
  return !!publicUrl && /^https:\/\//i.test(publicUrl.trim());
}
