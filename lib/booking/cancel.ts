import { and, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { appointments, type Appointment } from '@/db/schema';
import { writeAudit, type Actor } from '@/lib/audit/log';
import { getCenterSettings } from '@/lib/settings/queries';
import { RollbackWith } from '@/db/errors';
import { fail, type BookingFailure } from './errors';

export type CancelResult = { ok: true; appointment: Appointment } | BookingFailure;

/** Hook for work that must commit with the cancellation (e.g. the patient's notice in the outbox). */
export type AfterCancel = (tx: Tx, cancelled: Appointment) => Promise<void>;

/**
 * Cancels a turno. The row stays (with who, when and from where); its time is free at once.
 * A patient may only cancel their own reserved, future turno, and not within the cutoff.
 * Given a transaction (an agenda change cancelling its turnos), it runs as a savepoint inside it.
 */
export async function cancelAppointment(
  db: DbOrTx,
  input: { appointmentId: number; actor: Extract<Actor, { kind: 'patient' | 'staff' }>; ip?: string; now?: Date },
  afterCancel?: AfterCancel,
): Promise<CancelResult> {
  const now = input.now ?? new Date();
  const { actor } = input;
  return inTransaction(db, async (tx) => {
    const [current] = await tx
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.id, input.appointmentId),
          isNull(appointments.deletedAt),
          actor.kind === 'patient' ? eq(appointments.patientId, actor.patientId) : undefined,
        ),
      )
      .for('update');
    // Someone else's turno reads exactly like a missing one.
    if (!current) return fail('not_found', 'No encontramos ese turno.');
    if (current.status !== 'reserved') return fail('not_cancellable', 'Ese turno ya no se puede cancelar.');
    if (actor.kind === 'patient') {
      const settings = await getCenterSettings(tx);
      if (current.startsAt <= now) return fail('not_cancellable', 'Ese turno ya pasó.');
      if (current.startsAt.getTime() - now.getTime() < settings.cancelCutoffHours * 3_600_000) {
        return fail(
          'cancel_cutoff',
          `Los turnos se pueden cancelar por internet hasta ${settings.cancelCutoffHours} horas antes. Comuníquese con el centro${settings.contactPhones ? ` al ${settings.contactPhones}` : ''}.`,
        );
      }
    }
    const [cancelled] = await tx
      .update(appointments)
      .set({
        status: 'cancelled',
        cancelledAt: now,
        cancelOrigin: actor.kind === 'patient' ? 'web' : 'staff',
        cancelledByStaffId: actor.kind === 'staff' ? actor.staffId : null,
        updatedAt: now,
      })
      .where(eq(appointments.id, current.id))
      .returning();
    await writeAudit(tx, actor, {
      action: 'appointment.cancel',
      entity: 'appointment',
      entityId: String(current.id),
      before: current,
      after: cancelled,
      ip: input.ip,
    });
    if (afterCancel) await afterCancel(tx, cancelled);
    return { ok: true, appointment: cancelled };
  });
}

/**
 * "BORRAR EL TURNO" (staff only): gone from every list, its time freed, but the audit log keeps
 * what it was.
 */
export async function deleteAppointment(
  db: Db,
  input: { appointmentId: number; staffId: number; ip?: string; now?: Date },
): Promise<{ ok: true } | BookingFailure> {
  const now = input.now ?? new Date();
  return inTransaction(db, async (tx) => {
    const [current] = await tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.id, input.appointmentId), isNull(appointments.deletedAt)))
      .for('update');
    if (!current) return fail('not_found', 'No encontramos ese turno.');
    await tx
      .update(appointments)
      .set({ deletedAt: now, deletedByStaffId: input.staffId, updatedAt: now })
      .where(eq(appointments.id, current.id));
    await writeAudit(tx, { kind: 'staff', staffId: input.staffId }, {
      action: 'appointment.delete',
      entity: 'appointment',
      entityId: String(current.id),
      before: current,
      after: null,
      ip: input.ip,
    });
    return { ok: true };
  });
}

/** Runs `work` in a transaction that rolls back when it answers with a failure. */
async function inTransaction<T extends { ok: boolean }>(db: DbOrTx, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      const result = await work(tx);
      if (!result.ok) throw new RollbackWith(result);
      return result;
    });
  } catch (err) {
    if (err instanceof RollbackWith) return err.result as T;
    throw err;
  }
}
