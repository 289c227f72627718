import { and, count, eq, gt, gte, lt, sql } from 'drizzle-orm';
import { fromZonedTime } from 'date-fns-tz';
import type { Db, Tx } from '@/db/client';
import { appointments, insurers, webAccounts } from '@/db/schema';
import { lockAgendaForBooking } from '@/lib/agenda/lock';
import { writeAudit, type Actor } from '@/lib/audit/log';
import { liveAppointment, listProfessionalsFor, loadWeeks, localToday } from '@/lib/availability/queries';
import { addDaysToDate, findOfferedSlot } from '@/lib/availability/slots';
import { getCenterSettings } from '@/lib/settings/queries';
import { RollbackWith } from '@/db/errors';
import { fail, isOverlapViolation, isRetryableConflict, SLOT_TAKEN_MESSAGE, type BookingFailure } from './errors';

export interface BookingRequest {
  patientId: number;
  professionalId: number;
  startsAt: Date;
  specialtyId?: number | null;
  studyId?: number | null;
  insurerId?: number | null;
  reason?: string;
  /** 'web' = the patient on the portal (every web rule and limit applies); 'staff' = reception. */
  source: 'web' | 'staff';
  ip?: string;
  staffId?: number;
  /** Staff only: a "sobreturno" on top of a taken slot, exempt from the overlap constraint. */
  overbook?: boolean;
  /** Moves this appointment (the patient's own) to the new slot in the same transaction. */
  rescheduleFromId?: number;
  now?: Date;
}

export type BookingSuccess = { ok: true; appointmentId: number; startsAt: Date; endsAt: Date };
export type BookingResult = BookingSuccess | BookingFailure;

/** Hook for work that must commit with the booking (the confirmation email in the outbox). */
export type AfterBooking = (tx: Tx, booked: BookingSuccess & { request: BookingRequest }) => Promise<void>;

// Advisory lock classes: serialise one patient's bookings, and one IP's, so limits cannot be overshot.
const LOCK_PATIENT = 71;
const LOCK_IP = 72;

/**
 * Books a turno. Everything the browser sent is re-checked here: the slot is generated again from
 * the agenda and must be offered and free; the professional, specialty/study and insurer must be
 * enabled and belong together; the manual's three limits hold under concurrency (checked after
 * taking the patient's and the IP's advisory locks). The database's exclusion constraint is the
 * last word on double booking.
 */
export async function bookAppointment(db: Db, request: BookingRequest, afterBooking?: AfterBooking): Promise<BookingResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const result = await bookInTransaction(tx, request);
        if (!result.ok) throw new RollbackWith(result);
        if (afterBooking) await afterBooking(tx, { ...result, request });
        return result;
      });
    } catch (err) {
      if (err instanceof RollbackWith) return err.result as BookingFailure;
      if (isOverlapViolation(err)) return fail('slot_taken', SLOT_TAKEN_MESSAGE);
      if (isRetryableConflict(err) && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
  }
}

const MAX_ATTEMPTS = 3;

