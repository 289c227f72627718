import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAuthConfig, type AuthorizedUser } from '@/auth.config';
import {
  idleMessage,
  isIdleExpired,
  readClaims,
  safeReturnPath,
  type PatientSessionUser,
  type StaffSessionUser,
} from '@/lib/auth/session-claims';

const patient: PatientSessionUser = {
  kind: 'patient',
  id: 'patient:7',
  patientId: 7,
  name: 'PEREZ JUAN',
  dni: '30111222',
  idleMinutes: 10,
};
const staff: StaffSessionUser = {
  kind: 'staff',
  id: 'staff:1',
  staffId: 1,
  username: 'admin',
  name: 'Administrador',
  role: 'admin',
  idleMinutes: 60,
};

// The sign-out marker cookie of the "request".
let signedOutMarker: string | undefined;
const authConfig = createAuthConfig(() => signedOutMarker);
// The callbacks as Auth.js calls them, without its many overloads.
type Token = Record<string, unknown>;
const jwt = authConfig.callbacks.jwt as unknown as (p: { token: Token; user?: AuthorizedUser }) => Promise<Token | null>;
const session = authConfig.callbacks.session as unknown as (p: { session: { expires: string }; token: Token }) => { user: unknown };

const T0 = new Date('2026-11-23T12:00:00Z').getTime();
const minutes = (n: number) => n * 60_000;

describe('idle lock in the jwt callback (invariant 7)', () => {
  beforeEach(() => {
    signedOutMarker = undefined;
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  async function signIn(user: PatientSessionUser | StaffSessionUser) {
    return (await jwt({ token: {}, user: { id: user.id, name: user.name, sessionUser: user } }))!;
  }

  it('stamps the session user, a sign-in id, lastSeen and sign-in time at sign-in', async () => {
    const token = await signIn(patient);
    expect(token).toMatchObject({ sub: 'patient:7', name: 'PEREZ JUAN', user: patient, lastSeen: T0, signedInAt: T0 });
    expect(token.sid).toMatch(/^[0-9a-f-]{36}$/);
    expect((await signIn(patient)).sid).not.toBe(token.sid);
    expect(session({ session: { expires: 'x' }, token }).user).toEqual(patient);
  });

  it('each request within the idle minutes moves lastSeen forward', async () => {
    let token = await signIn(patient);
    vi.setSystemTime(T0 + minutes(9));
    token = (await jwt({ token }))!;
    expect(token.lastSeen).toBe(T0 + minutes(9));
    // 18 minutes after sign-in, but only 9 since the last request: still signed in.
    vi.setSystemTime(T0 + minutes(18));
    expect(await jwt({ token })).not.toBeNull();
  });

  it('ends the session once the idle minutes pass without a request', async () => {
    const token = await signIn(patient);
    vi.setSystemTime(T0 + minutes(10));
    expect(await jwt({ token: { ...token } })).not.toBeNull();
    vi.setSystemTime(T0 + minutes(10) + 1);
    expect(await jwt({ token: { ...token } })).toBeNull();
  });

  it('uses the minutes of the kind of user: staff have their own', async () => {
    const token = await signIn(staff);
    vi.setSystemTime(T0 + minutes(59));
    expect(await jwt({ token: { ...token } })).not.toBeNull();
    vi.setSystemTime(T0 + minutes(61));
    expect(await jwt({ token: { ...token } })).toBeNull();
  });

  it('ends even an active session after 12 hours', async () => {
    let token = await signIn(staff);
    for (let h = 1; h <= 12; h++) {
      vi.setSystemTime(T0 + minutes(h * 55));
      token = (await jwt({ token }))!;
    }
    vi.setSystemTime(T0 + minutes(12 * 60) + 1);
    expect(await jwt({ token })).toBeNull();
  });

  it('a signed-out session stays dead even if its cookie comes back', async () => {
    const token = await signIn(patient);
    const other = await signIn(patient);
    signedOutMarker = token.sid as string;
    expect(await jwt({ token: { ...token } })).toBeNull();
    // Only that sign-in: a newer one of the same patient is unaffected.
    expect(await jwt({ token: { ...other } })).not.toBeNull();
  });

  it('rejects tokens without our claims (forged shape, older format)', async () => {
    expect(await jwt({ token: { sub: 'x', name: 'y' } })).toBeNull();
    expect(await jwt({ token: { user: { ...patient, kind: 'doctor' }, sid: 'x', lastSeen: T0, signedInAt: T0 } })).toBeNull();
    expect(await jwt({ token: { user: patient, lastSeen: T0, signedInAt: T0 } })).toBeNull();
    expect(await jwt({ token: {}, user: { id: 'x', sessionUser: {} as PatientSessionUser } })).toBeNull();
  });
});

describe('session claims', () => {
  it('isIdleExpired compares against the user kind minutes', () => {
    expect(isIdleExpired({ user: patient, lastSeen: 0 }, minutes(10))).toBe(false);
    expect(isIdleExpired({ user: patient, lastSeen: 0 }, minutes(10) + 1)).toBe(true);
  });

  it('readClaims validates the staff role', () => {
    expect(readClaims({ user: staff, sid: 's', lastSeen: 1, signedInAt: 1 })?.user).toEqual(staff);
    expect(readClaims({ user: { ...staff, role: 'root' }, sid: 's', lastSeen: 1, signedInAt: 1 })).toBeNull();
    expect(readClaims(null)).toBeNull();
  });

  it('readClaims takes the password version when it is a whole number, and cookies without one', () => {
    const claims = (user: unknown) => readClaims({ user, sid: 's', lastSeen: 1, signedInAt: 1 });
    expect(claims({ ...patient, passwordVersion: 3 })?.user).toMatchObject({ passwordVersion: 3 });
    expect(claims(patient)?.user).toEqual(patient); // issued before the version existed: read as 0 by the checks
    for (const passwordVersion of [-1, 1.5, '2', null]) expect(claims({ ...staff, passwordVersion })).toBeNull();
  });

  it('writes the manual message with the configured minutes', () => {
    expect(idleMessage(10)).toBe('Ha estado inactivo mas de 10 minutos. Por seguridad se cerró su sesión.');
  });

  it('returns after sign-in only to plain paths of the same area', () => {
    expect(safeReturnPath('patient', '/tomar-turno')).toBe('/tomar-turno');
    expect(safeReturnPath('staff', '/admin/pacientes')).toBe('/admin/pacientes');
    expect(safeReturnPath('patient', '/admin')).toBeNull();
    expect(safeReturnPath('staff', '/mis-turnos')).toBeNull();
    expect(safeReturnPath('patient', '//evil.example/x')).toBeNull();
    expect(safeReturnPath('patient', 'https://evil.example')).toBeNull();
    expect(safeReturnPath('patient', '/\\evil.example')).toBeNull();
    expect(safeReturnPath('patient', '/ingresar')).toBeNull();
    expect(safeReturnPath('patient', undefined)).toBeNull();
  });
});
