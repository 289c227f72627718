import { and, count, eq, getTableColumns, gt, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from '@/db/client';
import { randomUUID } from 'node:crypto';
import { asDate, pipelinedTransaction, placeholder, statementFromTemplate, underSessionLocks, type BoundQuery, type PipelinedTx, type Settled, type Statement } from '@/db/pipeline';
import { appointments, auditLog, insurers, messages, patients, professionals, webAccounts, type Appointment, type CenterSettings } from '@/db/schema';
import { bookingAgendaLocks, bookingAgendaUnlocks } from '@/lib/agenda/lock';
import { auditValues, type Actor } from '@/lib/audit/log';
import { liveAppointment, localToday, professionalConditions, weeksFrom } from '@/lib/availability/queries';
import { addDaysToDate, findOfferedSlot, localMidnight, type BusyTimes, type Slot } from '@/lib/availability/slots';
import { agendaSnapshot, agendaTokenColumn, nextAppointmentId, type DayDefinition } from './agenda-snapshot';
import { RollbackWith } from '@/db/errors';
import { AWAITING_CONTENT_DUE } from '@/lib/messaging/outbox';
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
export type AfterBooking = (tx: DbOrTx, booked: BookingSuccess & { request: BookingRequest }) => Promise<void>;

/** What a booking will be, known before its transaction opens. */
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
   * Write the confirmation email to the outbox in the booking's own statement (if the patient has
   * an email): it commits with the turno or not at all. The row is written awaiting its content,
   * which the worker composes from the turno before delivering it (lib/messaging/compose-awaiting.ts):
   * rendering a template takes milliseconds, and a large row costs the booking's statement more.
   */
  confirm?: boolean;
  /** Called between the plan and its transaction (tests: a change committed behind the plan's back). */
  afterPlan?: (planned: PlannedBooking) => Promise<void>;
  /** Other work that must commit with the booking, inside its transaction. */
  afterBooking?: AfterBooking;
  /** Called as each step ends (the benchmark's per-phase breakdown, docs/performance.md). */
  trace?: (step: BookingStep) => void;
}

export type BookingStep = 'plan' | 'build' | 'reads' | 'checks' | 'write' | 'commit';

