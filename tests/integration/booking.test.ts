import { and, eq, lte } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { bookAppointment, type BookingRequest } from '@/lib/booking/book';
import { cancelAppointment, deleteAppointment } from '@/lib/booking/cancel';
import { SLOT_TAKEN_MESSAGE } from '@/lib/booking/errors';
import { claimDueMessages } from '@/lib/messaging/claim';
import { composeAwaitingMessages } from '@/lib/messaging/compose-awaiting';
import { AWAITING_CONTENT_DUE } from '@/lib/messaging/outbox';
import { at, createTestCenter, NOW, updateSettings, webBooking, type TestCenter } from '../support/center';
import { describeEachEngine } from '../support/db';

describeEachEngine('booking a turno', (getCtx) => {
  let c: TestCenter;
  const request = (overrides: Partial<BookingRequest> = {}) => webBooking(c, overrides);
  const book = (overrides: Partial<BookingRequest> = {}) => bookAppointment(getCtx().db, request(overrides));
  const live = async () =>
    getCtx().db.select().from(s.appointments).where(eq(s.appointments.status, 'reserved'));

  it('books a free slot of the agenda, stored in UTC with who, how and from where, and audited', async () => {
    const { db } = getCtx();
    c = await createTestCenter(db);
    const result = await book();
    expect(result).toMatchObject({ ok: true });
    const [row] = await live();
    expect(row.startsAt.toISOString()).toBe('2026-11-25T13:00:00.000Z');
    expect(row.endsAt.toISOString()).toBe('2026-11-25T13:20:00.000Z');
    expect(row).toMatchObject({ source: 'web', createdIp: '203.0.113.7', patientId: c.patientId, reason: 'Control', overbooked: false });
    const audit = await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'appointment.book'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: 'patient', actorId: c.patientId, entityId: String(row.id) });
  });

  it('writes the confirmation mail in the booking’s own statement: both commit, or neither; the worker composes it', async () => {
    const { db } = getCtx();
    c = await createTestCenter(db);
    const confirmed = (overrides: Partial<BookingRequest>, extra: Parameters<typeof bookAppointment>[2] = {}) =>
      bookAppointment(db, request(overrides), { confirm: true, ...extra });
    const booked = await confirmed({});
    if (!booked.ok) throw new Error(booked.message);
    const mails = () => db.select().from(s.messages).where(eq(s.messages.kind, 'booking_confirmation'));
    const [patient] = await db.select().from(s.patients).where(eq(s.patients.id, c.patientId));
    // Written with the turno, addressed to the patient, awaiting its content: nobody may claim it yet.
    expect(await mails()).toEqual([
      expect.objectContaining({ status: 'pending', awaitingContent: true, recipient: patient.email, patientId: c.patientId, appointmentId: booked.appointmentId, subject: '' }),
    ]);
    expect(await claimDueMessages(db)).toEqual([]);
    // Not due either, so a worker of the previous version (no awaiting_content: a rolling upgrade) never sends it empty.
    const dueAsBefore = () => db.select({ id: s.messages.id }).from(s.messages).where(and(eq(s.messages.status, 'pending'), lte(s.messages.nextAttemptAt, new Date())));
    expect(await dueAsBefore()).toEqual([]);
    // The worker's composition: the turno's date, its .ics, claimable.
    expect(await composeAwaitingMessages(db)).toEqual({ composed: 1, more: false });
    const [mail] = await mails();
    expect(mail).toMatchObject({ status: 'pending', awaitingContent: false, recipient: patient.email!.toLowerCase() });
    expect(mail.subject).toContain('25/11/2026 10:00');
    expect(mail.bodyHtml).toContain(patient.lastName);
    expect(mail.attachments).toEqual([expect.objectContaining({ contentType: expect.stringContaining('text/calendar') })]);
    expect(await composeAwaitingMessages(db)).toEqual({ composed: 0, more: false });
    expect(await dueAsBefore()).toEqual([{ id: mail.id }]);
    expect((await claimDueMessages(db)).map((m) => m.id)).toEqual([mail.id]);
    // A refused booking writes no mail...
    expect(await confirmed({ patientId: c.otherPatientId, ip: '198.51.100.1' })).toMatchObject({ ok: false });
    // ...and work that fails inside the transaction takes the booking and its mail down with it.
    const failing = async () => {
      throw new Error('outbox unavailable');
    };
    await expect(confirmed({ patientId: c.otherPatientId, ip: '198.51.100.1', startsAt: at('2026-11-25', '10:20') }, { afterBooking: failing })).rejects.toThrow('outbox unavailable');
    expect(await live()).toHaveLength(1);
    expect(await db.select().from(s.messages)).toHaveLength(1);
    // A patient without email gets the turno and no mail.
    await db.update(s.patients).set({ email: '' }).where(eq(s.patients.id, c.otherPatientId));
    expect(await confirmed({ patientId: c.otherPatientId, ip: '198.51.100.1', startsAt: at('2026-11-25', '10:40') })).toMatchObject({ ok: true });
    expect(await live()).toHaveLength(2);
    expect(await db.select().from(s.messages)).toHaveLength(1);
  });

  it('composes a confirmation from its turno, escaping what it shows, and records one it cannot compose', async () => {
    const { db } = getCtx();
    c = await createTestCenter(db);
    const booked = await bookAppointment(db, request({ reason: 'Dolor de <b>rodilla</b>' }), { confirm: true });
    if (!booked.ok) throw new Error(booked.message);
    // The composition reads the turno, and escapes what it shows.
    await composeAwaitingMessages(db);
    const [mail] = await db.select().from(s.messages).where(eq(s.messages.appointmentId, booked.appointmentId));
    expect(mail.bodyHtml).toContain('Dolor de &lt;b&gt;rodilla&lt;/b&gt;');
    expect(mail.bodyText).toContain('Dolor de <b>rodilla</b>');
    // A row that cannot be composed (its turno is gone) ends in the send log as an error, never claimed.
    const [orphan] = await db
      .insert(s.messages)
      .values({ channel: 'email', kind: 'booking_confirmation', recipient: 'x@example.com', bodyText: '', awaitingContent: true, nextAttemptAt: AWAITING_CONTENT_DUE })
      .returning();
    expect(await composeAwaitingMessages(db)).toEqual({ composed: 1, more: false });
    const [failed] = await db.select().from(s.messages).where(eq(s.messages.id, orphan.id));
    expect(failed).toMatchObject({ status: 'error', awaitingContent: false, error: 'No se pudo preparar el mensaje: no se encontró su turno.' });
  });

  it('refuses a taken slot with the manual-style message and writes nothing', async () => {
    c = await createTestCenter(getCtx().db);
    expect(await book()).toMatchObject({ ok: true });
    const again = await book({ patientId: c.otherPatientId, ip: '198.51.100.1' });
    expect(again).toEqual({ ok: false, code: 'slot_taken', message: SLOT_TAKEN_MESSAGE });
    expect(await live()).toHaveLength(1);
  });

  it('offers only what the agenda says: not between slots, not past, not before notice, not beyond max days, not on holidays', async () => {
    const { db } = getCtx();
    c = await createTestCenter(db);
    const refused = async (overrides: Partial<BookingRequest>) =>
      expect(await book(overrides)).toMatchObject({ ok: false, code: 'slot_unavailable' });
    await refused({ startsAt: at('2026-11-25', '10:10') }); // not a slot boundary
    await refused({ startsAt: at('2026-11-25', '12:00') }); // after the block
    await refused({ startsAt: at('2026-11-28', '10:00') }); // Saturday: no rule
    await refused({ startsAt: at('2026-11-20', '10:00') }); // the past
    await refused({ startsAt: at('2026-11-23', '10:40') }); // today, within the 2-hour notice (now = 09:00)
    await refused({ startsAt: at('2026-12-24', '10:00') }); // 31 days ahead, max is 30
    await db.insert(s.scheduleExceptions).values({ startsOn: '2026-11-25', endsOn: '2026-11-25', reason: 'Feriado' });
    await refused({});
    expect(await book({ startsAt: at('2026-11-23', '11:00') })).toMatchObject({ ok: true }); // today, after the notice
    expect(await book({ startsAt: at('2026-12-23', '08:00'), patientId: c.otherPatientId })).toMatchObject({ ok: true }); // day 30
  });

  it('re-checks on the server that professional, specialty and insurer are enabled for the web and belong together', async () => {
    const { db } = getCtx();
    c = await createTestCenter(db);
    expect(await book({ specialtyId: c.otherSpecialtyId })).toMatchObject({ ok: false, code: 'slot_unavailable' }); // not his specialty
    expect(await book({ professionalId: c.secondProfessionalId, specialtyId: c.otherSpecialtyId })).toMatchObject({
      ok: false,
      code: 'slot_unavailable', // his, but not web-enabled
    });
    expect(await book({ insurerId: c.offWebInsurerId })).toMatchObject({ ok: false, code: 'insurer_invalid' });
    expect(await book({ specialtyId: null })).toMatchObject({ ok: false, code: 'selection_required' });
    await db.update(s.professionals).set({ webEnabled: false }).where(eq(s.professionals.id, c.professionalId));
    expect(await book()).toMatchObject({ ok: false, code: 'slot_unavailable' });
    expect(await live()).toHaveLength(0);
  });

  it('applies the three limits of the manual', async () => {
    const { db } = getCtx();
    c = await createTestCenter(db, { maxPerDaySpecialtyProfessional: 1, maxFuturePerPatient: 2, maxFuturePerIp: 3 });
    expect(await book()).toMatchObject({ ok: true });
    // Same professional, same day: limit 1.
    expect(await book({ startsAt: at('2026-11-25', '11:00') })).toMatchObject({ ok: false, code: 'limit_day' });
    // Another professional the same day is fine; a third future turno is not.
    expect(await book({ professionalId: c.secondProfessionalId, startsAt: at('2026-11-25', '11:00') })).toMatchObject({ ok: true });
    expect(await book({ startsAt: at('2026-11-26', '09:00') })).toMatchObject({ ok: false, code: 'limit_patient' });
    // From the same IP, other patients: 3 in all.
    expect(await book({ patientId: c.otherPatientId, startsAt: at('2026-11-26', '09:00') })).toMatchObject({ ok: true });
    const third = await c.addPatient();
    const refused = await book({ patientId: third, startsAt: at('2026-11-26', '09:20') });
    expect(refused).toMatchObject({ ok: false, code: 'limit_ip' });
    expect(refused.ok === false && refused.message).toMatch(/3 turnos a futuro/);
    expect(await book({ patientId: third, startsAt: at('2026-11-26', '09:20'), ip: '198.51.100.9' })).toMatchObject({ ok: true });
  });

  it('requires a reason when the center says so, and refuses when the web is off or the account disabled', async () => {
    const { db } = getCtx();
    c = await createTestCenter(db, { requireReason: true });
    expect(await book({ reason: '   ' })).toMatchObject({ ok: false, code: 'reason_required' });
    await db.update(s.webAccounts).set({ disabled: true }).where(eq(s.webAccounts.patientId, c.patientId));
    expect(await book()).toMatchObject({ ok: false, code: 'account_disabled' });
    await updateSettings(db, { webEnabled: false });
    expect(await book({ patientId: c.otherPatientId })).toMatchObject({ ok: false, code: 'web_disabled' });
    expect(await live()).toHaveLength(0);
  });

  it('cancels: the row stays with who and when, the time is free at once; never another patient’s, never within the cutoff', async () => {
    const { db } = getCtx();
    c = await createTestCenter(db);
    const booked = await book();
    if (!booked.ok) throw new Error(booked.message);
    const id = booked.appointmentId;
    const patient = (patientId: number) => ({ kind: 'patient' as const, patientId });
    expect(await cancelAppointment(db, { appointmentId: id, actor: patient(c.otherPatientId), now: NOW })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    const late = new Date(at('2026-11-25', '10:00').getTime() - 23 * 3_600_000);
    expect(await cancelAppointment(db, { appointmentId: id, actor: patient(c.patientId), now: late })).toMatchObject({
      ok: false,
      code: 'cancel_cutoff',
    });
    expect(await cancelAppointment(db, { appointmentId: id, actor: patient(c.patientId), now: NOW })).toMatchObject({ ok: true });
    const [row] = await db.select().from(s.appointments).where(eq(s.appointments.id, id));
    expect(row).toMatchObject({ status: 'cancelled', cancelOrigin: 'web' });
    expect(row.cancelledAt).toEqual(NOW);
    expect(await book({ patientId: c.otherPatientId, ip: '198.51.100.1' })).toMatchObject({ ok: true });
    expect(await cancelAppointment(db, { appointmentId: id, actor: patient(c.patientId), now: NOW })).toMatchObject({
      ok: false,
      code: 'not_cancellable',
    });
  });

  it('reschedules in one move that keeps the history and counts the limits once', async () => {
    const { db } = getCtx();
    c = await createTestCenter(db, { maxFuturePerPatient: 1 });
    const first = await book();
    if (!first.ok) throw new Error(first.message);
    // At the limit: a new turno is refused, but moving this one is allowed.
    expect(await book({ startsAt: at('2026-11-26', '10:00') })).toMatchObject({ ok: false, code: 'limit_patient' });
    const moved = await book({ startsAt: at('2026-11-25', '10:20'), rescheduleFromId: first.appointmentId });
    expect(moved).toMatchObject({ ok: true });
    const rows = await db.select().from(s.appointments).where(eq(s.appointments.patientId, c.patientId));
    expect(rows.map((r) => r.status).sort()).toEqual(['cancelled', 'reserved']);
    const fresh = rows.find((r) => r.status === 'reserved')!;
    expect(fresh.rescheduledFromId).toBe(first.appointmentId);
    // A failed move changes nothing: the original stays reserved.
    const other = await book({ patientId: c.otherPatientId, startsAt: at('2026-11-27', '08:00'), ip: '1.1.1.1' });
    expect(other.ok).toBe(true);
    expect(await book({ startsAt: at('2026-11-27', '08:00'), rescheduleFromId: fresh.id })).toMatchObject({ ok: false, code: 'slot_taken' });
    const [still] = await db.select().from(s.appointments).where(eq(s.appointments.id, fresh.id));
    expect(still.status).toBe('reserved');
    // Another patient naming this turno as the one to move (the portal's ?cambiar=) moves nothing.
    const stranger = await c.addPatient();
    const hijack = await book({ patientId: stranger, startsAt: at('2026-11-26', '09:00'), ip: '1.1.1.2', rescheduleFromId: fresh.id });
    expect(hijack).toMatchObject({ ok: false, code: 'not_found' });
    const [untouched] = await db.select().from(s.appointments).where(eq(s.appointments.id, fresh.id));
    expect(untouched).toMatchObject({ status: 'reserved', patientId: c.patientId });
    expect(await db.select().from(s.appointments).where(eq(s.appointments.patientId, stranger))).toEqual([]);
  });

  it('lets staff overbook a taken slot explicitly, and delete a turno keeping an audit record', async () => {
    const { db } = getCtx();
    c = await createTestCenter(db);
    const [staff] = await db.insert(s.staffUsers).values({ username: 'r', fullName: 'R', passwordHash: 'x' }).returning();
    expect(await book()).toMatchObject({ ok: true });
    const staffRequest = { source: 'staff' as const, staffId: staff.id, patientId: c.otherPatientId, ip: undefined };
    expect(await book(staffRequest)).toMatchObject({ ok: false, code: 'slot_taken' });
    const over = await book({ ...staffRequest, overbook: true });
    if (!over.ok) throw new Error(over.message);
    const [row] = await db.select().from(s.appointments).where(eq(s.appointments.id, over.appointmentId));
    expect(row).toMatchObject({ overbooked: true, source: 'staff', createdByStaffId: staff.id });
    expect(await deleteAppointment(db, { appointmentId: over.appointmentId, staffId: staff.id, now: NOW })).toEqual({ ok: true });
    const audit = await db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.action, 'appointment.delete'), eq(s.auditLog.entityId, String(over.appointmentId))));
    expect(audit[0].before).toMatchObject({ id: over.appointmentId, patientId: c.otherPatientId });
    // A sobreturno outside the agenda gets its confirmation too (15 minutes, the agenda has no slot there).
    const outside = request({ ...staffRequest, overbook: true, startsAt: at('2026-11-25', '07:00') });
    const late = await bookAppointment(db, outside, { confirm: true });
    if (!late.ok) throw new Error(late.message);
    expect(late.endsAt.getTime() - late.startsAt.getTime()).toBe(15 * 60_000);
    const mails = await db.select().from(s.messages).where(eq(s.messages.appointmentId, late.appointmentId));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: 'booking_confirmation', createdByStaffId: staff.id });
  });
});
