/**
 * The common booking writes in one statement guarded by SQL (guardCondition), and explains a
 * refusal with checkBooking(): if the two ever disagreed, a booking the rules refuse could commit
 * (or one they allow be refused). For random answers of the database (token, the professional's
 * window, account, insurer, the three counts, an overlapping turno) and random limits, the SQL
 * condition, evaluated by the database itself, and checkBooking() must say the same.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { pipelinedTransaction, statementFromTemplate } from '@/db/pipeline';
import type { CenterSettings } from '@/db/schema';
import { checkBooking, guardCondition, type BookingChecks, type BookingPlan, type BookingRequest } from '@/lib/booking/book';
import { addDaysToDate } from '@/lib/availability/slots';
import { at, NOW, TZ } from '../support/center';
import { describeEachEngine } from '../support/db';

const TOKEN = 'token-of-the-plan';
const TODAY = '2026-11-23';

const settings = (limits: { day: number; future: number; ip: number }): CenterSettings =>
  ({
    id: 1,
    timeZone: TZ,
    webEnabled: true,
    selectionMode: 'specialty',
    requireReason: false,
    minBookingNoticeHours: 0,
    cancelCutoffHours: 24,
    maxPerDaySpecialtyProfessional: limits.day,
    maxFuturePerPatient: limits.future,
    maxFuturePerIp: limits.ip,
  }) as CenterSettings;

// Every day 08:00-12:00 in 20-minute slots, so the slot itself is always on the agenda: only the
// database's answers can refuse it.
const definition: BookingPlan['definition'] = {
  rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    id: weekday,
    professionalId: 7,
    weekday,
    startTime: '08:00',
    endTime: '12:00',
    slotMinutes: 20,
    validFrom: '2026-01-01',
    validTo: null,
    specialtyId: null,
    studyId: null,
  })),
  closed: [],
};

// Mostly answers that let the booking through, each condition failing (or sitting on its boundary)
// now and then: a guard missing one term, or with < for <=, is then caught within a few hundred runs.
const mostly = <T>(usual: T, ...others: T[]) =>
  fc.oneof({ arbitrary: fc.constant(usual), weight: 6 }, { arbitrary: fc.constantFrom(...others), weight: 1 });
/** A count against its limit: below it (the usual), exactly at it, or past it. */
const nearLimit = fc.oneof({ arbitrary: fc.constant(-1), weight: 6 }, { arbitrary: fc.constantFrom(0, 1), weight: 1 });
const arbCase = fc.record({
  web: fc.boolean(),
  withInsurer: mostly(true, false),
  withIp: fc.boolean(),
  daysAhead: fc.integer({ min: 1, max: 40 }),
  limits: fc.record({ day: fc.integer({ min: 0, max: 3 }), future: fc.integer({ min: 0, max: 3 }), ip: fc.integer({ min: 0, max: 3 }) }),
  found: fc.record({
    sameToken: mostly(true, false),
    /** The professional's window against the slot's day: wider, exactly to it, one short; null = not offered. */
    window: mostly<number | null>(10, 0, -1, null),
    accountActive: mostly<boolean | null>(true, false, null),
    insurerEnabled: mostly<boolean | null>(true, false, null),
    sameDay: nearLimit,
    future: nearLimit,
    fromIp: nearLimit,
  }),
  busyCount: mostly(0, 1, 2),
});

describeEachEngine('the booking guard and checkBooking()', (getCtx) => {
  it('agree on every combination of what the database answers', async () => {
    const { db } = getCtx();
    await fc.assert(
      fc.asyncProperty(arbCase, async (k) => {
        const date = addDaysToDate(TODAY, k.daysAhead);
        const request: BookingRequest = {
          patientId: 1,
          professionalId: 7,
          specialtyId: 3,
          insurerId: k.withInsurer ? 5 : null,
          startsAt: at(date, '10:00'),
          source: k.web ? 'web' : 'staff',
          staffId: k.web ? undefined : 1,
          ip: k.withIp ? '203.0.113.9' : undefined,
          reason: 'Control',
          now: NOW,
        };
        const plan: BookingPlan = { settings: settings(k.limits), token: TOKEN, definition, appointmentId: 1 };
        // The checks' row as the database returns it: the web-only columns are null for staff,
        // the insurer's when there is none, fromIp when there is no IP.
        // The guard only ever runs when nothing but the database could refuse (a web booking names its insurer...).
        const unopposed: BookingChecks = { agendaToken: TOKEN, maxDaysAhead: 100_000, accountActive: true, insurerEnabled: true, sameDay: 0, future: 0, fromIp: 0 };
        fc.pre(!('code' in checkBooking(request, plan, unopposed, { previous: undefined, busy: [], now: NOW, date })));
        const count = (limit: number, offset: number) => Math.max(0, limit + offset);
        const found: BookingChecks = {
          agendaToken: k.found.sameToken ? TOKEN : 'another-token',
          maxDaysAhead: k.found.window === null ? null : Math.max(0, k.daysAhead + k.found.window),
          accountActive: k.web ? k.found.accountActive === true : false,
          insurerEnabled: k.withInsurer ? k.found.insurerEnabled === true : false,
          sameDay: k.web ? count(k.limits.day, k.found.sameDay) : 0,
          future: k.web ? count(k.limits.future, k.found.future) : 0,
          fromIp: k.web && k.withIp ? count(k.limits.ip, k.found.fromIp) : 0,
        };
        const row = {
          agendaToken: found.agendaToken,
          maxDaysAhead: found.maxDaysAhead,
          accountActive: k.web ? k.found.accountActive : null,
          insurerEnabled: k.withInsurer ? k.found.insurerEnabled : null,
          sameDay: k.web ? found.sameDay : null,
          future: k.web ? found.future : null,
          fromIp: k.web && k.withIp ? found.fromIp : null,
        };
        const values: Record<string, unknown> = { ...row, n: k.busyCount };
        const guard = guardCondition(request, values, { token: TOKEN, date, today: TODAY, settings: plan.settings });
        const statement = statementFromTemplate(
          `test.guard|${k.web}|${k.withInsurer}`,
          () => sql`with checks as (select ${sql.placeholder('agendaToken')}::text as "agendaToken", ${sql.placeholder('maxDaysAhead')}::int as "maxDaysAhead",
            ${sql.placeholder('accountActive')}::boolean as "accountActive", ${sql.placeholder('insurerEnabled')}::boolean as "insurerEnabled",
            ${sql.placeholder('sameDay')}::int as "sameDay", ${sql.placeholder('future')}::int as "future", ${sql.placeholder('fromIp')}::int as "fromIp"),
            busy as (select ${sql.placeholder('n')}::int as n)
            select coalesce((${guard}), false) as ok from checks, busy`,
          values,
        );
        const [evaluated] = await pipelinedTransaction(db, (tx) => tx.run([statement]));
        const answer = (evaluated.ok ? evaluated.rows[0] : {}) as { ok: unknown };
        const busy = k.busyCount > 0 ? [{ professionalId: 7, starts: [request.startsAt.getTime()], ends: [request.startsAt.getTime() + 20 * 60_000] }] : [];
        const decision = found.agendaToken === TOKEN ? checkBooking(request, plan, found, { previous: undefined, busy, now: NOW, date }) : undefined;
        const allowed = decision !== undefined && !('code' in decision);
        expect(answer.ok === true || answer.ok === 't', JSON.stringify({ k, decision })).toBe(allowed);
      }),
      { numRuns: 500 },
    );
  });
});

