import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import { and, eq, isNull, ne } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { loadWeeks } from '@/lib/availability/queries';
import { addDaysToDate, isoWeekday, type Slot } from '@/lib/availability/slots';
import { bookAppointment } from '@/lib/booking/book';
import { createTestCenter, updateSettings, type TestCenter } from '../support/center';
import { describeEachEngine } from '../support/db';

/**
 * The slot generator's callers on a real database: random agendas, holidays and absences stored
 * as staff would store them, in the center's zone (with daylight saving, on a week that changes
 * the clocks), then bookings through bookAppointment. Whatever happened before, the week read back
 * never offers a slot that overlaps a live turno, every free slot it offers can be booked, a taken
 * one cannot without an explicit sobreturno, and an instant that is not a slot is refused.
 * (The pure generator's properties: tests/unit/slots-properties.test.ts.)
 */

const BA = 'America/Argentina/Buenos_Aires';
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The local dates in 2027 on which the zone changes its clocks. */
function changeDates(timeZone: string): string[] {
  const out: string[] = [];
  const offset = (t: number) => formatInTimeZone(new Date(t), timeZone, 'xxx');
  for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2028, 0, 1); t += 3_600_000) {
    if (offset(t) !== offset(t - 3_600_000)) out.push(formatInTimeZone(new Date(t - 3_600_000), timeZone, 'yyyy-MM-dd'));
  }
  return out;
}

const mondayOf = (date: string) => addDaysToDate(date, 1 - isoWeekday(date));

const arbWeek = fc.oneof(
  fc.constantFrom('America/Santiago', 'Europe/Madrid').chain((timeZone) =>
    fc.constantFrom(...changeDates(timeZone)).map((change) => ({ timeZone, monday: mondayOf(change), focus: isoWeekday(change) })),
  ),
  fc.integer({ min: 0, max: 50 }).map((k) => ({ timeZone: BA, monday: addDaysToDate('2027-01-04', 7 * k), focus: 3 })),
);

