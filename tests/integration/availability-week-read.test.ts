import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { listProfessionalsFor, loadWeeks, loadWeeksFor, type AgendaContext, type ProfessionalFilter } from '@/lib/availability/queries';
import { addDaysToDate } from '@/lib/availability/slots';
import { NOW, TZ, at, createTestCenter, type TestCenter } from '../support/center';
import { describeEachEngine } from '../support/db';

/**
 * The portal's week read (loadWeeksFor: prepared statements, turnos as epoch ms aggregated per
 * professional) against the plain one (listProfessionalsFor + loadWeeks) and against the turnos
 * read back as Dates: the same slots, free exactly when no live turno overlaps them, on every call
 * (PostgreSQL switches a prepared statement to its generic plan after five runs). Turnos that end or
 * start a fraction of a millisecond off a slot boundary are judged as a Date of them would be
 * (truncated to the millisecond).
 */

const DAY = '2026-11-25'; // a Wednesday, two days after NOW

describeEachEngine(
  'the week read of the portal',
  (getCtx) => {
    let center: TestCenter;

    beforeAll(async () => {
      const { db } = getCtx();
      center = await createTestCenter(db);
      const turno = (professionalId: number, startsAt: Date, endsAt: Date, extra: Partial<s.NewAppointment> = {}) => ({
        professionalId,
        specialtyId: center.specialtyId,
        patientId: center.patientId,
        insurerId: center.insurerId,
        startsAt,
        endsAt,
        source: 'staff' as const,
        ...extra,
      });
      const pro = center.professionalId;
      const pro2 = center.secondProfessionalId;
      await db.insert(s.appointments).values([
        turno(pro, at(DAY, '08:00'), at(DAY, '08:20')),
        turno(pro, at(DAY, '09:00'), at(DAY, '10:10'), { overbooked: true }), // long: takes 09:00-10:00 and 10:00
        turno(pro, at(DAY, '11:00'), at(DAY, '11:20'), { status: 'cancelled', cancelledAt: NOW }),
        turno(pro, at(addDaysToDate(DAY, 1), '08:40'), at(addDaysToDate(DAY, 1), '09:00'), { deletedAt: NOW }),
        turno(pro2, at(addDaysToDate(DAY, 1), '10:00'), at(addDaysToDate(DAY, 1), '10:20')),
        // The night before the range: must not spill into it.
        turno(pro2, at(addDaysToDate(DAY, -1), '23:00'), at(DAY, '00:00'), { overbooked: true }),
      ]);
      // Sub-millisecond edges, as Dates cannot write them: 08:39:59.9996-08:40:00.0004 (a Date reads
      // 08:39:59.999-08:40:00.000: it touches 08:40, does not overlap it, takes 08:20), and
      // 11:40:00.0004-11:40:00.9 (takes 11:40 only).
      const ts = (date: string, time: string) => `${date} ${time}-03`;
      await db.execute(sql`insert into appointments (professional_id, specialty_id, patient_id, insurer_id, starts_at, ends_at, source, overbooked) values
        (${pro2}, ${center.specialtyId}, ${center.patientId}, ${center.insurerId}, ${ts(DAY, '08:39:59.9996')}::timestamptz, ${ts(DAY, '08:40:00.0004')}::timestamptz, 'staff', true),
        (${pro2}, ${center.specialtyId}, ${center.patientId}, ${center.insurerId}, ${ts(DAY, '11:40:00.0004')}::timestamptz, ${ts(DAY, '11:40:00.9')}::timestamptz, 'staff', true)`);
      await db.insert(s.scheduleExceptions).values([
        { professionalId: null, startsOn: addDaysToDate(DAY, 2), endsOn: addDaysToDate(DAY, 2), reason: 'Feriado' },
        { professionalId: pro2, startsOn: DAY, endsOn: DAY, startTime: '09:00', endTime: '10:00', reason: 'Reunión' },
      ]);
    });

    it('gives the same week as the plain read, run after run, in every filter shape', async () => {
      const { db } = getCtx();
      const range = { fromDate: addDaysToDate(DAY, -2), toDate: addDaysToDate(DAY, 4), specialtyId: center.specialtyId };
      const filters: ProfessionalFilter[] = [
        { specialtyId: center.specialtyId },
        { professionalIds: [center.secondProfessionalId] },
        { professionalIds: [] },
        { specialtyId: center.specialtyId, professionalIds: [center.professionalId] },
        { specialtyId: center.otherSpecialtyId },
      ];
      for (const web of [true, false]) {
        const ctx: AgendaContext = { timeZone: TZ, now: NOW, notBefore: web ? new Date(NOW.getTime() + 2 * 3_600_000) : NOW, web };
        for (const filter of filters) {
          const plain = await loadWeeks(db, await listProfessionalsFor(db, filter, web), range, ctx);
          for (let run = 0; run < 7; run++) expect(await loadWeeksFor(db, filter, range, ctx)).toEqual(plain);
        }
      }
    });

    it('marks a slot taken exactly when a live turno, read back as Dates, overlaps it', async () => {
      const { db } = getCtx();
      const ctx: AgendaContext = { timeZone: TZ, now: NOW, notBefore: NOW, web: false };
      const weeks = await loadWeeksFor(db, { specialtyId: center.specialtyId }, { fromDate: DAY, toDate: addDaysToDate(DAY, 6) }, ctx);
      const live = (await db.select().from(s.appointments)).filter((a) => a.status !== 'cancelled' && a.deletedAt === null);
      let taken = 0;
      for (const week of weeks) {
        for (const slot of week.slots) {
          const overlapped = live.some((a) => a.professionalId === week.id && a.startsAt < slot.endsAt && a.endsAt > slot.startsAt);
          expect(slot.free, `${week.name} ${slot.date} ${slot.time}`).toBe(!overlapped);
          if (!slot.free) taken++;
        }
      }
      const takenAt = (id: number) =>
        weeks.find((w) => w.id === id)!.slots.filter((x) => !x.free).map((x) => `${x.date} ${x.time}`);
      expect(takenAt(center.professionalId)).toEqual([`${DAY} 08:00`, `${DAY} 09:00`, `${DAY} 09:20`, `${DAY} 09:40`, `${DAY} 10:00`]);
      expect(takenAt(center.secondProfessionalId)).toEqual([`${DAY} 08:20`, `${DAY} 11:40`, `${addDaysToDate(DAY, 1)} 10:00`]);
      expect(taken).toBe(8);
    });
  },
  { freshDb: 'per-file' },
);
