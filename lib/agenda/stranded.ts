import { and, asc, eq, gt, gte, lt } from 'drizzle-orm';
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import type { DbOrTx } from '@/db/client';
import { appointments, patients, professionals } from '@/db/schema';
import { liveAppointment, loadWeeks, localToday, type AgendaProfessional } from '@/lib/availability/queries';
import { addDaysToDate, type ClosedPeriod, type Slot } from '@/lib/availability/slots';
import { minutesOfDay } from './schemas';

/**
 * Which turnos an agenda change would leave outside the agenda. The slots come from the same
 * generator the portal and the Pantalla de Turnos use (loadWeeks, staff mode: no web switches,
 * no notice, no max days), computed once before the change and once after it, in its transaction.
 */

/** A future turno that may be affected, with what staff need to call the patient. */
export interface AffectedAppointment {
  id: number;
  professionalId: number;
  professional: string;
  startsAt: Date;
  endsAt: Date;
  /** Local, in the center's zone: 'yyyy-MM-dd' and 'HH:mm'. */
  date: string;
  time: string;
  patient: string;
  dni: string;
  phone: string;
  email: string;
}

/** Which turnos to look at: one professional's, and/or those starting within some local dates. */
export interface CandidateScope {
  professionalId?: number;
  fromDate?: string;
  toDate?: string;
}

/** The live (not cancelled, not deleted) turnos starting after `now` within the scope. */
export async function loadCandidates(
  db: DbOrTx,
  scope: CandidateScope,
  now: Date,
  timeZone: string,
): Promise<AffectedAppointment[]> {
  const rows = await db
    .select({
      id: appointments.id,
      professionalId: appointments.professionalId,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      proLast: professionals.lastName,
      proFirst: professionals.firstName,
      lastName: patients.lastName,
      firstName: patients.firstName,
      dni: patients.dni,
      mobile: patients.mobile,
      phone: patients.phone,
      email: patients.email,
    })
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(professionals, eq(professionals.id, appointments.professionalId))
    .where(
      and(
        liveAppointment,
        gt(appointments.startsAt, now),
        scope.professionalId !== undefined ? eq(appointments.professionalId, scope.professionalId) : undefined,
        scope.fromDate ? gte(appointments.startsAt, fromZonedTime(`${scope.fromDate}T00:00:00`, timeZone)) : undefined,
        scope.toDate ? lt(appointments.startsAt, fromZonedTime(`${addDaysToDate(scope.toDate, 1)}T00:00:00`, timeZone)) : undefined,
      ),
    )
    .orderBy(asc(appointments.startsAt), asc(appointments.id));
  return rows.map((r) => ({
    id: r.id,
    professionalId: r.professionalId,
    professional: `${r.proLast} ${r.proFirst}`,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    date: localToday(r.startsAt, timeZone),
    time: formatInTimeZone(r.startsAt, timeZone, 'HH:mm'),
    patient: `${r.lastName} ${r.firstName}`,
    dni: r.dni,
    phone: r.mobile || r.phone,
    email: r.email,
  }));
}

/** Each candidate's professional's slots over the candidates' dates, as the agenda stands in `db` now. */
export async function slotsFor(
  db: DbOrTx,
  candidates: AffectedAppointment[],
  ctx: { now: Date; timeZone: string },
): Promise<Map<number, Slot[]>> {
  const byProfessional = new Map<number, Slot[]>();
  if (candidates.length === 0) return byProfessional;
  const ids = [...new Set(candidates.map((c) => c.professionalId))];
  // loadWeeks needs only the ids in staff mode; the other fields are for the portal's grid.
  const pros: AgendaProfessional[] = ids.map((id) => ({ id, name: '', generalMessage: '', bookingMessage: '', maxDaysAhead: 0 }));
  const fromDate = candidates[0].date;
  const toDate = candidates.reduce((last, c) => (c.date > last ? c.date : last), fromDate);
  const weeks = await loadWeeks(
    db,
    pros,
    { fromDate, toDate },
    // notBefore at the first day's start: every slot of that day counts, whatever the hour now.
    { timeZone: ctx.timeZone, now: ctx.now, notBefore: fromZonedTime(`${fromDate}T00:00:00`, ctx.timeZone), web: false },
  );
  for (const week of weeks) byProfessional.set(week.id, week.slots);
  return byProfessional;
}

/** Whether [startsAt, endsAt) lies wholly within the union of `slots` (sorted, non-overlapping). */
export function coveredBySlots(startsAt: Date, endsAt: Date, slots: Slot[]): boolean {
  const end = endsAt.getTime();
  let reached = startsAt.getTime();
  for (const slot of slots) {
    if (slot.endsAt.getTime() <= reached) continue; // wholly before what is covered so far
    if (slot.startsAt.getTime() > reached) break; // a gap
    reached = slot.endsAt.getTime();
    if (reached >= end) return true;
  }
  return reached >= end;
}

/** Whether a turno falls (even partly) in a closed period: a new holiday or absence. */
export function overlapsClosure(a: AffectedAppointment, closure: ClosedPeriod | undefined): boolean {
  if (!closure) return false;
  if (closure.professionalId !== null && closure.professionalId !== a.professionalId) return false;
  if (a.date < closure.startsOn || a.date > closure.endsOn) return false;
  if (closure.startTime === null || closure.endTime === null) return true;
  const start = minutesOfDay(a.time);
  const end = start + Math.round((a.endsAt.getTime() - a.startsAt.getTime()) / 60_000);
  return start < minutesOfDay(closure.endTime) && end > minutesOfDay(closure.startTime);
}

/**
 * The turnos the change leaves outside the agenda: outside every slot after it, and either inside
 * the agenda before it or in the new closed period. A sobreturno that was already outside the
 * agenda is not this change's doing, unless the change closes its day.
 */
export function strandedBy(
  candidates: AffectedAppointment[],
  before: Map<number, Slot[]>,
  after: Map<number, Slot[]>,
  closure: ClosedPeriod | undefined,
): AffectedAppointment[] {
  return candidates.filter((a) => {
    if (coveredBySlots(a.startsAt, a.endsAt, after.get(a.professionalId) ?? [])) return false;
    return coveredBySlots(a.startsAt, a.endsAt, before.get(a.professionalId) ?? []) || overlapsClosure(a, closure);
  });
}
