import { pgError } from '@/db/errors';

/** Why a booking or a cancellation was refused, with the sentence the patient or staff reads. */
export type BookingErrorCode =
  | 'web_disabled'
  | 'account_disabled'
  | 'slot_taken'
  | 'slot_unavailable'
  | 'selection_required'
  | 'limit_day'
  | 'limit_patient'
  | 'limit_ip'
  | 'reason_required'
  | 'insurer_invalid'
  | 'not_found'
  | 'not_cancellable'
  | 'cancel_cutoff';

export type BookingFailure = { ok: false; code: BookingErrorCode; message: string };

export function fail(code: BookingErrorCode, message: string): BookingFailure {
  return { ok: false, code, message };
}

export const SLOT_TAKEN_MESSAGE = 'Ese horario acaba de ser tomado. Elija otro de los horarios libres.';


/** PostgreSQL's exclusion violation, raised by appointments_no_overlap (wrapped by Drizzle: trap 7). */
export function isOverlapViolation(err: unknown): boolean {
  return pgError(err).code === '23P01';
}

/**
 * A deadlock (40P01) or serialization failure (40001): PostgreSQL aborted this transaction so
 * another could go on. Two bookings racing for overlapping slots can meet this way inside the
 * exclusion constraint's checks; running the transaction again gives the real answer.
 */
export function isRetryableConflict(err: unknown): boolean {
  const state = pgError(err).code;
  return state === '40P01' || state === '40001';
}
