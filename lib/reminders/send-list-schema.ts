import '@/lib/validation/spanish';
import { z } from 'zod';
import { isCalendarDate } from '@/lib/appointments/web-listing-params';

/**
 * ENVIAR MAIL/SMS, the manual's seven steps as one form: TEMPLATE PARA ENVIAR, A QUIEN SE ENVÍA,
 * the turnos' dates, QUIENES, OBRA SOCIAL/PREPAGA, ESPECIALIDAD / PROFESIONAL. One schema for the
 * form's resolver, the server action and the domain.
 */

export const SEND_PATH = '/admin/prestaciones/enviar';

export const SEND_TARGETS = ['turnos', 'pacientes'] as const;
export type SendTarget = (typeof SEND_TARGETS)[number];
/** QUIENES: already sent (this turno was reminded by this channel / this patient got this template), not yet, or all. */
export const SEND_WHO = ['no_enviados', 'enviados', 'todos'] as const;
export type SendWho = (typeof SEND_WHO)[number];

/** A year of turnos is the widest list that still makes sense to send at once. */
export const MAX_RANGE_DAYS = 366;

const optionalId = z.preprocess(
  (v) => (v === '' || v === null || v === undefined ? undefined : v),
  z.coerce.number().int().positive().max(2_147_483_647).optional(),
);
const date = z.string().trim().optional();

export const sendListSchema = z
  .object({
    templateId: z.coerce.number({ error: 'Elija la plantilla.' }).int().positive('Elija la plantilla.').max(2_147_483_647, 'Elija la plantilla.'),
    target: z.enum(SEND_TARGETS, { error: 'Elija a quién se envía.' }),
    from: date,
    to: date,
    who: z.enum(SEND_WHO, { error: 'Elija a quiénes.' }),
    // Checkboxes: none checked is [] (or false), a lone one checked is its value alone.
    insurerIds: z.preprocess(
      (v) => (Array.isArray(v) ? v : v === false || v === undefined || v === null || v === '' ? [] : [v]),
      z.array(z.coerce.number().int().positive().max(2_147_483_647)).max(500, 'Demasiadas obras sociales elegidas.'),
    ),
    specialtyId: optionalId,
    professionalId: optionalId,
  })
  .superRefine((v, ctx) => {
    if (v.target !== 'turnos') return;
    const from = v.from ?? '';
    const to = v.to ?? '';
    if (!isCalendarDate(from)) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Indique desde qué fecha de turnos.' });
    if (!isCalendarDate(to)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Indique hasta qué fecha de turnos.' });
    if (isCalendarDate(from) && isCalendarDate(to)) {
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: '"Hasta" no puede ser anterior a "Desde".' });
      else if (days >= MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `Elija un rango de hasta ${MAX_RANGE_DAYS} días.` });
    }
  });

export type SendListInput = z.input<typeof sendListSchema>;
export type SendListFilters = z.output<typeof sendListSchema>;

const id = (what: string, max: number) =>
  z.coerce.number({ error: `Falta indicar ${what}.` }).int().positive(`Falta indicar ${what}.`).max(max, `Falta indicar ${what}.`);
const batchId = id('el envío', 2_147_483_647);
export const sendBatchSchema = z.object({ batchId });
export const sendBatchRowSchema = z.object({ batchId, messageId: id('el registro', Number.MAX_SAFE_INTEGER) });
