import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { createChallenge } from '@/lib/accounts/challenge';
import { confirmEmailChange, describeEmailChangeLink, requestEmailChange } from '@/lib/accounts/email-change';
import { changeMyPassword, updateMyContactData } from '@/lib/accounts/my-data';
import { describeResetLink, requestPasswordReset, resetPassword } from '@/lib/accounts/password-reset';
import { RATE_LIMITS, takeRateLimit } from '@/lib/accounts/rate-limit';
import { verifyPatientCredentials } from '@/lib/auth/credentials';
import { beginLoginAttempt, finishLoginAttempt } from '@/lib/auth/throttle';
import { describeEachEngine, describePostgresOnly } from '../support/db';
import { accountOf, centerWithInsurers, context, IP, LINK_BASE, outbox, patientByDni, patientOnFile, SECRET, tokenIn, tokensOf } from './accounts-support';

/** A solved anti-spam challenge, as the form would send it. */
function solved(dni: string) {
  const { question, token } = createChallenge(SECRET);
  const [a, b] = question.match(/\d/g)!.map(Number);
  return { dni, answer: String(a + b), challenge: token };
}

describeEachEngine('¿Olvidó su contraseña? and /restablecer', (getCtx) => {
  const signsIn = async (dni: string, password: string) =>
    (await verifyPatientCredentials(getCtx().db, { dni, password }, { ip: '192.0.2.99' })).ok;

  it('mails a 1-hour reset link only to an activated web user, answering the same for every DNI', async () => {
    const { db } = getCtx();
    await centerWithInsurers(db);
    await patientOnFile(db, { dni: '30111222' }, { activated: true });
    await patientOnFile(db, { dni: '33444555', email: 'n.garcia@example.com' }, { activated: false });
    await patientOnFile(db, { dni: '25123456', email: 'jm@example.com' });

    const results = [];
    for (const dni of ['30111222', '33444555', '25123456', '99888777']) {
      results.push(await requestPasswordReset(db, solved(dni), context()));
    }
    for (const r of results) expect(r).toStrictEqual({ ok: true });

    const mails = await outbox(db);
    expect(mails.map((m) => [m.kind, m.recipient])).toEqual([['password_reset', 'juan.perez@example.com']]);
    const token = tokenIn(mails[0], '/restablecer');
    const [stored] = await db.select().from(s.accountTokens);
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(stored.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    expect(await describeResetLink(db, token)).toEqual({ state: 'valid', patientName: 'PEREZ JUAN' });
  });

  it('refuses a wrong anti-spam answer without looking at the DNI', async () => {
    const { db } = getCtx();
    await centerWithInsurers(db);
    await patientOnFile(db, { dni: '30111222' }, { activated: true });
    const { answer, ...rest } = solved('30111222');
    const result = await requestPasswordReset(db, { ...rest, answer: String(Number(answer) + 1) }, context());
    expect(result).toEqual({ ok: false, reason: 'antispam' });
    expect(await outbox(db)).toHaveLength(0);
  });

  it('saves the new password, uses the link once, kills every other reset link, unlocks the throttle', async () => {
    const { db } = getCtx();
    await centerWithInsurers(db);
    const { accountId } = await patientOnFile(db, { dni: '30111222' }, { activated: true });
    await requestPasswordReset(db, solved('30111222'), context());
    await requestPasswordReset(db, solved('30111222'), context());
    const [older, newer] = (await outbox(db)).map((m) => tokenIn(m, '/restablecer'));
    // Five wrong guesses lock the account's sign-in for 15 minutes…
    for (let i = 0; i < 5; i++) {
      const attempt = await beginLoginAttempt(db, { scope: 'patient', identifier: '30111222', ip: '192.0.2.1' });
      if (!attempt.throttled) await finishLoginAttempt(db, attempt.attemptId, false);
    }

    expect(await resetPassword(db, { token: newer, password: 'otra-clave-segura' }, { ip: IP })).toEqual({ ok: true, dni: '30111222' });
    // …but proving the mailbox lets the patient in with the new password at once.
    expect(await signsIn('30111222', 'otra-clave-segura')).toBe(true);
    expect(await signsIn('30111222', 'paciente1234')).toBe(false);

    expect(await resetPassword(db, { token: newer, password: 'tercera-clave' }, { ip: IP })).toEqual({ ok: false, reason: 'used' });
    expect(await resetPassword(db, { token: older, password: 'tercera-clave' }, { ip: IP })).toEqual({ ok: false, reason: 'used' });
    expect((await tokensOf(db, accountId!, 'password_reset')).every((t) => t.usedAt)).toBe(true);
    const audit = await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'web_account.password_reset'));
    expect(audit).toHaveLength(1);
  });

  it('refuses an expired reset link', async () => {
    const { db } = getCtx();
    await centerWithInsurers(db);
    await patientOnFile(db, { dni: '30111222' }, { activated: true });
    await requestPasswordReset(db, solved('30111222'), context());
    const token = tokenIn((await outbox(db))[0], '/restablecer');
    await db.update(s.accountTokens).set({ expiresAt: sql`now() - interval '1 second'` });
    expect(await describeResetLink(db, token)).toEqual({ state: 'expired' });
    expect(await resetPassword(db, { token, password: 'otra-clave-segura' }, { ip: IP })).toEqual({ ok: false, reason: 'expired' });
    expect(await signsIn('30111222', 'paciente1234')).toBe(true);
  });

  it('limits reset requests: 3 an hour per DNI', async () => {
    const { db } = getCtx();
    await centerWithInsurers(db);
    await patientOnFile(db, { dni: '30111222' }, { activated: true });
    for (let i = 0; i < 3; i++) expect(await requestPasswordReset(db, solved('30111222'), context(`198.51.100.${i}`))).toEqual({ ok: true });
    expect(await requestPasswordReset(db, solved('30111222'), context('198.51.100.8'))).toEqual({ ok: false, reason: 'rate_limited' });
    expect(await outbox(db)).toHaveLength(3);
  });
});

