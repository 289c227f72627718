import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { auth } from '@/lib/auth/auth';
import { currentStaffRole, patientAccountIsUsable } from '@/lib/auth/credentials';
import {
  PATIENT_LOGIN_PATH,
  STAFF_HOME_PATH,
  STAFF_LOGIN_PATH,
  type PatientSessionUser,
  type SessionUser,
  type StaffRole,
  type StaffSessionUser,
} from '@/lib/auth/session-claims';

/** The signed-in user (patient or staff) or null. Does not redirect. One lookup per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  return session?.user ?? null;
});

const checkPatient = cache(async (patientId: number) => patientAccountIsUsable(getDb(), patientId));
const staffRole = cache(async (staffId: number) => currentStaffRole(getDb(), staffId));

/**
 * For patient pages and actions: the signed-in patient, or a redirect to /ingresar. Also checks
 * the web account was not disabled since sign-in. The patient's id comes from here, never a form.
 */
export async function requirePatient(): Promise<PatientSessionUser> {
  const user = await getSessionUser();
  if (user?.kind !== 'patient') redirect(PATIENT_LOGIN_PATH);
  if (!(await checkPatient(user.patientId))) redirect(`${PATIENT_LOGIN_PATH}?motivo=deshabilitado`);
  return user;
}

/**
 * For /admin pages and actions: the signed-in staff member, with the role as it is *now* in the
 * database (a deactivated user is sent to sign in; a role change applies at once). With `role`,
 * other roles are sent to the panel home.
 */
export async function requireStaff(role?: StaffRole | readonly StaffRole[]): Promise<StaffSessionUser> {
  const user = await getSessionUser();
  if (user?.kind !== 'staff') redirect(STAFF_LOGIN_PATH);
  const current = await staffRole(user.staffId);
  if (!current) redirect(`${STAFF_LOGIN_PATH}?motivo=desactivado`);
  const allowed = role === undefined ? null : typeof role === 'string' ? [role] : role;
  if (allowed && !allowed.includes(current)) redirect(`${STAFF_HOME_PATH}?motivo=sin-permiso`);
  return { ...user, role: current };
}
