import { and, desc, eq, ilike, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { patients, webAccounts } from '@/db/schema';
import { sendActivation } from '@/lib/accounts/registration';
import { sendPasswordResetLink } from '@/lib/accounts/password-reset';
import { expireOpenTokens } from '@/lib/accounts/tokens';
import { writeAudit } from '@/lib/audit/log';
import { hashPassword, passwordChange } from '@/lib/auth/password';
import { foldedContainsEveryWord } from '@/lib/search/fold';
import { containsPattern } from '@/lib/search/like';
import { getCenterSettings } from '@/lib/settings/queries';
import type { WebPatientCreate, WebPatientUpdate } from './schemas';

type Actor = { staffId: number; username: string; ip?: string };
type Result = { ok: true; id: number } | { ok: false; error: string; fieldErrors?: Record<string, string> };

export type WebPatientStatus = 'all' | 'active' | 'pending' | 'disabled';
export const WEB_PATIENTS_PAGE = 50;

/** TURNOS WEB → PACIENTES: every web user, active or not, newest first, searchable; keyset pages. */
export async function listWebPatients(db: DbOrTx, f: { q?: string; status?: WebPatientStatus; before?: number }) {
  const q = f.q?.trim() ?? '';
  const digits = q.replace(/[.\s-]/g, '');
  const rows = await db
    .select({
      accountId: webAccounts.id,
      patientId: patients.id,
      dni: patients.dni,
      name: sql<string>`${patients.lastName} || ' ' || ${patients.firstName}`,
      email: patients.email,
      activatedAt: webAccounts.activatedAt,
      disabled: webAccounts.disabled,
      observation: webAccounts.disabledObservation,
      createdAt: webAccounts.createdAt,
      lastLoginAt: webAccounts.lastLoginAt,
    })
    .from(webAccounts)
    .innerJoin(patients, eq(patients.id, webAccounts.patientId))
    .where(
      and(
        q
          ? /^\d+$/.test(digits)
            ? sql`${patients.dni} like ${`${digits}%`}`
            : or(foldedContainsEveryWord(sql`${patients.lastName} || ' ' || ${patients.firstName}`, q), ilike(patients.email, containsPattern(q)))
          : undefined,
        f.status === 'active' ? and(isNotNull(webAccounts.activatedAt), eq(webAccounts.disabled, false)) : undefined,
        f.status === 'pending' ? isNull(webAccounts.activatedAt) : undefined,
        f.status === 'disabled' ? eq(webAccounts.disabled, true) : undefined,
        f.before ? lt(webAccounts.id, f.before) : undefined,
      ),
    )
    .orderBy(desc(webAccounts.id))
    .limit(WEB_PATIENTS_PAGE + 1);
  return { rows: rows.slice(0, WEB_PATIENTS_PAGE), nextBefore: rows.length > WEB_PATIENTS_PAGE ? rows[WEB_PATIENTS_PAGE - 1].accountId : null };
}

export async function getWebPatient(db: DbOrTx, accountId: number) {
  const [row] = await db
    .select({
      accountId: webAccounts.id,
      patientId: patients.id,
      dni: patients.dni,
      lastName: patients.lastName,
      firstName: patients.firstName,
      email: patients.email,
      activatedAt: webAccounts.activatedAt,
      disabled: webAccounts.disabled,
      observation: webAccounts.disabledObservation,
    })
    .from(webAccounts)
    .innerJoin(patients, eq(patients.id, webAccounts.patientId))
    .where(eq(webAccounts.id, accountId));
  return row ?? null;
}

/**
 * MODIFICAR ACTIVACION/CONTRASEÑA: activate without the e-mail, fix DNI, e-mail or password,
 * DESHABILITAR? with the observation the patient reads at login. One transaction, audited
 * (never the hash).
 */
export async function updateWebPatient(db: Db, accountId: number, input: WebPatientUpdate, actor: Actor): Promise<Result> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  try {
    return await db.transaction(async (tx) => {
      const before = await getWebPatientForUpdate(tx, accountId);
      if (!before) return { ok: false as const, error: 'Ese paciente web no existe.' };
      await tx.update(patients).set({ dni: input.dni, email: input.email, updatedAt: new Date() }).where(eq(patients.id, before.patientId));
      await tx
        .update(webAccounts)
        .set({
          activatedAt: input.activated ? (before.activatedAt ?? new Date()) : null,
          disabled: input.disabled,
          disabledObservation: input.disabled ? input.observation : '',
          // A new password ends the patient's sessions (someone may have known the old one).
          ...(passwordHash ? passwordChange(webAccounts, passwordHash) : {}),
        })
        .where(eq(webAccounts.id, accountId));
      // An activation done by staff makes pending activation links pointless.
      if (input.activated && !before.activatedAt) await expireOpenTokens(tx, accountId, 'activation');
      const after = await getWebPatient(tx, accountId);
      await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.username }, {
        action: passwordHash ? 'web_account.update_password' : 'web_account.update',
        entity: 'web_account',
        entityId: String(accountId),
        before,
        after,
        ip: actor.ip,
      });
      return { ok: true as const, id: accountId };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, error: 'Ya hay otro paciente con ese DNI.', fieldErrors: { dni: 'Ya hay otro paciente con ese DNI.' } };
    throw err;
  }
}

