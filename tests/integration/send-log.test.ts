/** REGISTRO DE ENVIOS: each filter narrows the log, the day ends at midnight in the center's zone, pages never repeat. */
import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { composeAwaitingMessages } from '@/lib/messaging/compose-awaiting';
import { AWAITING_CONTENT_DUE, enqueueEmail, enqueueSms } from '@/lib/messaging/outbox';
import { listSendLog, SEND_LOG_PAGE, type SendLogFilters } from '@/lib/messaging/send-log';
import { at, TZ } from '../support/center';
import { describeEachEngine } from '../support/db';
import { insertPatient, insertProfessional } from '../support/fixtures';
import { draft } from './messaging-fakes';

describeEachEngine('send log', (getCtx) => {
  let staffId: number;
  let patientId: number;
  let appointmentId: number;

  beforeEach(async () => {
    const { db } = getCtx();
    [{ id: staffId }] = await db
      .insert(s.staffUsers)
      .values({ username: 'recepcion', fullName: 'RECEPCION TURNOS', passwordHash: 'x', role: 'reception' })
      .returning({ id: s.staffUsers.id });
    const patient = await insertPatient(db, { dni: '32555666', lastName: 'MARTINEZ', firstName: 'LUCIA' });
    patientId = patient.id;
    const pro = await insertProfessional(db, { lastName: 'GONZALEZ', firstName: 'JOSE' });
    [{ id: appointmentId }] = await db
      .insert(s.appointments)
      .values({ professionalId: pro.id, patientId, startsAt: at('2026-11-25', '10:00'), endsAt: at('2026-11-25', '10:20'), source: 'web' })
      .returning({ id: s.appointments.id });
  });

  /** A message as the worker would leave it: sent at `sentAt`, or never sent (created at `createdAt`). */
  const mail = async (o: { createdAt: Date; sentAt?: Date; status?: 'sent' | 'pending' | 'error' | 'cancelled'; error?: string; recipient?: string }) => {
    const { db } = getCtx();
    const { id } = await enqueueEmail(db, draft({ recipient: o.recipient ?? 'lucia@demo.com.ar', patientId, appointmentId }));
    await db
      .update(s.messages)
      .set({ createdAt: o.createdAt, sentAt: o.sentAt ?? null, status: o.status ?? (o.sentAt ? 'sent' : 'pending'), error: o.error ?? null })
      .where(eq(s.messages.id, id));
    return id;
  };
  const sms = async (o: { createdAt: Date; sentAt?: Date }) => {
    const { db } = getCtx();
    const { id } = await enqueueSms(db, { kind: 'bulk', recipient: '11 4444-5555', bodyText: 'Recuerde su turno\nCentro', createdByStaffId: staffId, patientId });
    await db
      .update(s.messages)
      .set({ createdAt: o.createdAt, sentAt: o.sentAt ?? null, status: o.sentAt ? 'sent' : 'pending', attempts: o.sentAt ? 1 : 0 })
      .where(eq(s.messages.id, id));
    return id;
  };
  const ids = async (f: SendLogFilters) => (await listSendLog(getCtx().db, f, TZ)).rows.map((r) => r.id);

  it('shows who sent it, the patient, the message and the appointment’s date, time and professional', async () => {
    const auto = await mail({ createdAt: at('2026-11-23', '09:00'), sentAt: at('2026-11-23', '09:01') });
    const bulk = await sms({ createdAt: at('2026-11-23', '10:00'), sentAt: at('2026-11-23', '10:05') });
    const failed = await mail({ createdAt: at('2026-11-23', '11:00'), status: 'error', error: 'Buzón inexistente' });
    const { rows, nextBefore } = await listSendLog(getCtx().db, {}, TZ);
    expect(nextBefore).toBeNull();
    expect(rows.map((r) => r.id)).toEqual([failed, bulk, auto]);
    const [f, b, a] = rows;
    expect(a).toMatchObject({
      channel: 'email',
      kind: 'booking_confirmation',
      sent: true,
      at: at('2026-11-23', '09:01'),
      staffUsername: null,
      patientName: 'MARTINEZ, LUCIA',
      subject: 'Turno confirmado',
      bodyText: 'Hola ANA',
      appointmentStartsAt: at('2026-11-25', '10:00'),
      professionalName: 'GONZALEZ, JOSE',
      error: null,
    });
    expect(b).toMatchObject({ channel: 'sms', staffUsername: 'recepcion', bodyText: 'Recuerde su turno\nCentro', recipient: '1144445555', appointmentStartsAt: null, professionalName: null, attempts: 1 });
    // Never sent: dated by its creation.
    expect(f).toMatchObject({ sent: false, status: 'error', error: 'Buzón inexistente', at: at('2026-11-23', '11:00') });
    expect(rows.map((r) => r.awaitingContent)).toEqual([false, false, false]);
  });

  it('shows a booking’s confirmation as awaiting its content until the worker composes it', async () => {
    const { db } = getCtx();
    await db.insert(s.centerSettings).values({ id: 1, centerName: 'CENTRO DE PRUEBA' });
    // As a booking writes it (lib/booking/book.ts): address and turno, no content yet.
    const [{ id }] = await db
      .insert(s.messages)
      .values({ channel: 'email', kind: 'booking_confirmation', patientId, appointmentId, recipient: 'lucia@demo.com.ar', bodyText: '', awaitingContent: true, nextAttemptAt: AWAITING_CONTENT_DUE })
      .returning({ id: s.messages.id });
    const row = async () => (await listSendLog(db, {}, TZ)).rows.find((r) => r.id === id);
    expect(await row()).toMatchObject({ awaitingContent: true, status: 'pending', subject: '', patientName: 'MARTINEZ, LUCIA' });
    expect(await composeAwaitingMessages(db)).toEqual({ composed: 1, more: false });
    expect(await row()).toMatchObject({ awaitingContent: false, status: 'pending', subject: expect.stringContaining('25/11/2026 10:00') });
  });

  it('filters by Tipo de envío and Estado del envío', async () => {
    const sentMail = await mail({ createdAt: at('2026-11-23', '09:00'), sentAt: at('2026-11-23', '09:01') });
    const pendingMail = await mail({ createdAt: at('2026-11-23', '09:10') });
    const failedMail = await mail({ createdAt: at('2026-11-23', '09:20'), status: 'error', error: 'x' });
    const cancelledMail = await mail({ createdAt: at('2026-11-23', '09:25'), status: 'cancelled' });
    const sentSms = await sms({ createdAt: at('2026-11-23', '09:30'), sentAt: at('2026-11-23', '09:31') });
    const pendingSms = await sms({ createdAt: at('2026-11-23', '09:40') });

    expect(await ids({ channel: 'email' })).toEqual([cancelledMail, failedMail, pendingMail, sentMail]);
    expect(await ids({ channel: 'sms' })).toEqual([pendingSms, sentSms]);
    expect(await ids({ state: 'sent' })).toEqual([sentSms, sentMail]);
    expect(await ids({ state: 'unsent' })).toEqual([pendingSms, cancelledMail, failedMail, pendingMail]);
    expect(await ids({ channel: 'email', state: 'sent' })).toEqual([sentMail]);
    expect(await ids({ channel: 'sms', state: 'unsent' })).toEqual([pendingSms]);
    expect(await ids({})).toHaveLength(6);
  });

  it('takes the send date in the center’s zone: a mail sent at 23:30 local (02:30 UTC next day) belongs to its local day', async () => {
    // 23:30 in Buenos Aires on the 23rd is already the 24th in UTC.
    const lateSent = await mail({ createdAt: at('2026-11-23', '23:00'), sentAt: at('2026-11-23', '23:30') });
    const midnight = await mail({ createdAt: at('2026-11-24', '00:00'), sentAt: at('2026-11-24', '00:00') });
    // Created on the 22nd but sent on the 23rd: the send date is what counts.
    const sentLater = await mail({ createdAt: at('2026-11-22', '20:00'), sentAt: at('2026-11-23', '08:00') });
    // Never sent: its creation date counts.
    const unsent = await mail({ createdAt: at('2026-11-22', '23:59') });

    expect(await ids({ from: '2026-11-23', to: '2026-11-23' })).toEqual([sentLater, lateSent].sort((x, y) => y - x));
    expect(await ids({ from: '2026-11-24' })).toEqual([midnight]);
    expect(await ids({ to: '2026-11-22' })).toEqual([unsent]);
    expect(await ids({ from: '2026-11-22', to: '2026-11-24' })).toHaveLength(4);
    expect(await ids({ from: '2026-11-25' })).toEqual([]);
  });

  it('searches the recipient, the patient’s name or DNI, taking % and _ literally', async () => {
    const lucia = await mail({ createdAt: at('2026-11-23', '09:00'), recipient: 'lucia@demo.com.ar' });
    const other = await insertPatient(getCtx().db, { dni: '20111222', lastName: 'PEREZ', firstName: 'ANA' });
    const { id: ana } = await enqueueEmail(getCtx().db, draft({ recipient: 'ana_perez@demo.com.ar', patientId: other.id }));

    expect(await ids({ text: 'martinez' })).toEqual([lucia]);
    expect(await ids({ text: 'lucia martinez' })).toEqual([lucia]);
    expect(await ids({ text: 'Martinez Lucia' })).toEqual([lucia]);
    expect(await ids({ text: 'ana_perez' })).toEqual([ana]);
    expect(await ids({ text: '20.111.222' })).toEqual([ana]);
    expect(await ids({ text: '%' })).toEqual([]);
    expect(await ids({ text: 'demo.com.ar' })).toEqual([ana, lucia]);
  });

  it('pages newest first, 50 at a time, every row exactly once', async () => {
    const { db } = getCtx();
    const total = SEND_LOG_PAGE * 2 + 7;
    await db.insert(s.messages).values(
      Array.from({ length: total }, (_, i) => ({
        channel: 'email' as const,
        kind: 'bulk' as const,
        recipient: `p${i}@demo.com.ar`,
        bodyText: `n ${i}`,
        status: i % 3 === 0 ? ('sent' as const) : ('pending' as const),
        sentAt: i % 3 === 0 ? at('2026-11-23', '10:00') : null,
        createdAt: at('2026-11-23', '09:00'),
      })),
    );
    const seen: number[] = [];
    let before: number | undefined;
    let pages = 0;
    do {
      const page = await listSendLog(db, { before }, TZ);
      expect(page.rows.length).toBeLessThanOrEqual(SEND_LOG_PAGE);
      seen.push(...page.rows.map((r) => r.id));
      before = page.nextBefore ?? undefined;
      pages++;
    } while (before);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual([...seen].sort((x, y) => y - x));

    // Filters hold across pages too.
    const sentIds: number[] = [];
    before = undefined;
    do {
      const page = await listSendLog(db, { state: 'sent', before }, TZ);
      sentIds.push(...page.rows.map((r) => r.id));
      before = page.nextBefore ?? undefined;
    } while (before);
    expect(sentIds).toHaveLength(Math.ceil(total / 3));
  });
});
