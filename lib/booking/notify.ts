import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { appointments, insurers, patients, professionals, specialties, studies, type CenterSettings } from '@/db/schema';
import { appointmentCancelledMessage, bookingConfirmationMessage } from '@/lib/messaging/compose';
import { enqueueEmail, type EmailDraft } from '@/lib/messaging/outbox';
import { getCenterSettings } from '@/lib/settings/center';

/** The names and messages a notice about one appointment shows. */
const detailColumns = {
  patient: { lastName: patients.lastName, firstName: patients.firstName, email: patients.email, dni: patients.dni },
  professional: {
    lastName: professionals.lastName,
    firstName: professionals.firstName,
    bookingMessage: professionals.bookingMessage,
  },
  specialty: { name: specialties.name, webName: specialties.webName },
  study: { name: studies.name, indication: studies.indication },
  insurer: { name: insurers.name, webName: insurers.webName, bookingMessage: insurers.bookingMessage },
};

type DetailRow = {
  specialty: { name: string; webName: string | null } | null;
  insurer: { name: string; webName: string | null; bookingMessage: string | null } | null;
};

/** The names a patient reads: the web name of a specialty or insurer when it has one. */
function asShown<R extends DetailRow>(row: R) {
  return {
    ...row,
    specialty: row.specialty ? { name: row.specialty.webName || row.specialty.name } : null,
    insurer: row.insurer ? { name: row.insurer.webName || row.insurer.name, bookingMessage: row.insurer.bookingMessage } : null,
  };
}

/** Everything a notice about one appointment shows, in one query. */
export async function loadAppointmentDetails(db: DbOrTx, appointmentId: number) {
  const [row] = await db
    .select({ appointment: appointments, ...detailColumns })
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(professionals, eq(professionals.id, appointments.professionalId))
    .leftJoin(specialties, eq(specialties.id, appointments.specialtyId))
    .leftJoin(studies, eq(studies.id, appointments.studyId))
    .leftJoin(insurers, eq(insurers.id, appointments.insurerId))
    .where(eq(appointments.id, appointmentId));
  return row ? asShown(row) : null;
}

export type AppointmentDetails = NonNullable<Awaited<ReturnType<typeof loadAppointmentDetails>>>;

type ConfirmationSubject = Pick<AppointmentDetails, 'patient' | 'professional' | 'specialty' | 'study' | 'insurer'> & {
  appointment: { id: number; patientId: number; startsAt: Date; endsAt: Date; reason: string };
};

/** The confirmation of a booking, with its .ics; null when the patient has no email to write to. */
export async function confirmationDraft(center: CenterSettings, d: ConfirmationSubject, createdByStaffId?: number | null): Promise<EmailDraft | null> {
  if (!d.patient.email) return null; // nobody to write to (a phone booking of a patient without email)
  const content = await bookingConfirmationMessage({
    center,
    appointment: d.appointment,
    patient: d.patient,
    professional: d.professional,
    specialty: d.specialty,
    study: d.study,
    insurer: d.insurer,
  });
  return {
    kind: 'booking_confirmation',
    recipient: d.patient.email,
    patientId: d.appointment.patientId,
    appointmentId: d.appointment.id,
    createdByStaffId: createdByStaffId ?? null,
    ...content,
  };
}

/** Tells the patient their turno was cancelled (by them, or by the center), in the same transaction. */
export async function enqueueCancellationNotice(tx: DbOrTx, appointmentId: number, cancelledBy: 'patient' | 'center', createdByStaffId?: number | null) {
  const details = await loadAppointmentDetails(tx, appointmentId);
  if (!details?.patient.email) return;
  const center = await getCenterSettings(tx);
  const content = await appointmentCancelledMessage({
    center,
    appointment: details.appointment,
    patient: details.patient,
    professional: details.professional,
    specialty: details.specialty,
    study: details.study,
    cancelledBy,
  });
  await enqueueEmail(tx, {
    kind: 'cancellation',
    recipient: details.patient.email,
    patientId: details.appointment.patientId,
    appointmentId,
    createdByStaffId: createdByStaffId ?? null,
    ...content,
  });
}
