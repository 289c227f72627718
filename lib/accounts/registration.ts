import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { insurers, patients, webAccounts } from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';
import { hashPassword, passwordChange } from '@/lib/auth/password';
import { accountActivationMessage, alreadyRegisteredMessage } from '@/lib/messaging/compose';
import { enqueueEmail } from '@/lib/messaging/outbox';
import { getCenterSettings } from '@/lib/settings/queries';
import { createTicket, verifyChallenge, verifyTicket } from './challenge';
import { tokenLink } from './links';
import { RATE_LIMITS, takeRateLimit } from './rate-limit';
import { type RegistrationInput } from './schemas';
import { expireOpenTokens, issueAccountToken } from './tokens';
import { isUniqueViolation } from '@/db/errors';

/**
 * REGISTRARSE POR PRIMERA VEZ.
 *
 * Whoever types a DNI learns nothing about it. Step 2 is the same empty form for every DNI (no
 * names, not even masked: "is a patient of this center" is itself health information), and the
 * answer is the same whatever the case. Data already on file belongs to someone who has not
 * proved anything yet, so it is never shown, and never changed until the link sent to the
 * e-mail ON FILE is opened:
 *
 * - new DNI: the patient is created with what was typed; the link goes to the typed e-mail.
 * - patient on file, no web user (or one never activated): the account gets the typed password;
 *   the link goes to the e-mail on file and carries what was typed (`pendingProfile`), applied on
 *   activation. Earlier links stop working. No e-mail on file: nothing is sent; the center can
 *   activate the user (manual: "un usuario ... podrá activarle su Usuario desde el Sistema").
 * - active web user: nothing changes; the account's own address gets an "ya está registrado"
 *   mail with a password-reset link.
 *
 * The one thing the form cannot hide is where mail arrives: someone who types a stranger's DNI and
 * their own address gets no mail when the DNI is on file. That takes a mailbox and a wait per
 * guess, and the rate limits keep it to a few per hour.
 */

export type StartResult = { ok: true; dni: string; ticket: string } | { ok: false; reason: 'wrong' | 'expired' };

/** Paso 1: the anti-spam sum. No database access: nothing here depends on the DNI. */
export function startRegistration(
  input: { dni: string; answer: string; challenge: string },
  secret: string,
  now = Date.now(),
): StartResult {
  const check = verifyChallenge(secret, input.challenge, input.answer, now);
  if (check !== 'ok') return { ok: false, reason: check === 'expired' ? 'expired' : 'wrong' };
  return { ok: true, dni: input.dni, ticket: createTicket(secret, input.dni, now) };
}

/** Typed at registration by someone not yet proven to be the patient on file. */
export interface PendingProfile {
  birthDate: string | null;
  mobile: string;
  phone: string;
  email: string;
  insurerId: number;
  memberNumber: string;
  remindersOptIn: boolean;
}

export type RegistrationResult =
  | { ok: true }
  | { ok: false; reason: 'ticket' | 'rate_limited' | 'invalid'; fieldErrors?: Record<string, string> };

export interface RegistrationContext {
  secret: string;
  ip: string;
  /** Where mail links point (lib/accounts/links.ts linkBase). */
  linkBase: string;
  now?: number;
}

/** Paso 2. Everything it writes (patient, account, link, mail, audit) commits together or not at all. */
export async function registerPatient(
  db: Db,
  input: RegistrationInput & { ticket: string },
  context: RegistrationContext,
): Promise<RegistrationResult> {
  if (verifyTicket(context.secret, input.ticket, input.dni, context.now) !== 'ok') return { ok: false, reason: 'ticket' };

  const [insurer] = await db
    .select({ id: insurers.id })
    .from(insurers)
    .where(and(eq(insurers.id, input.insurerId), eq(insurers.active, true), eq(insurers.webEnabled, true)));
  if (!insurer) return { ok: false, reason: 'invalid', fieldErrors: { insurerId: 'Elija una obra social de la lista.' } };

  const allowed = await takeRateLimit(db, [
    { limit: RATE_LIMITS.registrationPerIp, key: context.ip },
    { limit: RATE_LIMITS.registrationPerDni, key: input.dni },
  ]);
  if (!allowed) return { ok: false, reason: 'rate_limited' };

  // Hashed in every case, even when it will not be used: the answer takes as long whatever the DNI.
  const passwordHash = await hashPassword(input.password);
  const center = await getCenterSettings(db);

  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction((tx) => registerInTransaction(tx, input, passwordHash, center, context));
      return { ok: true };
    } catch (err) {
      // Two registrations of one new DNI at once: the loser retries and finds the winner's row.
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
    }
  }
}

