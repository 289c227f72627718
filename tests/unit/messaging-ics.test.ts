import { describe, expect, it } from 'vitest';
import { appointmentUid, buildAppointmentIcs, escapeIcsText, foldIcsLine, icsAttachment } from '@/lib/messaging/ics';

/** RFC 5545 3.1: a CRLF followed by one space is removed when reading. */
const unfold = (text: string) => text.replace(/\r\n /g, '');

// 11:00 in Buenos Aires (UTC-3) = 14:00 UTC.
const startsAt = new Date('2031-11-13T11:00:00-03:00');
const endsAt = new Date('2031-11-13T11:20:00-03:00');
const now = new Date('2031-11-01T12:34:56.789Z');

describe('appointment .ics', () => {
  it('writes times in UTC, a stable UID from the appointment and the center, METHOD:PUBLISH, CRLF lines', () => {
    const ics = buildAppointmentIcs({
      appointmentId: 42,
      startsAt,
      endsAt,
      summary: 'Turno con GONZALEZ JOSE',
      location: 'CENTRO MEDICO DEMO',
      webAddress: 'http://centromedicodemo.no-ip.info/turnos',
      organizerName: 'CENTRO MEDICO DEMO',
      organizerEmail: 'centro@demo.com.ar',
      now,
    });
    const lines = ics.split('\r\n');
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines).toContain('METHOD:PUBLISH');
    expect(lines).toContain('DTSTART:20311113T140000Z');
    expect(lines).toContain('DTEND:20311113T142000Z');
    expect(lines).toContain('DTSTAMP:20311101T123456Z');
    expect(lines).toContain('UID:turno-42@centromedicodemo.no-ip.info');
    expect(lines).toContain('SUMMARY:Turno con GONZALEZ JOSE');
    expect(lines).toContain('ORGANIZER;CN="CENTRO MEDICO DEMO":mailto:centro@demo.com.ar');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.indexOf('BEGIN:VEVENT')).toBeLessThan(lines.indexOf('END:VEVENT'));
  });

  it('escapes backslash, semicolon, comma and newlines in text values', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    const ics = buildAppointmentIcs({
      appointmentId: 1,
      startsAt,
      endsAt,
      summary: 'Turno con PEREZ, ANA; "clínica"',
      description: 'Ayuno de 8 horas\nTraer DNI',
      now,
    });
    expect(unfold(ics)).toContain('SUMMARY:Turno con PEREZ\\, ANA\\; "clínica"\r\n');
    expect(unfold(ics)).toContain('DESCRIPTION:Ayuno de 8 horas\\nTraer DNI\r\n');
  });

  it('folds lines at 75 octets without splitting a UTF-8 character, and unfolds back to the original', () => {
    const long = `DESCRIPTION:${'Indicación: ayuno de ocho horas, ñandú, acentuación. '.repeat(6)}`;
    const folded = foldIcsLine(long);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(3);
    for (const [i, line] of physical.entries()) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(line.startsWith(' ')).toBe(true);
      // A split multi-byte character would decode to U+FFFD.
      expect(Buffer.from(line, 'utf8').toString('utf8')).not.toContain('\uFFFD');
    }
    expect(unfold(folded)).toBe(long);
    expect(foldIcsLine('SUMMARY:corto')).toBe('SUMMARY:corto');
  });

  it('folds every long line of the whole file', () => {
    const ics = buildAppointmentIcs({
      appointmentId: 7,
      startsAt,
      endsAt,
      summary: `Turno con ${'MUÑOZ '.repeat(30)}`,
      now,
    });
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('cancels with METHOD:CANCEL and the same UID', () => {
    const ics = buildAppointmentIcs({ appointmentId: 42, startsAt, endsAt, summary: 'x', webAddress: 'demo.com.ar', status: 'cancelled', now });
    expect(ics).toContain('METHOD:CANCEL\r\n');
    expect(ics).toContain('STATUS:CANCELLED\r\n');
    expect(ics).toContain(`UID:${appointmentUid(42, 'demo.com.ar')}\r\n`);
    expect(appointmentUid(42, '')).toBe('turno-42@turnos.local');
  });

  it('is attached as base64 text/calendar', () => {
    const attachment = icsAttachment('BEGIN:VCALENDAR\r\n');
    expect(attachment.contentType).toMatch(/^text\/calendar/);
    expect(Buffer.from(attachment.content, 'base64').toString()).toBe('BEGIN:VCALENDAR\r\n');
  });
});
