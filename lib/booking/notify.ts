import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { appointments, insurers, patients, professionals, specialties, studies, type CenterSettings } from '@/db/schema';
import type { BookingOptions, BookingRequest } from './book';
import { appointmentCancelledMessage, bookingConfirmationMessage } from '@/lib/messaging/compose';
import { enqueueEmail, type EmailDraft } from '@/lib/messaging/outbox';
import { getCenterSettings } from '@/lib/settings/queries';
import { preparedQuery } from '@/db/prepared';

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

async function confirmationDraft(center: CenterSettings, d: ConfirmationSubject, createdByStaffId?: number | null): Promise<EmailDraft | null> {
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

/**
 * The confirmation email of a booking, with its .ics, for bookAppointment's `confirmation`: the
 * names are read now (in parallel with the booking's own plan), the mail is rendered before the
 * booking's transaction opens, and the booking writes it to the outbox in its own statement, so
 * the booking and its email commit together and a mail failure later never loses the booking.
 */
/**
 * The names a confirmation shows, prepared once per database handle: built by Drizzle and planned by
 * PostgreSQL once, not on every booking (absent ids are -1: one shape for every request).
 */
const namesQuery = (db: DbOrTx) =>
  preparedQuery(db, 'booking_confirmation_names', (db) =>
    db
      .select(detailColumns)
      .from(patients)
      .innerJoin(professionals, eq(professionals.id, sql.placeholder('professional')))
      .leftJoin(specialties, eq(specialties.id, sql.placeholder('specialty')))
      .leftJoin(studies, eq(studies.id, sql.placeholder('study')))
      .leftJoin(insurers, eq(insurers.id, sql.placeholder('insurer')))
      .where(eq(patients.id, sql.placeholder('patient')))
      .prepare('booking_confirmation_names'),
  );

export function bookingConfirmation(db: DbOrTx, request: BookingRequest, createdByStaffId?: number | null): BookingOptions['confirmation'] {
  const names = (specialtyId: number | null | undefined, studyId: number | null | undefined) =>
    namesQuery(db)
      .execute({ professional: request.professionalId, specialty: specialtyId ?? -1, study: studyId ?? -1, insurer: request.insurerId ?? -1, patient: request.patientId })
      .then(([row]) => (row ? asShown(row) : null));
  const early = names(request.specialtyId, request.studyId);
  early.catch(() => {}); // awaited below; a booking refused before that must not leave it unhandled
  return async (planned) => {
    // The turno takes the agenda rule's specialty or study when the request names none.
    const same = planned.specialtyId === (request.specialtyId ?? null) && planned.studyId === (request.studyId ?? null);
    const d = await (same ? early : names(planned.specialtyId, planned.studyId));
    if (!d) return null;
    const appointment = { id: planned.appointmentId, patientId: request.patientId, startsAt: planned.startsAt, endsAt: planned.endsAt, reason: (request.reason ?? '').trim() };
    return confirmationDraft(planned.settings, { ...d, appointment }, createdByStaffId);
  };
}

/** The confirmation of an appointment already written, enqueued inside the caller's transaction. */
export async function enqueueBookingConfirmation(tx: DbOrTx, appointmentId: number, createdByStaffId?: number | null) {
  const details = await loadAppointmentDetails(tx, appointmentId);
  if (!details) return;
  const draft = await confirmationDraft(await getCenterSettings(tx), details, createdByStaffId);
  if (draft) await enqueueEmail(tx, draft);
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
