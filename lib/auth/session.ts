import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { auth } from '@/lib/auth/auth';
import { patientSessionStanding, staffSessionStanding, type StaffStanding } from '@/lib/auth/credentials';
import {
  PASSWORD_CHANGED_REASON,
  PATIENT_LOGIN_PATH,
  STAFF_HOME_PATH,
  STAFF_LOGIN_PATH,
  type PatientSessionUser,
  type SessionUser,
  type StaffRole,
  type StaffSessionUser,
} from '@/lib/auth/session-claims';

/** The signed-in user (patient or staff) or null. Does not redirect. One lookup per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => (await sessionOfRequest())?.user ?? null);

/** This sign-in's id (see SessionClaims.sid), or '' without a session. */
export const getSessionSid = cache(async (): Promise<string> => (await sessionOfRequest())?.sid ?? '');

const sessionOfRequest = cache(auth);

const patientStanding = cache(async (patientId: number, passwordVersion: number) =>
  patientSessionStanding(getDb(), { patientId, passwordVersion }, await getSessionSid()),
);
const staffStanding = cache(async (staffId: number, passwordVersion: number) =>
  staffSessionStanding(getDb(), { staffId, passwordVersion }, await getSessionSid()),
);

/**
 * The signed-in staff member's standing now: their role, or 'inactive' / 'password_changed'
 * (lib/auth/credentials.ts). One read per request, for pages, actions and the download routes.
 */
export function currentStaffStanding(staff: StaffSessionUser): Promise<StaffStanding> {
  return staffStanding(staff.staffId, staff.passwordVersion ?? 0);
}

/**
 * For patient pages and actions: the signed-in patient, or a redirect to /ingresar. Also checks
 * the web account was not disabled, nor its password changed, since sign-in. The patient's id
 * comes from here, never a form.
 */
export async function requirePatient(): Promise<PatientSessionUser> {
  const user = await getSessionUser();
  if (user?.kind !== 'patient') redirect(PATIENT_LOGIN_PATH);
  const standing = await patientStanding(user.patientId, user.passwordVersion ?? 0);
  if (standing === 'disabled') redirect(`${PATIENT_LOGIN_PATH}?motivo=deshabilitado`);
  if (standing === 'password_changed') redirect(`${PATIENT_LOGIN_PATH}?motivo=${PASSWORD_CHANGED_REASON}`);
  return user;
}

/**
 * For /admin pages and actions: the signed-in staff member, with the role as it is *now* in the
 * database (a deactivated user, or one whose password changed since sign-in, is sent to sign in;
 * a role change applies at once). With `role`, other roles are sent to the panel home.
 */
export async function requireStaff(role?: StaffRole | readonly StaffRole[]): Promise<StaffSessionUser> {
  const user = await getSessionUser();
  if (user?.kind !== 'staff') redirect(STAFF_LOGIN_PATH);
  const current = await currentStaffStanding(user);
  if (current === 'inactive') redirect(`${STAFF_LOGIN_PATH}?motivo=desactivado`);
  if (current === 'password_changed') redirect(`${STAFF_LOGIN_PATH}?motivo=${PASSWORD_CHANGED_REASON}`);
  const allowed = role === undefined ? null : typeof role === 'string' ? [role] : role;
  if (allowed && !allowed.includes(current)) redirect(`${STAFF_HOME_PATH}?motivo=sin-permiso`);
  return { ...user, role: current };
}
