import type { Db, Tx } from '@/db/client';
import { writeAudit } from '@/lib/audit/log';
import { localToday } from '@/lib/availability/queries';
import type { ClosedPeriod } from '@/lib/availability/slots';
import { cancelAppointment } from '@/lib/booking/cancel';
import { enqueueCancellationNotice } from '@/lib/booking/notify';
import { getCenterSettings } from '@/lib/settings/queries';
import { lockCenterAgenda, lockProfessionalAgenda } from './lock';
import type { Resolution } from './schemas';
import { loadCandidates, slotsFor, strandedBy, type AffectedAppointment, type CandidateScope } from './stranded';
import { displayDate } from './weekdays';

/** Who changes the agenda: a staff member (admin or reception), from where. */
export interface AgendaActor {
  staffId: number;
  /** The staff username, as the audit log shows it. */
  label: string;
  ip?: string;
}

export type AgendaResult =
  /** Written. `affected` were kept (decision 'keep') or cancelled with a notice ('cancel'). */
  | { ok: true; status: 'saved'; id: number; affected: AffectedAppointment[]; decision: 'keep' | 'cancel' | null }
  /** Nothing written: the change would leave these turnos outside the agenda; staff must choose. */
  | { ok: true; status: 'needs_decision'; affected: AffectedAppointment[]; message: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

export const NEW_AFFECTED = 'Hay turnos nuevos afectados, revise.';
export const AFFECTED_CHANGED = 'La lista de turnos afectados cambió. Revísela y vuelva a elegir.';

/** Thrown inside the change's transaction to roll everything back and answer with a value. */
class Rollback extends Error {
  constructor(readonly result: AgendaResult) {
    super('agenda change rolled back');
  }
}

export function refuse(error: string, fieldErrors?: Record<string, string>): never {
  throw new Rollback({ ok: false, error, fieldErrors });
}

export interface AgendaClock {
  now: Date;
  timeZone: string;
  /** The center's local date of `now`, 'yyyy-MM-dd'. */
  today: string;
}

export interface AgendaChange {
  action: string;
  entity: 'schedule' | 'schedule_exception';
  /** Whose agenda changes: one professional's (and optionally which dates), or the center's dates. */
  scope: CandidateScope & ({ professionalId: number } | { fromDate: string; toDate: string });
  /**
   * Writes the change (or calls `refuse`). Returns what the audit entry shows and, for a new
   * holiday or absence, the closed period (its turnos count even if they were sobreturnos).
   */
  apply(tx: Tx, clock: AgendaClock): Promise<{ entityId: number; before: unknown; after: unknown; closure?: ClosedPeriod }>;
}

/** Writes the cancellation notice of a turno the center cancelled (replaceable in tests). */
export type NotifyCancelled = (tx: Tx, appointmentId: number, staffId: number) => Promise<void>;

const notifyPatient: NotifyCancelled = (tx, appointmentId, staffId) =>
  enqueueCancellationNotice(tx, appointmentId, 'center', staffId);

/**
 * Runs one agenda change so that no turno is silently orphaned. In one transaction: lock the
 * agenda (bookings of it wait), list its future turnos and the slots they sit on, apply the
 * change, generate the slots again, and find the turnos left outside. If there are any, staff
 * must have seen exactly these (`confirmedIds`) and chosen: keep them, or cancel each one (with
 * the patient's notice in the outbox). Otherwise nothing is written and the list comes back.
 * The change, the cancellations, the notices and the audit entries commit together or not at all.
 */
export async function runAgendaChange(
  db: Db,
  actor: AgendaActor,
  change: AgendaChange,
  resolution: Resolution = {},
  options: { now?: Date; notify?: NotifyCancelled } = {},
): Promise<AgendaResult> {
  const now = options.now ?? new Date();
  const notify = options.notify ?? notifyPatient;
  try {
    return await db.transaction(async (tx) => {
      if ('professionalId' in change.scope && change.scope.professionalId !== undefined) {
        await lockProfessionalAgenda(tx, change.scope.professionalId);
      } else {
        await lockCenterAgenda(tx);
      }
      const { timeZone } = await getCenterSettings(tx);
      const clock: AgendaClock = { now, timeZone, today: localToday(now, timeZone) };

      const candidates = await loadCandidates(tx, change.scope, now, timeZone);
      const before = await slotsFor(tx, candidates, clock);
      const applied = await change.apply(tx, clock);
      const after = await slotsFor(tx, candidates, clock);
      const affected = strandedBy(candidates, before, after, applied.closure);

      const ids = affected.map((a) => a.id);
      const confirmed = new Set(resolution.confirmedIds ?? []);
      const seen = ids.length === confirmed.size && ids.every((id) => confirmed.has(id));
      if (ids.length > 0 && (!resolution.decision || !seen)) {
        const message = !resolution.decision ? '' : ids.some((id) => !confirmed.has(id)) ? NEW_AFFECTED : AFFECTED_CHANGED;
        throw new Rollback({ ok: true, status: 'needs_decision', affected, message });
      }
      const decision = ids.length > 0 ? resolution.decision! : null;

      if (decision === 'cancel') {
        for (const a of affected) {
          // A savepoint inside this transaction: the turno, its audit and its notice, or nothing.
          const cancelled = await cancelAppointment(
            tx,
            { appointmentId: a.id, actor: { kind: 'staff', staffId: actor.staffId, label: actor.label }, ip: actor.ip, now },
            (inner, row) => notify(inner, row.id, actor.staffId),
          );
          if (!cancelled.ok) {
            refuse(
              `No se pudo cancelar el turno de ${a.patient} del ${displayDate(a.date)} a las ${a.time}: ${cancelled.message} No se guardó ningún cambio.`,
            );
          }
        }
      }

      await writeAudit(tx, { kind: 'staff', staffId: actor.staffId, label: actor.label }, {
        action: change.action,
        entity: change.entity,
        entityId: String(applied.entityId),
        before: applied.before ?? null,
        after: { change: applied.after ?? null, affectedAppointmentIds: ids, decision },
        ip: actor.ip,
      });
      return { ok: true as const, status: 'saved' as const, id: applied.entityId, affected, decision };
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}
