/**
 * The booking's fast path (lib/booking/book.ts, lib/booking/agenda-snapshot.ts, db/pipeline.ts):
 * the agenda it checks slots against is kept in memory and proven current inside the booking's
 * transaction by the agenda token, and its transaction travels in one pipelined round. These
 * tests break each part: a missing trigger, a snapshot trusted without its token, a pipeline that
 * commits after a failure or runs out of order.
 */
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rowsOf, type Db } from '@/db/client';
import { pipelinedTransaction } from '@/db/pipeline';
import * as s from '@/db/schema';
import { bookAppointment, type BookingRequest } from '@/lib/booking/book';
import { at, createTestCenter, NOW, updateSettings, webBooking, type TestCenter } from '../support/center';
import { describeEachEngine } from '../support/db';

const token = async (db: Db) => rowsOf<{ token: string }>(await db.execute(sql`select token from agenda_version`))[0]?.token;

describeEachEngine('booking against an agenda kept in memory', (getCtx) => {
  let c: TestCenter;
  const request = (overrides: Partial<BookingRequest> = {}) => webBooking(c, overrides);

  it('changes the agenda token on every statement that touches what a slot check reads, and only then', async () => {
    const { db } = getCtx();
    c = await createTestCenter(db);
    const changes: Array<[string, () => Promise<unknown>]> = [
      ['center_settings', () => updateSettings(db, { minBookingNoticeHours: 3 })],
      ['professionals', () => db.update(s.professionals).set({ maxDaysAhead: 60 }).where(eq(s.professionals.id, c.professionalId))],
      ['professional_specialties', () => db.delete(s.professionalSpecialties).where(eq(s.professionalSpecialties.professionalId, c.secondProfessionalId))],
      ['professional_studies', async () => {
        const [study] = await db.insert(s.studies).values({ name: 'ECOGRAFIA' }).returning();
        const before = await token(db);
        await db.insert(s.professionalStudies).values({ professionalId: c.professionalId, studyId: study.id });
        return before;
      }],
      ['specialties', () => db.update(s.specialties).set({ webEnabled: false }).where(eq(s.specialties.id, c.otherSpecialtyId))],
      ['studies', () => db.update(s.studies).set({ active: false })],
      ['schedules', () => db.update(s.schedules).set({ slotMinutes: 30 }).where(eq(s.schedules.professionalId, c.secondProfessionalId))],
      ['schedule_exceptions', () => db.insert(s.scheduleExceptions).values({ startsOn: '2026-12-08', endsOn: '2026-12-08', reason: 'Feriado' })],
    ];
    for (const [table, change] of changes) {
      const before = await token(db);
      const returned = await change();
      const after = await token(db);
      expect(after, table).not.toBe(typeof returned === 'string' ? returned : before);
      expect(after, table).toBeTruthy();
    }
    // Bookings, patients and insurers are read fresh by every booking: they leave the token alone.
    const before = await token(db);
    expect(await bookAppointment(db, request())).toMatchObject({ ok: true });
    await db.update(s.insurers).set({ bookingMessage: 'Traer carnet' });
    await db.update(s.patients).set({ phone: '1155550000' }).where(eq(s.patients.id, c.patientId));
    expect(await token(db)).toBe(before);
  });

  it('sees agenda and settings changes made behind its back, in the same process', async () => {
    const { db } = getCtx();
    c = await createTestCenter(db);
    expect(await bookAppointment(db, request())).toMatchObject({ ok: true, endsAt: at('2026-11-25', '10:20') });
    // 30-minute slots from now on: 10:30 becomes a slot, 10:20 stops being one, and turnos last 30.
    await db.update(s.schedules).set({ slotMinutes: 30 }).where(eq(s.schedules.professionalId, c.professionalId));
    expect(await bookAppointment(db, request({ startsAt: at('2026-11-26', '10:20') }))).toMatchObject({ ok: false, code: 'slot_unavailable' });
    expect(await bookAppointment(db, request({ startsAt: at('2026-11-26', '10:30') }))).toMatchObject({ ok: true, endsAt: at('2026-11-26', '11:00') });
    await updateSettings(db, { webEnabled: false });
    expect(await bookAppointment(db, request({ patientId: c.otherPatientId, startsAt: at('2026-11-27', '10:30') }))).toMatchObject({ ok: false, code: 'web_disabled' });
  });

  it('proves the plan inside the transaction: an agenda change committed after the plan makes it plan again', async () => {
    const { db } = getCtx();
    c = await createTestCenter(db);
    await bookAppointment(db, request({ startsAt: at('2026-11-24', '10:00') })); // the snapshot is in memory now
    // Change the agenda between the plan and the transaction.
    let planned = 0;
    const lengthen = async () => {
      if (planned++ === 0) await db.update(s.schedules).set({ slotMinutes: 40 }).where(eq(s.schedules.professionalId, c.professionalId));
    };
    // Planned as 10:00-10:20; the transaction finds the new token, and the booking is planned again: 10:00-10:40.
    const moved = await bookAppointment(db, request({ patientId: c.otherPatientId }), { afterPlan: lengthen });
    expect(moved).toMatchObject({ ok: true, endsAt: at('2026-11-25', '10:40') });
    expect(planned).toBe(2);
    // A holiday declared between plan and transaction refuses the booking, and nothing is written.
    const patient = await c.addPatient();
    const holiday = async () => {
      await db.insert(s.scheduleExceptions).values({ startsOn: '2026-11-26', endsOn: '2026-11-26', reason: 'Feriado' });
    };
    const refused = await bookAppointment(db, request({ patientId: patient, startsAt: at('2026-11-26', '10:00') }), { afterPlan: holiday });
    expect(refused).toMatchObject({ ok: false, code: 'slot_unavailable' });
    expect(await db.select().from(s.appointments).where(eq(s.appointments.patientId, patient))).toHaveLength(0);
  });

  it('runs a pipelined transaction in order, and never commits one in which a statement failed', async () => {
    const { db } = getCtx();
    c = await createTestCenter(db);
    const names = async () => (await db.select({ name: s.insurers.name }).from(s.insurers)).map((r) => r.name).sort();
    // In order: the second statement sees the first one's row, the third its own.
    const answers = await pipelinedTransaction(db, (tx) =>
      tx.run([
        sql`insert into insurers (name) values ('IOMA')`,
        sql`select count(*)::int as n from insurers where name = 'IOMA'`,
        sql`insert into insurers (name) values ('PAMI') returning name`,
      ]),
    );
    expect(answers.map((a) => a.ok)).toEqual([true, true, true]);
    expect(answers[1]).toMatchObject({ ok: true, rows: [{ n: 1 }] });
    expect(await names()).toEqual(['IOMA', 'OSDE', 'PAMI', 'UOCRA']);
    // A failed statement whose error the caller ignores: the transaction still does not commit.
    await expect(
      pipelinedTransaction(db, async (tx) => {
        const [, bad] = await tx.run([sql`insert into insurers (name) values ('SWISS')`, sql`select 1 / 0`]);
        return bad.ok;
      }),
    ).rejects.toThrow(/division by zero/);
    // Work through the Drizzle handle, then a throw: rolled back.
    await expect(
      pipelinedTransaction(db, async (tx) => {
        await tx.run([sql`insert into insurers (name) values ('GALENO')`]);
        await tx.drizzle().insert(s.insurers).values({ name: 'MEDIFE' });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await names()).toEqual(['IOMA', 'OSDE', 'PAMI', 'UOCRA']);
  });
});
