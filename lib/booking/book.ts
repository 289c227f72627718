import { and, count, eq, getTableColumns, gt, gte, lt, sql, type SQL } from 'drizzle-orm';
import { fromZonedTime } from 'date-fns-tz';
import { rowsOf, type Db, type Tx } from '@/db/client';
import { appointments, auditLog, centerSettings, insurers, messages, professionals, webAccounts, type Appointment, type CenterSettings } from '@/db/schema';
import { bookingAgendaLocks } from '@/lib/agenda/lock';
import { auditValues, type Actor } from '@/lib/audit/log';
import { liveAppointment, localToday, professionalConditions, readAgenda, readRules, weeksFrom } from '@/lib/availability/queries';
import { addDaysToDate, findOfferedSlot } from '@/lib/availability/slots';
import { emailRow, type EmailDraft } from '@/lib/messaging/outbox';
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

/** Hook for work that must commit with the booking, run inside its transaction. */
export type AfterBooking = (tx: Tx, booked: BookingSuccess & { request: BookingRequest }) => Promise<void>;

/** What a booking will be, known before its transaction opens: enough to render its confirmation. */
export interface PlannedBooking {
  appointmentId: number;
  startsAt: Date;
  endsAt: Date;
  /** What the turno will carry: the request's, else the agenda rule's. */
  specialtyId: number | null;
  studyId: number | null;
  settings: CenterSettings;
}

export interface BookingOptions {
  /**
   * The confirmation to write to the outbox in the booking's own statement. Called before the
   * transaction opens (rendering a template takes milliseconds no lock should wait for); if the
   * booking is refused or rolls back, the message is never written. Null: nothing to send.
   */
  confirmation?: (planned: PlannedBooking) => Promise<EmailDraft | null>;
  /** Other work that must commit with the booking, inside its transaction. */
  afterBooking?: AfterBooking;
  /** Called as each step ends (the benchmark's per-phase breakdown, docs/performance.md). */
  trace?: (step: BookingStep) => void;
}

export type BookingStep = 'plan' | 'render' | 'begin' | 'locks' | 'reads' | 'checks' | 'write' | 'commit';

// Advisory lock classes: serialise one patient's bookings, and one IP's, so limits cannot be overshot.
const LOCK_PATIENT = 71;
const LOCK_IP = 72;
const MAX_ATTEMPTS = 3;

/** A sobreturno outside every slot of the agenda lasts this long. */
const OVERBOOK_MINUTES = 15;
const isOverbook = (req: BookingRequest) => req.source === 'staff' && req.overbook === true;

/** The agenda changed between the plan and the transaction: plan again. */
class StalePlan extends Error {}

/**
 * Books a turno. Everything the browser sent is re-checked here: the slot is generated again from
 * the agenda and must be offered and free; the professional, specialty/study and insurer must be
 * enabled and belong together; the manual's three limits hold under concurrency (checked after
 * taking the patient's and the IP's advisory locks). The database's exclusion constraint is the
 * last word on double booking.
 *
 * Round trips, in order: the plan (settings and a new id, plus the day's agenda when a
 * confirmation is rendered; in parallel, outside the transaction), BEGIN, the locks, every read
 * the checks need (two statements, pipelined), one statement writing the turno, its audit row and its outbox row,
 * COMMIT. docs/performance.md has the measured cost of each.
 */
