import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { appointments, insurers, patients, professionals, specialties, studies } from '@/db/schema';
import { appointmentCancelledMessage, bookingConfirmationMessage } from '@/lib/messaging/compose';
import { enqueueEmail } from '@/lib/messaging/outbox';
import { getCenterSettings } from '@/lib/settings/queries';

/** Everything a notice about one appointment shows, in one query. */
export async function loadAppointmentDetails(db: DbOrTx, appointmentId: number) {
  const [row] = await db
    .select({
      appointment: appointments,
      patient: { lastName: patients.lastName, firstName: patients.firstName, email: patients.email, dni: patients.dni },
      professional: {
        lastName: professionals.lastName,
        firstName: professionals.firstName,
        bookingMessage: professionals.bookingMessage,
      },
      specialty: { name: specialties.name, webName: specialties.webName },
      study: { name: studies.name, indication: studies.indication },
      insurer: { name: insurers.name, webName: insurers.webName, bookingMessage: insurers.bookingMessage },
    })
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(professionals, eq(professionals.id, appointments.professionalId))
    .leftJoin(specialties, eq(specialties.id, appointments.specialtyId))
    .leftJoin(studies, eq(studies.id, appointments.studyId))
    .leftJoin(insurers, eq(insurers.id, appointments.insurerId))
    .where(eq(appointments.id, appointmentId));
  if (!row) return null;
  return {
    ...row,
    specialty: row.specialty ? { name: row.specialty.webName || row.specialty.name } : null,
    insurer: row.insurer ? { name: row.insurer.webName || row.insurer.name, bookingMessage: row.insurer.bookingMessage } : null,
  };
}

export type AppointmentDetails = NonNullable<Awaited<ReturnType<typeof loadAppointmentDetails>>>;

/**
 * The confirmation email, with its .ics, written to the outbox inside the booking's transaction:
 * the booking and its email commit together, and a mail failure later never loses the booking.
 */
export async function enqueueBookingConfirmation(tx: DbOrTx, appointmentId: number, createdByStaffId?: number | null) {
  const details = await loadAppointmentDetails(tx, appointmentId);
  if (!details?.patient.email) return; // nobody to write to (a phone booking of a patient without email)
  const center = await getCenterSettings(tx);
  const content = await bookingConfirmationMessage({
    center,
    appointment: details.appointment,
    patient: details.patient,
    professional: details.professional,
    specialty: details.specialty,
    study: details.study,
    insurer: details.insurer,
  });
  await enqueueEmail(tx, {
    kind: 'booking_confirmation',
    recipient: details.patient.email,
    patientId: details.appointment.patientId,
    appointmentId,
    createdByStaffId: createdByStaffId ?? null,
    ...content,
  });
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
