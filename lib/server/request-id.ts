/**
 * The request id: taken from the `x-request-id` a proxy or load balancer sent, or made here; set by
 * middleware.ts on the request the app sees and on the response. Edge-safe (no Node APIs).
 */
export const REQUEST_ID_HEADER = 'x-request-id';

// A proxy's id is trusted only in a harmless shape: it ends up in logs and a response header.
const ACCEPTABLE = /^[A-Za-z0-9._:=/+-]{8,128}$/;

export function requestIdFrom(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given && ACCEPTABLE.test(given) ? given : crypto.randomUUID();
}

/** The request headers with the id set, for `NextResponse.next({ request: { headers } })`. */
export function headersWithRequestId(headers: Headers, requestId: string): Headers {
  const forwarded = new Headers(headers);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  return forwarded;
}
