import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { patients } from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';
import { emailChangeMessage, type EmailCenter } from '@/lib/messaging/compose';
import { enqueueEmail } from '@/lib/messaging/outbox';
import { getCenterSettings } from '@/lib/settings/queries';
import { tokenLink } from './links';
import { checkCurrentPassword, ownAccount } from './own-account';
import { RATE_LIMITS, takeRateLimit } from './rate-limit';
import { consumeAccountToken, expireOpenTokens, findAccountToken, issueAccountToken, tokenState, type TokenState } from './tokens';

/**
 * MIS DATOS → e-mail. The address is where activation, reset and reminder mails go, so it only
 * changes once its owner opens the link sent to the NEW address (`email_change` token carrying
 * `newEmail`). Until then the old address stays in use.
 */

/** Issues the link (earlier unconfirmed requests stop working) and enqueues it to the new address. */
export async function sendEmailChangeLink(
  tx: DbOrTx,
  center: EmailCenter,
  linkBase: string,
  target: { accountId: number; patient: { patientId: number; lastName: string; firstName: string }; newEmail: string },
): Promise<void> {
  await expireOpenTokens(tx, target.accountId, 'email_change');
  const { token, expiresAt } = await issueAccountToken(tx, target.accountId, 'email_change', { newEmail: target.newEmail });
  const content = await emailChangeMessage({
    center,
    patient: target.patient,
    newEmail: target.newEmail,
    url: tokenLink(linkBase, '/confirmar-email', token),
    expiresAt,
  });
  await enqueueEmail(tx, { kind: 'email_change', recipient: target.newEmail, patientId: target.patient.patientId, ...content });
}

export type EmailChangeRequestResult =
  | { ok: true }
  | { ok: false; reason: 'rate_limited' }
  | { ok: false; reason: 'throttled' }
  | { ok: false; reason: 'invalid'; fieldErrors: Record<string, string> };

/** Asked from Mis Datos; `patientId` comes from the session. */
export async function requestEmailChange(
  db: Db,
  patientId: number,
  input: { newEmail: string; currentPassword: string },
  context: { ip: string; linkBase: string },
): Promise<EmailChangeRequestResult> {
  const account = await ownAccount(db, patientId);
  if (input.newEmail === account.email.toLowerCase()) {
    return { ok: false, reason: 'invalid', fieldErrors: { newEmail: 'Ese ya es su e-mail.' } };
  }
  const password = await checkCurrentPassword(db, account, input.currentPassword, context.ip);
  if (password !== 'ok') {
    return password === 'throttled'
      ? { ok: false, reason: 'throttled' }
      : { ok: false, reason: 'invalid', fieldErrors: { currentPassword: 'La contraseña no es correcta.' } };
  }
  if (!(await takeRateLimit(db, [{ limit: RATE_LIMITS.emailChangePerPatient, key: String(patientId) }]))) {
    return { ok: false, reason: 'rate_limited' };
  }
  const center = await getCenterSettings(db);
  await db.transaction(async (tx) => {
    await sendEmailChangeLink(tx, center, context.linkBase, { accountId: account.accountId, patient: account, newEmail: input.newEmail });
    await writeAudit(tx, { kind: 'patient', patientId, label: `${account.lastName} ${account.firstName}` }, {
      action: 'patient.email_change_requested',
      entity: 'patient',
      entityId: String(patientId),
      after: { newEmail: input.newEmail },
      ip: context.ip,
    });
  });
  return { ok: true };
}

export type EmailChangeView = { state: Exclude<TokenState, 'valid'> } | { state: 'valid'; newEmail: string };

export async function describeEmailChangeLink(db: Db, token: string): Promise<EmailChangeView> {
  const row = await findAccountToken(db, token, 'email_change');
  const state = tokenState(row);
  if (state !== 'valid' || !row?.newEmail) return { state: state === 'valid' ? 'invalid' : state };
  return { state, newEmail: row.newEmail };
}

export type EmailChangeResult = { ok: true; newEmail: string } | { ok: false; reason: Exclude<TokenState, 'valid'> };

/** The link's "Confirmar mi e-mail" button. Works signed in or not (it may be opened on a phone). */
export async function confirmEmailChange(db: Db, token: string, context: { ip: string }): Promise<EmailChangeResult> {
  const row = await findAccountToken(db, token, 'email_change');
  const state = tokenState(row);
  if (state !== 'valid' || !row?.newEmail) return { ok: false, reason: state === 'valid' ? 'invalid' : state };
  const newEmail = row.newEmail;
  const done = await db.transaction(async (tx) => {
    if (!(await consumeAccountToken(tx, row.id))) return false;
    await expireOpenTokens(tx, row.accountId, 'email_change');
    await tx.update(patients).set({ email: newEmail, updatedAt: sql`now()` }).where(eq(patients.id, row.patientId));
    await writeAudit(tx, { kind: 'patient', patientId: row.patientId, label: `${row.lastName} ${row.firstName}` }, {
      action: 'patient.email_change_confirmed',
      entity: 'patient',
      entityId: String(row.patientId),
      before: { email: row.email },
      after: { email: newEmail },
      ip: context.ip,
    });
    return true;
  });
  return done ? { ok: true, newEmail } : { ok: false, reason: 'used' };
}
