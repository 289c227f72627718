import { and, eq, gt, gte, isNull, lt, lte, ne, or } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { professionalSpecialties, professionalStudies, professionals, schedules, type Schedule } from '@/db/schema';
import { addDaysToDate } from '@/lib/availability/slots';
import { CHECK_FIELDS, validate } from '@/lib/catalog/mutation';
import { refuse, runAgendaChange, type AgendaActor, type AgendaClock, type AgendaResult, type NotifyCancelled } from './change';
import { endRuleSchema, ruleIdSchema, ruleSchema, type Resolution, type RuleValues } from './schemas';
import { displayDate, shortTime, validityLabel, WEEKDAY_NAMES } from './weekdays';

/**
 * A professional's weekly rules: create, change from a date on, end, delete. The past is never
 * rewritten: a change from a date ends the old rule the day before and starts a new one, so the
 * turnos already given stay explained by the rule they were given under.
 */

type Options = { now?: Date; notify?: NotifyCancelled };

const GONE = 'Ese horario ya no existe. Actualice la página.';
const PAST = (today: string) => `No puede empezar antes de hoy (${displayDate(today)}): el pasado de la agenda no se modifica.`;

async function lockRule(tx: Tx, id: number): Promise<Schedule> {
  const [row] = await tx.select().from(schedules).where(eq(schedules.id, id)).for('update');
  if (!row) refuse(GONE);
  return row;
}

async function ruleOwner(db: Db, id: number): Promise<number | null> {
  const [row] = await db.select({ professionalId: schedules.professionalId }).from(schedules).where(eq(schedules.id, id));
  return row?.professionalId ?? null;
}

/** The professional exists and attends the rule's specialty / performs its study. */
async function checkRuleTargets(tx: Tx, v: RuleValues): Promise<void> {
  const [pro] = await tx.select({ id: professionals.id }).from(professionals).where(eq(professionals.id, v.professionalId));
  if (!pro) refuse('El profesional ya no existe. Actualice la página.');
  if (v.specialtyId !== null) {
    const [link] = await tx
      .select({ id: professionalSpecialties.specialtyId })
      .from(professionalSpecialties)
      .where(and(eq(professionalSpecialties.professionalId, v.professionalId), eq(professionalSpecialties.specialtyId, v.specialtyId)));
    if (!link) refuse(CHECK_FIELDS, { specialtyId: 'El profesional no atiende esa especialidad (ver Sistema → Profesionales).' });
  }
  if (v.studyId !== null) {
    const [link] = await tx
      .select({ id: professionalStudies.studyId })
      .from(professionalStudies)
      .where(and(eq(professionalStudies.professionalId, v.professionalId), eq(professionalStudies.studyId, v.studyId)));
    if (!link) refuse(CHECK_FIELDS, { studyId: 'El profesional no realiza ese estudio (ver Turnos Web → Profesionales → ESTUDIOS).' });
  }
}

/**
 * No two rules of one professional may overlap in time on the same weekday while both are valid:
 * the slot generator would silently drop one of them. Checked after writing, under the agenda lock.
 */
async function assertNoOverlap(tx: Tx, rule: Schedule): Promise<void> {
  const [other] = await tx
    .select()
    .from(schedules)
    .where(
      and(
        eq(schedules.professionalId, rule.professionalId),
        eq(schedules.weekday, rule.weekday),
        ne(schedules.id, rule.id),
        lt(schedules.startTime, rule.endTime),
        gt(schedules.endTime, rule.startTime),
        or(isNull(schedules.validTo), gte(schedules.validTo, rule.validFrom)),
        rule.validTo ? lte(schedules.validFrom, rule.validTo) : undefined,
      ),
    )
    .limit(1);
  if (other) {
    refuse(CHECK_FIELDS, {
      startTime: `Se superpone con el horario del ${WEEKDAY_NAMES[other.weekday]} de ${shortTime(other.startTime)} a ${shortTime(other.endTime)} (vigente ${validityLabel(other.validFrom, other.validTo)}). Cambie las horas o las fechas, o finalice ese horario.`,
    });
  }
}

function ruleColumns(v: RuleValues) {
  return {
    weekday: v.weekday,
    startTime: v.startTime,
    endTime: v.endTime,
    slotMinutes: v.slotMinutes,
    validTo: v.validTo,
    specialtyId: v.specialtyId,
    studyId: v.studyId,
    webEnabled: v.webEnabled,
  };
}

function sameRule(old: Schedule, v: RuleValues): boolean {
  return (
    old.weekday === v.weekday &&
    shortTime(old.startTime) === v.startTime &&
    shortTime(old.endTime) === v.endTime &&
    old.slotMinutes === v.slotMinutes &&
    old.validTo === v.validTo &&
    old.specialtyId === v.specialtyId &&
    old.studyId === v.studyId &&
    old.webEnabled === v.webEnabled
  );
}

