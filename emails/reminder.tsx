import { Text } from '@react-email/components';
import { EmailLayout, previewCenter, styles, type CenterContact } from './layout';

export interface ReminderProps {
  center?: CenterContact;
  /** The template's TÍTULO with its placeholders filled: the mail's subject and heading. */
  subject?: string;
  /** The template's message with its placeholders filled, as plain text: React escapes it. */
  body?: string;
  /** The inbox preview line; by default the first paragraph. */
  preview?: string;
}

/** A staff-written PLANTILLA, sent as a reminder: the center's layout around the filled-in text. */
export default function Reminder({
  center = previewCenter,
  subject = 'Recordatorio de turno',
  body = 'Sr/a IBÁÑEZ JUAN MANUEL le recordamos su turno del martes 27/10/2026 a las 08:40 con JUAREZ LEONEL (CARDIOLOGÍA).',
  preview,
}: ReminderProps) {
  const paragraphs = reminderParagraphs(body);
  return (
    <EmailLayout center={center} preview={preview ?? reminderPreview(body, subject)} title={subject}>
      {paragraphs.map((paragraph, i) => (
        <Text key={i} style={{ ...styles.text, whiteSpace: 'pre-line' }}>
          {paragraph}
        </Text>
      ))}
    </EmailLayout>
  );
}

/** A blank line starts a paragraph; single line breaks stay inside it. */
export function reminderParagraphs(body: string): string[] {
  return body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
}

export function reminderPreview(body: string, subject: string): string {
  return reminderParagraphs(body)[0]?.slice(0, 140) ?? subject;
}