type Center = Awaited<ReturnType<typeof getCenterSettings>>;

async function registerInTransaction(
  tx: Tx,
  input: RegistrationInput,
  passwordHash: string,
  center: Center,
  context: RegistrationContext,
): Promise<void> {
  const actor = { kind: 'system' as const, label: 'Registro web' };
  const [existing] = await tx
    .select({ id: patients.id, lastName: patients.lastName, firstName: patients.firstName, email: patients.email })
    .from(patients)
    .where(eq(patients.dni, input.dni))
    .for('update');

  if (!existing) {
    const [patient] = await tx
      .insert(patients)
      .values({
        dni: input.dni,
        lastName: input.lastName,
        firstName: input.firstName,
        birthDate: input.birthDate,
        mobile: input.mobile,
        phone: input.phone,
        email: input.email,
        insurerId: input.insurerId,
        memberNumber: input.memberNumber,
        remindersOptIn: input.remindersOptIn,
      })
      .returning();
    const [account] = await tx
      .insert(webAccounts)
      .values({ patientId: patient.id, passwordHash, createdIp: context.ip })
      .returning({ id: webAccounts.id });
    await sendActivation(tx, center, context, { accountId: account.id, patient, recipient: patient.email, pendingProfile: null });
    await writeAudit(tx, actor, {
      action: 'web_account.register',
      entity: 'patient',
      entityId: String(patient.id),
      after: { patient, accountId: account.id },
      ip: context.ip,
    });
    return;
  }

  const [account] = await tx
    .select({ id: webAccounts.id, activatedAt: webAccounts.activatedAt })
    .from(webAccounts)
    .where(eq(webAccounts.patientId, existing.id))
    .for('update');

  if (account?.activatedAt) {
    if (existing.email) {
      const { token, expiresAt } = await issueAccountToken(tx, account.id, 'password_reset');
      const content = await alreadyRegisteredMessage({
        center,
        patient: existing,
        dni: input.dni,
        url: tokenLink(context.linkBase, '/restablecer', token),
        expiresAt,
      });
      await enqueueEmail(tx, { kind: 'password_reset', recipient: existing.email, patientId: existing.id, ...content });
    }
    await writeAudit(tx, actor, {
      action: 'web_account.register_already_active',
      entity: 'patient',
      entityId: String(existing.id),
      after: { mailed: Boolean(existing.email) },
      ip: context.ip,
    });
    return;
  }

  let accountId: number;
  if (account) {
    accountId = account.id;
    // Whoever registers again chooses the password; the link still only reaches the address on file.
    await tx.update(webAccounts).set(passwordChange(webAccounts, passwordHash)).where(eq(webAccounts.id, accountId));
    await expireOpenTokens(tx, accountId, 'activation');
  } else {
    const [created] = await tx
      .insert(webAccounts)
      .values({ patientId: existing.id, passwordHash, createdIp: context.ip })
      .returning({ id: webAccounts.id });
    accountId = created.id;
  }
  const pendingProfile: PendingProfile = {
    birthDate: input.birthDate,
    mobile: input.mobile,
    phone: input.phone,
    email: input.email,
    insurerId: input.insurerId,
    memberNumber: input.memberNumber,
    remindersOptIn: input.remindersOptIn,
  };
  if (existing.email) {
    await sendActivation(tx, center, context, { accountId, patient: existing, recipient: existing.email, pendingProfile });
  }
  await writeAudit(tx, actor, {
    action: account ? 'web_account.register_again' : 'web_account.register_existing_patient',
    entity: 'patient',
    entityId: String(existing.id),
    after: { accountId, mailed: Boolean(existing.email), pendingProfile },
    ip: context.ip,
  });
}

/** A fresh activation link to the account's e-mail (registration, and staff's "reenviar activación"). */
export async function sendActivation(
  tx: Tx,
  center: Center,
  context: Pick<RegistrationContext, 'linkBase'>,
  target: {
    accountId: number;
    patient: { id: number; lastName: string; firstName: string };
    recipient: string;
    pendingProfile: PendingProfile | null;
  },
): Promise<void> {
  const { token, expiresAt } = await issueAccountToken(tx, target.accountId, 'activation', {
    pendingProfile: target.pendingProfile,
  });
  const content = await accountActivationMessage({
    center,
    patient: target.patient,
    url: tokenLink(context.linkBase, '/activar', token),
    expiresAt,
  });
  await enqueueEmail(tx, { kind: 'activation', recipient: target.recipient, patientId: target.patient.id, ...content });
}
