import { sql, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

/**
 * First key of the agenda's two-key advisory locks (booking uses 71 and 72). Second key: a
 * professional's id, or 0 for the whole center.
 *
 * An agenda change holds its key exclusively while it works out which turnos it would leave
 * outside the agenda; a booking holds the same keys shared while it checks its slot. So a turno
 * is either booked before the change looks (and the change sees it) or after the change commits
 * (and the booking checks the new agenda): none can slip in between unseen.
 */
const LOCK_AGENDA = 73;
const CENTER = 0;

/** Taken by a change of one professional's agenda (rules, absences). */
export async function lockProfessionalAgenda(tx: DbOrTx, professionalId: number): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock_shared(${LOCK_AGENDA}, ${CENTER}), pg_advisory_xact_lock(${LOCK_AGENDA}, ${professionalId})`,
  );
}

/** Taken by a center-wide change (a holiday): waits for every booking and professional change. */
export async function lockCenterAgenda(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_AGENDA}, ${CENTER})`);
}

/**
 * The booking's agenda keys, shared, as select-list items: the booking takes them in the same
 * statement as its patient and IP locks (lib/booking/book.ts), before it reads the agenda. Held by
 * its transaction, or, when the booking is one autocommitted statement, by its session until
 * bookingAgendaUnlocks() (db/pipeline.ts, underSessionLocks).
 */
export function bookingAgendaLocks(professionalId: number | SQLWrapper, scope: 'xact' | 'session' = 'xact') {
  const lock = sql.raw(scope === 'xact' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_lock_shared');
  return sql`${lock}(${LOCK_AGENDA}, ${CENTER}), ${lock}(${LOCK_AGENDA}, ${professionalId})`;
}

/** Releases the session-held keys of bookingAgendaLocks(…, 'session'), as select-list items. */
export function bookingAgendaUnlocks(professionalId: number | SQLWrapper) {
  return sql`pg_advisory_unlock_shared(${LOCK_AGENDA}, ${professionalId}), pg_advisory_unlock_shared(${LOCK_AGENDA}, ${CENTER})`;
}

/** Taken by a booking, before it reads the agenda to check its slot. */
export async function lockAgendaForBooking(tx: DbOrTx, professionalId: number): Promise<void> {
  await tx.execute(sql`select ${bookingAgendaLocks(professionalId)}`);
}
