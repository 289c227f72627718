import { eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { AFFECTED_CHANGED, NEW_AFFECTED, type AgendaResult } from '@/lib/agenda/change';
import { addClosure, removeClosure } from '@/lib/agenda/closures';
import { deleteRule, endRule, saveRule } from '@/lib/agenda/rules';
import { cancelAppointment } from '@/lib/booking/cancel';
import { at, NOW } from '../support/center';
import { describeEachEngine } from '../support/db';
import { bookAt, createAgendaCenter, ruleOf, statusOf } from './agenda-support';

/**
 * "Never silently orphan a turno": every change that removes slots lists the future, live turnos
 * it leaves outside the agenda (by the same slot generator), and staff keep them or cancel them
 * with a notice, in the change's own transaction.
 */
describeEachEngine('agenda changes and the turnos they strand', (getCtx) => {
  const options = { now: NOW };
  const ids = (result: AgendaResult) => ('affected' in result ? result.affected.map((a) => a.id) : null);

  /** Gonzalez's Wednesdays (08:00-12:00, 20 min) with turnos around the hours a change may cut. */
  async function wednesdays() {
    const { db } = getCtx();
    const c = await createAgendaCenter(db);
    const inside = await bookAt(db, c, '2026-11-25', '09:00');
    const late = await bookAt(db, c, '2026-11-25', '11:40');
    const cancelled = await bookAt(db, c, '2026-11-25', '11:20');
    await cancelAppointment(db, { appointmentId: cancelled, actor: { kind: 'staff', staffId: c.staffId }, now: NOW });
    const nextWeek = await bookAt(db, c, '2026-12-02', '11:00');
    const otherPro = await bookAt(db, c, '2026-11-25', '11:40', { professionalId: c.secondProfessionalId });
    // Already outside the agenda before any change: a sobreturno after hours.
    const sobreturno = await bookAt(db, c, '2026-11-25', '12:00', { overbook: true });
    // A past turno on a Wednesday (attended), which no change may touch.
    const [past] = await db
      .insert(s.appointments)
      .values({ professionalId: c.professionalId, patientId: c.otherPatientId, startsAt: at('2026-11-18', '11:40'), endsAt: at('2026-11-18', '12:00'), status: 'present', source: 'staff' })
      .returning();
    const wednesday = await ruleOf(db, c.professionalId, 3);
    const shorten = (resolution = {}) =>
      saveRule(
        db,
        c.actor,
        { id: wednesday.id, professionalId: c.professionalId, weekday: 3, startTime: '08:00', endTime: '11:00', slotMinutes: 20, validFrom: '2026-11-24', validTo: '', specialtyId: '', studyId: '', webEnabled: true },
        resolution,
        options,
      );
    return { db, c, inside, late, cancelled, nextWeek, otherPro, sobreturno, past: past.id, wednesday, shorten };
  }

  it('shorter hours: lists exactly the future live turnos left outside (not past, cancelled, still-inside, other professionals or earlier sobreturnos), with the patient\'s contact, and writes nothing', async () => {
    const { db, c, late, nextWeek, shorten } = await wednesdays();
    const result = await shorten();
    expect(result).toMatchObject({ ok: true, status: 'needs_decision', message: '' });
    expect(ids(result)).toEqual([late, nextWeek]);
    const [first] = (result as Extract<AgendaResult, { status: 'needs_decision' }>).affected;
    expect(first).toMatchObject({ date: '2026-11-25', time: '11:40', professional: 'GONZALEZ JOSE', dni: expect.any(String), email: expect.stringMatching(/@example\.com$/) });
    expect((await ruleOf(db, c.professionalId, 3)).validTo).toBeNull();
    expect(await db.select().from(s.schedules).where(eq(s.schedules.weekday, 3))).toHaveLength(2); // both professionals, untouched
    expect(await db.select().from(s.auditLog).where(eq(s.auditLog.entity, 'schedule'))).toHaveLength(0);
  });

  it('ending and deleting a rule, a holiday and a part-day absence each list their own stranded turnos', async () => {
    const { db, c, inside, late, nextWeek, otherPro, sobreturno, wednesday } = await wednesdays();
    expect(ids(await endRule(db, c.actor, { id: wednesday.id, lastDay: '2026-11-30' }, {}, options))).toEqual([nextWeek]);

    // Whole-day holiday: every professional's turnos that day, the sobreturno included (its day closes).
    const holiday = await addClosure(db, c.actor, { professionalId: '', startsOn: '2026-11-25', endsOn: '2026-11-25', partDay: false, startTime: '', endTime: '', reason: 'Feriado' }, {}, options);
    expect(ids(holiday)).toEqual([inside, late, otherPro, sobreturno]);

    // The professional's absence from 10:00 to 12:00: his turnos in those hours only.
    const absence = await addClosure(
      db,
      c.actor,
      { professionalId: String(c.professionalId), startsOn: '2026-11-25', endsOn: '2026-12-02', partDay: true, startTime: '10:00', endTime: '12:00', reason: 'Congreso' },
      {},
      options,
    );
    expect(ids(absence)).toEqual([late, nextWeek]);

    // A rule that has not started yet, with a turno on it, deleted.
    expect(await saveRule(db, c.actor, { professionalId: c.professionalId, weekday: 6, startTime: '09:00', endTime: '10:00', slotMinutes: 30, validFrom: '2026-11-28', validTo: '', specialtyId: '', studyId: '', webEnabled: true }, {}, options)).toMatchObject({ ok: true, status: 'saved' });
    const saturdayTurno = await bookAt(db, c, '2026-11-28', '09:30');
    const saturday = await ruleOf(db, c.professionalId, 6);
    expect(ids(await deleteRule(db, c.actor, { id: saturday.id }, {}, options))).toEqual([saturdayTurno]);

    // Nothing was written by any of the refused changes.
    expect(await db.select().from(s.scheduleExceptions)).toHaveLength(0);
    expect(await ruleOf(db, c.professionalId, 6)).toBeDefined();
    expect((await ruleOf(db, c.professionalId, 3)).validTo).toBeNull();
  });

  it('"Mantener los turnos": the change applies, the turnos stay reserved, and the audit says which and what was chosen', async () => {
    const { db, c, late, nextWeek, shorten } = await wednesdays();
    const result = await shorten({ decision: 'keep', confirmedIds: [late, nextWeek] });
    expect(result).toMatchObject({ ok: true, status: 'saved', decision: 'keep' });
    expect(await statusOf(db, late)).toBe('reserved');
    expect(await statusOf(db, nextWeek)).toBe('reserved');
    expect((await ruleOf(db, c.professionalId, 3)).validTo).toBe('2026-11-23');
    const [audit] = await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'schedule.update'));
    expect(audit.after).toMatchObject({ affectedAppointmentIds: [late, nextWeek], decision: 'keep' });
    expect(await db.select().from(s.messages).where(eq(s.messages.kind, 'cancellation'))).toHaveLength(0);
  });

  it('"Cancelar los turnos y avisar a los pacientes": each one cancelled by the center, audited, with one cancellation e-mail in the outbox', async () => {
    const { db, c, inside, late, nextWeek, shorten } = await wednesdays();
    const result = await shorten({ decision: 'cancel', confirmedIds: [nextWeek, late] });
    expect(result).toMatchObject({ ok: true, status: 'saved', decision: 'cancel' });
    const rows = await db.select().from(s.appointments).where(inArray(s.appointments.id, [late, nextWeek]));
    for (const row of rows) expect(row).toMatchObject({ status: 'cancelled', cancelOrigin: 'staff', cancelledByStaffId: c.staffId, cancelledAt: NOW });
    expect(await statusOf(db, inside)).toBe('reserved');
    const mails = await db.select().from(s.messages).where(eq(s.messages.kind, 'cancellation'));
    expect(mails.map((m) => m.appointmentId).sort()).toEqual([late, nextWeek].sort());
    expect(mails.every((m) => m.channel === 'email' && m.status === 'pending' && m.createdByStaffId === c.staffId)).toBe(true);
    const cancels = await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'appointment.cancel'));
    const ours = [String(late), String(nextWeek)];
    expect(cancels.filter((a) => ours.includes(a.entityId)).map((a) => a.actorId)).toEqual([c.staffId, c.staffId]);
    expect((await ruleOf(db, c.professionalId, 3)).validTo).toBe('2026-11-23');
  });

  it('a failure while cancelling rolls back everything: the rule, the turnos already cancelled, their e-mails', async () => {
    const { db, c, late, nextWeek, wednesday } = await wednesdays();
    let calls = 0;
    const failing = async () => {
      if (++calls === 2) throw new Error('outbox unavailable');
    };
    const attempt = saveRule(
      db,
      c.actor,
      { id: wednesday.id, professionalId: c.professionalId, weekday: 3, startTime: '08:00', endTime: '11:00', slotMinutes: 20, validFrom: '2026-11-24', validTo: '', specialtyId: '', studyId: '', webEnabled: true },
      { decision: 'cancel', confirmedIds: [late, nextWeek] },
      { now: NOW, notify: failing },
    );
    await expect(attempt).rejects.toThrow('outbox unavailable');
    expect(calls).toBe(2);
    expect(await statusOf(db, late)).toBe('reserved');
    expect(await statusOf(db, nextWeek)).toBe('reserved');
    expect((await ruleOf(db, c.professionalId, 3)).validTo).toBeNull();
    expect(await db.select().from(s.schedules).where(eq(s.schedules.professionalId, c.professionalId))).toHaveLength(5);
    expect(await db.select().from(s.auditLog).where(eq(s.auditLog.action, 'schedule.update'))).toHaveLength(0);
    expect(await db.select().from(s.auditLog).where(inArray(s.auditLog.entityId, [String(late), String(nextWeek)]))).toHaveLength(2); // their bookings only
    expect(await db.select().from(s.messages).where(eq(s.messages.kind, 'cancellation'))).toHaveLength(0);
  });

  it('re-checks at commit time: a turno booked after the preview is caught, and nothing is written until staff see it', async () => {
    const { db, c, late, nextWeek, shorten } = await wednesdays();
    const preview = await shorten();
    expect(ids(preview)).toEqual([late, nextWeek]);
    // Someone books the slot freed by the cancelled turno, between the preview and the confirmation.
    const newcomer = await bookAt(db, c, '2026-11-25', '11:20', { patientId: c.otherPatientId });
    const stale = await shorten({ decision: 'cancel', confirmedIds: [late, nextWeek] });
    expect(stale).toMatchObject({ ok: true, status: 'needs_decision', message: NEW_AFFECTED });
    expect(ids(stale)).toEqual([newcomer, late, nextWeek]);
    expect(await statusOf(db, late)).toBe('reserved');
    expect((await ruleOf(db, c.professionalId, 3)).validTo).toBeNull();

    // One of them cancels meanwhile: the list changed again, so staff must look again.
    await cancelAppointment(db, { appointmentId: late, actor: { kind: 'staff', staffId: c.staffId }, now: NOW });
    expect(await shorten({ decision: 'keep', confirmedIds: [newcomer, late, nextWeek] })).toMatchObject({ status: 'needs_decision', message: AFFECTED_CHANGED });
    expect(await shorten({ decision: 'keep', confirmedIds: [newcomer, nextWeek] })).toMatchObject({ ok: true, status: 'saved', decision: 'keep' });
  });

  it('removing a holiday gives its slots back without asking, and keeps days already past', async () => {
    const { db } = getCtx();
    const c = await createAgendaCenter(db);
    const added = await addClosure(db, c.actor, { professionalId: '', startsOn: '2026-11-20', endsOn: '2026-11-26', partDay: false, startTime: '', endTime: '', reason: 'Mudanza' }, {}, options);
    expect(added).toMatchObject({ ok: true, status: 'saved' });
    const [row] = await db.select().from(s.scheduleExceptions);
    expect(await removeClosure(db, c.actor, { id: row.id }, options)).toEqual({ ok: true, id: row.id });
    const [kept] = await db.select().from(s.scheduleExceptions);
    expect(kept).toMatchObject({ startsOn: '2026-11-20', endsOn: '2026-11-22' });
    const actions = (await db.select({ action: s.auditLog.action }).from(s.auditLog)).map((a) => a.action);
    expect(actions).toEqual(['holiday.create', 'holiday.delete']);
  });
});
