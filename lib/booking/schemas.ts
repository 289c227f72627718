import '@/lib/validation/spanish';
import { z } from 'zod';
import { MAX_RECORD_ID } from '@/lib/validation/record-id';

export const REASON_MAX = 300;

/** "CONFIRMAR TURNO": what the patient fills in. The slot itself comes bound by the server. */
export const confirmBookingSchema = z.object({
  insurerId: z.coerce
    .number({ error: 'Elija su obra social (o PARTICULAR).' })
    .int('Elija su obra social (o PARTICULAR).')
    .positive('Elija su obra social (o PARTICULAR).')
    .max(MAX_RECORD_ID, 'Elija su obra social (o PARTICULAR).'),
  reason: z.string().trim().max(REASON_MAX, `El motivo puede tener hasta ${REASON_MAX} caracteres.`).default(''),
});

/** The slot bound by the page: numbers as the page bound them, never coerced from text. */
const slotId = z.number().int().positive().max(MAX_RECORD_ID);

export const slotRefSchema = z.object({
  professionalId: slotId,
  startsAt: z.iso.datetime(),
  specialtyId: slotId.optional(),
  studyId: slotId.optional(),
  rescheduleFromId: slotId.optional(),
});
export type SlotRef = z.infer<typeof slotRefSchema>;

/**
 * An id the browser sends back (bound to Cancelar, Modificar Motivo, OK): a request made by hand
 * may carry anything, which must get an answer, not a database error.
 */

export const editReasonSchema = z.object({
  reason: z.string().trim().max(REASON_MAX, `El motivo puede tener hasta ${REASON_MAX} caracteres.`),
});

export type FormState<F extends string> = {
  ok?: boolean;
  error?: string;
  fieldErrors?: Partial<Record<F, string>>;
  values?: Partial<Record<F, string>>;
};

/** The first message per field of a zod error, for messages next to each field. */
export function fieldErrorsOf<F extends string>(error: z.ZodError): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0]) as F;
    out[key] ??= issue.message;
  }
  return out;
}
