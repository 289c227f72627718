import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { bookAppointment } from '@/lib/booking/book';
import { cancelAppointment } from '@/lib/booking/cancel';
import { TransportError } from '@/lib/messaging/transports/types';
import { runWorkerOnce } from '@/lib/messaging/worker';
import { sendListSchema, type SendListInput } from '@/lib/reminders/send-list-schema';
import {
  batchProgress,
  buildSendList,
  discardBatch,
  getBatch,
  listBatchRows,
  NO_RECIPIENTS,
  releaseBatch,
  removeBatchRow,
} from '@/lib/reminders/send-lists';
import { at, createTestCenter, NOW } from '../support/center';
import { describeEachEngine } from '../support/db';
import { recordingMail, silent } from './messaging-fakes';

type Db = Parameters<typeof createTestCenter>[0];

async function setup(db: Db) {
  const c = await createTestCenter(db);
  const [staff] = await db.insert(s.staffUsers).values({ username: 'recepcion', fullName: 'Recepción', passwordHash: 'x' }).returning();
  const actor = { staffId: staff.id, label: staff.username, ip: '127.0.0.1' };
  const [mail] = await db
    .insert(s.messageTemplates)
    .values({ channel: 'email', title: 'Recordatorio [[FECHA]]', body: 'Hola [[PACIENTE]], su turno es el [[FECHA]] a las [[HORA]] con [[PROFESIONAL]] ([[OBRA SOCIAL]]).' })
    .returning();
  const [sms] = await db.insert(s.messageTemplates).values({ channel: 'sms', title: 'SMS', body: '[[CENTRO]]: turno [[FECHA]] [[HORA]] [[PACIENTE]]' }).returning();
  const book = async (patientId: number, date: string, time: string, professionalId = c.professionalId, insurerId: number | null = c.insurerId) => {
    const r = await bookAppointment(db, { patientId, professionalId, specialtyId: c.specialtyId, insurerId, startsAt: at(date, time), source: 'staff', now: NOW });
    if (!r.ok) throw new Error(r.message);
    return r.appointmentId;
  };
  const list = async (input: Partial<SendListInput>) =>
    buildSendList(db, actor, sendListSchema.parse({ templateId: mail.id, target: 'turnos', from: '2026-11-24', to: '2026-11-27', who: 'todos', ...input }));
  return { c, staff, actor, mail, sms, book, list };
}

async function draftsOf(db: Db, batchId: number) {
  return db.select().from(s.messages).where(eq(s.messages.batchId, batchId)).orderBy(s.messages.id);
}

