'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { recordId } from '@/lib/validation/record-id';
import { getDb } from '@/db/client';
import { staffAction, type ActionResult } from '@/lib/admin/staff-action';
import { bookAppointment, type BookingRequest } from '@/lib/booking/book';
import { cancelAppointment, deleteAppointment } from '@/lib/booking/cancel';
import { enqueueCancellationNotice } from '@/lib/booking/notify';
import { createPatient, searchPatients, type PatientMatch } from '@/lib/patients/patients';
import { patientSchema } from '@/lib/patients/schemas';
import { markAttendance } from './attendance';

const STAFF = ['admin', 'reception'] as const;
const id = recordId;

/** Presente / Ausente / back to Reservado. */
export const setAttendance = staffAction(
  STAFF,
  z.object({ appointmentId: id, status: z.enum(['present', 'absent', 'reserved']) }),
  async (input, { staff, ip }) => {
    const result = await markAttendance(getDb(), { ...input, staffId: staff.staffId, ip });
    if (!result.ok) return result;
    revalidatePath('/admin', 'layout');
    return { ok: true };
  },
);

/** CANCELAR EL TURNO (staff): the patient is told by email. */
export const staffCancelAppointment = staffAction(STAFF, z.object({ appointmentId: id }), async ({ appointmentId }, { staff, ip }) => {
  const result = await cancelAppointment(
    getDb(),
    { appointmentId, actor: { kind: 'staff', staffId: staff.staffId, label: staff.username }, ip },
    (tx, cancelled) => enqueueCancellationNotice(tx, cancelled.id, 'center', staff.staffId),
  );
  if (!result.ok) return { ok: false, error: result.message };
  revalidatePath('/admin', 'layout');
  return { ok: true };
});

/** BORRAR EL TURNO: gone from every list, kept in the audit log. */
export const staffDeleteAppointment = staffAction(STAFF, z.object({ appointmentId: id }), async ({ appointmentId }, { staff, ip }) => {
  const result = await deleteAppointment(getDb(), { appointmentId, staffId: staff.staffId, ip });
  if (!result.ok) return { ok: false, error: result.message };
  revalidatePath('/admin', 'layout');
  return { ok: true };
});

const staffBookingSchema = z.object({
  professionalId: id,
  startsAt: z.iso.datetime({ error: 'Elija un horario de la agenda.' }),
  patientId: id,
  specialtyId: id.nullable().optional(),
  studyId: id.nullable().optional(),
  insurerId: z.preprocess((v) => (v === '' ? null : v), id.nullable()),
  reason: z.string().trim().max(300, 'El motivo puede tener hasta 300 caracteres.'),
  overbook: z.boolean().default(false),
});

/** A turno given by reception (by phone, at the desk), with an explicit sobreturno when the slot is taken. */
export const staffBook = staffAction(STAFF, staffBookingSchema, async (input, { staff }): Promise<ActionResult<{ appointmentId: number }>> => {
  const db = getDb();
  const request: BookingRequest = { ...input, startsAt: new Date(input.startsAt), source: 'staff', staffId: staff.staffId };
  const result = await bookAppointment(db, request, { confirm: true });
  if (!result.ok) return { ok: false, error: result.message };
  revalidatePath('/admin', 'layout');
  return { ok: true, data: { appointmentId: result.appointmentId } };
});

/** Alta de paciente on the spot, from the booking screen. */
export const staffCreatePatient = staffAction(STAFF, patientSchema, async (input, { staff, ip }): Promise<ActionResult<{ patientId: number }>> => {
  const result = await createPatient(getDb(), input, { staffId: staff.staffId, ip });
  if (!result.ok) return result;
  return { ok: true, data: { patientId: result.patientId } };
});

/** Patient search for the booking screen (DNI prefix, or name / email). */
export const staffSearchPatients = staffAction(STAFF, z.object({ query: z.string().max(80) }), async ({ query }): Promise<ActionResult<PatientMatch[]>> => {
  return { ok: true, data: await searchPatients(getDb(), query) };
});
