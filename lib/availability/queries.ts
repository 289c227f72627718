import { and, asc, eq, gte, inArray, isNull, lt, lte, or, sql, type Placeholder, type SQLWrapper } from 'drizzle-orm';
import { fromZonedTime } from 'date-fns-tz';
import type { DbOrTx } from '@/db/client';
import {
  appointments,
  professionalSpecialties,
  professionalStudies,
  professionals,
  scheduleExceptions,
  schedules,
  specialties,
  studies,
} from '@/db/schema';
import { preparedQuery } from '@/db/prepared';
import {
  addDaysToDate,
  closedDays,
  generateSlotsByProfessional,
  type BusyTimes,
  type ClosedPeriod,
  type ScheduleRule,
  type Slot,
} from './slots';

/** What a week's grid needs to know about the center. */
export interface AgendaContext {
  timeZone: string;
  now: Date;
  /** Web: now + minimum notice; staff: now. */
  notBefore: Date;
  /** Web: honour each professional's max days ahead and the web switches; staff: see everything. */
  web: boolean;
}

export interface AgendaProfessional {
  id: number;
  name: string;
  generalMessage: string;
  bookingMessage: string;
  maxDaysAhead: number;
}

export interface ProfessionalWeek extends AgendaProfessional {
  slots: Slot[];
  closedDays: Array<{ date: string; reason: string }>;
  firstFree: Slot | null;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date in the center's zone, 'yyyy-MM-dd'. (A formatter costs far more to make than to use: one per zone.) */
export function localToday(now: Date, timeZone: string): string {
  // Zone offsets are whole seconds, so one answer serves the whole second (a booking asks several times).
  const key = `${timeZone}|${Math.floor(now.getTime() / 1000)}`;
  const known = recentDates.get(key);
  if (known) return known;
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  const date = format.format(now);
  if (recentDates.size >= 10_000) recentDates.clear();
  recentDates.set(key, date);
  return date;
}
const recentDates = new Map<string, string>();

/**
 * The partial indexes' own predicate, as literal SQL: a bound parameter for 'cancelled' would
 * keep the planner from matching the partial index under a generic prepared plan.
 */
export const liveAppointment = sql`${appointments.status} <> 'cancelled' and ${appointments.deletedAt} is null`;

const professionalName = sql<string>`${professionals.lastName} || ' ' || ${professionals.firstName}`;

export interface ProfessionalFilter {
  specialtyId?: number;
  studyId?: number;
  professionalIds?: number[];
}

/** A value bound now, or a placeholder filled each time a prepared statement runs. */
type Bound<T> = T | Placeholder;

interface BoundFilter {
  specialtyId?: Bound<number>;
  studyId?: Bound<number>;
  professionalIds?: Array<Bound<number>>;
}

/** Who listProfessionalsFor() returns, as a condition on `professionals` (for use inside other statements). */
export function professionalConditions(db: DbOrTx, filter: ProfessionalFilter, web: boolean) {
  return boundProfessionalConditions(db, filter, web);
}

function boundProfessionalConditions(db: DbOrTx, filter: BoundFilter, web: boolean) {
  const conditions = [eq(professionals.active, true)];
  if (web) conditions.push(eq(professionals.webEnabled, true));
  if (filter.professionalIds) conditions.push(inArray(professionals.id, filter.professionalIds.length ? filter.professionalIds : [-1]));
  if (filter.specialtyId !== undefined) {
    conditions.push(
      inArray(
        professionals.id,
        db
          .select({ id: professionalSpecialties.professionalId })
          .from(professionalSpecialties)
          .innerJoin(specialties, eq(specialties.id, professionalSpecialties.specialtyId))
          .where(
            and(
              eq(professionalSpecialties.specialtyId, filter.specialtyId),
              eq(specialties.active, true),
              web ? eq(specialties.webEnabled, true) : undefined,
            ),
          ),
      ),
    );
  }
  if (filter.studyId !== undefined) {
    conditions.push(
      inArray(
        professionals.id,
        db
          .select({ id: professionalStudies.professionalId })
          .from(professionalStudies)
          .innerJoin(studies, eq(studies.id, professionalStudies.studyId))
          .where(and(eq(professionalStudies.studyId, filter.studyId), eq(studies.active, true))),
      ),
    );
  }
  return and(...conditions);
}

/**
 * The professionals a patient can pick for a specialty or a study, A→Z. In web mode only
 * active, web-enabled ones (and a web-enabled specialty / active study).
 */
export async function listProfessionalsFor(db: DbOrTx, filter: ProfessionalFilter, web: boolean): Promise<AgendaProfessional[]> {
  return weekStatements(db, filter, web).professionals.execute(filterValues(filter));
}

/** The values of a filter's placeholders in weekStatements(). */
function filterValues(filter: ProfessionalFilter): Record<string, unknown> {
  const values: Record<string, unknown> = { specialtyId: filter.specialtyId, studyId: filter.studyId };
  filter.professionalIds?.forEach((id, i) => (values[`professional${i}`] = id));
  return values;
}

function professionalsQuery(db: DbOrTx, filter: BoundFilter, web: boolean) {
  return db
    .select({
      id: professionals.id,
      name: professionalName,
      generalMessage: professionals.generalMessage,
      bookingMessage: professionals.bookingMessage,
      maxDaysAhead: professionals.maxDaysAhead,
    })
    .from(professionals)
    .where(boundProfessionalConditions(db, filter, web))
    .orderBy(asc(professionals.lastName), asc(professionals.firstName));
}

/** The raw rows a range of agendas is generated from: rules, closures and live appointments. */
export interface AgendaRows {
  rules: ScheduleRule[];
  closed: ClosedPeriod[];
  /** Per professional, epoch milliseconds: no Date is made per turno. */
  busy: BusyTimes[];
}

export interface AgendaRange {
  fromDate: string;
  toDate: string;
  specialtyId?: number | null;
  studyId?: number | null;
}

/** A weekly rule as the slot generator takes it (ScheduleRule). */
export const scheduleRuleColumns = {
  id: schedules.id,
  professionalId: schedules.professionalId,
  weekday: schedules.weekday,
  startTime: schedules.startTime,
  endTime: schedules.endTime,
  slotMinutes: schedules.slotMinutes,
  validFrom: schedules.validFrom,
  validTo: schedules.validTo,
  specialtyId: schedules.specialtyId,
  studyId: schedules.studyId,
};

/** The weekly rules of some professionals that apply somewhere in the range. */
export function readRules(db: DbOrTx, ids: number[] | SQLWrapper, range: AgendaRange, web: boolean): Promise<ScheduleRule[]> {
  return rulesQuery(db, ids, range.fromDate, range.toDate, web);
}

type ProfessionalIds = number[] | SQLWrapper;

function rulesQuery(db: DbOrTx, ids: ProfessionalIds, fromDate: Bound<string>, toDate: Bound<string>, web: boolean) {
  return db
    .select(scheduleRuleColumns)
    .from(schedules)
    .where(
      and(
        inArray(schedules.professionalId, ids),
        lte(schedules.validFrom, toDate),
        or(isNull(schedules.validTo), gte(schedules.validTo, fromDate)),
        web ? eq(schedules.webEnabled, true) : undefined,
      ),
    );
}

function closuresQuery(db: DbOrTx, ids: ProfessionalIds, fromDate: Bound<string>, toDate: Bound<string>) {
  return db
    .select({
      professionalId: scheduleExceptions.professionalId,
      startsOn: scheduleExceptions.startsOn,
      endsOn: scheduleExceptions.endsOn,
      startTime: scheduleExceptions.startTime,
      endTime: scheduleExceptions.endTime,
      reason: scheduleExceptions.reason,
    })
    .from(scheduleExceptions)
    .where(
      and(
        lte(scheduleExceptions.startsOn, toDate),
        gte(scheduleExceptions.endsOn, fromDate),
        or(isNull(scheduleExceptions.professionalId), inArray(scheduleExceptions.professionalId, ids)),
      ),
    );
}

/** The holidays and absences touching the range, of the center or of these professionals. */
export function readClosures(db: DbOrTx, ids: number[] | SQLWrapper, range: AgendaRange): Promise<ClosedPeriod[]> {
  return closuresQuery(db, ids, range.fromDate, range.toDate) as Promise<ClosedPeriod[]>;
}

/**
 * The live turnos of the range, one row per professional: their starts and ends as JSON arrays of
 * epoch microseconds (json_agg keeps the two arrays in step: one aggregation feeds both, row by
 * row). A few dozen rows and one JSON.parse each, instead of a row, its mapping and two Dates per
 * turno. Integers, so the text is exact whatever extra_float_digits says (a timestamp is whole
 * microseconds; date_part's float8 is within a fraction of one, which the cast rounds away).
 * Served by the partial index appointments_live_starts_at_idx (starts_at, professional_id, ends_at).
 * Turnos are at most a day long, so starts_at > rangeStart - 1 day catches every overlap.
 */
function busyQuery(db: DbOrTx, ids: ProfessionalIds, from: Bound<Date>, to: Bound<Date>) {
  return db
    .select({
      professionalId: appointments.professionalId,
      starts: sql<number[]>`json_agg((date_part('epoch', ${appointments.startsAt}) * 1000000)::int8)`,
      ends: sql<number[]>`json_agg((date_part('epoch', ${appointments.endsAt}) * 1000000)::int8)`,
    })
    .from(appointments)
    .where(and(liveAppointment, inArray(appointments.professionalId, ids), gte(appointments.startsAt, from), lt(appointments.startsAt, to)))
    .groupBy(appointments.professionalId);
}

/** Epoch microseconds to the milliseconds a Date of the same timestamp holds (truncated, as Date does). */
function microsToMs(micros: number): number {
  return Math.floor(micros / 1000);
}

function busyTimesOf(rows: Array<{ professionalId: number; starts: number[]; ends: number[] }>): BusyTimes[] {
  return rows.map((r) => ({ professionalId: r.professionalId, starts: r.starts.map(microsToMs), ends: r.ends.map(microsToMs) }));
}

/** The instants a range of local dates covers: [its first midnight - 1 day, the midnight after it). */
function busyWindow(range: Pick<AgendaRange, 'fromDate' | 'toDate'>, timeZone: string): [Date, Date] {
  const rangeStart = fromZonedTime(`${range.fromDate}T00:00:00`, timeZone);
  const rangeEnd = fromZonedTime(`${addDaysToDate(range.toDate, 1)}T00:00:00`, timeZone);
  return [new Date(rangeStart.getTime() - 86_400_000), rangeEnd];
}

/**
 * The three reads behind a range of agendas, issued together (one round trip on a pool, or
 * pipelined inside a transaction). `ids` may be known before the professionals are checked.
 */
export function readAgenda(db: DbOrTx, ids: number[] | SQLWrapper, range: AgendaRange, ctx: Pick<AgendaContext, 'timeZone' | 'web'>): Promise<AgendaRows> {
  const [from, to] = busyWindow(range, ctx.timeZone);
  return Promise.all([
    rulesQuery(db, ids, range.fromDate, range.toDate, ctx.web),
    closuresQuery(db, ids, range.fromDate, range.toDate),
    busyQuery(db, ids, from, to),
  ]).then(([rules, closed, busy]) => ({ rules, closed: closed as ClosedPeriod[], busy: busyTimesOf(busy) }));
}

/** Pure: the slots of each professional over the range, from the rows readAgenda() returned. */
export function weeksFrom(pros: AgendaProfessional[], rows: AgendaRows, range: AgendaRange, ctx: AgendaContext): ProfessionalWeek[] {
  const today = localToday(ctx.now, ctx.timeZone);
  const lastDateByProfessional = ctx.web
    ? new Map(pros.map((p) => [p.id, addDaysToDate(today, p.maxDaysAhead)]))
    : undefined;
  const slotsByProfessional = generateSlotsByProfessional({
    timeZone: ctx.timeZone,
    fromDate: range.fromDate,
    toDate: range.toDate,
    rules: rows.rules,
    closed: rows.closed,
    busy: [],
    busyTimes: rows.busy,
    notBefore: ctx.notBefore,
    lastDateByProfessional,
    specialtyId: range.specialtyId,
    studyId: range.studyId,
  });
  return pros.map((p) => {
    const mine = slotsByProfessional.get(p.id) ?? [];
    return {
      ...p,
      slots: mine,
      closedDays: closedDays(range.fromDate, range.toDate, p.id, rows.closed),
      firstFree: mine.find((s) => s.free) ?? null,
    };
  });
}

/**
 * The week (or any date range) of several professionals in a constant number of queries:
 * their rules, the closures and the live appointments of the range, then pure slot generation.
 */
export async function loadWeeks(db: DbOrTx, pros: AgendaProfessional[], range: AgendaRange, ctx: AgendaContext): Promise<ProfessionalWeek[]> {
  if (pros.length === 0) return [];
  return weeksFrom(pros, await readAgenda(db, pros.map((p) => p.id), range, ctx), range, ctx);
}

/**
 * The four statements of loadWeeksFor() (the first also listProfessionalsFor()'s) for one shape of
 * filter, built once per database handle and prepared: Drizzle builds no SQL per request and
 * PostgreSQL parses and plans them once per connection. Values are placeholders, filled on each run.
 */
function weekStatements(db: DbOrTx, filter: ProfessionalFilter, web: boolean) {
  const key = `${web}|${filter.specialtyId !== undefined}|${filter.studyId !== undefined}|${filter.professionalIds?.length ?? '-'}`;
  const name = `agenda_week_${key.replaceAll('|', '_')}`;
  return preparedQuery(db, name, (db): WeekStatements => {
    const bound: BoundFilter = {
      specialtyId: filter.specialtyId !== undefined ? sql.placeholder('specialtyId') : undefined,
      studyId: filter.studyId !== undefined ? sql.placeholder('studyId') : undefined,
      professionalIds: filter.professionalIds?.map((_, i) => sql.placeholder(`professional${i}`)),
    };
    const ids = db.select({ id: professionals.id }).from(professionals).where(boundProfessionalConditions(db, bound, web));
    const fromDate = sql.placeholder('fromDate');
    const toDate = sql.placeholder('toDate');
    return {
      professionals: professionalsQuery(db, bound, web).prepare(`${name}_professionals`),
      rules: rulesQuery(db, ids, fromDate, toDate, web).prepare(`${name}_rules`),
      closures: closuresQuery(db, ids, fromDate, toDate).prepare(`${name}_closures`),
      busy: busyQuery(db, ids, sql.placeholder('busyFrom'), sql.placeholder('busyTo')).prepare(`${name}_busy`),
    };
  });
}

type WeekStatements = {
  professionals: { execute(values: Record<string, unknown>): Promise<AgendaProfessional[]> };
  rules: { execute(values: Record<string, unknown>): Promise<ScheduleRule[]> };
  closures: { execute(values: Record<string, unknown>): Promise<Array<Omit<ClosedPeriod, 'reason'> & { reason: string | null }>> };
  busy: { execute(values: Record<string, unknown>): Promise<Array<{ professionalId: number; starts: number[]; ends: number[] }>> };
};

/**
 * listProfessionalsFor() and loadWeeks() in one round: the agenda reads name the professionals by
 * the same condition as a subquery instead of waiting for their ids. What the portal's week pages call.
 */
export async function loadWeeksFor(db: DbOrTx, filter: ProfessionalFilter, range: AgendaRange, ctx: AgendaContext): Promise<ProfessionalWeek[]> {
  const statements = weekStatements(db, filter, ctx.web);
  const [busyFrom, busyTo] = busyWindow(range, ctx.timeZone);
  const values: Record<string, unknown> = {
    ...filterValues(filter),
    fromDate: range.fromDate,
    toDate: range.toDate,
    // As the driver takes a timestamptz: a placeholder is not passed through the column's encoder.
    busyFrom: busyFrom.toISOString(),
    busyTo: busyTo.toISOString(),
  };
  const [pros, rules, closed, busy] = await Promise.all([
    statements.professionals.execute(values),
    statements.rules.execute(values),
    statements.closures.execute(values),
    statements.busy.execute(values),
  ]);
  return weeksFrom(pros, { rules, closed: closed as ClosedPeriod[], busy: busyTimesOf(busy) }, range, ctx);
}
