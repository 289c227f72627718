/**
 * An iCalendar (RFC 5545) file for one appointment, attached to the confirmation so the patient
 * can add it to a calendar, and to the cancellation so the calendar removes it (same UID).
 */

export interface AppointmentEvent {
  appointmentId: number;
  startsAt: Date;
  endsAt: Date;
  /** "Turno con GONZALEZ JOSE" */
  summary: string;
  location?: string | null;
  description?: string | null;
  /** The center's web address: the UID's domain, so UIDs are unique across centers. */
  webAddress?: string | null;
  organizerName?: string | null;
  organizerEmail?: string | null;
  /** 'cancelled' produces METHOD:CANCEL for the same UID. */
  status?: 'confirmed' | 'cancelled';
  /** DTSTAMP; defaults to now. */
  now?: Date;
}

const CRLF = '\r\n';

/** 20311113T140000Z */
export function icsUtc(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, and newlines as \n. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): continuation lines start with one space,
 * which counts toward their 75. Never splits a UTF-8 character.
 */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function uidDomain(webAddress: string | null | undefined): string {
  if (webAddress) {
    try {
      const host = new URL(/^[a-z]+:\/\//i.test(webAddress) ? webAddress : `http://${webAddress}`).hostname;
      if (host) return host;
    } catch {
      // fall through
    }
  }
  return 'turnos.local';
}

export function appointmentUid(appointmentId: number, webAddress?: string | null): string {
  return `turno-${appointmentId}@${uidDomain(webAddress)}`;
}

export function buildAppointmentIcs(event: AppointmentEvent): string {
  const cancelled = event.status === 'cancelled';
  const organizer = event.organizerEmail
    ? `ORGANIZER${event.organizerName ? `;CN="${event.organizerName.replace(/["\r\n]/g, '')}"` : ''}:mailto:${event.organizerEmail}`
    : null;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Turnos//Turnos web//ES',
    'CALSCALE:GREGORIAN',
    `METHOD:${cancelled ? 'CANCEL' : 'PUBLISH'}`,
    'BEGIN:VEVENT',
    `UID:${appointmentUid(event.appointmentId, event.webAddress)}`,
    `DTSTAMP:${icsUtc(event.now ?? new Date())}`,
    `DTSTART:${icsUtc(event.startsAt)}`,
    `DTEND:${icsUtc(event.endsAt)}`,
    `SUMMARY:${escapeIcsText(event.summary)}`,
    event.location ? `LOCATION:${escapeIcsText(event.location)}` : null,
    event.description ? `DESCRIPTION:${escapeIcsText(event.description)}` : null,
    organizer,
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    `SEQUENCE:${cancelled ? 1 : 0}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ].filter((line): line is string => line !== null);
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}

/** The attachment as the outbox stores it. */
export function icsAttachment(ics: string, method: 'PUBLISH' | 'CANCEL' = 'PUBLISH') {
  return {
    filename: 'turno.ics',
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: Buffer.from(ics, 'utf8').toString('base64'),
  };
}
