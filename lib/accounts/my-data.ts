import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accountTokens, insurers, patients, webAccounts } from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';
import { hashPassword, passwordChange } from '@/lib/auth/password';
import { checkCurrentPassword, ownAccount } from './own-account';
import type { MyContactInput } from './schemas';

/**
 * MIS DATOS: "para ver o modificar sus propios datos (incluyendo mail y contraseña)". Every
 * function takes the patient id from the session and touches that patient's row only.
 * DNI and names are not here: the center changes those.
 */

export type MyDataResult =
  | { ok: true }
  | { ok: false; reason: 'throttled' }
  | { ok: false; reason: 'invalid'; fieldErrors: Record<string, string> };

const contactColumns = {
  mobile: patients.mobile,
  phone: patients.phone,
  address: patients.address,
  insurerId: patients.insurerId,
  memberNumber: patients.memberNumber,
  remindersOptIn: patients.remindersOptIn,
};

export async function updateMyContactData(
  db: Db,
  patientId: number,
  input: MyContactInput,
  context: { ip: string },
): Promise<MyDataResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select(contactColumns).from(patients).where(eq(patients.id, patientId)).for('update');
    // The insurer already on file stays acceptable even if the center stopped offering it on the web.
    if (input.insurerId !== before.insurerId) {
      const [insurer] = await tx
        .select({ id: insurers.id })
        .from(insurers)
        .where(and(eq(insurers.id, input.insurerId), eq(insurers.active, true), eq(insurers.webEnabled, true)));
      if (!insurer) return { ok: false as const, reason: 'invalid' as const, fieldErrors: { insurerId: 'Elija una obra social de la lista.' } };
    }
    const [after] = await tx
      .update(patients)
      .set({ ...input, updatedAt: sql`now()` })
      .where(eq(patients.id, patientId))
      .returning(contactColumns);
    await writeAudit(tx, { kind: 'patient', patientId }, {
      action: 'patient.update_own_data',
      entity: 'patient',
      entityId: String(patientId),
      before,
      after,
      ip: context.ip,
    });
    return { ok: true as const };
  });
}

export async function changeMyPassword(
  db: Db,
  patientId: number,
  input: { currentPassword: string; newPassword: string },
  /** sid: the session making the change, the only one that stays signed in. */
  context: { ip: string; sid: string },
): Promise<MyDataResult> {
  const account = await ownAccount(db, patientId);
  const check = await checkCurrentPassword(db, account, input.currentPassword, context.ip);
  if (check === 'throttled') return { ok: false, reason: 'throttled' };
  if (check === 'wrong') return { ok: false, reason: 'invalid', fieldErrors: { currentPassword: 'La contraseña actual no es correcta.' } };
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    // Every other session ends (lib/auth/session.ts); this one stays signed in.
    await tx.update(webAccounts).set(passwordChange(webAccounts, passwordHash, context.sid || null)).where(eq(webAccounts.id, account.accountId));
    // A reset link mailed earlier would otherwise still override the password just chosen.
    await tx
      .update(accountTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(accountTokens.accountId, account.accountId), eq(accountTokens.purpose, 'password_reset'), isNull(accountTokens.usedAt)));
    await writeAudit(tx, { kind: 'patient', patientId }, {
      action: 'web_account.change_password',
      entity: 'web_account',
      entityId: String(account.accountId),
      ip: context.ip,
    });
  });
  return { ok: true };
}