describeEachEngine('Mis Datos', (getCtx) => {
  it('changes the e-mail only when the link sent to the NEW address is opened', async () => {
    const { db } = getCtx();
    await centerWithInsurers(db);
    const { patient, accountId } = await patientOnFile(db, { dni: '30111222' }, { activated: true });
    const ctx = { ip: IP, linkBase: LINK_BASE };

    expect(await requestEmailChange(db, patient.id, { newEmail: 'juan.perez@example.com', currentPassword: 'paciente1234' }, ctx)).toMatchObject({
      ok: false,
      fieldErrors: { newEmail: 'Ese ya es su e-mail.' },
    });
    expect(await requestEmailChange(db, patient.id, { newEmail: 'jp@nuevo.com', currentPassword: 'mal' }, ctx)).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: expect.any(String) },
    });
    expect(await outbox(db)).toHaveLength(0);

    expect(await requestEmailChange(db, patient.id, { newEmail: 'jp@primero.com', currentPassword: 'paciente1234' }, ctx)).toEqual({ ok: true });
    expect(await requestEmailChange(db, patient.id, { newEmail: 'jp@nuevo.com', currentPassword: 'paciente1234' }, ctx)).toEqual({ ok: true });
    const mails = await outbox(db);
    expect(mails.map((m) => [m.kind, m.recipient])).toEqual([
      ['email_change', 'jp@primero.com'],
      ['email_change', 'jp@nuevo.com'],
    ]);
    const [first, second] = mails.map((m) => tokenIn(m, '/confirmar-email'));
    expect((await patientByDni(db, '30111222')).email).toBe('juan.perez@example.com');

    // Only the latest request counts.
    expect(await describeEmailChangeLink(db, first)).toEqual({ state: 'expired' });
    expect(await confirmEmailChange(db, first, { ip: IP })).toEqual({ ok: false, reason: 'expired' });
    expect(await describeEmailChangeLink(db, second)).toEqual({ state: 'valid', newEmail: 'jp@nuevo.com' });
    expect(await confirmEmailChange(db, second, { ip: IP })).toEqual({ ok: true, newEmail: 'jp@nuevo.com' });
    expect((await patientByDni(db, '30111222')).email).toBe('jp@nuevo.com');
    expect(await confirmEmailChange(db, second, { ip: IP })).toEqual({ ok: false, reason: 'used' });
    expect((await tokensOf(db, accountId!, 'email_change')).filter((t) => t.usedAt)).toHaveLength(1);
    const [audit] = await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'patient.email_change_confirmed'));
    expect(audit).toMatchObject({ before: { email: 'juan.perez@example.com' }, after: { email: 'jp@nuevo.com' }, actorId: patient.id });
  });

  it('saves contact data, insurer and reminders on the patient’s own row only, audited', async () => {
    const { db } = getCtx();
    const { web, offWeb } = await centerWithInsurers(db);
    const { patient } = await patientOnFile(db, { dni: '30111222', insurerId: offWeb, memberNumber: '1' }, { activated: true });
    const { patient: other } = await patientOnFile(db, { dni: '28999888', email: 'maria@example.com' }, { activated: true });
    const input = { mobile: '1166667777', phone: '42223333', address: 'Av. Siempre Viva 742', insurerId: offWeb, memberNumber: '1', remindersOptIn: false };

    // Keeping an insurer the web no longer offers is fine…
    expect(await updateMyContactData(db, patient.id, input, { ip: IP })).toEqual({ ok: true });
    expect(await patientByDni(db, '30111222')).toMatchObject({ mobile: '1166667777', phone: '42223333', address: 'Av. Siempre Viva 742', remindersOptIn: false });
    // …choosing one is not; a web insurer is.
    await db.update(s.insurers).set({ webEnabled: false }).where(eq(s.insurers.id, web));
    expect(await updateMyContactData(db, patient.id, { ...input, insurerId: web }, { ip: IP })).toMatchObject({
      ok: false,
      fieldErrors: { insurerId: expect.any(String) },
    });
    await db.update(s.insurers).set({ webEnabled: true }).where(eq(s.insurers.id, web));
    expect(await updateMyContactData(db, patient.id, { ...input, insurerId: web, memberNumber: '61234567801' }, { ip: IP })).toEqual({ ok: true });
    expect(await patientByDni(db, '30111222')).toMatchObject({ insurerId: web, memberNumber: '61234567801' });

    expect(await patientByDni(db, '28999888')).toEqual(other);
    const audit = await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'patient.update_own_data'));
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ actorKind: 'patient', actorId: patient.id, entityId: String(patient.id) });
  });

  it('changes the password only with the current one, and retires reset links mailed before', async () => {
    const { db } = getCtx();
    await centerWithInsurers(db);
    const { patient, accountId } = await patientOnFile(db, { dni: '30111222' }, { activated: true });
    await requestPasswordReset(db, solved('30111222'), context());

    expect(await changeMyPassword(db, patient.id, { currentPassword: 'equivocada', newPassword: 'nueva-clave-1' }, { ip: IP, sid: 'sesion-1' })).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: expect.any(String) },
    });
    expect(await changeMyPassword(db, patient.id, { currentPassword: 'paciente1234', newPassword: 'nueva-clave-1' }, { ip: IP, sid: 'sesion-1' })).toEqual({ ok: true });
    expect((await verifyPatientCredentials(db, { dni: '30111222', password: 'nueva-clave-1' }, { ip: IP })).ok).toBe(true);
    const [reset] = await tokensOf(db, accountId!, 'password_reset');
    expect(reset.usedAt).not.toBeNull();
    expect((await accountOf(db, patient.id)).activatedAt).not.toBeNull();
  });
});

describePostgresOnly('rate limits under concurrency', (getCtx) => {
  it('20 simultaneous requests from one IP: exactly the limit gets through', async () => {
    const limit = RATE_LIMITS.registrationPerIp;
    const pools = Array.from({ length: 4 }, () => getCtx().connect({ max: 5 }));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => takeRateLimit(pools[i % pools.length].db, [{ limit, key: '203.0.113.200' }])),
    );
    expect(results.filter(Boolean)).toHaveLength(limit.max);
    const events = await getCtx().db.select().from(s.rateLimitEvents);
    expect(events).toHaveLength(limit.max);
  });
});
