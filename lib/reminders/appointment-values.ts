import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { appointments, insurers, patients, professionals, specialties, studies } from '@/db/schema';
import { formatDate, formatLongDate, formatTime } from '@/lib/time/format';
import { centerValues } from './email';
import type { PlaceholderValues } from './placeholders';

/**
 * A turno with everything a reminder says about it: shared by the automatic reminders and the
 * lists of ENVIAR MAIL/SMS, so both fill [[PLACEHOLDERS]] the same way.
 */
export function selectReminderAppointments(db: DbOrTx) {
  return db
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      patientId: patients.id,
      lastName: patients.lastName,
      firstName: patients.firstName,
      dni: patients.dni,
      email: patients.email,
      mobile: patients.mobile,
      professional: sql<string>`${professionals.lastName} || ' ' || ${professionals.firstName}`,
      specialty: sql<string | null>`coalesce(nullif(${specialties.webName}, ''), ${specialties.name})`,
      study: studies.name,
      insurer: sql<string | null>`coalesce(nullif(${insurers.webName}, ''), ${insurers.name})`,
    })
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(professionals, eq(professionals.id, appointments.professionalId))
    .leftJoin(specialties, eq(specialties.id, appointments.specialtyId))
    .leftJoin(studies, eq(studies.id, appointments.studyId))
    .leftJoin(insurers, eq(insurers.id, appointments.insurerId))
    .$dynamic();
}

export type ReminderAppointment = Awaited<ReturnType<ReturnType<typeof selectReminderAppointments>['execute']>>[number];

type Center = Parameters<typeof centerValues>[0] & { timeZone: string };

export function appointmentValues(a: ReminderAppointment, center: Center): PlaceholderValues {
  return {
    ...patientValues(a, center),
    FECHA: formatDate(a.startsAt, center.timeZone),
    HORA: formatTime(a.startsAt, center.timeZone),
    DIA: formatLongDate(a.startsAt, center.timeZone).split(' ')[0],
    PROFESIONAL: a.professional,
    ESPECIALIDAD: a.specialty,
    ESTUDIO: a.study,
    'OBRA SOCIAL': a.insurer,
  };
}

/** A message to a patient without a turno ("A TODOS LOS PACIENTES"): the turno's tokens stay empty. */
export function patientValues(
  p: { lastName: string; firstName: string; dni: string; insurer?: string | null },
  center: Parameters<typeof centerValues>[0],
): PlaceholderValues {
  return { PACIENTE: `${p.lastName} ${p.firstName}`, DNI: p.dni, 'OBRA SOCIAL': p.insurer ?? null, ...centerValues(center) };
}