describeEachEngine('ENVIAR MAIL/SMS lists', (getCtx) => {
  it('GENERAR LISTADO lists the reserved turnos in the range with a valid mail, filled in, as drafts the worker does not touch', async () => {
    const { db } = getCtx();
    const { c, staff, actor, book, list } = await setup(db);
    const inRange = await book(c.patientId, '2026-11-24', '10:00');
    const second = await book(c.otherPatientId, '2026-11-27', '11:40', c.secondProfessionalId);
    const outside = await book(c.patientId, '2026-11-30', '10:00');
    const cancelled = await book(await c.addPatient(), '2026-11-25', '09:00');
    await cancelAppointment(db, { appointmentId: cancelled, actor: { kind: 'staff', staffId: staff.id }, now: NOW });
    const optedOut = await c.addPatient();
    await db.update(s.patients).set({ remindersOptIn: false }).where(eq(s.patients.id, optedOut));
    await book(optedOut, '2026-11-25', '10:00');
    const badMail = await c.addPatient();
    await db.update(s.patients).set({ email: 'sin-arroba.com' }).where(eq(s.patients.id, badMail));
    await book(badMail, '2026-11-25', '11:00');

    const result = await list({});
    expect(result).toMatchObject({ ok: true, count: 2 });
    if (!result.ok) return;
    const rows = await listBatchRows(db, result.batchId);
    expect(rows.map((r) => r.appointmentId)).toEqual([inRange, second]);
    expect(rows[0]).toMatchObject({ patientId: c.patientId, status: 'draft', sentBefore: false, errorBefore: null, insurer: 'OSDE', professional: 'GONZALEZ JOSE', specialty: 'CARDIOLOGIA' });
    expect(rows.map((r) => r.appointmentId)).not.toContain(outside);
    const [first] = await draftsOf(db, result.batchId);
    expect(first).toMatchObject({ status: 'draft', kind: 'reminder', recipient: `p${(await db.select().from(s.patients).where(eq(s.patients.id, c.patientId)))[0].dni}@example.com`, createdByStaffId: staff.id });
    const { transports } = recordingMail();
    expect((await runWorkerOnce(db, transports, { log: silent })).claimed).toBe(0);
    const [audit] = await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'message_batch.create'));
    expect(audit).toMatchObject({ actorId: staff.id, entityId: String(result.batchId) });
    expect(audit.after).toMatchObject({ count: 2 });
    void actor;
  });

  it('filters by professional, obra social and QUIENES; the columns Env / ConError / Error tell what happened before', async () => {
    const { db } = getCtx();
    const { c, book, list } = await setup(db);
    const a = await book(c.patientId, '2026-11-24', '10:00');
    const b = await book(c.otherPatientId, '2026-11-24', '10:00', c.secondProfessionalId);
    const noInsurer = await book(await c.addPatient(), '2026-11-25', '10:00', c.professionalId, null);
    // Turno a was reminded by mail already; b's last mail failed.
    await db.insert(s.messages).values([
      { channel: 'email', kind: 'reminder', status: 'sent', appointmentId: a, patientId: c.patientId, recipient: 'x@y.com', bodyText: 'x', sentAt: NOW },
      { channel: 'email', kind: 'reminder', status: 'error', appointmentId: b, patientId: c.otherPatientId, recipient: 'x@y.com', bodyText: 'x', error: '550 buzón inexistente' },
      // An SMS does not count for a mail list.
      { channel: 'sms', kind: 'reminder', status: 'sent', appointmentId: noInsurer, recipient: '1155551234', bodyText: 'x', sentAt: NOW },
    ]);

    const byProfessional = await list({ professionalId: c.secondProfessionalId });
    expect(byProfessional.ok && (await listBatchRows(db, byProfessional.batchId)).map((r) => r.appointmentId)).toEqual([b]);
    const byInsurer = await list({ insurerIds: [c.insurerId] });
    expect(byInsurer.ok && (await listBatchRows(db, byInsurer.batchId)).map((r) => r.appointmentId)).toEqual([a, b]);

    const notSent = await list({ who: 'no_enviados' });
    expect(notSent.ok && (await listBatchRows(db, notSent.batchId)).map((r) => r.appointmentId)).toEqual([b, noInsurer]);
    const sent = await list({ who: 'enviados' });
    expect(sent.ok).toBe(true);
    if (!sent.ok || !notSent.ok) return;
    const [sentRow] = await listBatchRows(db, sent.batchId);
    expect(sentRow).toMatchObject({ appointmentId: a, sentBefore: true, errorBefore: null });
    const failed = (await listBatchRows(db, notSent.batchId)).find((r) => r.appointmentId === b);
    expect(failed).toMatchObject({ sentBefore: false, errorBefore: '550 buzón inexistente' });

    expect(await list({ from: '2026-12-01', to: '2026-12-02' })).toEqual({ ok: false, error: NO_RECIPIENTS.email });
    expect(await db.select().from(s.messageBatches)).toHaveLength(4); // the empty one wrote nothing
  });

  it('a row removed leaves the list; ENVIAR releases the rest once, the worker delivers them and the progress ends "done"', async () => {
    const { db } = getCtx();
    const { c, actor, book, list } = await setup(db);
    await book(c.patientId, '2026-11-24', '10:00');
    await book(c.otherPatientId, '2026-11-24', '10:20');
    await book(await c.addPatient(), '2026-11-24', '10:40');
    const built = await list({});
    if (!built.ok) throw new Error(built.error);
    const [, removed] = await draftsOf(db, built.batchId);

    expect(await removeBatchRow(db, actor, { batchId: built.batchId, messageId: removed.id })).toEqual({ ok: true });
    expect(await removeBatchRow(db, actor, { batchId: built.batchId, messageId: removed.id })).toMatchObject({ ok: false, error: 'Ese registro ya no está en el listado.' });
    expect((await batchProgress(db, built.batchId))!.counts).toMatchObject({ total: 2, draft: 2 });

    expect(await releaseBatch(db, actor, { batchId: built.batchId })).toEqual({ ok: true, count: 2 });
    expect(await releaseBatch(db, actor, { batchId: built.batchId })).toMatchObject({ ok: false, error: 'Este envío ya fue iniciado.' });
    // Filled in at ENVIAR, with the PLANTILLA and the turno as they are then.
    const [filled] = await draftsOf(db, built.batchId);
    const [patient] = await db.select().from(s.patients).where(eq(s.patients.id, c.patientId));
    expect(filled).toMatchObject({ status: 'pending', subject: 'Recordatorio 24/11/2026' });
    expect(filled.bodyText).toContain(`Hola PACIENTE ${patient.firstName}, su turno es el 24/11/2026 a las 10:00 con GONZALEZ JOSE (OSDE).`);
    expect(filled.bodyHtml).toContain('su turno es el 24/11/2026 a las 10:00');
    const [anyRow] = await draftsOf(db, built.batchId);
    expect(await removeBatchRow(db, actor, { batchId: built.batchId, messageId: anyRow.id })).toMatchObject({ ok: false });
    expect(await discardBatch(db, actor, { batchId: built.batchId })).toMatchObject({ ok: false });
    expect((await batchProgress(db, built.batchId))!).toMatchObject({ status: 'sending', counts: { total: 2, queued: 2, sent: 0 } });

    // The second recipient's server refuses: its row ends in error with the provider's words.
    const { calls, transports } = recordingMail((m, n) => {
      if (n === 2) throw new TransportError('550 5.1.1 buzón inexistente', { permanent: true });
      return { providerMessageId: `fake-${m.id}` };
    });
    await runWorkerOnce(db, transports, { log: silent });
    expect(calls.map((m) => m.to)).toHaveLength(2);
    const progress = await batchProgress(db, built.batchId);
    expect(progress!.counts).toMatchObject({ total: 2, queued: 0 });
    expect(progress!.counts).toMatchObject({ sent: 1, error: 1 });
    const failed = (await listBatchRows(db, built.batchId)).find((r) => r.status === 'error');
    expect(failed?.error).toContain('550 5.1.1 buzón inexistente');
    expect(progress!.status).toBe('done');
    expect((await getBatch(db, built.batchId))!.status).toBe('done');
    const actions = (await db.select().from(s.auditLog)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['message_batch.create', 'message_batch.remove_row', 'message_batch.send']));
  });

  it('a list emptied row by row cannot be sent, and stays a draft; a draft can be discarded with its rows', async () => {
    const { db } = getCtx();
    const { c, actor, book, list } = await setup(db);
    await book(c.patientId, '2026-11-24', '10:00');
    const built = await list({});
    if (!built.ok) throw new Error(built.error);
    const [only] = await draftsOf(db, built.batchId);
    await removeBatchRow(db, actor, { batchId: built.batchId, messageId: only.id });
    expect(await releaseBatch(db, actor, { batchId: built.batchId })).toMatchObject({ ok: false, error: 'El listado está vacío: no hay nada para enviar.' });
    expect((await getBatch(db, built.batchId))!.status).toBe('draft');

    const again = await list({});
    if (!again.ok) throw new Error(again.error);
    expect(await discardBatch(db, actor, { batchId: again.batchId })).toEqual({ ok: true });
    expect(await db.select().from(s.messages).where(eq(s.messages.batchId, again.batchId))).toHaveLength(0);
    expect(await getBatch(db, again.batchId)).toBeNull();
  });

  it('A TODOS LOS PACIENTES: one message per patient with a valid mobile, by the patient\'s obra social; SMS text filled', async () => {
    const { db } = getCtx();
    const { c, sms, actor, list } = await setup(db);
    await db.update(s.patients).set({ mobile: '1155551234' }).where(eq(s.patients.id, c.patientId));
    await db.update(s.patients).set({ mobile: '12' }).where(eq(s.patients.id, c.otherPatientId)); // invalid: left out
    const other = await c.addPatient();
    await db.update(s.patients).set({ mobile: '2214567890', insurerId: c.offWebInsurerId }).where(eq(s.patients.id, other));

    const all = await list({ templateId: sms.id, target: 'pacientes', from: undefined, to: undefined });
    expect(all).toMatchObject({ ok: true, count: 2 });
    const osde = await list({ templateId: sms.id, target: 'pacientes', insurerIds: [c.insurerId] });
    if (!osde.ok) throw new Error(osde.error);
    const [draftRow] = await draftsOf(db, osde.batchId);
    expect(draftRow).toMatchObject({ channel: 'sms', kind: 'bulk', recipient: '1155551234', appointmentId: null, patientId: c.patientId });
    await releaseBatch(db, actor, { batchId: osde.batchId });
    const [row] = await draftsOf(db, osde.batchId);
    expect(row.bodyText).toMatch(/^CENTRO DE PRUEBA: turno {3}PACIENTE \d+$/);
    // QUIENES for patients: who already got this template.
    await db.update(s.messages).set({ status: 'sent', sentAt: NOW }).where(and(eq(s.messages.batchId, osde.batchId)));
    const notYet = await list({ templateId: sms.id, target: 'pacientes', who: 'no_enviados' });
    expect(notYet.ok && (await listBatchRows(db, notYet.batchId)).map((r) => r.patientId)).toEqual([other]);
  });

  it('ENVIAR does not send to a turno cancelled, or a patient who opted out, after GENERAR LISTADO; a mail changed since is used', async () => {
    const { db } = getCtx();
    const { c, staff, actor, mail, book, list } = await setup(db);
    const kept = await book(c.patientId, '2026-11-24', '10:00');
    const cancelled = await book(c.otherPatientId, '2026-11-24', '10:20');
    const optedOut = await c.addPatient();
    await book(optedOut, '2026-11-24', '10:40');
    const built = await list({});
    if (!built.ok) throw new Error(built.error);
    expect(built.count).toBe(3);

    await cancelAppointment(db, { appointmentId: cancelled, actor: { kind: 'staff', staffId: staff.id }, now: NOW });
    await db.update(s.patients).set({ remindersOptIn: false }).where(eq(s.patients.id, optedOut));
    await db.update(s.patients).set({ email: 'nuevo@example.com' }).where(eq(s.patients.id, c.patientId));
    await db.update(s.messageTemplates).set({ title: 'Corregido [[FECHA]]' }).where(eq(s.messageTemplates.id, mail.id));

    expect(await releaseBatch(db, actor, { batchId: built.batchId })).toEqual({ ok: true, count: 1 });
    const rows = await draftsOf(db, built.batchId);
    expect(rows.map((r) => [r.appointmentId === kept ? 'kept' : r.patientId === optedOut ? 'opted-out' : 'cancelled', r.status])).toEqual([
      ['kept', 'pending'],
      ['cancelled', 'cancelled'],
      ['opted-out', 'cancelled'],
    ]);
    expect(rows[0]).toMatchObject({ recipient: 'nuevo@example.com', subject: 'Corregido 24/11/2026' });
    expect(rows[1].error).toBe('El turno fue cancelado o ya no está reservado: no se envió.');
    expect(rows[2].error).toBe('El paciente pidió no recibir recordatorios: no se envió.');
    const { calls, transports } = recordingMail();
    await runWorkerOnce(db, transports, { log: silent });
    expect(calls.map((m) => m.to)).toEqual(['nuevo@example.com']);
    expect((await batchProgress(db, built.batchId))!).toMatchObject({ status: 'done', counts: { total: 3, sent: 1, skipped: 2, error: 0 } });
  });

  it('refuses an inactive template and a turnos list without dates, in Spanish', async () => {
    const { db } = getCtx();
    const { mail, list } = await setup(db);
    await db.update(s.messageTemplates).set({ active: false }).where(eq(s.messageTemplates.id, mail.id));
    expect(await list({})).toMatchObject({ ok: false, fieldErrors: { templateId: 'Elija una plantilla activa.' } });
    const parsed = sendListSchema.safeParse({ templateId: mail.id, target: 'turnos', who: 'todos', from: '2026-11-30', to: '2026-11-01' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain('"Hasta" no puede ser anterior a "Desde".');
    expect(sendListSchema.safeParse({ templateId: mail.id, target: 'turnos', who: 'todos' }).error?.issues.map((i) => i.message)).toEqual([
      'Indique desde qué fecha de turnos.',
      'Indique hasta qué fecha de turnos.',
    ]);
  });
});
