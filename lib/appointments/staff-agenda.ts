import 'server-only';
import { and, asc, eq, gte, isNull, lt } from 'drizzle-orm';
import { fromZonedTime } from 'date-fns-tz';
import type { DbOrTx } from '@/db/client';
import { appointments, insurers, patients } from '@/db/schema';
import { listProfessionalsFor, loadWeeks, localToday } from '@/lib/availability/queries';
import { addDaysToDate, type Slot } from '@/lib/availability/slots';

export interface AgendaAppointment {
  id: number;
  startsAt: Date;
  endsAt: Date;
  status: (typeof appointments.$inferSelect)['status'];
  source: (typeof appointments.$inferSelect)['source'];
  overbooked: boolean;
  reason: string;
  patientId: number;
  patient: string;
  dni: string;
  phone: string;
  insurer: string | null;
}

export interface AgendaRow {
  /** The agenda's slot, or null for a turno outside every slot (a sobreturno, an old rule). */
  slot: Slot | null;
  startsAt: Date;
  date: string;
  appointments: AgendaAppointment[];
}

/**
 * "PANTALLA DE TURNOS": a professional's days as staff see them. The same slot generation as the
 * portal (staff mode: no web switches, no notice, no max days), with every turno of the period,
 * cancelled ones included, placed on its slot.
 */
export async function loadStaffAgenda(
  db: DbOrTx,
  input: { professionalId: number; fromDate: string; toDate: string; timeZone: string; now: Date },
): Promise<{ rows: AgendaRow[]; closedDays: Array<{ date: string; reason: string }>; professional: string } | null> {
  const [pro] = await listProfessionalsFor(db, { professionalIds: [input.professionalId] }, false);
  if (!pro) return null;
  const from = fromZonedTime(`${input.fromDate}T00:00:00`, input.timeZone);
  const to = fromZonedTime(`${addDaysToDate(input.toDate, 1)}T00:00:00`, input.timeZone);
  const [[week], booked] = await Promise.all([
    // notBefore = the start of the period: staff see (and may fill) today's earlier slots too.
    loadWeeks(db, [pro], { fromDate: input.fromDate, toDate: input.toDate }, { timeZone: input.timeZone, now: input.now, notBefore: from, web: false }),
    db
      .select({
        id: appointments.id,
        startsAt: appointments.startsAt,
        endsAt: appointments.endsAt,
        status: appointments.status,
        source: appointments.source,
        overbooked: appointments.overbooked,
        reason: appointments.reason,
        patientId: appointments.patientId,
        lastName: patients.lastName,
        firstName: patients.firstName,
        dni: patients.dni,
        mobile: patients.mobile,
        phone: patients.phone,
        insurer: insurers.name,
      })
      .from(appointments)
      .innerJoin(patients, eq(patients.id, appointments.patientId))
      .leftJoin(insurers, eq(insurers.id, appointments.insurerId))
      .where(
        and(
          eq(appointments.professionalId, input.professionalId),
          isNull(appointments.deletedAt),
          gte(appointments.startsAt, from),
          lt(appointments.startsAt, to),
        ),
      )
      .orderBy(asc(appointments.startsAt), asc(appointments.id)),
  ]);
  const list: AgendaAppointment[] = booked.map((b) => ({
    id: b.id,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    status: b.status,
    source: b.source,
    overbooked: b.overbooked,
    reason: b.reason,
    patientId: b.patientId,
    patient: `${b.lastName} ${b.firstName}`,
    dni: b.dni,
    phone: b.mobile || b.phone,
    insurer: b.insurer,
  }));
  const rows: AgendaRow[] = week.slots.map((slot) => ({
    slot,
    startsAt: slot.startsAt,
    date: slot.date,
    appointments: list.filter((a) => a.startsAt < slot.endsAt && a.endsAt > slot.startsAt),
  }));
  const placed = new Set(rows.flatMap((r) => r.appointments.map((a) => a.id)));
  for (const a of list.filter((x) => !placed.has(x.id))) {
    rows.push({ slot: null, startsAt: a.startsAt, date: localToday(a.startsAt, input.timeZone), appointments: [a] });
  }
  rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return { rows, closedDays: week.closedDays, professional: pro.name };
}
