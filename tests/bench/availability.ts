/**
 * Issue 3's benchmark: a center with 30 professionals in one specialty, 20-minute slots, 8 hours a
 * day, 6 days a week, 60% booked. Times the weekly availability of the whole specialty and one
 * booking, against the bare SQL they cannot avoid (the week's appointment read; one INSERT).
 */
import { sql } from 'drizzle-orm';
import * as s from '../../db/schema';
import { listProfessionalsFor, loadWeeks, loadWeeksFor, localToday } from '../../lib/availability/queries';
import { addDaysToDate, generateSlots, isoWeekday, type Slot } from '../../lib/availability/slots';
import { bookAppointment, type BookingRequest, type BookingStep } from '../../lib/booking/book';
import { composeAwaitingMessages } from '../../lib/messaging/compose-awaiting';
import { fromZonedTime } from 'date-fns-tz';
import type { BenchDatabase } from './databases';
import { measurePair, summarize, type Timing } from './stats';

const PROFESSIONALS = 30;
const PATIENTS = 3000;
const TZ = 'America/Argentina/Buenos_Aires';
const RUNS = Number(process.env.BENCH_RUNS) || 50;
/**
 * A booking and its bare INSERT take about a millisecond: their medians are taken over at least
 * 300 alternated pairs (after 20 for warm-up), so one slow moment of the machine does not move the ratio.
 */
const BOOKING_RUNS = Math.max(RUNS, 300);

export interface AvailabilityBenchResult {
  engine: string;
  appointments: number;
  availability: Timing;
  bareWeekRead: Timing;
  /** The booking's database work: the action's whole call (its confirmation is written awaiting its content). */
  booking: Timing;
  /** The worker's part, off the request: composing one confirmation from its turno (compose-awaiting.ts). */
  confirmationCompose: Timing;
  /** Median of each step of the booking (BookingStep), in order. */
  bookingSteps: Array<{ step: string; medianMs: number }>;
  bareInsert: Timing;
  plan: string;
}

/** Monday of the week after next, so the measured weeks are full and in the future. */
function mondayAfter(date: string, weeks: number): string {
  const monday = addDaysToDate(date, 1 - isoWeekday(date));
  return addDaysToDate(monday, weeks * 7);
}

export async function seedAvailabilityCenter(bench: BenchDatabase, now: Date) {
  const { db } = bench.handle;
  const today = localToday(now, TZ);
  await db.insert(s.centerSettings).values({
    id: 1,
    centerName: 'CENTRO BENCH',
    timeZone: TZ,
    minBookingNoticeHours: 0,
    maxFuturePerPatient: 100_000,
    maxFuturePerIp: 100_000,
    maxPerDaySpecialtyProfessional: 100,
  });
  const [specialty] = await db.insert(s.specialties).values({ name: 'CLINICA MEDICA', webEnabled: true }).returning();
  const [insurer] = await db.insert(s.insurers).values({ name: 'OSDE', webEnabled: true }).returning();
  const pros = await db
    .insert(s.professionals)
    .values(Array.from({ length: PROFESSIONALS }, (_, i) => ({ lastName: `PROF${String(i).padStart(2, '0')}`, firstName: 'BENCH', webEnabled: true, maxDaysAhead: 120 })))
    .returning({ id: s.professionals.id });
  await db.insert(s.professionalSpecialties).values(pros.map((p) => ({ professionalId: p.id, specialtyId: specialty.id })));
  const rules = pros.flatMap((p) =>
    [1, 2, 3, 4, 5, 6].map((weekday) => ({
      professionalId: p.id,
      weekday,
      startTime: '08:00',
      endTime: '16:00',
      slotMinutes: 20,
      validFrom: addDaysToDate(today, -60),
      specialtyId: specialty.id,
    })),
  );
  const ruleRows = await db.insert(s.schedules).values(rules).returning();
  const patients: number[] = [];
  for (let i = 0; i < PATIENTS; i += 1000) {
    const rows = await db
      .insert(s.patients)
      .values(Array.from({ length: Math.min(1000, PATIENTS - i) }, (_, k) => ({ dni: String(20_000_000 + i + k), lastName: 'PACIENTE', firstName: String(i + k), insurerId: insurer.id, email: `p${i + k}@example.com` })))
      .returning({ id: s.patients.id });
    patients.push(...rows.map((r) => r.id));
  }
  for (let i = 0; i < patients.length; i += 1000) {
    await db.insert(s.webAccounts).values(patients.slice(i, i + 1000).map((patientId) => ({ patientId, passwordHash: 'x', activatedAt: now })));
  }
  // 60% of every slot from four weeks ago to six weeks ahead, spread evenly.
  const slots = generateSlots({
    timeZone: TZ,
    fromDate: addDaysToDate(today, -28),
    toDate: addDaysToDate(today, 42),
    rules: ruleRows,
    closed: [],
    busy: [],
    notBefore: new Date(0),
  });
  const taken = slots.filter((_, i) => (i * 7919) % 100 < 60);
  for (let i = 0; i < taken.length; i += 2000) {
    await db.insert(s.appointments).values(
      taken.slice(i, i + 2000).map((slot, k) => ({
        professionalId: slot.professionalId,
        specialtyId: specialty.id,
        patientId: patients[(i + k) % patients.length],
        insurerId: insurer.id,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        source: (k % 2 ? 'web' : 'staff') as 'web' | 'staff',
        status: (slot.endsAt < now ? 'present' : 'reserved') as 'present' | 'reserved',
        createdIp: `10.0.${k % 250}.${k % 200}`,
      })),
    );
  }
  // Sets the visibility map too, so the bare read can be an index-only scan: the fairest baseline.
  await db.execute(sql`vacuum analyze`);
  return { specialtyId: specialty.id, insurerId: insurer.id, patients, proIds: pros.map((p) => p.id), taken: taken.length, today };
}

