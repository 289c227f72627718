import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as s from '@/db/schema';
import { bookAppointment, type BookingRequest, type BookingResult } from '@/lib/booking/book';
import { SLOT_TAKEN_MESSAGE } from '@/lib/booking/errors';
import { at, createTestCenter, NOW } from '../support/center';
import { describePostgresOnly } from '../support/db';

/**
 * Races on a real server: each request gets its own connection, as separate app instances would.
 * (PGlite serialises every transaction, so these would pass trivially there.)
 */
describePostgresOnly('booking under concurrency', (getCtx) => {
  async function race(requests: BookingRequest[]): Promise<BookingResult[]> {
    const pools = requests.map(() => getCtx().connect({ max: 1 }));
    // Warm every connection first, so the bookings really start together.
    await Promise.all(pools.map((p) => p.db.execute(sql`select 1`)));
    return Promise.all(requests.map((r, i) => bookAppointment(pools[i].db, r)));
  }

  const base = (c: Awaited<ReturnType<typeof createTestCenter>>): Omit<BookingRequest, 'patientId'> => ({
    professionalId: c.professionalId,
    specialtyId: c.specialtyId,
    insurerId: c.insurerId,
    startsAt: at('2026-11-25', '10:00'),
    source: 'web',
    now: NOW,
  });

  it('20 patients booking one slot at once: exactly one gets it, 19 hear it was just taken', async () => {
    const { db } = getCtx();
    const c = await createTestCenter(db);
    const patients = await Promise.all(Array.from({ length: 20 }, () => c.addPatient()));
    const results = await race(patients.map((patientId, i) => ({ ...base(c), patientId, ip: `10.0.0.${i + 1}` })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(r).toEqual({ ok: false, code: 'slot_taken', message: SLOT_TAKEN_MESSAGE });
    const rows = await db.select().from(s.appointments);
    expect(rows).toHaveLength(1);
  });

  it('one patient firing 10 bookings of different slots at once never exceeds the future limit', async () => {
    const { db } = getCtx();
    const c = await createTestCenter(db, { maxFuturePerPatient: 4, maxFuturePerIp: 100 });
    const days = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30'];
    const requests = Array.from({ length: 10 }, (_, i) => ({
      ...base(c),
      patientId: c.patientId,
      // Different professionals and days, so only the future limit can bind.
      professionalId: i % 2 ? c.secondProfessionalId : c.professionalId,
      startsAt: at(days[Math.floor(i / 2)], '09:00'),
      ip: '10.1.1.1',
    }));
    const results = await race(requests);
    expect(results.filter((r) => r.ok)).toHaveLength(4);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'limit_patient')).toBe(true);
    const rows = await db.select().from(s.appointments).where(eq(s.appointments.patientId, c.patientId));
    expect(rows).toHaveLength(4);
  });

  it('one patient booking the same professional 6 times at once on one day gets only the daily maximum', async () => {
    const { db } = getCtx();
    const c = await createTestCenter(db, { maxPerDaySpecialtyProfessional: 2, maxFuturePerPatient: 100, maxFuturePerIp: 100 });
    const times = ['08:00', '08:20', '08:40', '09:00', '09:20', '09:40'];
    const results = await race(times.map((t) => ({ ...base(c), patientId: c.patientId, startsAt: at('2026-11-25', t), ip: '10.2.2.2' })));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'limit_day')).toBe(true);
  });

  it('10 patients on one IP booking at once never exceed the per-IP limit', async () => {
    const { db } = getCtx();
    const c = await createTestCenter(db, { maxFuturePerIp: 3 });
    const patients = await Promise.all(Array.from({ length: 10 }, () => c.addPatient()));
    const times = ['08:00', '08:20', '08:40', '09:00', '09:20', '09:40', '10:00', '10:20', '10:40', '11:00'];
    const results = await race(
      patients.map((patientId, i) => ({ ...base(c), patientId, startsAt: at('2026-11-25', times[i]), ip: '192.0.2.50' })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'limit_ip')).toBe(true);
    const rows = await db.select().from(s.appointments).where(eq(s.appointments.createdIp, '192.0.2.50'));
    expect(rows).toHaveLength(3);
  });
});
