import 'server-only';
import type { DbOrTx } from '@/db/client';
import { loadAppointmentDetails } from '@/lib/booking/notify';
import { MAX_RECORD_ID } from '@/lib/validation/record-id';

/** One of the patient's own turnos, or null: another patient's turno reads exactly like a missing one. */
export async function getOwnAppointment(db: DbOrTx, patientId: number, rawId: string) {
  const id = Number(rawId);
  if (!Number.isSafeInteger(id) || id <= 0 || id > MAX_RECORD_ID) return null;
  const details = await loadAppointmentDetails(db, id);
  if (!details || details.appointment.patientId !== patientId || details.appointment.deletedAt) return null;
  return details;
}
