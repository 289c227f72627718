import '@/lib/validation/spanish';
import { z } from 'zod';
import { MAX_RECORD_ID } from '@/lib/validation/record-id';
import { findUnknownTokens, unknownTokensMessage } from './placeholders';

/**
 * PLANTILLAS: one schema for the form's resolver, the server action and the domain function. The
 * unknown-token check lives here, so the browser shows it as you save and the server enforces it
 * whatever the browser sent.
 */

const id = z.number({ error: 'Falta indicar la plantilla.' }).int().positive('Falta indicar la plantilla.').max(MAX_RECORD_ID, 'Falta indicar la plantilla.');

/** Mails have no length limit in the manual; this only keeps a pasted novel out of the queue. */
export const EMAIL_BODY_MAX = 20_000;
/** Ten SMS parts: more is a letter, not a reminder. */
export const SMS_BODY_MAX = 1_530;

export const templateSchema = z
  .object({
    id: id.optional(),
    channel: z.enum(['email', 'sms'], { error: 'Indique si es una plantilla de Email o de SMS.' }),
    title: z
      .string()
      .trim()
      .min(1, 'Ingrese el TÍTULO (en los mails, es el Asunto).')
      .max(150, 'TÍTULO: hasta 150 caracteres.'),
    body: z.string().trim().min(1, 'Escriba el Mensaje.'),
  })
  .superRefine((value, ctx) => {
    const max = value.channel === 'sms' ? SMS_BODY_MAX : EMAIL_BODY_MAX;
    if (value.body.length > max) ctx.addIssue({ code: 'custom', path: ['body'], message: `Mensaje: hasta ${max} caracteres.` });
    const unknown = findUnknownTokens(value.body);
    if (unknown.length) ctx.addIssue({ code: 'custom', path: ['body'], message: unknownTokensMessage(unknown) });
    if (value.channel === 'email') {
      const inTitle = findUnknownTokens(value.title);
      if (inTitle.length) ctx.addIssue({ code: 'custom', path: ['title'], message: unknownTokensMessage(inTitle) });
    }
  });

export type TemplateInput = z.input<typeof templateSchema>;

export const templateSwitchSchema = z.object({ id, on: z.boolean({ error: 'Indique si activa o desactiva.' }) });
export type TemplateSwitchInput = z.input<typeof templateSwitchSchema>;

/** The email preview: what is being typed, not yet saved. */
export const templatePreviewSchema = z.object({
  title: z.string().max(150),
  body: z.string().max(EMAIL_BODY_MAX),
});
