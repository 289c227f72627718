import { asc, eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import * as s from '@/db/schema';
import type { CatalogActor } from '@/lib/catalog/mutation';
import { centerContactOf, reminderEmail } from '@/lib/reminders/email';
import { getTemplate, listTemplates, saveTemplate, setTemplateActive } from '@/lib/reminders/templates';
import { describeEachEngine, type TestDatabase } from '../support/db';

/** PLANTILLAS: NUEVO EMAIL / NUEVO SMS, modificar, desactivar; unknown tokens refused; audited. */

const actor: CatalogActor = { staffId: 3, label: 'admin', ip: '203.0.113.5' };

async function auditOf(db: TestDatabase['db']) {
  return db.select().from(s.auditLog).where(eq(s.auditLog.entity, 'message_templates')).orderBy(asc(s.auditLog.id));
}

describeEachEngine('plantillas', (getCtx) => {
  beforeEach(async () => {
    await getCtx().db.insert(s.staffUsers).values({ id: 3, username: 'admin', fullName: 'Admin', passwordHash: 'x', role: 'admin' });
  });

  it('creates, modifies and deactivates templates, each change audited in its transaction', async () => {
    const { db } = getCtx();
    const email = await saveTemplate(db, actor, {
      channel: 'email',
      title: '  Recordatorio de turno [[FECHA]] ',
      body: 'Sr/a [[PACIENTE]] le recordamos su turno del [[DIA]] [[FECHA]] a las [[HORA]] con [[PROFESIONAL]] ([[ESPECIALIDAD]]).',
    });
    expect(email).toMatchObject({ ok: true });
    const sms = await saveTemplate(db, actor, { channel: 'sms', title: 'Recordatorio de turno', body: '[[PACIENTE]]: turno [[FECHA]] [[HORA]]' });
    expect(sms).toMatchObject({ ok: true });
    const emailId = email.ok ? email.id : -1;
    const smsId = sms.ok ? sms.id : -1;

    expect(await saveTemplate(db, actor, { id: smsId, channel: 'sms', title: 'Recordatorio corto', body: 'Turno [[FECHA]]' })).toEqual({ ok: true, id: smsId });
    expect(await setTemplateActive(db, actor, { id: emailId, on: false })).toEqual({ ok: true, id: emailId });

    const rows = await listTemplates(db);
    // Active first.
    expect(rows.map((r) => [r.channel, r.title, r.active])).toEqual([
      ['sms', 'Recordatorio corto', true],
      ['email', 'Recordatorio de turno [[FECHA]]', false],
    ]);
    expect(await getTemplate(db, smsId, 'email')).toBeNull();
    expect(await getTemplate(db, smsId, 'sms')).toMatchObject({ body: 'Turno [[FECHA]]', active: true });

    const audit = await auditOf(db);
    expect(audit.map((a) => a.action)).toEqual(['template.create', 'template.create', 'template.update', 'template.deactivate']);
    expect(audit.every((a) => a.actorId === 3 && a.actorLabel === 'admin' && a.ip === '203.0.113.5')).toBe(true);
    expect(audit[2]).toMatchObject({ entityId: String(smsId), before: { title: 'Recordatorio de turno' }, after: { title: 'Recordatorio corto', body: 'Turno [[FECHA]]' } });
    expect(audit[3]).toMatchObject({ before: { active: true }, after: { active: false } });
  });

  it('refuses unknown tokens, naming them, and writes nothing', async () => {
    const { db } = getCtx();
    const result = await saveTemplate(db, actor, { channel: 'sms', title: 'X', body: 'Hola [[NOMBRE]], turno [[FECHA]] [[HORARIO]] [[PACIENTE]' });
    expect(result.ok).toBe(false);
    const message = !result.ok ? result.fieldErrors?.body : '';
    expect(message).toContain('“[[NOMBRE]]”');
    expect(message).toContain('“[[HORARIO]]”');
    expect(message).toContain('“[[PACIENTE]”');
    const inSubject = await saveTemplate(db, actor, { channel: 'email', title: 'Turno [[TURNO]]', body: 'Hola' });
    expect(!inSubject.ok && inSubject.fieldErrors?.title).toContain('“[[TURNO]]”');
    expect(await listTemplates(db)).toEqual([]);
    expect(await auditOf(db)).toEqual([]);
  });

  it('refuses a repeated TÍTULO of the same kind (any case), a change of kind, and a missing template', async () => {
    const { db } = getCtx();
    const first = await saveTemplate(db, actor, { channel: 'email', title: 'Aviso', body: 'Hola [[PACIENTE]]' });
    expect(await saveTemplate(db, actor, { channel: 'email', title: 'AVISO', body: 'Otro' })).toEqual({
      ok: false,
      error: 'Revise los datos marcados.',
      fieldErrors: { title: 'Ya existe una plantilla con ese TÍTULO.' },
    });
    // The same title for an SMS is another template.
    expect(await saveTemplate(db, actor, { channel: 'sms', title: 'Aviso', body: 'Hola' })).toMatchObject({ ok: true });
    const id = first.ok ? first.id : -1;
    expect(await saveTemplate(db, actor, { id, channel: 'sms', title: 'Aviso', body: 'Hola' })).toMatchObject({ ok: false, error: expect.stringContaining('no cambia') });
    expect(await saveTemplate(db, actor, { id: 999, channel: 'email', title: 'Otro', body: 'Hola' })).toMatchObject({ ok: false, error: expect.stringContaining('ya no existe') });
    expect(await setTemplateActive(db, actor, { id: 999, on: false })).toMatchObject({ ok: false });
    expect((await auditOf(db)).map((a) => a.action)).toEqual(['template.create', 'template.create']);
  });
});

it('a mail template renders through the layout with the values escaped', async () => {
  const mail = await reminderEmail(
    centerContactOf({ centerName: 'CENTRO MEDICO DEMO', contactPhones: '4444-4444', contactEmail: '', contactHours: '', webAddress: '' }),
    { title: 'Turno del [[FECHA]]', body: 'Hola [[PACIENTE]]\n\nLo esperamos <b>puntual</b>.' },
    { PACIENTE: '<script>alert(1)</script> & Cía', FECHA: '27/10/2026' },
  );
  expect(mail.subject).toBe('Turno del 27/10/2026');
  expect(mail.bodyHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Cía');
  expect(mail.bodyHtml).not.toContain('<script>');
  expect(mail.bodyHtml).toContain('&lt;b&gt;puntual&lt;/b&gt;');
  expect(mail.bodyHtml).toContain('CENTRO MEDICO DEMO');
  expect(mail.bodyText).toContain('Hola <script>alert(1)</script> & Cía');
  expect(mail.bodyText).toContain('Lo esperamos <b>puntual</b>.');
});
