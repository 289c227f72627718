import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { appointments } from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';

export type Attendance = 'present' | 'absent' | 'reserved';

/** Staff marks Presente / Ausente (or undoes it back to Reservado). Cancelled turnos stay cancelled. */
export async function markAttendance(
  db: Db,
  input: { appointmentId: number; status: Attendance; staffId: number; ip?: string; now?: Date },
): Promise<{ ok: true } | { ok: false; error: string }> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.id, input.appointmentId), isNull(appointments.deletedAt), ne(appointments.status, 'cancelled')))
      .for('update');
    if (!before) return { ok: false as const, error: 'Ese turno no existe o está cancelado.' };
    if (input.status !== 'reserved' && before.startsAt > now) {
      return { ok: false as const, error: 'Solo se marca la asistencia de turnos que ya empezaron.' };
    }
    const [after] = await tx
      .update(appointments)
      .set({ status: input.status, updatedAt: now })
      .where(eq(appointments.id, before.id))
      .returning();
    await writeAudit(tx, { kind: 'staff', staffId: input.staffId }, {
      action: `appointment.${input.status}`,
      entity: 'appointment',
      entityId: String(before.id),
      before: { status: before.status },
      after: { status: after.status },
      ip: input.ip,
    });
    return { ok: true as const };
  });
}