export async function runAvailabilityBench(bench: BenchDatabase): Promise<AvailabilityBenchResult> {
  const now = new Date();
  const { db } = bench.handle;
  const center = await seedAvailabilityCenter(bench, now);
  const weekFrom = mondayAfter(center.today, 2);
  const weekTo = addDaysToDate(weekFrom, 6);
  const ctx = { timeZone: TZ, now, notBefore: now, web: true };

  // The one read availability cannot avoid: that week's live appointments of those professionals.
  const weekStart = fromZonedTime(`${weekFrom}T00:00:00`, TZ);
  const weekEnd = fromZonedTime(`${addDaysToDate(weekTo, 1)}T00:00:00`, TZ);
  const bareSql = `select professional_id, starts_at, ends_at from appointments
    where status <> 'cancelled' and deleted_at is null and starts_at >= $1 and starts_at < $2 and professional_id = any($3::int[])`;
  const bareParams = [weekStart.toISOString(), weekEnd.toISOString(), center.proIds];
  // What the portal's week pages call (lib/booking/portal-week.ts): the professionals and their
  // week; timed in alternation with the bare read.
  const [availability, bareWeekRead] = await measurePair(
    RUNS,
    () => loadWeeksFor(db, { specialtyId: center.specialtyId }, { fromDate: weekFrom, toDate: weekTo, specialtyId: center.specialtyId }, ctx),
    () => bench.raw(bareSql, bareParams),
  );
  const planRows = (await bench.raw(`explain ${bareSql}`, bareParams)) as Array<Record<string, string>>;
  const plan = planRows.map((r) => Object.values(r)[0]).join(' / ');

  // Free slots two and three weeks ahead: one set for the app's booking, another for the bare INSERT.
  const freeIn = async (from: string): Promise<Slot[]> => {
    const pros = await listProfessionalsFor(db, { specialtyId: center.specialtyId }, true);
    const weeks = await loadWeeks(db, pros, { fromDate: from, toDate: addDaysToDate(from, 6), specialtyId: center.specialtyId }, ctx);
    return weeks.flatMap((w) => w.slots.filter((x) => x.free));
  };
  const forBooking = await freeIn(mondayAfter(center.today, 3));
  const forInsert = await freeIn(mondayAfter(center.today, 4));
  // One booking as the "Confirmar Turno" action makes it (lib/booking/actions.ts): the plan, then
  // the booking with its audit row and its confirmation's outbox row (composed later by the worker).
  let n = 0;
  let m = 0;
  const total: number[] = [];
  const stepSamples: Partial<Record<BookingStep, number[]>> = {};
  const book = async (i: number) => {
    const slot = forBooking[n];
    const request: BookingRequest = {
      patientId: center.patients[n],
      professionalId: slot.professionalId,
      specialtyId: center.specialtyId,
      insurerId: center.insurerId,
      startsAt: slot.startsAt,
      source: 'web',
      ip: `192.0.2.${n % 250}`,
      reason: 'bench',
      now,
    };
    n++;
    const t0 = performance.now();
    let last = t0;
    const steps: Partial<Record<BookingStep, number>> = {};
    const result = await bookAppointment(db, request, {
      trace: (step) => {
        const t = performance.now();
        steps[step] = t - last;
        last = t;
      },
      confirm: true,
    });
    if (!result.ok) throw new Error(`bench booking refused: ${result.message}`);
    if (i >= 0) {
      total.push(performance.now() - t0);
      for (const [step, t] of Object.entries(steps)) (stepSamples[step as BookingStep] ??= []).push(t);
    }
  };
  // The same row as a booking writes, by hand, in one INSERT (autocommit).
  const insert = async () => {
    const slot = forInsert[m];
    await bench.raw(
      `insert into appointments (professional_id, specialty_id, patient_id, insurer_id, starts_at, ends_at, source, reason, created_ip)
       values ($1, $2, $3, $4, $5, $6, 'web', 'bench', $7) returning id`,
      [slot.professionalId, center.specialtyId, center.patients[m], center.insurerId, slot.startsAt.toISOString(), slot.endsAt.toISOString(), `192.0.2.${m % 250}`],
    );
    m++;
  };
  const [, bareInsert] = await measurePair(BOOKING_RUNS, book, insert, 20);
  const booking = summarize(total);
  // The worker composes the bookings' confirmations, one by one here (it composes up to COMPOSE_LIMIT per poll).
  const composeSamples: number[] = [];
  for (;;) {
    const t0 = performance.now();
    const { composed } = await composeAwaitingMessages(db, 1);
    if (composed === 0) break;
    composeSamples.push(performance.now() - t0);
  }
  if (composeSamples.length < BOOKING_RUNS) throw new Error(`only ${composeSamples.length} confirmations to compose after ${BOOKING_RUNS} bookings`);
  const confirmationCompose = summarize(composeSamples);
  const bookingSteps = Object.entries(stepSamples).map(([step, samples]) => ({ step, medianMs: summarize(samples).medianMs }));
  return { engine: bench.engine, appointments: center.taken, availability, bareWeekRead, booking, confirmationCompose, bookingSteps, bareInsert, plan };
}