export async function bookAppointment(db: Db, request: BookingRequest, options: BookingOptions = {}): Promise<BookingResult> {
  for (let attempt = 1; ; attempt++) {
    const trace = options.trace ?? (() => {});
    const plan = await planBooking(db, request, !!options.confirmation);
    trace('plan');
    const mail = options.confirmation && plan.slot ? await options.confirmation({ ...plan, ...plan.slot, startsAt: request.startsAt }) : null;
    trace('render');
    try {
      const booked = await db.transaction(async (tx) => {
        trace('begin');
        const result = await bookInTransaction(tx, request, plan, mail, trace);
        if (!result.ok) throw new RollbackWith(result);
        if (options.afterBooking) await options.afterBooking(tx, { ...result, request });
        return result;
      });
      trace('commit');
      return booked;
    } catch (err) {
      if (err instanceof RollbackWith) return err.result as BookingFailure;
      if (isOverlapViolation(err)) return fail('slot_taken', SLOT_TAKEN_MESSAGE);
      if ((err instanceof StalePlan || isRetryableConflict(err)) && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
  }
}

interface BookingPlan {
  settings: CenterSettings;
  appointmentId: number;
  /** When the confirmation is rendered ahead: the slot as the agenda offers it now. */
  slot?: Pick<PlannedBooking, 'endsAt' | 'specialtyId' | 'studyId'>;
}

/**
 * Outside the transaction, in one parallel round: the settings (read-committed, no lock guards
 * them, so this is what a read inside would see), the turno's id, and, for the confirmation, the
 * slot's end as the agenda says now. The transaction re-checks everything under its locks.
 */
async function planBooking(db: Db, req: BookingRequest, withSlot: boolean): Promise<BookingPlan> {
  const settingsAndId = db
    .select({ ...getTableColumns(centerSettings), nextId: sql<string>`nextval('appointments_id_seq')` })
    .from(centerSettings)
    .where(eq(centerSettings.id, 1));
  // A local date is within a day of the UTC one, whatever the zone: read around it, before the zone is known.
  const utcDate = req.startsAt.toISOString().slice(0, 10);
  const around = { fromDate: addDaysToDate(utcDate, -1), toDate: addDaysToDate(utcDate, 1) };
  const [[row], rules] = await Promise.all([settingsAndId, withSlot ? readRules(db, [req.professionalId], around, req.source === 'web') : undefined]);
  if (!row) throw new Error('center_settings is empty: the database was not seeded');
  const { nextId, ...settings } = row;
  const plan: BookingPlan = { settings, appointmentId: Number(nextId) };
  if (rules) {
    // Only the slot's end matters here (closures and turnos remove slots, never move them).
    const date = localToday(req.startsAt, settings.timeZone);
    const pro = { id: req.professionalId, name: '', generalMessage: '', bookingMessage: '', maxDaysAhead: 100_000 };
    const ctx = { timeZone: settings.timeZone, now: new Date(0), notBefore: new Date(0), web: false };
    const [week] = weeksFrom([pro], { rules, closed: [], busy: [] }, { fromDate: date, toDate: date, specialtyId: req.specialtyId, studyId: req.studyId }, ctx);
    const slot = findOfferedSlot(week.slots, req.professionalId, req.startsAt);
    if (slot) plan.slot = { endsAt: slot.endsAt, specialtyId: req.specialtyId ?? slot.specialtyId, studyId: req.studyId ?? slot.studyId };
    else if (isOverbook(req)) plan.slot = { endsAt: new Date(req.startsAt.getTime() + OVERBOOK_MINUTES * 60_000), specialtyId: req.specialtyId ?? null, studyId: req.studyId ?? null };
  }
  return plan;
}

async function bookInTransaction(
  tx: Tx,
  req: BookingRequest,
  plan: BookingPlan,
  mail: EmailDraft | null,
  trace: (step: BookingStep) => void,
): Promise<BookingResult> {
  const { settings } = plan;
  const web = req.source === 'web';
  const now = req.now ?? new Date();
  const tz = settings.timeZone;
  // One statement for every lock, in a fixed order (patient, IP, agenda). The agenda keys come
  // before reading the agenda: an agenda change that would strand turnos waits for this booking,
  // or this booking waits for it and checks the new agenda (lib/agenda/lock.ts).
  const ipLock = web && req.ip ? sql`pg_advisory_xact_lock(${LOCK_IP}, hashtext(${req.ip})), ` : sql``;
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_PATIENT}, ${req.patientId}), ${ipLock}${bookingAgendaLocks(req.professionalId)}`);
  trace('locks');

  // A move frees the old slot first, so a move to an adjacent or overlapping slot is possible; a
  // refusal below rolls it back.
  let previous: typeof appointments.$inferSelect | undefined;
  if (req.rescheduleFromId !== undefined) {
    [previous] = await tx
      .update(appointments)
      .set({ status: 'cancelled', cancelledAt: now, cancelOrigin: web ? 'web' : 'staff', cancelledByStaffId: req.staffId ?? null, updatedAt: now })
      .where(and(eq(appointments.id, req.rescheduleFromId), eq(appointments.patientId, req.patientId), eq(appointments.status, 'reserved'), liveAppointment))
      .returning();
  }

  // Every read the checks need, pipelined after the locks (each statement sees what committed before it).
  const date = localToday(req.startsAt, tz);
  const [checks, agenda] = await Promise.all([
    readChecks(tx, req, now, date, tz),
    readAgenda(tx, [req.professionalId], { fromDate: date, toDate: date }, { timeZone: tz, web }),
  ]);
  trace('reads');

  if (web) {
    if (!settings.webEnabled) return fail('web_disabled', 'En este momento no se pueden tomar turnos por internet.');
    if (!checks.accountActive) {
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

  if (req.rescheduleFromId !== undefined) {
    if (!previous || previous.startsAt <= now) return fail('not_found', 'No encontramos ese turno para cambiarlo.');
    if (web && previous.startsAt.getTime() - now.getTime() < settings.cancelCutoffHours * 3_600_000) {
      return fail('cancel_cutoff', `Los turnos solo se pueden cambiar hasta ${settings.cancelCutoffHours} horas antes.`);
    }
  }

  const notBefore = web ? new Date(now.getTime() + settings.minBookingNoticeHours * 3_600_000) : now;
  const range = { fromDate: date, toDate: date, specialtyId: req.specialtyId, studyId: req.studyId };
  // The slot, generated again from the agenda exactly as the grid did, if the professional may be booked here.
  const pros = checks.maxDaysAhead === null ? [] : [{ id: req.professionalId, name: '', generalMessage: '', bookingMessage: '', maxDaysAhead: checks.maxDaysAhead }];
  const [week] = weeksFrom(pros, agenda, range, { timeZone: tz, now, notBefore, web });
  const slot = week ? findOfferedSlot(week.slots, req.professionalId, req.startsAt) : undefined;
  const overbook = isOverbook(req);
  if (!slot) {
    if (!overbook) return fail('slot_unavailable', 'Ese horario no está disponible para turnos. Elija otro de la agenda.');
  } else if (!slot.free && !overbook) {
    return fail('slot_taken', SLOT_TAKEN_MESSAGE);
  }
  const slotMinutes = slot ? (slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000 : OVERBOOK_MINUTES;
  const endsAt = new Date(req.startsAt.getTime() + slotMinutes * 60_000);

  if (req.insurerId) {
    if (!checks.insurerEnabled) {
      return fail('insurer_invalid', 'Elija una obra social habilitada para turnos web.');
    }
  } else if (web) {
    return fail('insurer_invalid', 'Elija su obra social (o PARTICULAR).');
  }

  if (web) {
    const refusal = limitRefusal(checks, settings);
    if (refusal) return refusal;
  }

  // The confirmation was rendered with the slot as the plan saw it: if the agenda changed since, plan again.
  const rendered = plan.slot;
  if (mail && (endsAt.getTime() !== rendered?.endsAt.getTime() || (req.specialtyId ?? slot?.specialtyId ?? null) !== rendered.specialtyId || (req.studyId ?? slot?.studyId ?? null) !== rendered.studyId)) {
    throw new StalePlan();
  }

  const row: Appointment = {
    id: plan.appointmentId,
    professionalId: req.professionalId,
    specialtyId: req.specialtyId ?? slot?.specialtyId ?? null,
    studyId: req.studyId ?? slot?.studyId ?? null,
    patientId: req.patientId,
    insurerId: req.insurerId ?? null,
    startsAt: req.startsAt,
    endsAt,
    status: 'reserved',
    source: req.source,
    reason: (req.reason ?? '').trim(),
    overbooked: overbook && !!slot && !slot.free,
    createdAt: now,
    createdByStaffId: req.staffId ?? null,
    createdIp: req.ip ?? '',
    updatedAt: now,
    cancelledAt: null,
    cancelledByStaffId: null,
    cancelOrigin: null,
    rescheduledFromId: previous?.id ?? null,
    deletedAt: null,
    deletedByStaffId: null,
  };
  const actor: Actor = web ? { kind: 'patient', patientId: req.patientId } : { kind: 'staff', staffId: req.staffId! };
  const audit = auditValues(actor, {
    action: previous ? 'appointment.reschedule' : 'appointment.book',
    entity: 'appointment',
    entityId: String(row.id),
    before: previous ? { id: previous.id, startsAt: previous.startsAt, professionalId: previous.professionalId } : null,
    after: row,
    ip: req.ip,
  });
  trace('checks');
  // One statement: the turno, its audit row and its confirmation commit (or fail) together.
  const writes = [sql`with booked as (${tx.insert(appointments).values(row).getSQL()})`];
  if (mail) writes.push(sql`, confirmation as (${tx.insert(messages).values(emailRow({ ...mail, appointmentId: row.id })).getSQL()})`);
  writes.push(sql` ${tx.insert(auditLog).values(audit).getSQL()}`);
  await tx.execute(sql.join(writes));
  trace('write');
  return { ok: true, appointmentId: row.id, startsAt: row.startsAt, endsAt: row.endsAt };
}

interface BookingChecks {
  /** The professional's booking window, null when listProfessionalsFor() would not offer them for this request. */
  maxDaysAhead: number | null;
  accountActive: boolean;
  insurerEnabled: boolean;
  /** The manual's three limits: this patient's turnos with this professional that day, ... */
  sameDay: number;
  /** ... this patient's future turnos, and the future web turnos booked from this IP. */
  future: number;
  fromIp: number;
}

/**
 * The professional, the account, the insurer and the three limit counts in one statement (after
 * the locks, so no limit can be overshot). Staff bookings skip what only the web checks.
 */
async function readChecks(tx: Tx, req: BookingRequest, now: Date, date: string, tz: string): Promise<BookingChecks> {
  const web = req.source === 'web';
  const dayStart = fromZonedTime(`${date}T00:00:00`, tz);
  const dayEnd = fromZonedTime(`${addDaysToDate(date, 1)}T00:00:00`, tz);
  const scalar = (q: { getSQL(): SQL }) => sql`(${q.getSQL()})`;
  const counted = (where: SQL | undefined) => scalar(tx.select({ n: count() }).from(appointments).where(and(liveAppointment, where)));
  const none = sql`null`;
  const professional = { professionalIds: [req.professionalId], specialtyId: req.specialtyId ?? undefined, studyId: req.studyId ?? undefined };
  const columns = {
    maxDaysAhead: scalar(tx.select({ days: professionals.maxDaysAhead }).from(professionals).where(professionalConditions(tx, professional, web))),
    accountActive: web
      ? scalar(tx.select({ ok: sql`not ${webAccounts.disabled} and ${webAccounts.activatedAt} is not null` }).from(webAccounts).where(eq(webAccounts.patientId, req.patientId)))
      : none,
    insurerEnabled: req.insurerId
      ? scalar(tx.select({ ok: sql`${insurers.active}${web ? sql` and ${insurers.webEnabled}` : sql``}` }).from(insurers).where(eq(insurers.id, req.insurerId)))
      : none,
    sameDay: web
      ? counted(
          and(
            eq(appointments.patientId, req.patientId),
            eq(appointments.professionalId, req.professionalId),
            req.specialtyId ? eq(appointments.specialtyId, req.specialtyId) : undefined,
            gte(appointments.startsAt, dayStart),
            lt(appointments.startsAt, dayEnd),
          ),
        )
      : none,
    future: web ? counted(and(eq(appointments.patientId, req.patientId), gt(appointments.startsAt, now))) : none,
    fromIp: web && req.ip ? counted(and(eq(appointments.createdIp, req.ip), eq(appointments.source, 'web'), gt(appointments.startsAt, now))) : none,
  };
  const select = sql.join(Object.entries(columns).map(([name, value]) => sql`${value} as ${sql.identifier(name)}`), sql`, `);
  const [row] = rowsOf<Record<keyof BookingChecks, unknown>>(await tx.execute(sql`select ${select}`));
  // Booleans and counts arrive as the driver decodes them (a bigint may be a string).
  const truthy = (v: unknown) => v === true || v === 't';
  return {
    maxDaysAhead: row.maxDaysAhead === null || row.maxDaysAhead === undefined ? null : Number(row.maxDaysAhead),
    accountActive: truthy(row.accountActive),
    insurerEnabled: truthy(row.insurerEnabled),
    sameDay: Number(row.sameDay ?? 0),
    future: Number(row.future ?? 0),
    fromIp: Number(row.fromIp ?? 0),
  };
}

function limitRefusal(counts: BookingChecks, settings: CenterSettings): BookingFailure | null {
  const max = settings.maxPerDaySpecialtyProfessional;
  if (counts.sameDay >= max) {
    return fail('limit_day', max === 1
      ? 'Ya tiene un turno con este profesional ese día.'
      : `Ya tiene ${max} turnos con este profesional ese día, el máximo permitido.`);
  }
  if (counts.future >= settings.maxFuturePerPatient) {
    return fail('limit_patient', `Ya tiene ${settings.maxFuturePerPatient} turnos a futuro sin cancelar, el máximo permitido. Para tomar otro, cancele alguno en Mis Turnos.`);
  }
  if (counts.fromIp >= settings.maxFuturePerIp) {
    return fail('limit_ip', `Desde esta computadora o teléfono ya se tomaron ${settings.maxFuturePerIp} turnos a futuro, el máximo permitido. Comuníquese con el centro.`);
  }
  return null;
}