/** NUEVA REGLA (without id) or MODIFICAR from `validFrom` on (with id). */
export async function saveRule(db: Db, actor: AgendaActor, raw: unknown, resolution?: Resolution, options?: Options): Promise<AgendaResult> {
  const input = validate(ruleSchema, raw);
  if (!input.ok) return input;
  const v = input.data;
  if (v.id === undefined) {
    return runAgendaChange(
      db,
      actor,
      {
        action: 'schedule.create',
        entity: 'schedule',
        scope: { professionalId: v.professionalId },
        async apply(tx, { today }) {
          if (v.validFrom < today) refuse(CHECK_FIELDS, { validFrom: PAST(today) });
          await checkRuleTargets(tx, v);
          const [row] = await tx
            .insert(schedules)
            .values({ professionalId: v.professionalId, validFrom: v.validFrom, ...ruleColumns(v) })
            .returning();
          await assertNoOverlap(tx, row);
          return { entityId: row.id, before: null, after: row };
        },
      },
      resolution,
      options,
    );
  }
  const id = v.id;
  if ((await ruleOwner(db, id)) !== v.professionalId) return { ok: false, error: GONE };
  return runAgendaChange(
    db,
    actor,
    { action: 'schedule.update', entity: 'schedule', scope: { professionalId: v.professionalId }, apply: (tx, clock) => changeFrom(tx, clock, id, v) },
    resolution,
    options,
  );
}

async function changeFrom(tx: Tx, { today }: AgendaClock, id: number, v: RuleValues) {
  const old = await lockRule(tx, id);
  if (old.professionalId !== v.professionalId) refuse(GONE);
  if (v.validFrom < today) refuse(CHECK_FIELDS, { validFrom: `Los cambios rigen desde hoy (${displayDate(today)}) o una fecha futura: el pasado de la agenda no se modifica.` });
  if (old.validTo !== null && old.validTo < v.validFrom) {
    refuse(CHECK_FIELDS, { validFrom: `Este horario terminó el ${displayDate(old.validTo)}: agregue uno nuevo.` });
  }
  if (sameRule(old, v) && v.validFrom >= old.validFrom) refuse('No hay cambios para guardar.');
  await checkRuleTargets(tx, v);
  if (v.validFrom <= old.validFrom) {
    // The rule has not applied to any day before the new start: it is replaced as a whole.
    const [after] = await tx
      .update(schedules)
      .set({ validFrom: v.validFrom, ...ruleColumns(v) })
      .where(eq(schedules.id, id))
      .returning();
    await assertNoOverlap(tx, after);
    return { entityId: id, before: old, after };
  }
  const [ended] = await tx
    .update(schedules)
    .set({ validTo: addDaysToDate(v.validFrom, -1) })
    .where(eq(schedules.id, id))
    .returning();
  const [created] = await tx
    .insert(schedules)
    .values({ professionalId: v.professionalId, validFrom: v.validFrom, ...ruleColumns(v) })
    .returning();
  await assertNoOverlap(tx, created);
  return { entityId: created.id, before: old, after: { ended, created } };
}

/** FINALIZAR: the rule applies up to `lastDay` (yesterday at the earliest: it stops today). */
export async function endRule(db: Db, actor: AgendaActor, raw: unknown, resolution?: Resolution, options?: Options): Promise<AgendaResult> {
  const input = validate(endRuleSchema, raw);
  if (!input.ok) return input;
  const { id, lastDay } = input.data;
  const professionalId = await ruleOwner(db, id);
  if (professionalId === null) return { ok: false, error: GONE };
  return runAgendaChange(
    db,
    actor,
    {
      action: 'schedule.end',
      entity: 'schedule',
      scope: { professionalId },
      async apply(tx, { today }) {
        const old = await lockRule(tx, id);
        const yesterday = addDaysToDate(today, -1);
        if (lastDay < yesterday) {
          refuse(CHECK_FIELDS, {
            lastDay: `El último día puede ser ayer (${displayDate(yesterday)}, deja de regir hoy) o una fecha futura: el pasado no se modifica.`,
          });
        }
        if (lastDay < old.validFrom) {
          refuse(CHECK_FIELDS, { lastDay: `Este horario empieza el ${displayDate(old.validFrom)}: para que no rija nunca, bórrelo.` });
        }
        if (old.validTo === lastDay) refuse('El horario ya termina ese día.');
        const [after] = await tx.update(schedules).set({ validTo: lastDay }).where(eq(schedules.id, id)).returning();
        return { entityId: id, before: old, after };
      },
    },
    resolution,
    options,
  );
}

/** BORRAR: only a rule that has not applied to any past day; the others are ended, keeping history. */
export async function deleteRule(db: Db, actor: AgendaActor, raw: unknown, resolution?: Resolution, options?: Options): Promise<AgendaResult> {
  const input = validate(ruleIdSchema, raw);
  if (!input.ok) return input;
  const { id } = input.data;
  const professionalId = await ruleOwner(db, id);
  if (professionalId === null) return { ok: false, error: GONE };
  return runAgendaChange(
    db,
    actor,
    {
      action: 'schedule.delete',
      entity: 'schedule',
      scope: { professionalId },
      async apply(tx, { today }) {
        const old = await lockRule(tx, id);
        if (old.validFrom < today) {
          refuse('Este horario ya rigió en días pasados: para conservar la historia no se borra. Use Finalizar para que deje de regir.');
        }
        await tx.delete(schedules).where(eq(schedules.id, id));
        return { entityId: id, before: old, after: null };
      },
    },
    resolution,
    options,
  );
}
