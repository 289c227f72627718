import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { createChallenge } from '@/lib/accounts/challenge';
import { changeMyPassword } from '@/lib/accounts/my-data';
import { requestPasswordReset, resetPassword } from '@/lib/accounts/password-reset';
import { patientSessionStanding, staffSessionStanding, verifyPatientCredentials, verifyStaffCredentials } from '@/lib/auth/credentials';
import { hashPassword } from '@/lib/auth/password';
import type { PatientSessionUser, StaffSessionUser } from '@/lib/auth/session-claims';
import { staffUserSchema } from '@/lib/staff/schemas';
import { updateStaffUser } from '@/lib/staff/users';
import { webPatientUpdateSchema } from '@/lib/web-patients/schemas';
import { updateWebPatient } from '@/lib/web-patients/web-patients';
import { describeEachEngine } from '../support/db';
import { centerWithInsurers, context, IP, outbox, patientOnFile, SECRET, tokenIn } from './accounts-support';

/**
 * A password change ends the sessions signed in with the old password: whoever knew it (a shared
 * phone, a stolen password) is out at their next page or action, not 12 hours later. The session
 * that changed its own password ("Mis Datos", or staff editing themselves) stays signed in.
 * (requirePatient / requireStaff / staffAction / the staff routes ask these functions; the browser
 * side is tests/e2e/password-change-sessions.spec.ts.)
 */
