import 'server-only';
import { and, asc, desc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { appointments, insurers, patients, professionals, specialties, studies } from '@/db/schema';

export interface PatientAppointmentRow {
  id: number;
  professionalId: number;
  specialtyId: number | null;
  studyId: number | null;
  startsAt: Date;
  endsAt: Date;
  status: (typeof appointments.$inferSelect)['status'];
  source: (typeof appointments.$inferSelect)['source'];
  reason: string;
  professional: string;
  specialty: string | null;
  study: string | null;
  insurer: string | null;
}

/** "Mis Turnos": one patient's turnos, newest first. Deleted ones are gone from every list. */
export async function listPatientAppointments(db: DbOrTx, patientId: number): Promise<PatientAppointmentRow[]> {
  return db
    .select({
      id: appointments.id,
      professionalId: appointments.professionalId,
      specialtyId: appointments.specialtyId,
      studyId: appointments.studyId,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      status: appointments.status,
      source: appointments.source,
      reason: appointments.reason,
      professional: sql<string>`${professionals.lastName} || ' ' || ${professionals.firstName}`,
      specialty: sql<string | null>`coalesce(nullif(${specialties.webName}, ''), ${specialties.name})`,
      study: studies.name,
      insurer: sql<string | null>`coalesce(nullif(${insurers.webName}, ''), ${insurers.name})`,
    })
    .from(appointments)
    .innerJoin(professionals, eq(professionals.id, appointments.professionalId))
    .leftJoin(specialties, eq(specialties.id, appointments.specialtyId))
    .leftJoin(studies, eq(studies.id, appointments.studyId))
    .leftJoin(insurers, eq(insurers.id, appointments.insurerId))
    .where(and(eq(appointments.patientId, patientId), isNull(appointments.deletedAt)))
    .orderBy(desc(appointments.startsAt));
}

export interface DayAppointmentRow {
  id: number;
  startsAt: Date;
  status: PatientAppointmentRow['status'];
  source: PatientAppointmentRow['source'];
  overbooked: boolean;
  professional: string;
  patient: string;
  dni: string;
  insurer: string | null;
}

/** The turnos of one period for the staff screen (cancelled included, deleted never). */
export async function listAppointmentsBetween(db: DbOrTx, from: Date, to: Date): Promise<DayAppointmentRow[]> {
  return db
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      status: appointments.status,
      source: appointments.source,
      overbooked: appointments.overbooked,
      professional: sql<string>`${professionals.lastName} || ' ' || ${professionals.firstName}`,
      patient: sql<string>`${patients.lastName} || ' ' || ${patients.firstName}`,
      dni: patients.dni,
      insurer: insurers.name,
    })
    .from(appointments)
    .innerJoin(professionals, eq(professionals.id, appointments.professionalId))
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .leftJoin(insurers, eq(insurers.id, appointments.insurerId))
    .where(and(gte(appointments.startsAt, from), lt(appointments.startsAt, to), isNull(appointments.deletedAt)))
    .orderBy(asc(appointments.startsAt), asc(professionals.lastName));
}
