import { z } from 'zod';
import { recordId } from '@/lib/validation/record-id';

const id = recordId;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The booking pages' query string: what was picked, and which week. Bad values are dropped. */
export const bookingParamsSchema = z.object({
  especialidad: id.optional().catch(undefined),
  estudio: id.optional().catch(undefined),
  desde: isoDate.optional().catch(undefined),
  /** Moving an existing turno (Mis Turnos → Cambiar horario). */
  cambiar: id.optional().catch(undefined),
});

export type BookingParams = z.infer<typeof bookingParamsSchema>;

export function parseBookingParams(search: Record<string, string | string[] | undefined>): BookingParams {
  const flat = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return bookingParamsSchema.parse(flat);
}

/** Builds a booking URL keeping the selection (specialty / study / reschedule) across pages. */
export function bookingHref(path: string, params: BookingParams & Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
