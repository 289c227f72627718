import { sql } from 'drizzle-orm';
import { fromZonedTime } from 'date-fns-tz';
import { beforeEach, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { rowsOf } from '@/db/client';
import { COUNT_CAP, listWebAppointments, type WebListingFilters, type WebListingRow } from '@/lib/appointments/web-listing';
import { bookAppointment, type BookingRequest } from '@/lib/booking/book';
import { cancelAppointment, deleteAppointment } from '@/lib/booking/cancel';
import { at, createTestCenter, NOW, TZ, webBooking, type TestCenter } from '../support/center';
import { describeEachEngine } from '../support/db';

/** "Listado de Turnos dados por Sistema Web": what it shows, each filter, and its keyset pages. */
describeEachEngine('web listing', (getCtx) => {
  let c: TestCenter;
  let staffId: number;

  beforeEach(async () => {
    const { db } = getCtx();
    c = await createTestCenter(db, { maxPerDaySpecialtyProfessional: 20, maxFuturePerPatient: 50, maxFuturePerIp: 100 });
    [{ id: staffId }] = await db
      .insert(s.staffUsers)
      .values({ username: 'recepcion', fullName: 'RECEPCION TURNOS', passwordHash: 'x', role: 'reception' })
      .returning({ id: s.staffUsers.id });
  });

  const book = async (overrides: Partial<BookingRequest>) => {
    // The center requires no reason: a web booking without one, as a patient may make it.
    const result = await bookAppointment(getCtx().db, webBooking(c, { reason: undefined, ...overrides }));
    if (!result.ok) throw new Error(`booking refused: ${result.message}`);
    return result.appointmentId;
  };

  /** A row written directly, for what the booking path would refuse (midnight turnos, exact ties). */
  const insert = async (values: Partial<s.NewAppointment> & { startsAt: Date }) => {
    const [row] = await getCtx()
      .db.insert(s.appointments)
      .values({
        professionalId: c.professionalId,
        patientId: c.patientId,
        specialtyId: c.specialtyId,
        insurerId: c.insurerId,
        endsAt: new Date(values.startsAt.getTime() + 20 * 60_000),
        source: 'web',
        createdAt: NOW,
        ...values,
      })
      .returning({ id: s.appointments.id });
    return row.id;
  };

  const list = (filters: WebListingFilters, page = {}) => listWebAppointments(getCtx().db, filters, { size: 100, ...page }, { timeZone: TZ });
  const ids = async (filters: WebListingFilters) => (await list(filters)).rows.map((r) => r.id).sort((a, b) => a - b);
  const sorted = (...values: number[]) => [...values].sort((a, b) => a - b);

  it('shows only web turnos: never staff ones, never deleted ones; cancelled ones stay with who cancelled them', async () => {
    const { db } = getCtx();
    const kept = await book({});
    const deleted = await book({ startsAt: at('2026-11-25', '10:20'), patientId: c.otherPatientId });
    await book({ startsAt: at('2026-11-25', '10:40'), source: 'staff', staffId });
    const byCenter = await book({ professionalId: c.secondProfessionalId, startsAt: at('2026-11-26', '09:00') });
    const byPatient = await book({ professionalId: c.secondProfessionalId, startsAt: at('2026-11-26', '09:20'), patientId: c.otherPatientId });

    expect(await deleteAppointment(db, { appointmentId: deleted, staffId, now: NOW })).toEqual({ ok: true });
    expect(await cancelAppointment(db, { appointmentId: byCenter, actor: { kind: 'staff', staffId }, now: NOW })).toMatchObject({ ok: true });
    expect(await cancelAppointment(db, { appointmentId: byPatient, actor: { kind: 'patient', patientId: c.otherPatientId }, now: NOW })).toMatchObject({ ok: true });

    const page = await list({});
    expect(page.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(sorted(kept, byCenter, byPatient));
    expect(page.total).toEqual({ count: 3, more: false });
    const row = (id: number) => page.rows.find((r) => r.id === id)!;
    expect(row(kept)).toMatchObject({ status: 'reserved', cancelledAt: null, professional: 'GONZALEZ JOSE', specialty: 'CARDIOLOGIA', insurer: 'OSDE' });
    expect(row(kept).startsAt.toISOString()).toBe('2026-11-25T13:00:00.000Z');
    expect(row(kept).bookedAt.toISOString()).toBe(NOW.toISOString());
    expect(row(byCenter)).toMatchObject({ status: 'cancelled', cancelOrigin: 'staff', cancelledBy: 'RECEPCION TURNOS' });
    expect(row(byPatient)).toMatchObject({ status: 'cancelled', cancelOrigin: 'web', cancelledBy: null });
    expect(await ids({ status: 'cancelled' })).toEqual(sorted(byCenter, byPatient));
  });

  it('FECHA DE OTORGAMIENTO is the booking day in the center’s zone, boundaries included', async () => {
    // 23:59:59.999 on the 20th in Buenos Aires is already the 21st in UTC.
    const lateOn20 = await book({ now: fromZonedTime('2026-11-20T23:59:59.999', TZ) });
    const startOf21 = await book({ now: at('2026-11-21', '00:00'), startsAt: at('2026-11-25', '10:20') });
    const on22 = await book({ now: at('2026-11-22', '12:00'), startsAt: at('2026-11-25', '10:40') });

    expect(await ids({ bookedFrom: '2026-11-21', bookedTo: '2026-11-21' })).toEqual([startOf21]);
    expect(await ids({ bookedFrom: '2026-11-20', bookedTo: '2026-11-20' })).toEqual([lateOn20]);
    expect(await ids({ bookedFrom: '2026-11-21' })).toEqual(sorted(startOf21, on22));
    expect(await ids({ bookedTo: '2026-11-21' })).toEqual(sorted(lateOn20, startOf21));
    // The same rows by the turno's date: all on the 25th, so that filter does not see booking days.
    expect(await ids({ startsFrom: '2026-11-21', startsTo: '2026-11-21' })).toEqual([]);
    expect(await ids({ startsFrom: '2026-11-25', startsTo: '2026-11-25' })).toEqual(sorted(lateOn20, startOf21, on22));
  });

  it('FECHA DEL TURNO is the turno’s day in the center’s zone, boundaries included', async () => {
    const lateOn25 = await insert({ startsAt: fromZonedTime('2026-11-25T23:40:00', TZ) }); // 02:40 UTC on the 26th
    const startOf26 = await insert({ startsAt: at('2026-11-26', '00:00'), professionalId: c.secondProfessionalId });
    const lastOf26 = await insert({ startsAt: fromZonedTime('2026-11-26T23:59:59.999', TZ) });

    expect(await ids({ startsFrom: '2026-11-25', startsTo: '2026-11-25' })).toEqual([lateOn25]);
    expect(await ids({ startsFrom: '2026-11-26', startsTo: '2026-11-26' })).toEqual(sorted(startOf26, lastOf26));
    expect(await ids({ startsFrom: '2026-11-27' })).toEqual([]);
    expect(await ids({ startsTo: '2026-11-25' })).toEqual([lateOn25]);
    // All booked "now" (the 23rd): the booking-date filter sees them all, on that day only.
    expect(await ids({ bookedFrom: '2026-11-23', bookedTo: '2026-11-23' })).toEqual(sorted(lateOn25, startOf26, lastOf26));
    expect(await ids({ bookedFrom: '2026-11-25', bookedTo: '2026-11-26' })).toEqual([]);
  });

  it('ESPECIALIDAD, estudio, PROFESIONAL, OBRA SOCIAL, estado and the patient’s DNI or name each narrow the list', async () => {
    const { db } = getCtx();
    const [ibanez, gomez] = await db
      .insert(s.patients)
      .values([
        { dni: '25123456', lastName: 'IBAÑEZ', firstName: 'JUAN MANUEL' },
        { dni: '27666777', lastName: 'GOMEZ', firstName: 'ROBERTO' },
      ])
      .returning({ id: s.patients.id });
    const [study] = await db.insert(s.studies).values({ name: 'ECOGRAFIA ABDOMINAL' }).returning({ id: s.studies.id });
    const cardio = await insert({ startsAt: at('2026-11-25', '10:00'), patientId: ibanez.id });
    const derma = await insert({ startsAt: at('2026-11-25', '10:00'), professionalId: c.secondProfessionalId, specialtyId: c.otherSpecialtyId, insurerId: c.offWebInsurerId, patientId: gomez.id });
    const echo = await insert({ startsAt: at('2026-11-25', '10:20'), specialtyId: null, studyId: study.id, insurerId: null, status: 'present' });

    expect(await ids({ specialtyId: c.specialtyId })).toEqual([cardio]);
    expect(await ids({ specialtyId: c.otherSpecialtyId })).toEqual([derma]);
    expect(await ids({ studyId: study.id })).toEqual([echo]);
    expect(await ids({ professionalId: c.secondProfessionalId })).toEqual([derma]);
    expect(await ids({ professionalId: c.professionalId })).toEqual(sorted(cardio, echo));
    expect(await ids({ insurerId: c.offWebInsurerId })).toEqual([derma]);
    expect(await ids({ status: 'present' })).toEqual([echo]);
    expect(await ids({ status: 'reserved', professionalId: c.professionalId })).toEqual([cardio]);
    // DNI from its first digits, with or without dots; names in any order and case, Ñ included.
    expect(await ids({ text: '25123' })).toEqual([cardio]);
    expect(await ids({ text: '25.123.456' })).toEqual([cardio]);
    expect(await ids({ text: 'juan ibañez' })).toEqual([cardio]);
    expect(await ids({ text: 'Gomez' })).toEqual([derma]);
    // LIKE wildcards typed by the user are literal.
    expect(await ids({ text: 'G%' })).toEqual([]);
    const [row] = (await list({ studyId: study.id })).rows;
    expect(row).toMatchObject({ specialty: null, study: 'ECOGRAFIA ABDOMINAL', insurer: null, dni: expect.any(String) });
  });

  /**
   * 23 rows whose sort instants tie in pairs and differ by a microsecond (a cursor cut to a JS
   * millisecond would skip or repeat some), walked 5 at a time forwards and then back.
   */
  it('keyset pages return every row exactly once, in order, forwards and backwards, in both orders and with date filters', async () => {
    const { db } = getCtx();
    for (let i = 0; i < 23; i++) {
      await insert({
        startsAt: at(i % 2 ? '2026-11-26' : '2026-11-25', `${String(8 + Math.floor(i / 4)).padStart(2, '0')}:00`),
        createdAt: new Date(NOW.getTime() - Math.floor(i / 4) * 60_000),
        overbooked: true, // identical start times on purpose: the id breaks the tie
        status: i % 5 === 0 ? 'cancelled' : 'reserved',
        cancelledAt: i % 5 === 0 ? NOW : null,
      });
    }
    await insert({ startsAt: at('2026-11-25', '11:00'), source: 'staff' });
    await db.execute(sql`update appointments set created_at = created_at + make_interval(secs => (id % 2) * 0.000001)`);

    const expected = async (order: 'booked' | 'appointment', where = sql`true`) => {
      const column = order === 'booked' ? sql`created_at desc, id desc` : sql`starts_at asc, id asc`;
      const rows = rowsOf<{ id: number | string }>(
        await db.execute(sql`select id from appointments where source = 'web' and deleted_at is null and ${where} order by ${column}`),
      );
      return rows.map((r) => Number(r.id));
    };
    const walk = async (filters: WebListingFilters) => {
      const pages: WebListingRow[][] = [];
      let page = await listWebAppointments(db, filters, { size: 5 }, { timeZone: TZ });
      pages.push(page.rows);
      expect(page.prev).toBeNull();
      while (page.next) {
        page = await listWebAppointments(db, filters, { size: 5, after: page.next }, { timeZone: TZ });
        pages.push(page.rows);
      }
      // Back from the last page, each "Anterior" gives exactly the page seen before it.
      let back = page;
      for (let i = pages.length - 2; i >= 0; i--) {
        expect(back.prev).not.toBeNull();
        back = await listWebAppointments(db, filters, { size: 5, before: back.prev! }, { timeZone: TZ });
        expect(back.rows.map((r) => r.id)).toEqual(pages[i].map((r) => r.id));
      }
      expect(back.prev).toBeNull();
      return pages.flat().map((r) => r.id);
    };

    expect(await walk({})).toEqual(await expected('booked'));
    expect(await walk({ order: 'appointment' })).toEqual(await expected('appointment'));
    // A short range of the other date switches to the fenced sort (web-listing-sql.ts): same pages.
    const on25 = sql`starts_at >= ${at('2026-11-25', '00:00').toISOString()}::timestamptz and starts_at < ${at('2026-11-26', '00:00').toISOString()}::timestamptz`;
    expect(await walk({ startsFrom: '2026-11-25', startsTo: '2026-11-25' })).toEqual(await expected('booked', on25));
    expect(await walk({ bookedFrom: '2026-11-23', bookedTo: '2026-11-23', order: 'appointment' })).toEqual(await expected('appointment'));
    expect((await walk({})).length).toBe(23);
  });

  it('counts up to the cap and then says "more than"; a malformed cursor reads as the first page', async () => {
    const { db } = getCtx();
    await db.execute(sql`
      insert into appointments (professional_id, patient_id, starts_at, ends_at, source, created_at)
      select ${c.professionalId}, ${c.patientId}, ts, ts + interval '20 minutes', 'web', ts - interval '3 days'
      from (select timestamptz '2026-12-01 11:00:00+00' + g * interval '20 minutes' as ts from generate_series(0, ${COUNT_CAP + 4}) g) t`);
    const first = await list({}, { size: 10 });
    expect(first.total).toEqual({ count: COUNT_CAP, more: true });
    expect(first.rows).toHaveLength(10);
    expect(await list({}, { size: 10, after: 'not-a-cursor' })).toEqual(first);
    expect((await list({ startsFrom: '2026-12-01', startsTo: '2026-12-01' })).total).toEqual({ count: 48, more: false });
  });
});
