import { encode } from 'next-auth/jwt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SIGNED_OUT_COOKIE, type PatientSessionUser, type SessionClaims } from '@/lib/auth/session-claims';

/**
 * lib/auth/request-session.ts's auth() (lib/auth/auth.ts exports it): the session of the request for server components and actions, read
 * from the cookie Auth.js would read, with the jwt callback's checks (tests/unit/auth-session.test.ts
 * covers the callback itself).
 */

const request = vi.hoisted(() => ({ headers: new Headers(), cookies: new Map<string, string>() }));
vi.mock('next/headers', () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
    getAll: () => [...request.cookies].map(([name, value]) => ({ name, value })),
    set: () => undefined,
  }),
}));

const { auth } = await import('@/lib/auth/request-session');

const SECRET = 'unit-test-secret-unit-test-secret-0123456789';
const patient: PatientSessionUser = { kind: 'patient', id: 'patient:7', patientId: 7, name: 'PEREZ JUAN', dni: '30111222', idleMinutes: 10 };
const T0 = new Date('2026-11-23T12:00:00Z').getTime();
const minutes = (n: number) => n * 60_000;

async function cookieFor(claims: Partial<SessionClaims>, salt = 'authjs.session-token', secret = SECRET) {
  return encode({ token: { sub: patient.id, name: patient.name, ...claims }, secret, salt, maxAge: 12 * 3600 });
}
const claims = (extra: Partial<SessionClaims> = {}): SessionClaims => ({ user: patient, sid: 'sid-1', lastSeen: T0, signedInAt: T0, ...extra });

describe('auth() for server components and actions', () => {
  const env = { ...process.env };
  beforeEach(() => {
    process.env.AUTH_SECRET = SECRET;
    delete process.env.AUTH_URL;
    delete process.env.NEXTAUTH_URL;
    request.headers = new Headers({ host: 'turnos.test', 'x-forwarded-proto': 'http' });
    request.cookies = new Map();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0 + minutes(5));
  });
  afterEach(() => {
    vi.useRealTimers();
    process.env = { ...env };
  });

  it('answers the signed-in user from a valid session cookie', async () => {
    request.cookies.set('authjs.session-token', await cookieFor(claims()));
    expect((await auth())?.user).toEqual(patient);
  });

  it('answers null without a cookie, with a forged or foreign one, or with another secret', async () => {
    expect(await auth()).toBeNull();
    request.cookies.set('authjs.session-token', 'not-a-jwt');
    expect(await auth()).toBeNull();
    request.cookies.set('authjs.session-token', await cookieFor(claims(), 'authjs.session-token', 'another-secret-another-secret-0123456789'));
    expect(await auth()).toBeNull();
    // Encrypted for the other cookie name (the salt): not accepted under this one.
    request.cookies.set('authjs.session-token', await cookieFor(claims(), '__Secure-authjs.session-token'));
    expect(await auth()).toBeNull();
  });

  it('applies the idle minutes, the 12-hour limit and the sign-out marker, as the jwt callback does', async () => {
    request.cookies.set('authjs.session-token', await cookieFor(claims()));
    vi.setSystemTime(T0 + minutes(10) + 1);
    expect(await auth()).toBeNull();
    vi.setSystemTime(T0 + minutes(5));
    request.cookies.set('authjs.session-token', await cookieFor(claims({ lastSeen: T0 + minutes(4), signedInAt: T0 - minutes(12 * 60) })));
    expect(await auth()).toBeNull();
    request.cookies.set('authjs.session-token', await cookieFor(claims()));
    request.cookies.set(SIGNED_OUT_COOKIE, 'sid-1');
    expect(await auth()).toBeNull();
    request.cookies.set(SIGNED_OUT_COOKIE, 'another-sid');
    expect((await auth())?.user).toEqual(patient);
  });

  it('rejects tokens without our claims', async () => {
    request.cookies.set('authjs.session-token', await encode({ token: { sub: 'x', name: 'y' }, secret: SECRET, salt: 'authjs.session-token' }));
    expect(await auth()).toBeNull();
  });

  it('reads the cookie Auth.js names for the request: __Secure- on HTTPS, by the forwarded protocol or AUTH_URL', async () => {
    const secure = await cookieFor(claims(), '__Secure-authjs.session-token');
    request.cookies.set('__Secure-authjs.session-token', secure);
    expect(await auth()).toBeNull();
    request.headers = new Headers({ host: 'turnos.test', 'x-forwarded-proto': 'https' });
    expect((await auth())?.user).toEqual(patient);
    request.headers = new Headers({ host: 'turnos.test' });
    expect((await auth())?.user).toEqual(patient);
    process.env.AUTH_URL = 'http://turnos.test';
    expect(await auth()).toBeNull();
    request.cookies.set('authjs.session-token', await cookieFor(claims()));
    expect((await auth())?.user).toEqual(patient);
  });

  it('joins a cookie Auth.js split into chunks', async () => {
    const value = await cookieFor(claims());
    request.cookies.set('authjs.session-token.1', value.slice(100));
    request.cookies.set('authjs.session-token.0', value.slice(0, 100));
    expect((await auth())?.user).toEqual(patient);
  });

  it('accepts a cookie made with an older secret still listed (AUTH_SECRET_1)', async () => {
    request.cookies.set('authjs.session-token', await cookieFor(claims(), 'authjs.session-token', 'older-secret-older-secret-0123456789abcdef'));
    expect(await auth()).toBeNull();
    process.env.AUTH_SECRET_1 = 'older-secret-older-secret-0123456789abcdef';
    expect((await auth())?.user).toEqual(patient);
  });
});
