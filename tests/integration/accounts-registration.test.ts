import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { activateAccount, describeActivationLink } from '@/lib/accounts/activation';
import { createChallenge, createTicket } from '@/lib/accounts/challenge';
import { registerPatient, startRegistration } from '@/lib/accounts/registration';
import { resetPassword } from '@/lib/accounts/password-reset';
import { verifyPatientCredentials } from '@/lib/auth/credentials';
import { verifyPassword } from '@/lib/auth/password';
import { describeEachEngine } from '../support/db';
import {
  accountOf,
  centerWithInsurers,
  context,
  IP,
  LINK_BASE,
  outbox,
  PASSWORD,
  patientByDni,
  patientOnFile,
  registration,
  SECRET,
  tokenIn,
  tokensOf,
} from './accounts-support';

describeEachEngine('Registrarse: registration and activation', (getCtx) => {
  const activate = (token: string, password = PASSWORD) =>
    activateAccount(getCtx().db, { token, password }, { ip: IP, linkBase: LINK_BASE });

  it('a new DNI: patient + inactive web user + one activation mail whose link activates exactly once', async () => {
    const { db } = getCtx();
    const { web } = await centerWithInsurers(db);

    expect(await registerPatient(db, registration('35123456', web), context())).toEqual({ ok: true });

    const patient = await patientByDni(db, '35123456');
    expect(patient).toMatchObject({
      lastName: 'LOPEZ',
      firstName: 'CARLA',
      birthDate: '1990-05-17',
      mobile: '1155550000',
      email: 'carla.lopez@example.com',
      insurerId: web,
      memberNumber: '123456',
      remindersOptIn: true,
    });
    const account = await accountOf(db, patient.id);
    expect(account).toMatchObject({ activatedAt: null, disabled: false, createdIp: IP });
    expect(await verifyPassword(PASSWORD, account.passwordHash)).toBe(true);

    const mails = await outbox(db);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: 'activation', recipient: 'carla.lopez@example.com' });
    const token = tokenIn(mails[0], '/activar');
    // Only a hash of the link's token is stored.
    const [stored] = await tokensOf(db, account.id, 'activation');
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(47.9 * 3_600_000);

    // Signing in before activating: refused as "inactive".
    expect(await verifyPatientCredentials(db, { dni: '35123456', password: PASSWORD }, { ip: IP })).toMatchObject({ ok: false, reason: 'inactive' });

    expect(await describeActivationLink(db, token)).toEqual({ state: 'valid', patientName: 'LOPEZ CARLA', dni: '35123456' });
    expect(await activate(token)).toEqual({ ok: true, dni: '35123456', patientId: patient.id });
    expect((await accountOf(db, patient.id)).activatedAt).toBeInstanceOf(Date);
    expect(await verifyPatientCredentials(db, { dni: '35123456', password: PASSWORD }, { ip: IP })).toMatchObject({ ok: true });

    // Exactly once.
    expect(await activate(token)).toEqual({ ok: false, reason: 'used' });
    expect(await describeActivationLink(db, token)).toEqual({ state: 'used' });
    const audit = await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'web_account.activate'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: 'patient', actorId: patient.id, ip: IP });
  });

  it('the link only activates with the password chosen at registration', async () => {
    const { db } = getCtx();
    const { web } = await centerWithInsurers(db);
    await registerPatient(db, registration('35123456', web), context());
    const token = tokenIn((await outbox(db))[0], '/activar');

    const wrong = await activate(token, 'otra-clave-999');
    expect(wrong).toMatchObject({ ok: false, reason: 'password', fieldErrors: { password: expect.any(String) } });
    expect((await accountOf(db, (await patientByDni(db, '35123456')).id)).activatedAt).toBeNull();
    // The link is still good for the right password.
    expect(await activate(token)).toMatchObject({ ok: true });
  });

  it('a patient on file without web user: nothing shown or changed until the link sent to the e-mail ON FILE is used', async () => {
    const { db } = getCtx();
    const { web } = await centerWithInsurers(db);
    const { patient } = await patientOnFile(db, { dni: '25123456', lastName: 'IBAÑEZ', firstName: 'JUAN MANUEL', email: 'jm.ibanez@example.com', mobile: '3415550000', birthDate: null });

    const typed = registration('25123456', web, { lastName: 'OTRO', firstName: 'NOMBRE', mobile: '3416660000', email: 'nuevo.jm@example.com' });
    expect(await registerPatient(db, typed, context())).toEqual({ ok: true });

    // Not a letter of the record changed yet: whoever typed the DNI proved nothing so far.
    expect(await patientByDni(db, '25123456')).toEqual(patient);
    const account = await accountOf(db, patient.id);
    expect(account.activatedAt).toBeNull();
    const mails = await outbox(db);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: 'activation', recipient: 'jm.ibanez@example.com' });
    // The mail greets the patient on file, not the name typed.
    expect(mails[0].bodyText).toContain('IBAÑEZ JUAN MANUEL');

    expect(await activate(tokenIn(mails[0], '/activar'))).toMatchObject({ ok: true });
    const after = await patientByDni(db, '25123456');
    // Contact data typed at registration now applies; DNI and names stay the center's.
    expect(after).toMatchObject({ lastName: 'IBAÑEZ', firstName: 'JUAN MANUEL', mobile: '3416660000', birthDate: '1990-05-17', insurerId: web, memberNumber: '123456' });
    // A different e-mail is not taken on trust: it is confirmed like any change of e-mail.
    expect(after.email).toBe('jm.ibanez@example.com');
    const [emailChange] = (await outbox(db)).slice(1);
    expect(emailChange).toMatchObject({ kind: 'email_change', recipient: 'nuevo.jm@example.com' });
    const [pending] = await tokensOf(db, account.id, 'email_change');
    expect(pending.newEmail).toBe('nuevo.jm@example.com');
  });

  it('a patient on file with no e-mail: the web user is created, nothing is mailed, the center can activate it', async () => {
    const { db } = getCtx();
    const { web } = await centerWithInsurers(db);
    const { patient } = await patientOnFile(db, { dni: '29888111', email: '' });

    expect(await registerPatient(db, registration('29888111', web), context())).toEqual({ ok: true });
    expect(await outbox(db)).toHaveLength(0);
    expect(await patientByDni(db, '29888111')).toEqual(patient);
    expect((await accountOf(db, patient.id)).activatedAt).toBeNull();
  });

  it('registered but never activated: a fresh link to the e-mail on file, the old one stops working', async () => {
    const { db } = getCtx();
    const { web } = await centerWithInsurers(db);
    await registerPatient(db, registration('35123456', web), context());
    const first = tokenIn((await outbox(db))[0], '/activar');

    // Again, with another password and another address typed.
    const again = registration('35123456', web, { email: 'otra@example.com', password: 'segunda-clave', passwordConfirm: 'segunda-clave' });
    expect(await registerPatient(db, again, context())).toEqual({ ok: true });

    const mails = await outbox(db);
    expect(mails).toHaveLength(2);
    expect(mails[1]).toMatchObject({ kind: 'activation', recipient: 'carla.lopez@example.com' });
    const second = tokenIn(mails[1], '/activar');
    expect(second).not.toBe(first);

    expect(await describeActivationLink(db, first)).toEqual({ state: 'expired' });
    expect(await activate(first, 'segunda-clave')).toEqual({ ok: false, reason: 'expired' });
    // Whoever registered last chose the password.
    expect(await activate(second, PASSWORD)).toMatchObject({ ok: false, reason: 'password' });
    expect(await activate(second, 'segunda-clave')).toMatchObject({ ok: true });
    expect((await patientByDni(db, '35123456')).email).toBe('carla.lopez@example.com');
  });

  it('already active: nothing changes, and the account’s own address gets "ya tiene usuario" with a reset link', async () => {
    const { db } = getCtx();
    const { web } = await centerWithInsurers(db);
    const { patient, accountId } = await patientOnFile(db, { dni: '30111222' }, { activated: true });
    const before = await accountOf(db, patient.id);

    const attempt = registration('30111222', web, { email: 'intruso@example.com', password: 'clave-del-intruso', passwordConfirm: 'clave-del-intruso' });
    expect(await registerPatient(db, attempt, context())).toEqual({ ok: true });

    expect(await patientByDni(db, '30111222')).toEqual(patient);
    expect(await accountOf(db, patient.id)).toEqual(before);
    expect(await tokensOf(db, accountId!, 'activation')).toHaveLength(0);
    const mails = await outbox(db);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: 'password_reset', recipient: 'juan.perez@example.com' });
    expect(mails[0].subject).toMatch(/^Usted ya tiene usuario web/);
    expect(mails[0].bodyText).toContain('30.111.222');

    // The owner can use it to choose a new password.
    const reset = await resetPassword(db, { token: tokenIn(mails[0], '/restablecer'), password: 'mi-clave-nueva' }, { ip: IP });
    expect(reset).toEqual({ ok: true, dni: '30111222' });
    expect(await verifyPatientCredentials(db, { dni: '30111222', password: 'mi-clave-nueva' }, { ip: IP })).toMatchObject({ ok: true });
  });

  it('answers every case with the same value: new, on file, registered not active, active', async () => {
    const { db } = getCtx();
    const { web } = await centerWithInsurers(db);
    await patientOnFile(db, { dni: '25123456' });
    await patientOnFile(db, { dni: '33444555', email: 'n.garcia@example.com' }, { activated: false });
    await patientOnFile(db, { dni: '30111222', email: 'j.perez@example.com' }, { activated: true });

    const results = [];
    for (const dni of ['35123456', '25123456', '33444555', '30111222']) {
      results.push(await registerPatient(db, registration(dni, web), context()));
    }
    for (const result of results) expect(result).toStrictEqual({ ok: true });
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    // …while each got the mail its case calls for.
    expect((await outbox(db)).map((m) => [m.kind, m.recipient])).toEqual([
      ['activation', 'carla.lopez@example.com'],
      ['activation', 'juan.perez@example.com'],
      ['activation', 'n.garcia@example.com'],
      ['password_reset', 'j.perez@example.com'],
    ]);
  });

  it('refuses expired, used and made-up links', async () => {
    const { db } = getCtx();
    const { web } = await centerWithInsurers(db);
    await registerPatient(db, registration('35123456', web), context());
    const token = tokenIn((await outbox(db))[0], '/activar');
    await db.update(s.accountTokens).set({ expiresAt: sql`now() - interval '1 minute'` });

    expect(await describeActivationLink(db, token)).toEqual({ state: 'expired' });
    expect(await activate(token)).toEqual({ ok: false, reason: 'expired' });
    expect(await activate('x'.repeat(43))).toEqual({ ok: false, reason: 'invalid' });
    expect(await activate('not a token')).toEqual({ ok: false, reason: 'invalid' });
    expect(await describeActivationLink(db, '')).toEqual({ state: 'invalid' });
    expect((await accountOf(db, (await patientByDni(db, '35123456')).id)).activatedAt).toBeNull();
  });

  it('the anti-spam: a wrong sum gets no ticket, and paso 2 without a valid ticket for that DNI writes nothing', async () => {
    const { db } = getCtx();
    const { web } = await centerWithInsurers(db);
    const { question, token } = createChallenge(SECRET);
    const [a, b] = question.match(/\d/g)!.map(Number);

    expect(startRegistration({ dni: '35123456', answer: String(a + b + 1), challenge: token }, SECRET)).toEqual({ ok: false, reason: 'wrong' });
    // A token made up in the browser, with the right sum: its MAC cannot match.
    const forged = `c1.${Date.now() + 60_000}.bm9uY2Vub25jZW5v.${'A'.repeat(43)}`;
    expect(startRegistration({ dni: '35123456', answer: String(a + b), challenge: forged }, SECRET)).toEqual({ ok: false, reason: 'wrong' });
    const passed = startRegistration({ dni: '35123456', answer: String(a + b), challenge: token }, SECRET);
    expect(passed).toMatchObject({ ok: true, dni: '35123456' });

    for (const ticket of ['', 'forged', createTicket(SECRET, '30111222'), createTicket('other-secret-'.padEnd(48, 'z'), '35123456')]) {
      expect(await registerPatient(db, { ...registration('35123456', web), ticket }, context())).toEqual({ ok: false, reason: 'ticket' });
    }
    expect(await db.select().from(s.patients)).toHaveLength(0);
    expect(await outbox(db)).toHaveLength(0);

    const ticket = (passed as { ticket: string }).ticket;
    expect(await registerPatient(db, { ...registration('35123456', web), ticket }, context())).toEqual({ ok: true });
  });

  it('offers only the insurers enabled for the web', async () => {
    const { db } = getCtx();
    const { offWeb } = await centerWithInsurers(db);
    const result = await registerPatient(db, registration('35123456', offWeb), context());
    expect(result).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { insurerId: expect.any(String) } });
    expect(await db.select().from(s.patients)).toHaveLength(0);
  });

  it('limits requests per DNI and per IP; a refused one writes and sends nothing', async () => {
    const { db } = getCtx();
    const { web } = await centerWithInsurers(db);
    // Per DNI: 3 an hour, from any address.
    for (let i = 0; i < 3; i++) {
      expect(await registerPatient(db, registration('35123456', web), context(`198.51.100.${i}`))).toEqual({ ok: true });
    }
    expect(await registerPatient(db, registration('35123456', web), context('198.51.100.9'))).toEqual({ ok: false, reason: 'rate_limited' });
    expect(await outbox(db)).toHaveLength(3);

    // Per IP: 10 an hour, whatever the DNI.
    for (let i = 0; i < 10; i++) {
      expect(await registerPatient(db, registration(String(36000000 + i), web), context('192.0.2.7'))).toEqual({ ok: true });
    }
    expect(await registerPatient(db, registration('37000000', web), context('192.0.2.7'))).toEqual({ ok: false, reason: 'rate_limited' });
    expect(await patientByDni(db, '37000000')).toBeUndefined();
    // Another address is unaffected, and the window passes.
    expect(await registerPatient(db, registration('37000000', web), context('192.0.2.8'))).toEqual({ ok: true });
    await db.update(s.rateLimitEvents).set({ at: sql`now() - interval '61 minutes'` });
    expect(await registerPatient(db, registration('37000001', web), context('192.0.2.7'))).toEqual({ ok: true });
  });
});
