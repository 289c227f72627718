/**
 * What a session carries, and the idle rule. Pure and edge-safe: the middleware, the Node
 * auth instance and the tests all import it. No database, no Node APIs.
 */

export type StaffRole = 'admin' | 'reception';

export interface PatientSessionUser {
  kind: 'patient';
  /** "patient:<patientId>" */
  id: string;
  patientId: number;
  /** As the header shows it: "PEREZ JUAN". */
  name: string;
  dni: string;
  /** The center's patient idle minutes when the patient signed in. */
  idleMinutes: number;
  /**
   * The account's password_version at sign-in: a later password change ends this session
   * (lib/auth/session.ts). Absent in cookies issued before it existed: read as 0.
   */
  passwordVersion?: number;
}

export interface StaffSessionUser {
  kind: 'staff';
  /** "staff:<staffId>" */
  id: string;
  staffId: number;
  username: string;
  name: string;
  role: StaffRole;
  /** The center's staff idle minutes when the user signed in. */
  idleMinutes: number;
  /**
   * The account's password_version at sign-in: a later password change ends this session
   * (as a patient's). Absent in cookies issued before it existed: read as 0.
   */
  passwordVersion?: number;
}

export type SessionUser = PatientSessionUser | StaffSessionUser;
export type SessionKind = SessionUser['kind'];

/** The claims we add to Auth.js's JWT. */
export interface SessionClaims {
  user: SessionUser;
  /** Random id of this sign-in, for the sign-out marker (see SIGNED_OUT_COOKIE). */
  sid: string;
  /** Epoch ms of the last request that counted as activity. */
  lastSeen: number;
  /** Epoch ms of the sign-in: a session never outlives ABSOLUTE_SESSION_MS, active or not. */
  signedInAt: number;
}

/** Lifetime of the cookie and JWT. Long on purpose: the idle rule ends sessions, and an expired
 * cookie that is still present is how the middleware knows to show the idle message. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
export const ABSOLUTE_SESSION_MS = SESSION_MAX_AGE_SECONDS * 1000;

export const PATIENT_LOGIN_PATH = '/ingresar';
export const STAFF_LOGIN_PATH = '/admin/ingresar';
export const PATIENT_HOME_PATH = '/mis-turnos';
export const STAFF_HOME_PATH = '/admin';
/** Query value that makes the login pages show the idle message. */
export const IDLE_REASON = 'inactivo';

/** Query value that makes the login pages say the password was changed (the session ended for it). */
export const PASSWORD_CHANGED_REASON = 'clave-cambiada';

/** What the login pages show for PASSWORD_CHANGED_REASON. */
export const PASSWORD_CHANGED_MESSAGE = 'La contraseña de su usuario fue cambiada. Por seguridad se cerró su sesión: ingrese con la nueva contraseña.';

/** The same, where there is no login page to show it on (a staff action's answer, a download). */
export const PASSWORD_CHANGED_SIGN_IN_AGAIN = 'La contraseña de su usuario fue cambiada. Ingrese nuevamente.';

export function loginPathFor(kind: SessionKind): string {
  return kind === 'staff' ? STAFF_LOGIN_PATH : PATIENT_LOGIN_PATH;
}

/** The manual's text ("BLOQUEO DE SESION EN WEB"), word for word. */
export function idleMessage(minutes: number): string {
  return `Ha estado inactivo mas de ${minutes} minutos. Por seguridad se cerró su sesión.`;
}

/**
 * Set by "Salir" to the id of the session it ended. A request that was already in flight when
 * the user signed out comes back with a re-issued session cookie (the middleware refreshes it on
 * every request); the marker, which that response does not touch, keeps that session dead.
 */
export const SIGNED_OUT_COOKIE = 'turnos.signed-out';

export function isSignedOut(claims: Pick<SessionClaims, 'sid'>, signedOutMarker: string | undefined): boolean {
  return signedOutMarker !== undefined && signedOutMarker === claims.sid;
}

export function isIdleExpired(claims: Pick<SessionClaims, 'lastSeen' | 'user'>, now: number): boolean {
  return now - claims.lastSeen > claims.user.idleMinutes * 60_000;
}

export function isSessionExpired(claims: SessionClaims, now: number): boolean {
  return isIdleExpired(claims, now) || now - claims.signedInAt > ABSOLUTE_SESSION_MS;
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

export function isSessionUser(v: unknown): v is SessionUser {
  if (!v || typeof v !== 'object') return false;
  const u = v as Record<string, unknown>;
  if (typeof u.id !== 'string' || typeof u.name !== 'string' || !isPositiveInt(u.idleMinutes)) return false;
  if (u.passwordVersion !== undefined && !(Number.isInteger(u.passwordVersion) && (u.passwordVersion as number) >= 0)) return false;
  if (u.kind === 'patient') return isPositiveInt(u.patientId) && typeof u.dni === 'string';
  if (u.kind === 'staff') {
    return isPositiveInt(u.staffId) && typeof u.username === 'string' && (u.role === 'admin' || u.role === 'reception');
  }
  return false;
}

/** Reads our claims from a decoded token; null when they are missing or malformed. */
export function readClaims(token: Record<string, unknown> | null | undefined): SessionClaims | null {
  if (!token) return null;
  const { user, sid, lastSeen, signedInAt } = token;
  if (!isSessionUser(user) || typeof sid !== 'string' || typeof lastSeen !== 'number' || typeof signedInAt !== 'number') {
    return null;
  }
  return { user, sid, lastSeen, signedInAt };
}

/**
 * A same-site path to return to after signing in, or null. Only plain paths inside the area of
 * that kind of user: no scheme, no "//host", no backslashes, no login pages.
 */
export function safeReturnPath(kind: SessionKind, value: unknown): string | null {
  if (typeof value !== 'string' || !/^\/[A-Za-z0-9\-_/]*$/.test(value) || value.startsWith('//')) return null;
  if (value === PATIENT_LOGIN_PATH || value === STAFF_LOGIN_PATH) return null;
  const inAdmin = value === '/admin' || value.startsWith('/admin/');
  return (kind === 'staff') === inAdmin ? value : null;
}
