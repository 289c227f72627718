import 'server-only';
import { asc, desc, eq, gte } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  professionalSpecialties,
  professionalStudies,
  professionals,
  scheduleExceptions,
  schedules,
  specialties,
  studies,
} from '@/db/schema';
import { loadWeeks, scheduleRuleColumns } from '@/lib/availability/queries';
import { addDaysToDate, datesBetween, isoWeekday, type ScheduleRule, type Slot } from '@/lib/availability/slots';
import { shortTime } from './weekdays';

/** The agenda screens' reads: what each page shows, nothing more. */

export async function listAgendaProfessionals(db: DbOrTx) {
  return db
    .select({ id: professionals.id, lastName: professionals.lastName, firstName: professionals.firstName, active: professionals.active })
    .from(professionals)
    .orderBy(desc(professionals.active), asc(professionals.lastName), asc(professionals.firstName));
}

/** A weekly rule (the slot generator's own shape) with what the screen shows beside it. */
export interface RuleRow extends ScheduleRule {
  specialty: string | null;
  study: string | null;
  webEnabled: boolean;
}

const ruleColumns = {
  ...scheduleRuleColumns,
  specialty: specialties.name,
  study: studies.name,
  webEnabled: schedules.webEnabled,
};

/** A professional's rules by weekday and hour: those still in force or to come, and the ended ones. */
export async function listRules(db: DbOrTx, professionalId: number, today: string): Promise<{ current: RuleRow[]; ended: RuleRow[] }> {
  const rows = await db
    .select(ruleColumns)
    .from(schedules)
    .leftJoin(specialties, eq(specialties.id, schedules.specialtyId))
    .leftJoin(studies, eq(studies.id, schedules.studyId))
    .where(eq(schedules.professionalId, professionalId))
    .orderBy(asc(schedules.weekday), asc(schedules.startTime), asc(schedules.validFrom));
  const clean = rows.map((r) => ({ ...r, startTime: shortTime(r.startTime), endTime: shortTime(r.endTime) }));
  return {
    current: clean.filter((r) => r.validTo === null || r.validTo >= today),
    ended: clean.filter((r) => r.validTo !== null && r.validTo < today).sort((a, b) => (b.validTo! < a.validTo! ? -1 : 1)),
  };
}

export async function getRule(db: DbOrTx, id: number): Promise<RuleRow | null> {
  const [row] = await db
    .select(ruleColumns)
    .from(schedules)
    .leftJoin(specialties, eq(specialties.id, schedules.specialtyId))
    .leftJoin(studies, eq(studies.id, schedules.studyId))
    .where(eq(schedules.id, id));
  return row ? { ...row, startTime: shortTime(row.startTime), endTime: shortTime(row.endTime) } : null;
}

/** The specialties and studies a rule of this professional may serve. */
export async function ruleOptions(db: DbOrTx, professionalId: number) {
  const [specialtyRows, studyRows] = await Promise.all([
    db
      .select({ id: specialties.id, name: specialties.name })
      .from(professionalSpecialties)
      .innerJoin(specialties, eq(specialties.id, professionalSpecialties.specialtyId))
      .where(eq(professionalSpecialties.professionalId, professionalId))
      .orderBy(asc(specialties.name)),
    db
      .select({ id: studies.id, name: studies.name })
      .from(professionalStudies)
      .innerJoin(studies, eq(studies.id, professionalStudies.studyId))
      .where(eq(professionalStudies.professionalId, professionalId))
      .orderBy(asc(studies.name)),
  ]);
  return { specialties: specialtyRows, studies: studyRows };
}

export interface PreviewDay {
  date: string;
  slots: Array<Pick<Slot, 'time' | 'free'>>;
  closed: string | null;
}

/** Monday of the week of `date`. */
export function mondayOf(date: string): string {
  return addDaysToDate(date, 1 - isoWeekday(date));
}

/**
 * The slots the rules produce for one week, from the same generator as the portal and the
 * Pantalla de Turnos (staff mode, past days included), with the days a holiday or absence closes.
 */
export async function previewWeek(db: DbOrTx, professionalId: number, monday: string, timeZone: string, now: Date): Promise<PreviewDay[]> {
  const sunday = addDaysToDate(monday, 6);
  const [week] = await loadWeeks(
    db,
    [{ id: professionalId, name: '', generalMessage: '', bookingMessage: '', maxDaysAhead: 0 }],
    { fromDate: monday, toDate: sunday },
    { timeZone, now, notBefore: new Date(0), web: false },
  );
  return datesBetween(monday, sunday).map((date) => ({
    date,
    slots: week.slots.filter((s) => s.date === date).map((s) => ({ time: s.time, free: s.free })),
    closed: week.closedDays.find((c) => c.date === date)?.reason ?? null,
  }));
}

export interface ClosureRow {
  id: number;
  professionalId: number | null;
  professional: string | null;
  startsOn: string;
  endsOn: string;
  startTime: string | null;
  endTime: string | null;
  reason: string;
}

/** Holidays and absences from today on (past ones stay in the database as the agenda's history). */
export async function listClosures(db: DbOrTx, today: string): Promise<{ holidays: ClosureRow[]; absences: ClosureRow[] }> {
  const rows = await db
    .select({
      id: scheduleExceptions.id,
      professionalId: scheduleExceptions.professionalId,
      lastName: professionals.lastName,
      firstName: professionals.firstName,
      startsOn: scheduleExceptions.startsOn,
      endsOn: scheduleExceptions.endsOn,
      startTime: scheduleExceptions.startTime,
      endTime: scheduleExceptions.endTime,
      reason: scheduleExceptions.reason,
    })
    .from(scheduleExceptions)
    .leftJoin(professionals, eq(professionals.id, scheduleExceptions.professionalId))
    .where(gte(scheduleExceptions.endsOn, today))
    .orderBy(asc(scheduleExceptions.startsOn), asc(professionals.lastName), asc(scheduleExceptions.id));
  const list = rows.map((r) => ({
    id: r.id,
    professionalId: r.professionalId,
    professional: r.lastName ? `${r.lastName} ${r.firstName}` : null,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    startTime: r.startTime && shortTime(r.startTime),
    endTime: r.endTime && shortTime(r.endTime),
    reason: r.reason,
  }));
  return { holidays: list.filter((r) => r.professionalId === null), absences: list.filter((r) => r.professionalId !== null) };
}

