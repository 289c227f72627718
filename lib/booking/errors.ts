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
  const e = err as { code?: string; cause?: { code?: string; constraint_name?: string; constraint?: string } };
  const code = e?.cause?.code ?? e?.code;
  return code === '23P01';
}

/**
 * Thrown inside a transaction to refuse with a failure: the transaction rolls back, so a refusal
 * never leaves half a change behind (e.g. a reschedule's cancelled original).
 */
export class RollbackWith<T> extends Error {
  constructor(readonly result: T) {
    super('rolled back');
  }
}
