import { createElement } from 'react';
import type { CenterContact } from '@/emails/layout';
import Reminder from '@/emails/reminder';
import { renderEmail } from '@/lib/messaging/render';
import { renderTemplate, type PlaceholderValues } from './placeholders';

export interface ReminderEmail {
  subject: string;
  bodyText: string;
  bodyHtml: string;
}

/**
 * A mail PLANTILLA filled for one patient, through the React Email layout. Values are substituted
 * as plain text and React escapes them (and the staff's own text): nothing typed anywhere can
 * become markup.
 */
export async function reminderEmail(
  center: CenterContact,
  template: { title: string; body: string },
  values: PlaceholderValues,
): Promise<ReminderEmail> {
  const subject = renderTemplate(template.title, values).replace(/\s+/g, ' ').trim();
  const body = renderTemplate(template.body, values);
  const { html, text } = await renderEmail(createElement(Reminder, { center, subject, body }));
  return { subject, bodyText: text, bodyHtml: html };
}

/** The center's contact block as the mails show it, from CONFIGURACION BASICA. */
export function centerContactOf(center: {
  centerName: string;
  contactPhones: string;
  contactEmail: string;
  contactHours: string;
  webAddress: string;
}): CenterContact {
  const blank = (v: string) => (v.trim() ? v.trim() : null);
  return {
    centerName: center.centerName,
    contactPhones: blank(center.contactPhones),
    contactEmail: blank(center.contactEmail),
    contactHours: blank(center.contactHours),
    webAddress: blank(center.webAddress),
  };
}

/** The center's own values: known exactly, so previews and the SMS budget use them as they are. */
export function centerValues(center: { centerName: string; contactPhones: string; webAddress: string }) {
  return { CENTRO: center.centerName, 'TELEFONO CENTRO': center.contactPhones, 'DIRECCION WEB': center.webAddress };
}
