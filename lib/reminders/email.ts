import { createElement } from 'react';
import type { CenterContact } from '@/emails/layout';
import Reminder, { reminderParagraphs, reminderPreview } from '@/emails/reminder';
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
  return (await reminderEmailComposer(center, template))(values);
}

/**
 * The same mail for many patients (ENVIAR MAIL/SMS lists thousands) at the cost of one React
 * render: the layout is rendered once with a private-use marker for the subject, the preview line
 * and each paragraph of the message, and each patient's filled-in text replaces the markers,
 * escaped for the HTML part exactly as React escapes text and collapsed for the text part as
 * html-to-text collapses it. The result is what a render per patient gives, byte for byte
 * (tests/unit/reminder-composer.test.ts); a patient for whom a whole paragraph comes out empty
 * gets that render.
 */
export async function reminderEmailComposer(
  center: CenterContact,
  template: { title: string; body: string },
): Promise<(values: PlaceholderValues) => Promise<ReminderEmail>> {
  const clean = { title: unmarked(template.title), body: unmarked(template.body) };
  const cleanCenter = Object.fromEntries(
    Object.entries(center).map(([key, value]) => [key, typeof value === 'string' ? unmarked(value) : value]),
  ) as CenterContact;
  const paragraphCount = reminderParagraphs(clean.body).length;
  const shell = await renderEmail(
    createElement(Reminder, {
      center: cleanCenter,
      subject: marker('s'),
      body: Array.from({ length: paragraphCount }, (_, i) => marker(String(i))).join('\n\n'),
      preview: marker('p'),
    }),
  );
  return async (values) => {
    const subject = subjectOf(clean.title, values);
    const body = renderTemplate(clean.body, values);
    const paragraphs = reminderParagraphs(body);
    if (paragraphs.length !== paragraphCount) {
      const { html, text } = await renderEmail(createElement(Reminder, { center: cleanCenter, subject, body }));
      return { subject, bodyText: text, bodyHtml: html };
    }
    const preview = reminderPreview(body, subject).slice(0, PREVIEW_MAX_LENGTH);
    const previewHtml =
      escapeLikeReact(preview) +
      (preview.length < PREVIEW_MAX_LENGTH ? `<div>${PREVIEW_FILLER.repeat(PREVIEW_MAX_LENGTH - preview.length)}</div>` : '');
    const part = (key: string) => (key === 's' ? subject : paragraphs[Number(key)]);
    const bodyHtml = shell.html.replace(PREVIEW_REGION, () => previewHtml).replace(MARKER, (_, key: string) => escapeLikeReact(part(key)));
    const bodyText = shell.text
      .replace(MARKER, (_, key: string) => part(key).replace(HTML_TO_TEXT_SPACE, ' ').trim())
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    return { subject, bodyText, bodyHtml };
  };
}

const marker = (key: string) => `\uE000${key}\uE001`;
const MARKER = /\uE000(s|\d+)\uE001/g;
// @react-email/preview pads the preview line to 150 characters with invisible ones, in a <div>.
const PREVIEW_MAX_LENGTH = 150;
const PREVIEW_FILLER = '\u00A0\u200C\u200B\u200D\u200E\u200F\uFEFF';
const PREVIEW_REGION = new RegExp(`${marker('p')}(?:<div>[${PREVIEW_FILLER}]*</div>)?`);
// html-to-text's default whitespace characters, each run of which becomes one space.
const HTML_TO_TEXT_SPACE = /[ \t\r\n\f\u200b]+/g;

/** Staff cannot type the markers into a template or the center's data to confuse the substitution. */
function unmarked(value: string): string {
  return value.replace(/[\uE000\uE001]/g, '');
}

function subjectOf(title: string, values: PlaceholderValues): string {
  return renderTemplate(title, values).replace(/\s+/g, ' ').trim();
}

// What React's server renderer writes for text: the same five characters, the same entities.
const REACT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
function escapeLikeReact(value: string): string {
  return value.replace(/[&<>"']/g, (c) => REACT_ESCAPES[c]);
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
