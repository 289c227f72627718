import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { accountTokens, loginAttempts, patients, webAccounts } from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';
import { hashPassword, passwordChange } from '@/lib/auth/password';
import { passwordResetMessage } from '@/lib/messaging/compose';
import { enqueueEmail } from '@/lib/messaging/outbox';
import { getCenterSettings } from '@/lib/settings/queries';
import { verifyChallenge } from './challenge';
import { tokenLink } from './links';
import { RATE_LIMITS, takeRateLimit } from './rate-limit';
import { consumeAccountToken, findAccountToken, issueAccountToken, tokenState, type TokenState } from './tokens';

/**
 * ¿Olvidó su contraseña? The answer never depends on the DNI: a reset link (1 h, single use) is
 * mailed only when the DNI has an activated web user and an e-mail on file, and the page says the
 * same thing either way.
 */

export type ResetRequestResult = { ok: true } | { ok: false; reason: 'antispam' | 'antispam_expired' | 'rate_limited' };

export async function requestPasswordReset(
  db: Db,
  input: { dni: string; answer: string; challenge: string },
  context: { secret: string; ip: string; linkBase: string; now?: number },
): Promise<ResetRequestResult> {
  const check = verifyChallenge(context.secret, input.challenge, input.answer, context.now);
  if (check !== 'ok') return { ok: false, reason: check === 'expired' ? 'antispam_expired' : 'antispam' };
  const allowed = await takeRateLimit(db, [
    { limit: RATE_LIMITS.passwordResetPerIp, key: context.ip },
    { limit: RATE_LIMITS.passwordResetPerDni, key: input.dni },
  ]);
  if (!allowed) return { ok: false, reason: 'rate_limited' };

  const center = await getCenterSettings(db);
  await db.transaction(async (tx) => {
    const [account] = await tx
      .select({
        accountId: webAccounts.id,
        activatedAt: webAccounts.activatedAt,
        patientId: patients.id,
        lastName: patients.lastName,
        firstName: patients.firstName,
        email: patients.email,
      })
      .from(webAccounts)
      .innerJoin(patients, eq(patients.id, webAccounts.patientId))
      .where(eq(patients.dni, input.dni))
      .limit(1);
    if (!account?.activatedAt || !account.email) return;
    await sendPasswordResetLink(tx, center, { ...account, email: account.email }, context.linkBase);
    await writeAudit(tx, { kind: 'system', label: 'Olvidó su contraseña' }, {
      action: 'web_account.password_reset_requested',
      entity: 'web_account',
      entityId: String(account.accountId),
      ip: context.ip,
    });
  });
  return { ok: true };
}

export type ResetView = { state: Exclude<TokenState, 'valid'> } | { state: 'valid'; patientName: string };

export async function describeResetLink(db: Db, token: string): Promise<ResetView> {
  const row = await findAccountToken(db, token, 'password_reset');
  const state = tokenState(row);
  if (state !== 'valid' || !row) return { state: state === 'valid' ? 'invalid' : state };
  return { state, patientName: `${row.lastName} ${row.firstName}`.trim() };
}

export type ResetResult = { ok: true; dni: string } | { ok: false; reason: Exclude<TokenState, 'valid'> };

/** The new password: saved, this link used, every other reset link of the account dead. */
export async function resetPassword(
  db: Db,
  input: { token: string; password: string },
  context: { ip: string },
): Promise<ResetResult> {
  const row = await findAccountToken(db, input.token, 'password_reset');
  const state = tokenState(row);
  if (state !== 'valid' || !row) return { ok: false, reason: state === 'valid' ? 'invalid' : state };
  const passwordHash = await hashPassword(input.password);
  const done = await db.transaction(async (tx) => {
    if (!(await consumeAccountToken(tx, row.id))) return false;
    // Every session signed in with the old password ends (someone may have known it).
    await tx.update(webAccounts).set(passwordChange(webAccounts, passwordHash)).where(eq(webAccounts.id, row.accountId));
    await tx
      .update(accountTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(accountTokens.accountId, row.accountId), eq(accountTokens.purpose, 'password_reset'), isNull(accountTokens.usedAt)));
    // Proving control of the mailbox counts as a successful sign-in for the throttle, so the
    // failed guesses that often come before a reset do not lock the patient out of the new password.
    await tx.insert(loginAttempts).values({ scope: 'patient', identifier: row.dni, ip: context.ip, succeeded: true });
    await writeAudit(tx, { kind: 'patient', patientId: row.patientId, label: `${row.lastName} ${row.firstName}` }, {
      action: 'web_account.password_reset',
      entity: 'web_account',
      entityId: String(row.accountId),
      ip: context.ip,
    });
    return true;
  });
  return done ? { ok: true, dni: row.dni } : { ok: false, reason: 'used' };
}

/** A single-use link to choose a new password, to the account's e-mail (the patient's request, or staff's). */
export async function sendPasswordResetLink(
  tx: DbOrTx,
  center: Awaited<ReturnType<typeof getCenterSettings>>,
  account: { accountId: number; patientId: number; lastName: string; firstName: string; email: string },
  linkBase: string,
): Promise<void> {
  const { token, expiresAt } = await issueAccountToken(tx, account.accountId, 'password_reset');
  const content = await passwordResetMessage({
    center,
    patient: account,
    url: tokenLink(linkBase, '/restablecer', token),
    expiresAt,
  });
  await enqueueEmail(tx, { kind: 'password_reset', recipient: account.email, patientId: account.patientId, ...content });
}
