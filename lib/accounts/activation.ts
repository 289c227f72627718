import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { insurers, patients, webAccounts } from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';
import { verifyPassword } from '@/lib/auth/password';
import { beginLoginAttempt, finishLoginAttempt } from '@/lib/auth/throttle';
import { getCenterSettings } from '@/lib/settings/queries';
import { sendEmailChangeLink } from './email-change';
import type { PendingProfile } from './registration';
import { consumeAccountToken, findAccountToken, tokenState, type FoundToken, type TokenState } from './tokens';

/**
 * The activation link. Opening it (a GET, which mail scanners also do) only shows a form; the
 * account is activated by POSTing it with the password chosen at registration. That password is
 * the second half of the proof: a patient on file who receives a link they did not ask for (a
 * stranger registered their DNI) cannot activate the stranger's password by clicking it, and the
 * stranger, who knows the password, never gets the link. It also lets us sign the patient in at once.
 */

export type ActivationView = { state: Exclude<TokenState, 'valid'> } | { state: 'valid'; patientName: string; dni: string };

export async function describeActivationLink(db: Db, token: string): Promise<ActivationView> {
  const row = await findAccountToken(db, token, 'activation');
  const state = tokenState(row);
  if (state !== 'valid' || !row) return { state: state === 'valid' ? 'invalid' : state };
  return { state, patientName: `${row.lastName} ${row.firstName}`.trim(), dni: row.dni };
}

export type ActivationResult =
  | { ok: true; dni: string; patientId: number }
  | { ok: false; reason: Exclude<TokenState, 'valid'> | 'throttled' }
  | { ok: false; reason: 'password'; fieldErrors: Record<string, string> };

export async function activateAccount(
  db: Db,
  input: { token: string; password: string },
  context: { ip: string; linkBase: string },
): Promise<ActivationResult> {
  const row = await findAccountToken(db, input.token, 'activation');
  const state = tokenState(row);
  if (state !== 'valid' || !row) return { ok: false, reason: state === 'valid' ? 'invalid' : state };

  // Guessing the password through this form is throttled like the sign-in form, on the same counts.
  const attempt = await beginLoginAttempt(db, { scope: 'patient', identifier: row.dni, ip: context.ip });
  if (attempt.throttled) return { ok: false, reason: 'throttled' };
  const passwordOk = await verifyPassword(input.password, row.passwordHash);
  await finishLoginAttempt(db, attempt.attemptId, passwordOk);
  if (!passwordOk) {
    return {
      ok: false,
      reason: 'password',
      fieldErrors: { password: 'No es la contraseña que eligió al registrarse. Si no la recuerda, vuelva a registrarse.' },
    };
  }

  const center = await getCenterSettings(db);
  const outcome = await db.transaction(async (tx) => {
    if (!(await consumeAccountToken(tx, row.id))) return 'used' as const;
    const [account] = await tx
      .update(webAccounts)
      .set({ activatedAt: sql`coalesce(${webAccounts.activatedAt}, now())` })
      .where(eq(webAccounts.id, row.accountId))
      .returning({ id: webAccounts.id, activatedAt: webAccounts.activatedAt });
    const applied = row.pendingProfile ? await applyPendingProfile(tx, row, row.pendingProfile as PendingProfile) : null;
    if (applied?.newEmail) {
      await sendEmailChangeLink(tx, center, context.linkBase, { accountId: row.accountId, patient: row, newEmail: applied.newEmail });
    }
    await writeAudit(tx, { kind: 'patient', patientId: row.patientId, label: `${row.lastName} ${row.firstName}` }, {
      action: 'web_account.activate',
      entity: 'web_account',
      entityId: String(account.id),
      before: applied?.before ?? null,
      after: { activatedAt: account.activatedAt, ...(applied ? { profile: applied.after, emailChangeSentTo: applied.newEmail } : {}) },
      ip: context.ip,
    });
    return 'activated' as const;
  });
  if (outcome === 'used') return { ok: false, reason: 'used' };
  return { ok: true, dni: row.dni, patientId: row.patientId };
}

/**
 * What a patient on file typed at registration, now that the link to the e-mail on file proved it
 * is them. Blank phones mean "did not say", not "delete"; the birth date only fills a gap; names and
 * DNI are the center's to change. A different e-mail is confirmed like any e-mail change.
 */
async function applyPendingProfile(tx: Tx, row: FoundToken, pending: PendingProfile) {
  const [before] = await tx
    .select({
      birthDate: patients.birthDate,
      mobile: patients.mobile,
      phone: patients.phone,
      insurerId: patients.insurerId,
      memberNumber: patients.memberNumber,
      remindersOptIn: patients.remindersOptIn,
    })
    .from(patients)
    .where(eq(patients.id, row.patientId))
    .for('update');
  const [insurer] = await tx
    .select({ ok: sql<boolean>`${insurers.active} and ${insurers.webEnabled}` })
    .from(insurers)
    .where(eq(insurers.id, pending.insurerId));
  const insurerChanges =
    insurer?.ok && pending.insurerId !== before.insurerId
      ? { insurerId: pending.insurerId, memberNumber: pending.memberNumber }
      : pending.memberNumber
        ? { memberNumber: pending.memberNumber }
        : {};
  const changes = {
    ...(pending.mobile ? { mobile: pending.mobile } : {}),
    ...(pending.phone ? { phone: pending.phone } : {}),
    ...(!before.birthDate && pending.birthDate ? { birthDate: pending.birthDate } : {}),
    ...insurerChanges,
    remindersOptIn: pending.remindersOptIn,
  };
  const [after] = await tx
    .update(patients)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(patients.id, row.patientId))
    .returning({
      birthDate: patients.birthDate,
      mobile: patients.mobile,
      phone: patients.phone,
      insurerId: patients.insurerId,
      memberNumber: patients.memberNumber,
      remindersOptIn: patients.remindersOptIn,
    });
  const newEmail = pending.email && pending.email !== row.email.toLowerCase() ? pending.email : null;
  return { before, after, newEmail };
}