async function getWebPatientForUpdate(tx: DbOrTx, accountId: number) {
  await tx.select({ id: webAccounts.id }).from(webAccounts).where(eq(webAccounts.id, accountId)).for('update');
  return getWebPatient(tx, accountId);
}

/**
 * ALTA EN WEB: a web user for a patient already on file (found by DNI) or a new patient, with the
 * password staff chose, active at once (staff vouch for who they are).
 */
export async function createWebPatient(db: Db, input: WebPatientCreate, actor: Actor): Promise<Result> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx): Promise<Result> => {
    let [patient] = await tx.select().from(patients).where(eq(patients.dni, input.dni));
    if (!patient) {
      if (!input.lastName || !input.firstName) {
        return { ok: false as const, error: 'Es un paciente nuevo: ingrese apellido y nombre.', fieldErrors: { lastName: 'Ingrese el apellido.', firstName: 'Ingrese el nombre.' } };
      }
      [patient] = await tx.insert(patients).values({ dni: input.dni, lastName: input.lastName, firstName: input.firstName, email: input.email }).returning();
    } else {
      await tx.update(patients).set({ email: input.email, updatedAt: new Date() }).where(eq(patients.id, patient.id));
    }
    const [existing] = await tx.select({ id: webAccounts.id }).from(webAccounts).where(eq(webAccounts.patientId, patient.id));
    if (existing) {
      return { ok: false as const, error: 'Ese paciente ya tiene usuario web: modifíquelo desde el listado.', fieldErrors: { dni: 'Ya tiene usuario web.' } };
    }
    const [account] = await tx.insert(webAccounts).values({ patientId: patient.id, passwordHash, activatedAt: new Date() }).returning({ id: webAccounts.id });
    await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.username }, {
      action: 'web_account.create_by_staff',
      entity: 'web_account',
      entityId: String(account.id),
      after: { patientId: patient.id, dni: patient.dni, email: input.email },
      ip: actor.ip,
    });
    return { ok: true as const, id: account.id };
  });
}

/** Re-sends the activation link, or a password-reset link ("olvidó su contraseña"), to the e-mail on file. */
export async function sendAccountLink(db: Db, accountId: number, kind: 'activation' | 'password_reset', linkBase: string, actor: Actor): Promise<Result> {
  const center = await getCenterSettings(db);
  return db.transaction(async (tx) => {
    const account = await getWebPatient(tx, accountId);
    if (!account) return { ok: false as const, error: 'Ese paciente web no existe.' };
    if (!account.email) return { ok: false as const, error: 'El paciente no tiene e-mail: cárguelo primero.' };
    if (kind === 'activation') {
      if (account.activatedAt) return { ok: false as const, error: 'El usuario ya está activado.' };
      await expireOpenTokens(tx, accountId, 'activation');
      await sendActivation(tx, center, { linkBase }, {
        accountId,
        patient: { id: account.patientId, lastName: account.lastName, firstName: account.firstName },
        recipient: account.email,
        pendingProfile: null,
      });
    } else {
      if (!account.activatedAt) return { ok: false as const, error: 'El usuario no está activado: reenvíe la activación.' };
      await sendPasswordResetLink(tx, center, { ...account, email: account.email }, linkBase);
    }
    await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.username }, {
      action: kind === 'activation' ? 'web_account.activation_resent' : 'web_account.reset_link_sent',
      entity: 'web_account',
      entityId: String(accountId),
      ip: actor.ip,
    });
    return { ok: true as const, id: accountId };
  });
}
