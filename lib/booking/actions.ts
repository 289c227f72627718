'use server';

import { and, eq, isNull } from 'drizzle-orm';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { appointments } from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';
import { requirePatient } from '@/lib/auth/session';
import { clientIp } from '@/lib/auth/throttle';
import { listProfessionalsFor, localToday } from '@/lib/availability/queries';
import { redirectIfDatabaseDown } from '@/lib/server/unavailable';
import { getCenterSettings } from '@/lib/settings/queries';
import { formText } from '@/lib/validation/form-data';
import { recordId } from '@/lib/validation/record-id';
import { acknowledge, hasAcknowledged } from './acknowledgement';
import { bookAppointment, type BookingRequest } from './book';
import { cancelAppointment } from './cancel';
import { enqueueCancellationNotice } from './notify';
import { bookingHref } from './params';
import {
  confirmBookingSchema,
  editReasonSchema,
  fieldErrorsOf,
  slotRefSchema,
  type FormState,
  type SlotRef,
} from './schemas';

// Bound arguments (ids, the return path) come back from the browser like any form field: a forged
// request can put anything there, so each one is parsed before it reaches a query.

/** "OK" on the professional's general message: remember it briefly, then show the agenda. */
export async function acknowledgeProfessionalMessage(professionalId: number, returnTo: string): Promise<void> {
  const patient = await requirePatient();
  const id = recordId.safeParse(professionalId);
  const [pro] = id.success ? await listProfessionalsFor(getDb(), { professionalIds: [id.data] }, true) : [];
  if (pro) await acknowledge(patient.patientId, pro.id, pro.generalMessage);
  // Only back into the booking pages: never an open redirect.
  redirect(typeof returnTo === 'string' && returnTo.startsWith('/tomar-turno/') ? returnTo : '/tomar-turno');
}

export type ConfirmField = 'insurerId' | 'reason';

const NOT_FOUND = 'No encontramos ese turno.';
const NOT_FOUND_OR_CLOSED = 'No encontramos ese turno, o ya no se puede modificar.';

/** "Confirmar Turno". The slot is bound by the page; the patient comes from the session. */
export async function confirmWebBooking(
  slotRef: SlotRef,
  _prev: FormState<ConfirmField>,
  formData: FormData,
): Promise<FormState<ConfirmField>> {
  try {
    return await confirmBooking(slotRef, formData);
  } catch (error) {
    // The booking committed whole or not at all; either way the patient reads "intente nuevamente"
    // and finds it in Mis Turnos if it went through.
    redirectIfDatabaseDown(error, '/tomar-turno');
  }
}

async function confirmBooking(slotRef: SlotRef, formData: FormData): Promise<FormState<ConfirmField>> {
  const patient = await requirePatient();
  const values = { insurerId: formText(formData, 'insurerId'), reason: formText(formData, 'reason') };
  const slot = slotRefSchema.safeParse(slotRef);
  const parsed = confirmBookingSchema.safeParse(values);
  if (!slot.success) return { error: 'El horario elegido no es válido. Vuelva a elegirlo en la agenda.', values };
  if (!parsed.success) return { fieldErrors: fieldErrorsOf<ConfirmField>(parsed.error), values };
  const db = getDb();
  const agenda = bookingHref(`/tomar-turno/agenda/${slot.data.professionalId}`, {
    especialidad: slot.data.specialtyId,
    estudio: slot.data.studyId,
    cambiar: slot.data.rescheduleFromId,
  });
  const [pro] = await listProfessionalsFor(db, { professionalIds: [slot.data.professionalId] }, true);
  if (!pro || !(await hasAcknowledged(patient.patientId, pro.id, pro.generalMessage))) redirect(agenda);

  const ip = clientIp(await headers());
  const startsAt = new Date(slot.data.startsAt);
  const request: BookingRequest = {
    patientId: patient.patientId,
    professionalId: slot.data.professionalId,
    startsAt,
    specialtyId: slot.data.specialtyId ?? null,
    studyId: slot.data.studyId ?? null,
    insurerId: parsed.data.insurerId,
    reason: parsed.data.reason,
    source: 'web',
    ip,
    rescheduleFromId: slot.data.rescheduleFromId,
  };
  const result = await bookAppointment(db, request, { confirm: true });
  if (result.ok) {
    revalidatePath('/mis-turnos');
    redirect(`/mis-turnos/${result.appointmentId}/insertado`);
  }
  if (result.code === 'slot_taken') {
    const settings = await getCenterSettings(db);
    redirect(`${agenda}${agenda.includes('?') ? '&' : '?'}aviso=tomado&desde=${localToday(startsAt, settings.timeZone)}`);
  }
  if (result.code === 'reason_required') return { fieldErrors: { reason: result.message }, values };
  if (result.code === 'insurer_invalid') return { fieldErrors: { insurerId: result.message }, values };
  return { error: result.message, values };
}

/** "CANCELAR" in Mis Turnos, after the patient confirmed. */
export async function cancelMyAppointment(appointmentId: number): Promise<FormState<never>> {
  const patient = await requirePatient();
  const id = recordId.safeParse(appointmentId);
  if (!id.success) return { error: NOT_FOUND };
  const ip = clientIp(await headers());
  const result = await cancelAppointment(
    getDb(),
    { appointmentId: id.data, actor: { kind: 'patient', patientId: patient.patientId }, ip },
    (tx, cancelled) => enqueueCancellationNotice(tx, cancelled.id, 'patient'),
  );
  if (!result.ok) return { error: result.message };
  revalidatePath('/mis-turnos');
  return { ok: true };
}

/** "Modificar el MOTIVO del Turno" in Mis Turnos: only the patient's own, still reserved turnos. */
export async function updateMyAppointmentReason(
  appointmentId: number,
  _prev: FormState<'reason'>,
  formData: FormData,
): Promise<FormState<'reason'>> {
  const patient = await requirePatient();
  const values = { reason: formText(formData, 'reason') };
  const id = recordId.safeParse(appointmentId);
  if (!id.success) return { error: NOT_FOUND, values };
  const parsed = editReasonSchema.safeParse(values);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf<'reason'>(parsed.error), values };
  const db = getDb();
  const settings = await getCenterSettings(db);
  if (settings.requireReason && !parsed.data.reason) return { fieldErrors: { reason: 'Indique el motivo del turno.' }, values };
  const ip = clientIp(await headers());
  const updated = await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ id: appointments.id, reason: appointments.reason })
      .from(appointments)
      .where(
        and(
          eq(appointments.id, id.data),
          eq(appointments.patientId, patient.patientId),
          eq(appointments.status, 'reserved'),
          isNull(appointments.deletedAt),
        ),
      )
      .for('update');
    if (!before) return false;
    await tx.update(appointments).set({ reason: parsed.data.reason, updatedAt: new Date() }).where(eq(appointments.id, before.id));
    await writeAudit(tx, { kind: 'patient', patientId: patient.patientId }, {
      action: 'appointment.reason',
      entity: 'appointment',
      entityId: String(before.id),
      before: { reason: before.reason },
      after: { reason: parsed.data.reason },
      ip,
    });
    return true;
  });
  if (!updated) return { error: NOT_FOUND_OR_CLOSED, values };
  revalidatePath('/mis-turnos');
  return { ok: true, values };
}