// Advisory lock classes: serialise one patient's bookings, and one IP's, so limits cannot be overshot.
const LOCK_PATIENT = 71;
const LOCK_IP = 72;
// And one slot's bookings (a professional at a start time): patients racing for a popular slot
// queue here, so the second sees the first's turno in its reads and is refused, instead of all of
// them inserting at once and waiting on each other inside the exclusion constraint (which
// PostgreSQL can only untangle by aborting some of them as deadlocked, a second at a time).
const LOCK_SLOT = 74;
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
 * Round trips, in order:
 * 1. the plan: a new id and the agenda's token (lib/booking/agenda-snapshot.ts); the settings and
 *    the professional's rules and closures for that date come from the snapshot, read again only
 *    when the token says they changed;
 * 2. the common case (a slot the agenda offers; not a sobreturno, not a move): ONE round trip on
 *    PostgreSQL. The locks, then the whole booking as one autocommitted statement (every read the
 *    checks need, with the token; the turnos overlapping the slot; and, only if the guard holds,
 *    the turno, its audit row and its outbox row), then the unlocks (db/pipeline.ts,
 *    underSessionLocks). On PGlite, and when work must join the booking (`afterBooking`), the
 *    same statements run in a transaction instead (BEGIN travels with them, COMMIT too when it can);
 * 3. a move, a sobreturno, or a request the plan already refuses (so that its refusal keeps the
 *    manual's order): BEGIN, the locks and the reads in one round, the checks here, then the write
 *    and COMMIT.
 * docs/performance.md has the measured cost of each step.
 */
export async function bookAppointment(db: Db, request: BookingRequest, options: BookingOptions = {}): Promise<BookingResult> {
  const trace = options.trace ?? (() => {});
  const appointmentId = await nextAppointmentId(db);
  const confirm = options.confirm === true;
  let stale: string | undefined;
  for (let attempt = 1; ; attempt++) {
    const plan = await planBooking(db, request, appointmentId, stale);
    trace('plan');
    if (options.afterPlan && plan.slot) await options.afterPlan({ ...plan, ...plan.slot, startsAt: request.startsAt });
    const now = request.now ?? new Date();
    try {
      const guarded = options.afterBooking ? undefined : guardedBooking(db, request, plan, confirm, now);
      const direct = guarded && (await bookUnderSessionLocks(db, request, plan, guarded, trace));
      if (direct) {
        trace('commit');
        return direct;
      }
      const booked = await pipelinedTransaction(db, async (tx) => {
        // Work to do after the write keeps the transaction open for it; otherwise the COMMIT goes with the write.
        const result = guarded
          ? await bookGuardedInTransaction(db, tx, request, plan, guarded, trace, !options.afterBooking)
          : await bookInTransaction(db, tx, request, plan, confirm, now, trace);
        if (!result.ok) throw new RollbackWith(result);
        if (options.afterBooking) await options.afterBooking(tx.drizzle(), { ...result, request });
        return result;
      });
      trace('commit');
      return booked;
    } catch (err) {
      if (err instanceof RollbackWith) return err.result as BookingFailure;
      if (isOverlapViolation(err)) return fail('slot_taken', SLOT_TAKEN_MESSAGE);
      if ((err instanceof StalePlan || isRetryableConflict(err)) && attempt < MAX_ATTEMPTS) {
        if (err instanceof StalePlan) stale = plan.token;
        continue;
      }
      throw err;
    }
  }
}

export interface BookingPlan {
  settings: CenterSettings;
  /** The snapshot's token: the transaction proves the settings and the definition current with it. */
  token: string;
  /** The professional's rules and closures on the slot's local date. */
  definition: DayDefinition;
  appointmentId: number;
  /** The slot as the agenda offers it (whoever asks, whenever): its end, and what the turno will carry. */
  slot?: Pick<PlannedBooking, 'endsAt' | 'specialtyId' | 'studyId'>;
}

/**
 * Outside the transaction, and most often without the database: the settings and the
 * professional's rules and closures for that date come from the snapshot (loaded again when a
 * transaction found it `stale`). The transaction proves it current, and re-checks everything else
 * under its locks.
 */
async function planBooking(db: Db, req: BookingRequest, appointmentId: number, stale: string | undefined): Promise<BookingPlan> {
  const snapshot = await agendaSnapshot(db, stale);
  const { settings } = snapshot;
  const date = localToday(req.startsAt, settings.timeZone);
  const definition = await snapshot.day(req.professionalId, date, req.source === 'web');
  const plan: BookingPlan = { settings, token: snapshot.token, definition, appointmentId };
  const slot = findOfferedSlot(daySlots(definition, req, date, settings.timeZone), req.professionalId, req.startsAt);
  if (slot) plan.slot = { endsAt: slot.endsAt, specialtyId: req.specialtyId ?? slot.specialtyId, studyId: req.studyId ?? slot.studyId };
  else if (isOverbook(req)) plan.slot = { endsAt: new Date(req.startsAt.getTime() + OVERBOOK_MINUTES * 60_000), specialtyId: req.specialtyId ?? null, studyId: req.studyId ?? null };
  return plan;
}

// The day's slots as the agenda offers them, per definition (which lives as long as its snapshot).
const slotsByDefinition = new WeakMap<DayDefinition, Map<string, Slot[]>>();

/**
 * Every slot of the professional's day that the definition offers to anyone at any time (only the
 * slot's end and kind matter to the plan: closures and turnos remove slots, never move them),
 * generated once per definition, specialty and study.
 */
function daySlots(definition: DayDefinition, req: BookingRequest, date: string, timeZone: string): Slot[] {
  let byKind = slotsByDefinition.get(definition);
  if (!byKind) slotsByDefinition.set(definition, (byKind = new Map()));
  const kind = `${req.professionalId}|${req.specialtyId ?? ''}|${req.studyId ?? ''}`;
  let slots = byKind.get(kind);
  if (!slots) {
    const pro = { id: req.professionalId, name: '', generalMessage: '', bookingMessage: '', maxDaysAhead: 100_000 };
    const ctx = { timeZone, now: new Date(0), notBefore: new Date(0), web: false };
    [{ slots }] = weeksFrom([pro], { ...definition, busy: [] }, { fromDate: date, toDate: date, specialtyId: req.specialtyId, studyId: req.studyId }, ctx);
    byKind.set(kind, slots);
  }
  return slots;
}

/** The turno a booking writes. */
function appointmentRow(req: BookingRequest, id: number, endsAt: Date, kind: Pick<Appointment, 'specialtyId' | 'studyId' | 'overbooked' | 'rescheduledFromId'>, now: Date): Appointment {
  return {
    id,
    professionalId: req.professionalId,
    patientId: req.patientId,
    insurerId: req.insurerId ?? null,
    startsAt: req.startsAt,
    endsAt,
    status: 'reserved',
    source: req.source,
    reason: (req.reason ?? '').trim(),
    createdAt: now,
    createdByStaffId: req.staffId ?? null,
    createdIp: req.ip ?? '',
    updatedAt: now,
    cancelledAt: null,
    cancelledByStaffId: null,
    cancelOrigin: null,
    deletedAt: null,
    deletedByStaffId: null,
    ...kind,
  };
}

/** A statement in parts that compose (statementFromTemplate): what shapes its text, how to build it, its values. */
interface Part {
  key: string;
  build: () => SQL;
  values: Record<string, unknown>;
}
const bind = (part: Part): BoundQuery => statementFromTemplate(part.key, part.build, part.values);

/**
 * Values as placeholders for a template: each non-null value becomes `prefix + key`, nulls stay
 * literal (a placeholder would turn a JSON null into the JSON text 'null'). The shape (which keys,
 * which null) goes into the template's key.
 */
function bound<T extends Record<string, unknown>>(prefix: string, row: T, values: Record<string, unknown>): { columns: T; shape: string } {
  const columns: Record<string, unknown> = {};
  const shape: string[] = [];
  for (const [key, value] of Object.entries(row)) {
    if (value === undefined) continue;
    if (value === null) {
      columns[key] = null;
      shape.push(`${key}=null`);
    } else {
      columns[key] = placeholder(prefix + key);
      values[prefix + key] = value;
      shape.push(key);
    }
  }
  return { columns: columns as T, shape: shape.join(',') };
}

const castTypes: Record<string, string> = { serial: 'integer', bigserial: 'bigint', smallserial: 'smallint' };

/**
 * `insert into <table> (…) select <values> from <from>`: as many rows as `from` yields (here none
 * or one). Each value is cast to its column's type (a parameter in a select list has none) and
 * encoded by its column, as Drizzle's own insert does.
 */
function insertSelect(table: PgTable, columns: Record<string, unknown>, from: SQL): SQL {
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const entries = Object.entries(columns);
  const names = sql.join(entries.map(([key]) => sql.identifier(all[key].name)), sql`, `);
  const values = sql.join(
    entries.map(([key, value]) => {
      const type = sql.raw(castTypes[all[key].getSQLType()] ?? all[key].getSQLType());
      return value === null ? sql`null::${type}` : sql`${sql.param(value as never, all[key])}::${type}`;
    }),
    sql`, `,
  );
  return sql`insert into ${table} (${names}) select ${values} from ${from}`;
}

/** What a booking writes besides the turno: its audit row and, when asked, its confirmation. */
function writtenRows(req: BookingRequest, row: Appointment, confirm: boolean, previous: PreviousTurno | undefined) {
  const web = req.source === 'web';
  const actor: Actor = web ? { kind: 'patient', patientId: req.patientId } : { kind: 'staff', staffId: req.staffId! };
  const audit = auditValues(actor, {
    action: previous ? 'appointment.reschedule' : 'appointment.book',
    entity: 'appointment',
    entityId: String(row.id),
    before: previous ? { id: previous.id, startsAt: previous.startsAt, professionalId: previous.professionalId } : null,
    after: row,
    ip: req.ip,
  });
  const values: Record<string, unknown> = {};
  const turno = bound('a_', row, values);
  const audited = bound('l_', audit, values);
  if (confirm) Object.assign(values, { c_patient: req.patientId, c_staff: req.staffId ?? null });
  return { turno, confirm, audited, values, shape: `${turno.shape}|${confirm ? 'mail' : 'no mail'}|${audited.shape}` };
}

/**
 * The confirmation's outbox row, as a data-modifying CTE over `booked` (the turno's insert,
 * returning its id): addressed to the patient's email as it is now, written awaiting its content
 * (the worker composes it; not due until then: AWAITING_CONTENT_DUE), and not written at all for a
 * patient without email.
 */
function confirmationWrite(): SQL {
  const p = placeholder;
  const due = sql.raw(`'${AWAITING_CONTENT_DUE.toISOString()}'::timestamptz`);
  return sql`, confirmation as (insert into ${messages} (channel, kind, patient_id, appointment_id, created_by_staff_id, recipient, body_text, awaiting_content, next_attempt_at)
    select 'email', 'booking_confirmation', ${patients.id}, booked.id, ${p('c_staff')}::integer, ${patients.email}, '', true, ${due}
    from booked join ${patients} on ${patients.id} = ${p('c_patient')}::integer where coalesce(${patients.email}, '') <> '')`;
}

/** One statement: the turno, its audit row and its confirmation commit (or fail) together. */
function writeStatement(builder: Db, req: BookingRequest, row: Appointment, confirm: boolean, previous: PreviousTurno | undefined): BoundQuery {
  const { turno, audited, values, shape } = writtenRows(req, row, confirm, previous);
  return statementFromTemplate(`booking.write|${shape}`, () => {
    const writes = [sql`with booked as (${builder.insert(appointments).values(turno.columns).getSQL()} returning ${appointments.id})`];
    if (confirm) writes.push(confirmationWrite());
    writes.push(sql` ${builder.insert(auditLog).values(audited.columns).getSQL()}`);
    return sql.join(writes);
  }, values);
}

/**
 * The rules the database decides, as one SQL condition over the checks' row (`checks`, see
 * checksPart) and the count of turnos overlapping the slot (`busy.n`): the professional may be
 * booked that day, the account is active, the insurer enabled, the three limits not reached, the
 * slot free, and the agenda token the plan's. checkBooking() applies the same rules to the same
 * values (that is where the refusal's words come from); tests/integration/booking-guard.test.ts
 * proves the two agree on every combination. Everything else checkBooking() asks depends only on
 * the request, the settings and the agenda definition, and is checked before this runs.
 */
export function guardCondition(req: BookingRequest, values: Record<string, unknown>, guard: { token: string; date: string; today: string; settings: CenterSettings }): SQL {
  const web = req.source === 'web';
  Object.assign(values, {
    g_token: guard.token,
    g_date: guard.date,
    g_today: guard.today,
    g_max_day: guard.settings.maxPerDaySpecialtyProfessional,
    g_max_future: guard.settings.maxFuturePerPatient,
    g_max_ip: guard.settings.maxFuturePerIp,
  });
  const p = placeholder;
  const terms = [
    sql`checks."agendaToken" = ${p('g_token')}::text`,
    sql`checks."maxDaysAhead" is not null`,
    sql`busy.n = 0`,
  ];
  if (web) {
    terms.push(
      sql`${p('g_date')}::date <= ${p('g_today')}::date + checks."maxDaysAhead"`,
      sql`coalesce(checks."accountActive", false)`,
      sql`coalesce(checks."sameDay", 0) < ${p('g_max_day')}::int`,
      sql`coalesce(checks."future", 0) < ${p('g_max_future')}::int`,
      sql`coalesce(checks."fromIp", 0) < ${p('g_max_ip')}::int`,
    );
  }
  if (req.insurerId) terms.push(sql`coalesce(checks."insurerEnabled", false)`);
  return sql.join(terms, sql` and `);
}

/** Session variable the session-locks transport proves its locks with (db/pipeline.ts, underSessionLocks). */
const LOCKED_SETTING = 'turnos.locked';

/**
 * The whole booking in one statement, for the common case (a web or phone booking of a slot the
 * agenda offers): the checks' reads, the overlapping turnos, and the turno with its confirmation
 * and audit row written only if guardCondition() holds (and, without a transaction, only if this
 * booking's locks are held: `proof`). It answers the checks' row, the overlap count and whether
 * it wrote.
 */
function bookingStatement(builder: Db, req: BookingRequest, plan: BookingPlan, g: GuardedBooking, proof: string | undefined): BoundQuery {
  const { turno, audited, values, shape } = writtenRows(req, g.row, g.confirm, undefined);
  Object.assign(values, g.checks.values, g.busy.values);
  const today = localToday(g.now, plan.settings.timeZone);
  const guard = guardCondition(req, values, { token: plan.token, date: g.date, today, settings: plan.settings });
  if (proof) values.g_proof = proof;
  const key = `booking.guarded|${g.checks.key}|${g.busy.key}|${!!req.insurerId}|${shape}|${proof ? 'proof' : 'tx'}`;
  return statementFromTemplate(key, () => {
    const locked = proof ? sql` and current_setting(${LOCKED_SETTING}, true) = ${placeholder('g_proof')}::text` : sql``;
    const parts = [
      sql`with checks as (${g.checks.build()}), busy as (select count(*)::int as n from ${appointments} where ${g.busy.build()})`,
      sql`, booked as (${insertSelect(appointments, turno.columns, sql`checks, busy where ${guard}${locked}`)} returning ${appointments.id})`,
    ];
    if (g.confirm) parts.push(confirmationWrite());
    parts.push(sql`, audited as (${insertSelect(auditLog, audited.columns, sql`booked`)})`);
    parts.push(sql` select checks.*, busy.n as "busyCount", (select count(*)::int from booked) as "inserted" from checks, busy`);
    return sql.join(parts);
  }, values);
}

interface PreviousTurno {
  id: number;
  startsAt: Date;
  professionalId: number;
}

/** The answer of one pipelined statement, or its error thrown (the transaction is aborted anyway). */
function rowsOrThrow(answer: Settled | undefined): Array<Record<string, unknown>> {
  if (!answer) return [];
  if (!answer.ok) throw answer.error;
  return answer.rows;
}

/** A booking's checks as they would be if the database had nothing against it. */
const unopposed = (token: string): BookingChecks => ({ agendaToken: token, maxDaysAhead: 100_000, accountActive: true, insurerEnabled: true, sameDay: 0, future: 0, fromIp: 0 });

/**
 * Every lock a booking takes, in a fixed order (patient, IP, agenda, slot), as one statement. The
 * agenda keys come before the token is compared: an agenda change that would strand turnos waits
 * for this booking, or this booking waits for it and sees its new token (lib/agenda/lock.ts).
 *
 * In a transaction ('xact') the same statement sets plan_cache_mode for the rest of it: the same
 * few statement shapes run on every booking, so they are planned once per connection, not on each
 * run (PostgreSQL plans a prepared statement afresh for its first five runs by default). Held by
 * the session ('session', underSessionLocks), it ends by setting the session's `proof` once every
 * lock is granted, and changes nothing else on the session: the pooled connection serves others
 * next (forcing the generic plan there measured no faster, docs/performance.md).
 */
function lockStatement(req: BookingRequest, scope: 'xact' | 'session', proof?: string): BoundQuery {
  const { withIp, values } = lockKeys(req);
  return statementFromTemplate(`booking.locks|${scope}|${withIp}`, () => {
    const p = placeholder;
    const fn = (name: string) => sql.raw(scope === 'xact' ? `pg_advisory_xact_${name}` : `pg_advisory_${name}`);
    const locks = sql`${fn('lock')}(${LOCK_PATIENT}, ${p('patient')}), ${withIp ? sql`${fn('lock')}(${LOCK_IP}, hashtext(${p('ip')})), ` : sql``}${bookingAgendaLocks(p('professional'), scope)}, ${fn('lock')}(${LOCK_SLOT}, hashtext(${p('slot')}))`;
    if (scope === 'xact') return sql`select set_config('plan_cache_mode', 'force_generic_plan', true), ${locks}`;
    // The proof is set last, once every lock is granted (the subquery is evaluated first).
    return sql`select set_config(${LOCKED_SETTING}, ${p('proof')}::text, false) from (select ${locks} offset 0) locked`;
  }, { ...values, proof });
}

/** The keys a booking locks (the IP's only on the web), as the lock statements' values. */
function lockKeys(req: BookingRequest) {
  const withIp = req.source === 'web' && !!req.ip;
  return { withIp, values: { patient: req.patientId, ip: req.ip, professional: req.professionalId, slot: `${req.professionalId}@${req.startsAt.toISOString()}` } };
}

/** Releases every lock lockStatement(…, 'session') takes (one not held only warns), and clears the proof. */
function lockRelease(req: BookingRequest): BoundQuery {
  const { withIp, values } = lockKeys(req);
  return statementFromTemplate(`booking.unlocks|${withIp}`, () => {
    const p = placeholder;
    return sql`select pg_advisory_unlock(${LOCK_SLOT}, hashtext(${p('slot')})), ${bookingAgendaUnlocks(p('professional'))}, ${withIp ? sql`pg_advisory_unlock(${LOCK_IP}, hashtext(${p('ip')})), ` : sql``}pg_advisory_unlock(${LOCK_PATIENT}, ${p('patient')}), set_config(${LOCKED_SETTING}, '', false)`;
  }, values);
}

/** The common case, decided before any lock: what it will write, and what its statement reads. */
interface GuardedBooking {
  row: Appointment;
  confirm: boolean;
  now: Date;
  /** The slot's local date. */
  date: string;
  checks: Part;
  busy: Part;
}

/**
 * The common case: a slot the agenda offers (not a sobreturno, not a move) that nothing but the
 * database's answers could refuse. Its row is known before any lock, so the whole booking can be
 * one guarded statement. Undefined: the checks must run here first (bookInTransaction).
 */
function guardedBooking(builder: Db, req: BookingRequest, plan: BookingPlan, confirm: boolean, now: Date): GuardedBooking | undefined {
  const tz = plan.settings.timeZone;
  const date = localToday(req.startsAt, tz);
  if (!plan.slot || isOverbook(req) || req.rescheduleFromId !== undefined) return undefined;
  if ('code' in checkBooking(req, plan, unopposed(plan.token), { previous: undefined, busy: [], now, date })) return undefined;
  const row = appointmentRow(req, plan.appointmentId, plan.slot.endsAt, { specialtyId: plan.slot.specialtyId, studyId: plan.slot.studyId, overbooked: false, rescheduledFromId: null }, now);
  return { row, confirm, now, date, checks: checksPart(builder, req, now, date, tz), busy: busyPart(req.professionalId, { startsAt: req.startsAt, endsAt: row.endsAt }) };
}

/**
 * The guarded statement's answer: checkBooking() applied to what the database read (that is where
 * a refusal's words come from), after proving that it and the database's guard agreed on whether
 * to write. Throws StalePlan when the agenda changed since the plan (nothing was written).
 */
function guardedOutcome(req: BookingRequest, plan: BookingPlan, g: GuardedBooking, answer: Record<string, unknown> | undefined): BookingResult {
  const found = parseChecks(answer);
  const inserted = Number(answer!.inserted) === 1;
  const { row } = g;
  const taken: BusyTimes[] = Number(answer!.busyCount) > 0 ? [{ professionalId: req.professionalId, starts: [row.startsAt.getTime()], ends: [row.endsAt.getTime()] }] : [];
  const decision = found.agendaToken === plan.token ? checkBooking(req, plan, found, { previous: undefined, busy: taken, now: g.now, date: g.date }) : undefined;
  const agrees = decision === undefined || 'code' in decision ? !inserted : inserted && decision.endsAt.getTime() === row.endsAt.getTime();
  if (!agrees) throw new Error(`booking ${row.id}: the database's guard and checkBooking() disagree (written: ${inserted})`);
  if (decision === undefined) throw new StalePlan(); // nothing was written: plan again
  if ('code' in decision) return decision;
  return { ok: true, appointmentId: row.id, startsAt: row.startsAt, endsAt: row.endsAt };
}

/**
 * The common case on PostgreSQL, in one round trip and without a transaction: the locks, the
 * guarded statement (autocommitted), the unlocks. Undefined where there is no such transport (PGlite).
 */
async function bookUnderSessionLocks(db: Db, req: BookingRequest, plan: BookingPlan, g: GuardedBooking, trace: (step: BookingStep) => void): Promise<BookingResult | undefined> {
  const proof = `${g.row.id}:${randomUUID()}`;
  const statements = { locks: lockStatement(req, 'session', proof), work: bookingStatement(db, req, plan, g, proof), unlocks: lockRelease(req) };
  trace('build');
  const answers = await underSessionLocks(db, statements);
  if (!answers) return undefined;
  trace('reads');
  // Without its locks the statement wrote nothing (the proof did not match): the locks' error is the answer.
  rowsOrThrow(answers.locks);
  const [answer] = rowsOrThrow(answers.work);
  const result = guardedOutcome(req, plan, g, answer);
  trace('checks');
  return result;
}

/** The common case in a transaction: one round, COMMIT included when nothing else joins it. */
async function bookGuardedInTransaction(builder: Db, tx: PipelinedTx, req: BookingRequest, plan: BookingPlan, g: GuardedBooking, trace: (step: BookingStep) => void, commitWithWrite: boolean): Promise<BookingResult> {
  const statements = [lockStatement(req, 'xact'), bookingStatement(builder, req, plan, g, undefined)];
  trace('build');
  const answers = await tx.run(statements, { commit: commitWithWrite });
  trace('reads');
  rowsOrThrow(answers[0]);
  const [answer] = rowsOrThrow(answers[1]);
  const result = guardedOutcome(req, plan, g, answer);
  trace('checks');
  return result;
}

/** A move, a sobreturno, or a request the plan refuses: the checks run here, between the reads and the write. */
async function bookInTransaction(
  /** Builds the statements (Drizzle's builders); nothing runs on it. */
  builder: Db,
  tx: PipelinedTx,
  req: BookingRequest,
  plan: BookingPlan,
  confirm: boolean,
  now: Date,
  trace: (step: BookingStep) => void,
): Promise<BookingResult> {
  const web = req.source === 'web';
  const tz = plan.settings.timeZone;
  const date = localToday(req.startsAt, tz);
  const overbook = isOverbook(req);
  const moving = req.rescheduleFromId !== undefined;
  const statements: Statement[] = [lockStatement(req, 'xact')];
  // A move frees the old slot first, so a move to an adjacent or overlapping slot is possible; a
  // refusal below rolls it back.
  if (moving) {
    statements.push(sql`update ${appointments}
      set status = 'cancelled', cancelled_at = ${now}, cancel_origin = ${web ? 'web' : 'staff'}, cancelled_by_staff_id = ${req.staffId ?? null}, updated_at = ${now}
      where ${and(eq(appointments.id, req.rescheduleFromId!), eq(appointments.patientId, req.patientId), eq(appointments.status, 'reserved'), liveAppointment)}
      returning id, starts_at as "startsAt", professional_id as "professionalId"`);
  }
  // Every check's read in one statement, after the locks (so no limit can be overshot).
  const window = { startsAt: req.startsAt, endsAt: plan.slot?.endsAt ?? new Date(req.startsAt.getTime() + OVERBOOK_MINUTES * 60_000) };
  const busy = busyPart(req.professionalId, window);
  statements.push(bind(checksPart(builder, req, now, date, tz)));
  statements.push(bind({ ...busy, key: `${busy.key}|rows`, build: () => sql`select professional_id as "professionalId", starts_at as "startsAt", ends_at as "endsAt" from ${appointments} where ${busy.build()}` }));
  trace('build');
  const answers = await tx.run(statements);
  trace('reads');
  let next = 1; // the locks
  answers.slice(0, next).forEach(rowsOrThrow);
  const moved = moving ? rowsOrThrow(answers[next++])[0] : undefined;
  const previous: PreviousTurno | undefined = moved && { id: Number(moved.id), startsAt: asDate(moved.startsAt), professionalId: Number(moved.professionalId) };
  const found = parseChecks(rowsOrThrow(answers[next++])[0]);
  const rows = rowsOrThrow(answers[next++]);
  const overlapping: BusyTimes[] = [{ professionalId: req.professionalId, starts: rows.map((b) => asDate(b.startsAt).getTime()), ends: rows.map((b) => asDate(b.endsAt).getTime()) }];
  // The settings and the definition are what the database holds now, or the plan is redone.
  if (found.agendaToken !== plan.token) throw new StalePlan();

  const decision = checkBooking(req, plan, found, { previous, busy: overlapping, now, date });
  if ('code' in decision) return decision;
  const { slot, endsAt } = decision;
  const row = appointmentRow(req, plan.appointmentId, endsAt, {
    specialtyId: req.specialtyId ?? slot?.specialtyId ?? null,
    studyId: req.studyId ?? slot?.studyId ?? null,
    overbooked: overbook && !!slot && !slot.free,
    rescheduledFromId: previous?.id ?? null,
  }, now);
  trace('checks');
  rowsOrThrow((await tx.run([writeStatement(builder, req, row, confirm, previous)]))[0]);
  trace('write');
  return { ok: true, appointmentId: row.id, startsAt: row.startsAt, endsAt: row.endsAt };
}

/**
 * Every rule of the manual, in the order a patient should hear about them: the slot (offered by
 * the agenda, free) and its end, or the refusal.
 */
export function checkBooking(
  req: BookingRequest,
  plan: BookingPlan,
  checks: BookingChecks,
  ctx: { previous: PreviousTurno | undefined; busy: BusyTimes[]; now: Date; date: string },
): BookingFailure | { slot: Slot | undefined; endsAt: Date } {
  const { settings } = plan;
  const { previous, now, date } = ctx;
  const web = req.source === 'web';
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
  const [week] = weeksFrom(pros, { ...plan.definition, busy: ctx.busy }, range, { timeZone: settings.timeZone, now, notBefore, web });
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
  return { slot, endsAt };
}

export interface BookingChecks {
  /** The agenda's token now (lib/booking/agenda-snapshot.ts). */
  agendaToken: string;
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
 * The agenda's token, the professional, the account, the insurer and the three limit counts in
 * one statement (after the locks). Staff bookings skip what only the web checks.
 */
function checksPart(builder: Db, req: BookingRequest, now: Date, date: string, tz: string): Part {
  const web = req.source === 'web';
  const has = { ip: web && !!req.ip, insurer: !!req.insurerId, specialty: req.specialtyId != null, study: req.studyId != null };
  const values = {
    patient: req.patientId,
    professional: req.professionalId,
    specialty: req.specialtyId,
    study: req.studyId,
    insurer: req.insurerId,
    ip: req.ip,
    now,
    dayStart: localMidnight(date, tz),
    dayEnd: localMidnight(addDaysToDate(date, 1), tz),
  };
  const key = `booking.checks|${web}|${has.ip}|${has.insurer}|${has.specialty}|${has.study}`;
  const build = () => {
    const p = placeholder;
    const scalar = (q: { getSQL(): SQL }) => sql`(${q.getSQL()})`;
    const counted = (where: SQL | undefined) => scalar(builder.select({ n: count() }).from(appointments).where(and(liveAppointment, where)));
    const none = sql`null`;
    const professional = { professionalIds: [p('professional')], specialtyId: has.specialty ? p('specialty') : undefined, studyId: has.study ? p('study') : undefined };
    const columns = {
      agendaToken: agendaTokenColumn,
      maxDaysAhead: scalar(builder.select({ days: professionals.maxDaysAhead }).from(professionals).where(professionalConditions(builder, professional, web))),
      accountActive: web
        ? scalar(builder.select({ ok: sql`not ${webAccounts.disabled} and ${webAccounts.activatedAt} is not null` }).from(webAccounts).where(eq(webAccounts.patientId, p('patient'))))
        : none,
      insurerEnabled: has.insurer
        ? scalar(builder.select({ ok: sql`${insurers.active}${web ? sql` and ${insurers.webEnabled}` : sql``}` }).from(insurers).where(eq(insurers.id, p('insurer'))))
        : none,
      sameDay: web
        ? counted(
            and(
              eq(appointments.patientId, p('patient')),
              eq(appointments.professionalId, p('professional')),
              has.specialty ? eq(appointments.specialtyId, p('specialty')) : undefined,
              gte(appointments.startsAt, p('dayStart')),
              lt(appointments.startsAt, p('dayEnd')),
            ),
          )
        : none,
      future: web ? counted(and(eq(appointments.patientId, p('patient')), gt(appointments.startsAt, p('now')))) : none,
      fromIp: has.ip ? counted(and(eq(appointments.createdIp, p('ip')), eq(appointments.source, 'web'), gt(appointments.startsAt, p('now')))) : none,
    };
    const select = sql.join(Object.entries(columns).map(([name, value]) => sql`${value} as ${sql.identifier(name)}`), sql`, `);
    return sql`select ${select}`;
  };
  return { key, build, values };
}

function parseChecks(row: Record<string, unknown> | undefined): BookingChecks {
  if (!row) throw new Error('the booking checks returned no row');
  // Booleans and counts arrive as the driver decodes them (a bigint may be a string).
  const truthy = (v: unknown) => v === true || v === 't';
  return {
    agendaToken: String(row.agendaToken),
    maxDaysAhead: row.maxDaysAhead === null || row.maxDaysAhead === undefined ? null : Number(row.maxDaysAhead),
    accountActive: truthy(row.accountActive),
    insurerEnabled: truthy(row.insurerEnabled),
    sameDay: Number(row.sameDay ?? 0),
    future: Number(row.future ?? 0),
    fromIp: Number(row.fromIp ?? 0),
  };
}

/**
 * Which live turnos of the professional overlap the window (sobreturnos included: they take a
 * slot too), as a condition on `appointments`, through appointments_professional_idx. A turno
 * lasts at most a day.
 */
function busyPart(professionalId: number, window: { startsAt: Date; endsAt: Date }): Part {
  const values = { b_professional: professionalId, b_from: new Date(window.startsAt.getTime() - 86_400_000), b_until: window.endsAt, b_after: window.startsAt };
  const build = () =>
    and(
      liveAppointment,
      eq(appointments.professionalId, placeholder('b_professional')),
      gte(appointments.startsAt, placeholder('b_from')),
      lt(appointments.startsAt, placeholder('b_until')),
      gt(appointments.endsAt, placeholder('b_after')),
    )!;
  return { key: 'booking.busy', build, values };
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
