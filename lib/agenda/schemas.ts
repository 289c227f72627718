import '@/lib/validation/spanish';
import { z } from 'zod';
import { MAX_RECORD_ID, recordId } from '@/lib/validation/record-id';

/**
 * One schema per agenda form, shared by the form's resolver and the domain function. What needs
 * the center's "today" (nothing may start in the past) is checked on the server, in the domain.
 */

const id = z.coerce
  .number({ error: 'Falta indicar el registro.' })
  .int()
  .positive('Falta indicar el registro.')
  .max(MAX_RECORD_ID, 'Falta indicar el registro.');

/** '' or nothing → null; anything else must be an id. For the "Cualquiera" options. */
const optionalId = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : v),
  z.coerce.number().int().positive('Elija una opción de la lista.').max(MAX_RECORD_ID, 'Elija una opción de la lista.').nullable(),
);

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = (label: string) =>
  z.string({ error: `${label}: ingrese una hora.` }).trim().regex(TIME, `${label}: ingrese una hora válida (HH:mm, 24 horas).`);

function isCalendarDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
const date = (label: string) =>
  z.string({ error: `${label}: ingrese una fecha.` }).trim().refine(isCalendarDate, `${label}: ingrese una fecha válida.`);
const optionalDate = (label: string) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), date(label).nullable());

export function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * A weekly rule. Without `id`: a new rule. With `id`: the rule changes from `validFrom` on (the
 * old one keeps the days before, so past turnos stay explained).
 */
export const ruleSchema = z
  .object({
    id: id.optional(),
    professionalId: id,
    weekday: z.coerce.number({ error: 'Elija el día.' }).int().min(1, 'Elija el día.').max(7, 'Elija el día.'),
    startTime: time('Desde'),
    endTime: time('Hasta'),
    slotMinutes: z.coerce
      .number({ error: 'Duración: ingrese los minutos.' })
      .int('Duración: ingrese minutos enteros.')
      .min(5, 'Duración: mínimo 5 minutos.')
      .max(480, 'Duración: máximo 480 minutos (8 horas).'),
    validFrom: date('Vigente desde'),
    validTo: optionalDate('Vigente hasta'),
    specialtyId: optionalId,
    studyId: optionalId,
    webEnabled: z.boolean(),
  })
  .superRefine((v, ctx) => {
    const length = minutesOfDay(v.endTime) - minutesOfDay(v.startTime);
    if (length <= 0) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'La hora de fin debe ser posterior a la de inicio.' });
    } else if (v.slotMinutes > length) {
      ctx.addIssue({
        code: 'custom',
        path: ['slotMinutes'],
        message: `Un turno de ${v.slotMinutes} minutos no entra entre las ${v.startTime} y las ${v.endTime}.`,
      });
    }
    if (v.validTo && v.validTo < v.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'La fecha de fin no puede ser anterior a la de inicio.' });
    }
  });

/** Finalizar: the last day the rule applies. */
export const endRuleSchema = z.object({ id, lastDay: date('Último día') });

export const ruleIdSchema = z.object({ id });

/** A holiday (no professional) or a professional's absence; whole days or part of each day. */
export const closureSchema = z
  .object({
    professionalId: optionalId,
    startsOn: date('Desde el día'),
    endsOn: date('Hasta el día'),
    partDay: z.boolean(),
    startTime: z.string().trim(),
    endTime: z.string().trim(),
    reason: z.string().trim().max(120, 'Motivo: hasta 120 caracteres.'),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'El último día no puede ser anterior al primero.' });
    }
    if (!v.partDay) return;
    const start = TIME.test(v.startTime);
    const end = TIME.test(v.endTime);
    if (!start) ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'Desde la hora: ingrese una hora válida (HH:mm).' });
    if (!end) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'Hasta la hora: ingrese una hora válida (HH:mm).' });
    if (start && end && v.endTime <= v.startTime) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'La hora de fin debe ser posterior a la de inicio.' });
    }
  });

export const closureIdSchema = z.object({ id });

/** What staff chose for the turnos a change leaves outside the agenda, and which ones they saw. */
export const resolutionSchema = z.object({
  decision: z.enum(['keep', 'cancel']).optional(),
  confirmedIds: z.array(recordId).max(5000).optional(),
});

export type RuleInput = z.input<typeof ruleSchema>;
export type RuleValues = z.output<typeof ruleSchema>;
export type EndRuleInput = z.input<typeof endRuleSchema>;
export type ClosureInput = z.input<typeof closureSchema>;
export type ClosureValues = z.output<typeof closureSchema>;
export type Resolution = z.output<typeof resolutionSchema>;
