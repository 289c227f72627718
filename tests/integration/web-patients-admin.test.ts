import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password';
import { webPatientCreateSchema, webPatientUpdateSchema } from '@/lib/web-patients/schemas';
import { createWebPatient, listWebPatients, sendAccountLink, updateWebPatient } from '@/lib/web-patients/web-patients';
import { createTestCenter } from '../support/center';
import { describeEachEngine } from '../support/db';

describeEachEngine('Pacientes web (staff)', (getCtx) => {
  const actor = { staffId: 0, username: 'recepcion' };
  async function setup() {
    const { db } = getCtx();
    const c = await createTestCenter(db);
    const [staff] = await db.insert(s.staffUsers).values({ username: 'recepcion', fullName: 'R', passwordHash: 'x', role: 'reception' }).returning();
    actor.staffId = staff.id;
    const [account] = await db.select().from(s.webAccounts).where(eq(s.webAccounts.patientId, c.patientId));
    const [patient] = await db.select().from(s.patients).where(eq(s.patients.id, c.patientId));
    return { c, account, patient };
  }

  it('activates, fixes DNI, mail and password, and disables with the observation the patient will read; audited without the hash', async () => {
    const { db } = getCtx();
    const { account, patient } = await setup();
    await db.update(s.webAccounts).set({ activatedAt: null }).where(eq(s.webAccounts.id, account.id));
    const values = webPatientUpdateSchema.parse({ dni: '41.222.333', email: 'Nuevo@Mail.com', password: 'clave-nueva-1', activated: true, disabled: true, observation: 'Llame al centro.' });
    expect(await updateWebPatient(db, account.id, values, actor)).toMatchObject({ ok: true });
    const [after] = await db.select().from(s.webAccounts).where(eq(s.webAccounts.id, account.id));
    const [p] = await db.select().from(s.patients).where(eq(s.patients.id, patient.id));
    expect(p).toMatchObject({ dni: '41222333', email: 'nuevo@mail.com' });
    expect(after.activatedAt).not.toBeNull();
    expect(after).toMatchObject({ disabled: true, disabledObservation: 'Llame al centro.' });
    expect(await verifyPassword('clave-nueva-1', after.passwordHash)).toBe(true);
    const audit = await db.select().from(s.auditLog).where(eq(s.auditLog.entity, 'web_account'));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(after.passwordHash);
  });

  it('refuses a disable without observation, and another patient’s DNI, writing nothing', async () => {
    const { db } = getCtx();
    const { c, account } = await setup();
    expect(webPatientUpdateSchema.safeParse({ dni: '41222333', email: 'a@b.co', password: '', activated: true, disabled: true, observation: ' ' }).success).toBe(false);
    const [other] = await db.select().from(s.patients).where(eq(s.patients.id, c.otherPatientId));
    const values = webPatientUpdateSchema.parse({ dni: other.dni, email: 'a@b.co', password: '', activated: true, disabled: false, observation: '' });
    expect(await updateWebPatient(db, account.id, values, actor)).toMatchObject({ ok: false, fieldErrors: { dni: 'Ya hay otro paciente con ese DNI.' } });
    expect(await db.select().from(s.auditLog)).toHaveLength(0);
  });

  it('ALTA EN WEB for a patient on file or a new one, active at once; never a second account', async () => {
    const { db } = getCtx();
    const { patient } = await setup();
    const [onFile] = await db.insert(s.patients).values({ dni: '25123456', lastName: 'IBAÑEZ', firstName: 'JUAN' }).returning();
    expect(await createWebPatient(db, webPatientCreateSchema.parse({ dni: '25.123.456', lastName: '', firstName: '', email: 'jm@x.com', password: '12345678' }), actor)).toMatchObject({ ok: true });
    const [acc] = await db.select().from(s.webAccounts).where(eq(s.webAccounts.patientId, onFile.id));
    expect(acc.activatedAt).not.toBeNull();
    expect(await createWebPatient(db, webPatientCreateSchema.parse({ dni: '39000111', lastName: '', firstName: '', email: 'n@x.com', password: '12345678' }), actor)).toMatchObject({ ok: false });
    expect(await createWebPatient(db, webPatientCreateSchema.parse({ dni: '39000111', lastName: 'Nuevo', firstName: 'Ana', email: 'n@x.com', password: '12345678' }), actor)).toMatchObject({ ok: true });
    expect(await createWebPatient(db, webPatientCreateSchema.parse({ dni: patient.dni, lastName: '', firstName: '', email: 'x@x.com', password: '12345678' }), actor)).toMatchObject({ ok: false, fieldErrors: { dni: 'Ya tiene usuario web.' } });
    const list = await listWebPatients(db, { q: '3900' });
    expect(list.rows.map((r) => r.name)).toEqual(['NUEVO ANA']);
    expect((await listWebPatients(db, { status: 'pending' })).rows).toHaveLength(0);
  });

  it('re-sends the activation mail or a new-password link through the outbox', async () => {
    const { db } = getCtx();
    const { account } = await setup();
    expect(await sendAccountLink(db, account.id, 'activation', 'http://centro.test', actor)).toMatchObject({ ok: false }); // already active
    expect(await sendAccountLink(db, account.id, 'password_reset', 'http://centro.test', actor)).toMatchObject({ ok: true });
    await db.update(s.webAccounts).set({ activatedAt: null }).where(eq(s.webAccounts.id, account.id));
    expect(await sendAccountLink(db, account.id, 'activation', 'http://centro.test', actor)).toMatchObject({ ok: true });
    const mails = await db.select().from(s.messages).where(and(eq(s.messages.channel, 'email')));
    expect(mails.map((m) => m.kind).sort()).toEqual(['activation', 'password_reset']);
    expect(mails.find((m) => m.kind === 'activation')!.bodyText).toContain('http://centro.test/activar');
  });
});