async function bookInTransaction(tx: Tx, req: BookingRequest): Promise<BookingResult> {
  const web = req.source === 'web';
  const now = req.now ?? new Date();
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_PATIENT}, ${req.patientId})`);
  if (web && req.ip) await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_IP}, hashtext(${req.ip}))`);
  // Before reading the agenda: an agenda change that would strand turnos waits for this booking, or
  // this booking waits for it and checks the new agenda (lib/agenda/lock.ts).
  await lockAgendaForBooking(tx, req.professionalId);

  const settings = await getCenterSettings(tx);
  const tz = settings.timeZone;
  if (web) {
    if (!settings.webEnabled) return fail('web_disabled', 'En este momento no se pueden tomar turnos por internet.');
    const [account] = await tx
      .select({ disabled: webAccounts.disabled, activatedAt: webAccounts.activatedAt })
      .from(webAccounts)
      .where(eq(webAccounts.patientId, req.patientId));
    if (!account || account.disabled || !account.activatedAt) {
      return fail('account_disabled', 'Su usuario está deshabilitado para tomar turnos web.');
    }
    if (settings.selectionMode === 'specialty' && !req.specialtyId) {
      return fail('selection_required', 'Elija la especialidad del turno.');
    }
    if (settings.selectionMode === 'study' && !req.studyId) {
      return fail('selection_required', 'Elija el estudio del turno.');
    }
    const reason = (req.reason ?? '').trim();
    if (settings.requireReason && !reason) return fail('reason_required', 'Indique el motivo del turno.');
  }

  let previous: typeof appointments.$inferSelect | undefined;
  if (req.rescheduleFromId !== undefined) {
    [previous] = await tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.id, req.rescheduleFromId), eq(appointments.patientId, req.patientId), liveAppointment));
    if (!previous || previous.status !== 'reserved' || previous.startsAt <= now) {
      return fail('not_found', 'No encontramos ese turno para cambiarlo.');
    }
    if (web && previous.startsAt.getTime() - now.getTime() < settings.cancelCutoffHours * 3_600_000) {
      return fail('cancel_cutoff', `Los turnos solo se pueden cambiar hasta ${settings.cancelCutoffHours} horas antes.`);
    }
    // Free the old slot first, so a move to an adjacent or overlapping slot is possible.
    await tx
      .update(appointments)
      .set({ status: 'cancelled', cancelledAt: now, cancelOrigin: web ? 'web' : 'staff', cancelledByStaffId: req.staffId ?? null, updatedAt: now })
      .where(eq(appointments.id, previous.id));
  }

  // The slot, generated again from the agenda exactly as the grid did.
  const pros = await listProfessionalsFor(
    tx,
    {
      professionalIds: [req.professionalId],
      specialtyId: req.specialtyId ?? undefined,
      studyId: req.studyId ?? undefined,
    },
    web,
  );
  const date = localToday(req.startsAt, tz);
  const notBefore = web ? new Date(now.getTime() + settings.minBookingNoticeHours * 3_600_000) : now;
  const [week] = await loadWeeks(
    tx,
    pros,
    { fromDate: date, toDate: date, specialtyId: req.specialtyId, studyId: req.studyId },
    { timeZone: tz, now, notBefore, web },
  );
  const slot = week ? findOfferedSlot(week.slots, req.professionalId, req.startsAt) : undefined;
  const overbook = !web && req.overbook === true;
  if (!slot) {
    if (!overbook) return fail('slot_unavailable', 'Ese horario no está disponible para turnos. Elija otro de la agenda.');
  } else if (!slot.free && !overbook) {
    return fail('slot_taken', SLOT_TAKEN_MESSAGE);
  }
  const slotMinutes = slot ? (slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000 : 15;
  const endsAt = new Date(req.startsAt.getTime() + slotMinutes * 60_000);

  if (req.insurerId) {
    const [insurer] = await tx
      .select({ active: insurers.active, webEnabled: insurers.webEnabled })
      .from(insurers)
      .where(eq(insurers.id, req.insurerId));
    if (!insurer || !insurer.active || (web && !insurer.webEnabled)) {
      return fail('insurer_invalid', 'Elija una obra social habilitada para turnos web.');
    }
  } else if (web) {
    return fail('insurer_invalid', 'Elija su obra social (o PARTICULAR).');
  }

  if (web) {
    const limit = await checkLimits(tx, req, now, date, tz, settings);
    if (limit) return limit;
  }

  const [row] = await tx
    .insert(appointments)
    .values({
      professionalId: req.professionalId,
      specialtyId: req.specialtyId ?? slot?.specialtyId ?? null,
      studyId: req.studyId ?? slot?.studyId ?? null,
      patientId: req.patientId,
      insurerId: req.insurerId ?? null,
      startsAt: req.startsAt,
      endsAt,
      source: req.source,
      reason: (req.reason ?? '').trim(),
      overbooked: overbook && !!slot && !slot.free,
      createdAt: now,
      updatedAt: now,
      createdByStaffId: req.staffId ?? null,
      createdIp: req.ip ?? '',
      rescheduledFromId: previous?.id ?? null,
    })
    .returning();
  const actor: Actor = web ? { kind: 'patient', patientId: req.patientId } : { kind: 'staff', staffId: req.staffId! };
  await writeAudit(tx, actor, {
    action: previous ? 'appointment.reschedule' : 'appointment.book',
    entity: 'appointment',
    entityId: String(row.id),
    before: previous ? { id: previous.id, startsAt: previous.startsAt, professionalId: previous.professionalId } : null,
    after: row,
    ip: req.ip,
  });
  return { ok: true, appointmentId: row.id, startsAt: row.startsAt, endsAt: row.endsAt };
}

async function checkLimits(
  tx: Tx,
  req: BookingRequest,
  now: Date,
  date: string,
  tz: string,
  settings: Awaited<ReturnType<typeof getCenterSettings>>,
): Promise<BookingFailure | null> {
  const dayStart = fromZonedTime(`${date}T00:00:00`, tz);
  const dayEnd = fromZonedTime(`${addDaysToDate(date, 1)}T00:00:00`, tz);
  const [[sameDay], [future], [fromIp]] = await Promise.all([
    tx
      .select({ n: count() })
      .from(appointments)
      .where(
        and(
          liveAppointment,
          eq(appointments.patientId, req.patientId),
          eq(appointments.professionalId, req.professionalId),
          req.specialtyId ? eq(appointments.specialtyId, req.specialtyId) : undefined,
          gte(appointments.startsAt, dayStart),
          lt(appointments.startsAt, dayEnd),
        ),
      ),
    tx
      .select({ n: count() })
      .from(appointments)
      .where(and(liveAppointment, eq(appointments.patientId, req.patientId), gt(appointments.startsAt, now))),
    req.ip
      ? tx
          .select({ n: count() })
          .from(appointments)
          .where(
            and(
              liveAppointment,
              eq(appointments.createdIp, req.ip),
              eq(appointments.source, 'web'),
              gt(appointments.startsAt, now),
            ),
          )
      : Promise.resolve([{ n: 0 }]),
  ]);
  const max = settings.maxPerDaySpecialtyProfessional;
  if (sameDay.n >= max) {
    return fail('limit_day', max === 1
      ? 'Ya tiene un turno con este profesional ese día.'
      : `Ya tiene ${max} turnos con este profesional ese día, el máximo permitido.`);
  }
  if (future.n >= settings.maxFuturePerPatient) {
    return fail('limit_patient', `Ya tiene ${settings.maxFuturePerPatient} turnos a futuro sin cancelar, el máximo permitido. Para tomar otro, cancele alguno en Mis Turnos.`);
  }
  if (fromIp.n >= settings.maxFuturePerIp) {
    return fail('limit_ip', `Desde esta computadora o teléfono ya se tomaron ${settings.maxFuturePerIp} turnos a futuro, el máximo permitido. Comuníquese con el centro.`);
  }
  return null;
}
