/**
 * Absolute links for mails. The center's "Dirección Web" setting wins: it is what the operator
 * declared, while the request's Host header is whatever the client sent (a forged Host on a
 * password-reset request would otherwise mail the victim a link to someone else's site). The
 * request origin is only the fallback for a center that has not set its address yet.
 */
export function linkBase(webAddress: string | null | undefined, requestOrigin: string): string {
  const configured = webAddress?.trim();
  if (configured) {
    try {
      const url = new URL(configured);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
    } catch {
      // Not a usable URL: fall back to where the request came in.
    }
  }
  return requestOrigin;
}

/** `${base}/activar?token=...`, keeping any path prefix of the base ("https://x.com/turnos/"). */
export function tokenLink(base: string, path: string, token: string): string {
  const url = new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`);
  url.searchParams.set('token', token);
  return url.toString();
}

/** The origin the browser used, as the nearest proxy reports it (AUTH_TRUST_HOST deployments). */
export function requestOrigin(headers: Headers): string {
  const host = headers.get('x-forwarded-host')?.split(',')[0].trim() || headers.get('host') || 'localhost:3000';
  const proto = headers.get('x-forwarded-proto')?.split(',')[0].trim() || 'http';
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}