describeEachEngine('a password change ends the other sessions', (getCtx) => {
  const DNI = '30111222';
  const OLD = 'paciente1234';

  async function patientSession(password: string): Promise<PatientSessionUser> {
    const result = await verifyPatientCredentials(getCtx().db, { dni: DNI, password }, { ip: '192.0.2.10' });
    if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
    return result.user;
  }
  const standing = (user: PatientSessionUser, sid: string) => patientSessionStanding(getCtx().db, user, sid);

  async function setup() {
    const { db } = getCtx();
    await centerWithInsurers(db);
    const { patient, accountId } = await patientOnFile(db, { dni: DNI }, { activated: true, password: OLD });
    return { patient, accountId: accountId! };
  }

  it('a reset through the mailed link ends every session, and the new password signs in', async () => {
    const { db } = getCtx();
    await setup();
    const phone = await patientSession(OLD);
    const laptop = await patientSession(OLD);
    expect(phone.passwordVersion).toBe(0);
    expect(await standing(phone, 'phone')).toBe('ok');

    const { question, token } = createChallenge(SECRET);
    const [a, b] = question.match(/\d/g)!.map(Number);
    await requestPasswordReset(db, { dni: DNI, answer: String(a + b), challenge: token }, context());
    const link = tokenIn((await outbox(db))[0], '/restablecer');
    expect(await resetPassword(db, { token: link, password: 'nueva-clave-1' }, { ip: IP })).toMatchObject({ ok: true });

    expect(await standing(phone, 'phone')).toBe('password_changed');
    expect(await standing(laptop, 'laptop')).toBe('password_changed');
    const fresh = await patientSession('nueva-clave-1');
    expect(fresh.passwordVersion).toBe(1);
    expect(await standing(fresh, 'fresh')).toBe('ok');
  });

  it('"Mis Datos": the session that changed the password stays, every other one ends', async () => {
    const { patient } = await setup();
    const mine = await patientSession(OLD);
    const other = await patientSession(OLD);
    expect(await changeMyPassword(getCtx().db, patient.id, { currentPassword: OLD, newPassword: 'nueva-clave-2' }, { ip: IP, sid: 'mine' })).toEqual({ ok: true });

    expect(await standing(mine, 'mine')).toBe('ok');
    expect(await standing(other, 'other')).toBe('password_changed');
    // The kept session is that one sign-in, not any session of the same old version.
    expect(await standing(mine, 'not-mine')).toBe('password_changed');
    // A refused change (wrong current password) ends nothing.
    const fresh = await patientSession('nueva-clave-2');
    expect(await changeMyPassword(getCtx().db, patient.id, { currentPassword: 'equivocada', newPassword: 'otra-clave-3' }, { ip: IP, sid: 'fresh' })).toMatchObject({ ok: false });
    expect(await standing(fresh, 'fresh')).toBe('ok');
    expect(await standing(mine, 'mine')).toBe('ok');
  });

  it('staff fixing the password (MODIFICAR ACTIVACION/CONTRASEÑA) ends every session, the kept one too; other fixes end none', async () => {
    const { db } = getCtx();
    const { patient, accountId } = await setup();
    const mine = await patientSession(OLD);
    await changeMyPassword(db, patient.id, { currentPassword: OLD, newPassword: 'nueva-clave-2' }, { ip: IP, sid: 'mine' });
    const fresh = await patientSession('nueva-clave-2');
    const [staff] = await db.insert(s.staffUsers).values({ username: 'recepcion', fullName: 'R', passwordHash: 'x', role: 'reception' }).returning();
    const actor = { staffId: staff.id, username: staff.username };
    const fix = { dni: DNI, email: 'juan.perez@example.com', activated: true, disabled: false, observation: '' };

    // Without a new password (an e-mail fix), sessions go on.
    expect(await updateWebPatient(db, accountId, webPatientUpdateSchema.parse({ ...fix, password: '' }), actor)).toMatchObject({ ok: true });
    expect(await standing(fresh, 'fresh')).toBe('ok');
    expect(await standing(mine, 'mine')).toBe('ok');

    expect(await updateWebPatient(db, accountId, webPatientUpdateSchema.parse({ ...fix, password: 'la-del-centro-1' }), actor)).toMatchObject({ ok: true });
    expect(await standing(fresh, 'fresh')).toBe('password_changed');
    expect(await standing(mine, 'mine')).toBe('password_changed');
    expect(await standing(await patientSession('la-del-centro-1'), 'x')).toBe('ok');
    // The audit says the password changed, never the hash or anything to rebuild it from.
    const audit = await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'web_account.update_password'));
    expect(audit).toHaveLength(1);
  });

  it('staff users: an admin changing a colleague\'s password ends the colleague\'s sessions; changing their own keeps theirs only', async () => {
    const { db } = getCtx();
    await centerWithInsurers(db);
    const make = async (username: string, role: 'admin' | 'reception') =>
      (await db.insert(s.staffUsers).values({ username, fullName: username.toUpperCase(), passwordHash: await hashPassword('clave-inicial-1'), role }).returning())[0];
    const jefa = await make('jefa', 'admin');
    const ana = await make('ana', 'reception');
    const signIn = async (username: string, password = 'clave-inicial-1'): Promise<StaffSessionUser> => {
      const result = await verifyStaffCredentials(db, { username, password }, { ip: '192.0.2.20' });
      if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
      return result.user;
    };
    const anaAtDesk = await signIn('ana');
    const jefaHere = await signIn('jefa');
    const jefaElsewhere = await signIn('jefa');
    const edit = (id: number, username: string, role: 'admin' | 'reception', password: string, sid: string) =>
      updateStaffUser(db, id, staffUserSchema.parse({ username, fullName: username.toUpperCase(), role, password }), { staffId: jefa.id, username: 'jefa', sid });

    // A role or name change is not a password change.
    expect(await edit(ana.id, 'ana', 'reception', '', 'here')).toMatchObject({ ok: true });
    expect(await staffSessionStanding(db, anaAtDesk, 'desk')).toBe('reception');

    expect(await edit(ana.id, 'ana', 'reception', 'clave-nueva-ana', 'here')).toMatchObject({ ok: true });
    expect(await staffSessionStanding(db, anaAtDesk, 'desk')).toBe('password_changed');
    expect(await staffSessionStanding(db, await signIn('ana', 'clave-nueva-ana'), 'desk2')).toBe('reception');
    // The admin's own sessions were not touched by a colleague's change.
    expect(await staffSessionStanding(db, jefaElsewhere, 'elsewhere')).toBe('admin');

    expect(await edit(jefa.id, 'jefa', 'admin', 'clave-nueva-jefa', 'here')).toMatchObject({ ok: true });
    expect(await staffSessionStanding(db, jefaHere, 'here')).toBe('admin');
    expect(await staffSessionStanding(db, jefaElsewhere, 'elsewhere')).toBe('password_changed');
    // The audit shows the change, not the hash nor the kept session's id.
    const audit = JSON.stringify(await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'staff.update_password')));
    expect(audit).toContain('"passwordVersion":1');
    expect(audit).not.toContain('passwordChangedBySid');
    expect(audit).not.toContain('here');
    expect(audit).not.toContain('passwordHash');
  });

  it('a session from before this check (no passwordVersion in its cookie) counts as version 0', async () => {
    const { db } = getCtx();
    const { accountId } = await setup();
    const { passwordVersion: _v, ...legacy } = await patientSession(OLD);
    expect(await standing(legacy, 'legacy')).toBe('ok');
    await db.update(s.webAccounts).set({ passwordVersion: 1 }).where(eq(s.webAccounts.id, accountId));
    expect(await standing(legacy, 'legacy')).toBe('password_changed');
  });
});
