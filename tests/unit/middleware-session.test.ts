import { decode, encode } from 'next-auth/jwt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMiddlewareSession, refreshAfterMs } from '@/lib/auth/middleware-session';
import { SIGNED_OUT_COOKIE, type PatientSessionUser, type SessionClaims, type StaffSessionUser } from '@/lib/auth/session-claims';

/**
 * The middleware's side of the session (lib/auth/middleware-session.ts): the jwt callback's
 * rules on every request, the cookie re-issued with a fresh lastSeen (readable by Auth.js),
 * cleared when the session ended.
 */

const SECRET = 'unit-test-secret-unit-test-secret-0123456789';
const NAME = 'authjs.session-token';
const patient: PatientSessionUser = { kind: 'patient', id: 'patient:7', patientId: 7, name: 'PEREZ JUAN', dni: '30111222', idleMinutes: 10 };
const staff: StaffSessionUser = { kind: 'staff', id: 'staff:2', staffId: 2, name: 'Recepción', username: 'recepcion', role: 'reception', idleMinutes: 1 };
/** Real time: Auth.js's decode checks the token's expiry against the clock. */
const T0 = Date.now() - 1000;
const http = new Headers({ host: 'turnos.test', 'x-forwarded-proto': 'http' });
const claims = (extra: Partial<SessionClaims> = {}): SessionClaims => ({ user: patient, sid: 'sid-1', lastSeen: T0, signedInAt: T0, ...extra });

async function sessionCookie(c: SessionClaims, name = NAME, secret = SECRET) {
  return { name, value: await encode({ token: { sub: c.user.id, name: c.user.name, ...c }, secret, salt: name, maxAge: 12 * 3600 }) };
}

describe('the middleware session', () => {
  const env = { ...process.env };
  beforeEach(() => {
    process.env.AUTH_SECRET = SECRET;
    delete process.env.AUTH_URL;
    delete process.env.NEXTAUTH_URL;
  });
  afterEach(() => {
    process.env = { ...env };
  });

  it('no cookie: no user, nothing ended, nothing to set', () => {
    expect(readMiddlewareSession([], http, T0)).toEqual({ user: null, ended: null, cookies: [] });
  });

  it('a fresh session: the user, and the cookie is left alone until lastSeen is 15 s old', async () => {
    const cookie = await sessionCookie(claims());
    const soon = readMiddlewareSession([cookie], http, T0 + 14_000);
    expect(soon.user).toEqual(patient);
    expect(soon.cookies).toEqual([]);
    expect(soon.ended).toBeNull();
  });

  it('re-issues the cookie with lastSeen moved forward, which Auth.js reads back with the same sign-in', async () => {
    const cookie = await sessionCookie(claims());
    const at = T0 + 15_000;
    const { user, cookies } = readMiddlewareSession([cookie], http, at);
    expect(user).toEqual(patient);
    expect(cookies).toHaveLength(1);
    const [set] = cookies;
    expect(set.name).toBe(NAME);
    expect(set.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure: false });
    expect(set.options.expires.getTime()).toBe(at + 12 * 3600 * 1000);
    const token = await decode({ token: set.value, secret: SECRET, salt: NAME });
    expect(token).toMatchObject({ sub: patient.id, user: patient, sid: 'sid-1', signedInAt: T0, lastSeen: at });
  });

  it('refreshes more often when the idle time is short: a tenth of it', () => {
    expect(refreshAfterMs(patient)).toBe(15_000);
    expect(refreshAfterMs(staff)).toBe(6_000);
  });

  it('an idle session: no user, the idle notice with its claims, and the cookie cleared', async () => {
    const cookie = await sessionCookie(claims());
    const session = readMiddlewareSession([cookie], http, T0 + 10 * 60_000 + 1);
    expect(session.user).toBeNull();
    expect(session.ended?.claims?.user).toEqual(patient);
    expect(session.cookies).toEqual([{ name: NAME, value: '', options: expect.objectContaining({ expires: new Date(0) }) }]);
    // Still within the idle minutes a moment before.
    expect(readMiddlewareSession([cookie], http, T0 + 10 * 60_000).user).toEqual(patient);
  });

  it('ends even an active session 12 hours after sign-in', async () => {
    const cookie = await sessionCookie(claims({ lastSeen: T0 + 12 * 3600_000 - 60_000 }));
    expect(readMiddlewareSession([cookie], http, T0 + 12 * 3600_000 + 1).user).toBeNull();
  });

  it('a signed-out session: no user, no idle notice, cookie cleared', async () => {
    const cookie = await sessionCookie(claims());
    const session = readMiddlewareSession([cookie, { name: SIGNED_OUT_COOKIE, value: 'sid-1' }], http, T0 + 1000);
    expect(session).toMatchObject({ user: null, ended: null });
    expect(session.cookies.map((c) => c.value)).toEqual(['']);
    expect(readMiddlewareSession([cookie, { name: SIGNED_OUT_COOKIE, value: 'sid-2' }], http, T0 + 1000).user).toEqual(patient);
  });

  it('a forged or foreign cookie: no user, treated as a session that ended (the idle notice), cleared', async () => {
    for (const cookie of [{ name: NAME, value: 'forged' }, await sessionCookie(claims(), NAME, 'another-secret-another-secret-0123456789-xyz')]) {
      const session = readMiddlewareSession([cookie], http, T0 + 1000);
      expect(session).toMatchObject({ user: null, ended: { claims: null } });
      expect(session.cookies).toHaveLength(1);
    }
  });

  it('reads the cookie by the name Auth.js uses for the protocol: __Secure- on HTTPS', async () => {
    const https = new Headers({ host: 'turnos.test', 'x-forwarded-proto': 'https' });
    const secureCookie = await sessionCookie(claims(), '__Secure-authjs.session-token');
    const session = readMiddlewareSession([secureCookie], https, T0 + 20_000);
    expect(session.user).toEqual(patient);
    expect(session.cookies[0]).toMatchObject({ name: '__Secure-authjs.session-token', options: { secure: true } });
    // The plain-HTTP cookie over HTTPS is not this request's session: the idle notice, not cleared here.
    const plain = await sessionCookie(claims());
    expect(readMiddlewareSession([plain], https, T0 + 1000)).toEqual({ user: null, ended: { claims: claims() }, cookies: [] });
  });

  it('joins a cookie Auth.js split into chunks, re-issues it whole and clears the chunks', async () => {
    const { value } = await sessionCookie(claims());
    const chunks = [
      { name: `${NAME}.0`, value: value.slice(0, 100) },
      { name: `${NAME}.1`, value: value.slice(100) },
    ];
    const session = readMiddlewareSession(chunks, http, T0 + 1000);
    expect(session.user).toEqual(patient);
    expect(session.cookies.map((c) => [c.name, c.value === ''])).toEqual([
      [NAME, false],
      [`${NAME}.0`, true],
      [`${NAME}.1`, true],
    ]);
  });
});
