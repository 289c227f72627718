import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { patients, staffUsers, webAccounts } from '@/db/schema';
import { verifyAgainstDummy, verifyPassword } from '@/lib/auth/password';
import type { PatientSessionUser, StaffSessionUser } from '@/lib/auth/session-claims';
import { beginLoginAttempt, finishLoginAttempt, type ThrottleLimits } from '@/lib/auth/throttle';
import { getCenterSettings } from '@/lib/settings/queries';
import { preparedQuery } from '@/db/prepared';

/**
 * Why a sign-in was refused. Only `invalid` and `throttled` can happen without the right
 * password, so the others reveal nothing to someone guessing.
 */
export type LoginRefusal =
  | { reason: 'invalid' }
  | { reason: 'throttled' }
  | { reason: 'web_disabled' }
  | { reason: 'inactive' }
  | { reason: 'disabled'; observation: string };

export type LoginResult<U> = ({ ok: true; user: U }) | ({ ok: false } & LoginRefusal);

export interface LoginContext {
  ip: string;
  limits?: ThrottleLimits;
}

/** DNI (digits only) + password. Checks throttling first, records the attempt, updates last_login_at. */
export async function verifyPatientCredentials(
  db: Db,
  credentials: { dni: string; password: string },
  context: LoginContext,
): Promise<LoginResult<PatientSessionUser>> {
  const settings = await getCenterSettings(db);
  // The manual's "ACTIVAR" switch: with the web off nobody signs in. Same answer for every DNI.
  if (!settings.webEnabled) return { ok: false, reason: 'web_disabled' };

  const attempt = await beginLoginAttempt(
    db,
    { scope: 'patient', identifier: credentials.dni, ip: context.ip },
    context.limits,
  );
  if (attempt.throttled) return { ok: false, reason: 'throttled' };

  const [account] = await db
    .select({
      accountId: webAccounts.id,
      patientId: patients.id,
      dni: patients.dni,
      lastName: patients.lastName,
      firstName: patients.firstName,
      passwordHash: webAccounts.passwordHash,
      passwordVersion: webAccounts.passwordVersion,
      activatedAt: webAccounts.activatedAt,
      disabled: webAccounts.disabled,
      disabledObservation: webAccounts.disabledObservation,
    })
    .from(webAccounts)
    .innerJoin(patients, eq(patients.id, webAccounts.patientId))
    .where(eq(patients.dni, credentials.dni))
    .limit(1);

  const passwordOk = account
    ? await verifyPassword(credentials.password, account.passwordHash)
    : await verifyAgainstDummy(credentials.password);
  await finishLoginAttempt(db, attempt.attemptId, passwordOk);
  if (!account || !passwordOk) return { ok: false, reason: 'invalid' };

  if (account.disabled) return { ok: false, reason: 'disabled', observation: account.disabledObservation.trim() };
  if (!account.activatedAt) return { ok: false, reason: 'inactive' };

  await db.update(webAccounts).set({ lastLoginAt: sql`now()` }).where(eq(webAccounts.id, account.accountId));
  return {
    ok: true,
    user: {
      kind: 'patient',
      id: `patient:${account.patientId}`,
      patientId: account.patientId,
      dni: account.dni,
      name: `${account.lastName} ${account.firstName}`.trim(),
      idleMinutes: settings.patientIdleMinutes,
      passwordVersion: account.passwordVersion,
    },
  };
}

/** Username (any case) + password, for /admin. Same throttling and timing rules as patients. */
export async function verifyStaffCredentials(
  db: Db,
  credentials: { username: string; password: string },
  context: LoginContext,
): Promise<LoginResult<StaffSessionUser>> {
  const identifier = credentials.username.trim().toLowerCase();
  const attempt = await beginLoginAttempt(db, { scope: 'staff', identifier, ip: context.ip }, context.limits);
  if (attempt.throttled) return { ok: false, reason: 'throttled' };

  const [staff] = await db
    .select({
      id: staffUsers.id,
      username: staffUsers.username,
      fullName: staffUsers.fullName,
      role: staffUsers.role,
      active: staffUsers.active,
      passwordHash: staffUsers.passwordHash,
      passwordVersion: staffUsers.passwordVersion,
    })
    .from(staffUsers)
    .where(sql`lower(${staffUsers.username}) = ${identifier}`)
    .limit(1);

  const passwordOk = staff
    ? await verifyPassword(credentials.password, staff.passwordHash)
    : await verifyAgainstDummy(credentials.password);
  await finishLoginAttempt(db, attempt.attemptId, passwordOk);
  if (!staff || !passwordOk) return { ok: false, reason: 'invalid' };
  if (!staff.active) return { ok: false, reason: 'inactive' };

  const settings = await getCenterSettings(db);
  await db.update(staffUsers).set({ lastLoginAt: sql`now()` }).where(eq(staffUsers.id, staff.id));
  return {
    ok: true,
    user: {
      kind: 'staff',
      id: `staff:${staff.id}`,
      staffId: staff.id,
      username: staff.username,
      name: staff.fullName,
      role: staff.role,
      idleMinutes: settings.staffIdleMinutes,
      passwordVersion: staff.passwordVersion,
    },
  };
}

/** May a session go on: yes, or why not (the account was disabled, or its password changed since sign-in). */
export type SessionStanding = 'ok' | 'disabled' | 'password_changed';

/**
 * Is the signed-in patient still allowed in? Staff can disable an account mid-session, and a
 * password change (reset, "Mis Datos", staff) ends the sessions signed in with the old one; pages
 * and actions re-check so that takes effect at once rather than when the cookie ends.
 * `passwordVersion`: the session's (absent in older cookies: 0); `sid`: the session's id, for the
 * one session that changed its own password in "Mis Datos" and stays signed in.
 */
export async function patientSessionStanding(db: Db, patient: Pick<PatientSessionUser, 'patientId' | 'passwordVersion'>, sid: string): Promise<SessionStanding> {
  const { patientId, passwordVersion = 0 } = patient;
  // Prepared (db/prepared.ts): every patient page and action asks.
  const query = preparedQuery(db, 'patient_account_usable', (db) =>
    db
      .select({
        disabled: webAccounts.disabled,
        activatedAt: webAccounts.activatedAt,
        passwordVersion: webAccounts.passwordVersion,
        passwordChangedBySid: webAccounts.passwordChangedBySid,
      })
      .from(webAccounts)
      .where(eq(webAccounts.patientId, sql.placeholder('patientId')))
      .limit(1)
      .prepare('patient_account_usable'),
  );
  const [row] = await query.execute({ patientId });
  if (!row || row.disabled || !row.activatedAt) return 'disabled';
  return row.passwordVersion === passwordVersion || row.passwordChangedBySid === sid ? 'ok' : 'password_changed';
}

/**
 * The staff member's role as it is now, or why the session may not go on: `inactive` when the user
 * no longer exists or was deactivated, `password_changed` when the password changed since sign-in.
 */
export type StaffStanding = StaffSessionUser['role'] | 'inactive' | 'password_changed';

export async function staffSessionStanding(db: Db, staff: Pick<StaffSessionUser, 'staffId' | 'passwordVersion'>, sid: string): Promise<StaffStanding> {
  const { staffId, passwordVersion = 0 } = staff;
  const [row] = await db
    .select({ role: staffUsers.role, active: staffUsers.active, passwordVersion: staffUsers.passwordVersion, passwordChangedBySid: staffUsers.passwordChangedBySid })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffId))
    .limit(1);
  if (!row?.active) return 'inactive';
  return row.passwordVersion === passwordVersion || row.passwordChangedBySid === sid ? row.role : 'password_changed';
}
