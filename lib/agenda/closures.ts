import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { professionals, scheduleExceptions } from '@/db/schema';
import { writeAudit } from '@/lib/audit/log';
import { localToday } from '@/lib/availability/queries';
import { addDaysToDate } from '@/lib/availability/slots';
import { CHECK_FIELDS, validate } from '@/lib/catalog/mutation';
import { getCenterSettings } from '@/lib/settings/queries';
import { refuse, runAgendaChange, type AgendaActor, type AgendaResult, type NotifyCancelled } from './change';
import { closureIdSchema, closureSchema, type Resolution } from './schemas';
import { displayDate } from './weekdays';

/**
 * Feriados (the whole center: no professional) and a professional's ausencias, for whole days or
 * part of each day. Adding one removes slots, so it goes through runAgendaChange and its turnos;
 * removing one only gives slots back.
 */

type Options = { now?: Date; notify?: NotifyCancelled };

/** AGREGAR FERIADO / AGREGAR AUSENCIA. */
export async function addClosure(db: Db, actor: AgendaActor, raw: unknown, resolution?: Resolution, options?: Options): Promise<AgendaResult> {
  const input = validate(closureSchema, raw);
  if (!input.ok) return input;
  const v = input.data;
  const closure = {
    professionalId: v.professionalId,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    startTime: v.partDay ? v.startTime : null,
    endTime: v.partDay ? v.endTime : null,
    reason: v.reason,
  };
  const holiday = v.professionalId === null;
  return runAgendaChange(
    db,
    actor,
    {
      action: holiday ? 'holiday.create' : 'absence.create',
      entity: 'schedule_exception',
      scope:
        v.professionalId === null
          ? { fromDate: v.startsOn, toDate: v.endsOn }
          : { professionalId: v.professionalId, fromDate: v.startsOn, toDate: v.endsOn },
      async apply(tx, { today }) {
        if (v.endsOn < today) {
          refuse(CHECK_FIELDS, { endsOn: `Ya pasó: cargue fechas desde hoy (${displayDate(today)}) en adelante.` });
        }
        if (v.professionalId !== null) {
          const [pro] = await tx.select({ id: professionals.id }).from(professionals).where(eq(professionals.id, v.professionalId));
          if (!pro) refuse(CHECK_FIELDS, { professionalId: 'El profesional ya no existe. Actualice la página.' });
        }
        const [row] = await tx
          .insert(scheduleExceptions)
          .values({ ...closure, createdByStaffId: actor.staffId })
          .returning();
        return { entityId: row.id, before: null, after: row, closure };
      },
    },
    resolution,
    options,
  );
}

/** QUITAR a holiday or an absence: its days have slots again (nothing can be left outside). */
export async function removeClosure(
  db: Db,
  actor: AgendaActor,
  raw: unknown,
  options: { now?: Date } = {},
): Promise<{ ok: true; id: number } | { ok: false; error: string; fieldErrors?: Record<string, string> }> {
  const input = validate(closureIdSchema, raw);
  if (!input.ok) return input;
  const { id } = input.data;
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(scheduleExceptions).where(eq(scheduleExceptions.id, id)).for('update');
    if (!row) return { ok: false as const, error: 'Ese feriado o ausencia ya no existe. Actualice la página.' };
    const { timeZone } = await getCenterSettings(tx);
    const today = localToday(options.now ?? new Date(), timeZone);
    if (row.endsOn < today) {
      return { ok: false as const, error: 'Ya pasó: se conserva como historia de la agenda.' };
    }
    // Days already past stay as they were (history); only today on gets its slots back.
    let after: typeof row | null = null;
    if (row.startsOn < today) {
      [after] = await tx
        .update(scheduleExceptions)
        .set({ endsOn: addDaysToDate(today, -1) })
        .where(eq(scheduleExceptions.id, id))
        .returning();
    } else {
      await tx.delete(scheduleExceptions).where(eq(scheduleExceptions.id, id));
    }
    await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.label }, {
      action: row.professionalId === null ? 'holiday.delete' : 'absence.delete',
      entity: 'schedule_exception',
      entityId: String(id),
      before: row,
      after,
      ip: actor.ip,
    });
    return { ok: true as const, id };
  });
}