const arbCase = fc.record({
  week: arbWeek,
  rules: fc.array(
    fc.record({
      weekday: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
      start: fc.oneof(fc.integer({ min: 0, max: 22 * 60 }), fc.constantFrom(0, 60, 90, 120, 1320)),
      length: fc.integer({ min: 30, max: 300 }),
      slotMinutes: fc.constantFrom(10, 15, 20, 30, 45, 60),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  closures: fc.array(
    fc.record({
      day: fc.integer({ min: 0, max: 6 }),
      center: fc.boolean(),
      part: fc.option(fc.record({ start: fc.integer({ min: 0, max: 22 * 60 }), length: fc.integer({ min: 15, max: 120 }) }), { nil: undefined }),
    }),
    { maxLength: 2 },
  ),
  bookings: fc.array(fc.record({ pick: fc.nat(), overbook: fc.boolean(), offSlot: fc.boolean() }), { maxLength: 6 }),
});

describeEachEngine(
  'availability and booking over random agendas',
  (getCtx) => {
    let center: TestCenter;
    let staffId: number;

    beforeAll(async () => {
      const { db } = getCtx();
      center = await createTestCenter(db);
      const [admin] = await db.insert(s.staffUsers).values({ username: 'recep', fullName: 'Recepción', passwordHash: 'x', role: 'reception' }).returning();
      staffId = admin.id;
    });

    it('never offers a taken slot, books every free one, refuses the rest', async () => {
      const { db } = getCtx();
      await fc.assert(
        fc.asyncProperty(arbCase, async ({ week, rules, closures, bookings }) => {
          const { timeZone, monday, focus } = week;
          const sunday = addDaysToDate(monday, 6);
          await updateSettings(db, { timeZone });
          // A professional of their own per run: nothing of an earlier run is in the way.
          const [pro] = await db.insert(s.professionals).values({ lastName: 'PRUEBA', firstName: monday, webEnabled: true }).returning();
          await db.insert(s.schedules).values(
            rules.map((r) => ({
              professionalId: pro.id,
              weekday: r.weekday ?? focus,
              startTime: hhmm(r.start),
              endTime: hhmm(Math.min(r.start + r.length, 24 * 60 - 1)),
              slotMinutes: r.slotMinutes,
              validFrom: '2026-01-01',
            })),
          );
          for (const c of closures) {
            await db.insert(s.scheduleExceptions).values({
              // A holiday (everyone) or an absence; a holiday left by an earlier run only closes more.
              professionalId: c.center ? null : pro.id,
              startsOn: addDaysToDate(monday, c.day),
              endsOn: addDaysToDate(monday, c.day),
              startTime: c.part ? hhmm(c.part.start) : null,
              endTime: c.part ? hhmm(Math.min(c.part.start + c.part.length, 24 * 60 - 1)) : null,
              reason: 'Congreso',
            });
          }
          const now = fromZonedTime(`${addDaysToDate(monday, -7)}T00:00:00`, timeZone);
          const load = async (): Promise<Slot[]> => {
            const [w] = await loadWeeks(
              db,
              [{ id: pro.id, name: 'PRUEBA', generalMessage: '', bookingMessage: '', maxDaysAhead: 30 }],
              { fromDate: monday, toDate: sunday },
              { timeZone, now, notBefore: now, web: false },
            );
            return w.slots;
          };
          const book = (startsAt: Date, overbook: boolean) =>
            bookAppointment(db, { patientId: center.patientId, professionalId: pro.id, startsAt, source: 'staff', staffId, overbook, now });

          for (const b of bookings) {
            const slots = await load();
            if (slots.length === 0) break;
            const slot = slots[b.pick % slots.length];
            if (b.offSlot) {
              // One minute into a slot is not a slot (unless another rule starts there).
              const startsAt = new Date(slot.startsAt.getTime() + 60_000);
              if (slots.some((x) => x.startsAt.getTime() === startsAt.getTime())) continue;
              const r = await book(startsAt, false);
              expect(r).toMatchObject({ ok: false, code: 'slot_unavailable' });
            } else if (slot.free || b.overbook) {
              const r = await book(slot.startsAt, b.overbook);
              if (!r.ok) throw new Error(`${timeZone} ${slot.date} ${slot.time} (free: ${slot.free}) refused: ${r.message}`);
            } else {
              expect(await book(slot.startsAt, false)).toMatchObject({ ok: false, code: 'slot_taken' });
            }
          }

          const slots = await load();
          const live = await db
            .select({ startsAt: s.appointments.startsAt, endsAt: s.appointments.endsAt, overbooked: s.appointments.overbooked })
            .from(s.appointments)
            .where(and(eq(s.appointments.professionalId, pro.id), ne(s.appointments.status, 'cancelled'), isNull(s.appointments.deletedAt)));
          for (let i = 1; i < slots.length; i++) expect(slots[i].startsAt >= slots[i - 1].endsAt).toBe(true);
          for (const slot of slots) {
            expect(formatInTimeZone(slot.startsAt, timeZone, 'yyyy-MM-dd HH:mm')).toBe(`${slot.date} ${slot.time}`);
            const taken = live.some((a) => a.startsAt < slot.endsAt && a.endsAt > slot.startsAt);
            expect(slot.free, `${slot.date} ${slot.time}`).toBe(!taken);
          }
          // Each turno given sits on a slot the agenda offers, now taken.
          for (const a of live) {
            const slot = slots.find((x) => x.startsAt.getTime() === a.startsAt.getTime());
            expect(slot?.free).toBe(false);
          }
          // And a free slot, if any is left, can still be booked.
          const free = slots.find((x) => x.free);
          if (free) expect(await book(free.startsAt, false)).toMatchObject({ ok: true });
        }),
        { numRuns: 10, endOnFailure: true },
      );
    });
  },
  { freshDb: 'per-file' },
);
