import { describe, expect, it } from 'vitest';
import {
  accountActivationMessage,
  appointmentCancelledMessage,
  bookingConfirmationMessage,
  passwordResetMessage,
  type EmailCenter,
} from '@/lib/messaging/compose';

const center: EmailCenter = {
  centerName: 'CENTRO MEDICO DEMO',
  mailPhrase: 'Recuerde concurrir con su Carnet de Obra Social y su DNI',
  contactPhones: '4444-4444',
  contactEmail: 'centromedico@demo.com.ar',
  contactHours: 'Lunes a Viernes de 10 a 18hs.',
  webAddress: 'http://centromedicodemo.no-ip.info',
  timeZone: 'America/Argentina/Buenos_Aires',
};

const appointment = {
  id: 42,
  startsAt: new Date('2031-11-13T11:00:00-03:00'),
  endsAt: new Date('2031-11-13T11:20:00-03:00'),
  reason: '<script>alert("x")</script> dolor & "presión"',
};

describe('booking confirmation email', () => {
  it('escapes what patients and staff wrote: no markup gets through', async () => {
    const mail = await bookingConfirmationMessage({
      center,
      appointment,
      patient: { lastName: 'PEREZ', firstName: '<b>JUAN</b>' },
      professional: { lastName: 'GONZALEZ', firstName: 'JOSE', bookingMessage: '<img src=x onerror=alert(1)>' },
      specialty: { name: 'CARDIOLOGIA' },
      insurer: { name: 'OSDE', bookingMessage: '<a href="javascript:alert(1)">clic</a>' },
    });
    expect(mail.bodyHtml).not.toMatch(/<script|<img src=x|<b>JUAN|href="javascript/i);
    expect(mail.bodyHtml).toContain('&lt;script&gt;');
    expect(mail.bodyHtml).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // The text part shows what was typed, literally.
    expect(mail.bodyText).toContain('Motivo: <script>alert("x")</script> dolor & "presión"');
  });

  it('carries the turno, the messages and the center phrase; the text part reads naturally', async () => {
    const mail = await bookingConfirmationMessage({
      center,
      appointment: { ...appointment, reason: 'Control anual' },
      patient: { lastName: 'PEREZ', firstName: 'JUAN' },
      professional: { lastName: 'GONZALEZ', firstName: 'JOSE', bookingMessage: 'Traer estudios previos.' },
      study: { name: 'ECOGRAFIA ABDOMINAL', indication: 'Ayuno de 8 horas.' },
      insurer: { name: 'IOMA', bookingMessage: '' },
    });
    expect(mail.subject).toBe('Turno confirmado: 13/11/2031 11:00 hs con GONZALEZ JOSE');
    const text = mail.bodyText;
    expect(text).toContain('Turno confirmado'); // not upper-cased (STACK.md trap 13)
    expect(text).not.toContain('TURNO CONFIRMADO');
    expect(text).toContain('Hola PEREZ JUAN');
    expect(text).toContain('Fecha y hora: Jueves 13/11/2031 a las 11:00 hs');
    expect(text).toContain('Profesional: GONZALEZ JOSE');
    expect(text).toContain('Estudio: ECOGRAFIA ABDOMINAL');
    expect(text).toContain('Obra social / prepaga: IOMA');
    expect(text).toContain('Motivo: Control anual');
    expect(text).toContain('Indicación para el estudio: Ayuno de 8 horas.');
    expect(text).toContain('Mensaje del profesional: Traer estudios previos.');
    expect(text).toContain('Recuerde concurrir con su Carnet de Obra Social y su DNI');
    expect(text).toContain('Teléfonos: 4444-4444');
    expect(text).toContain('http://centromedicodemo.no-ip.info/mis-turnos');
    // Absent data stays absent: the templates' preview defaults never reach a patient.
    expect(text).not.toContain('Mensaje de su obra social');
    expect(text).not.toContain('Especialidad:');
    expect(text).not.toContain('OSDE');
    expect(mail.bodyHtml).toMatch(/<html[^>]* lang="es"/);
    expect(mail.attachments).toHaveLength(1);
    const ics = Buffer.from(mail.attachments[0].content, 'base64').toString('utf8');
    expect(ics).toContain('DTSTART:20311113T140000Z');
    expect(mail.attachments[0].contentType).toMatch(/^text\/calendar/);
  });

  it('leaves out the phrase and the portal link when the center has none', async () => {
    const mail = await bookingConfirmationMessage({
      center: { ...center, mailPhrase: '', webAddress: '' },
      appointment,
      patient: { lastName: 'PEREZ', firstName: 'JUAN' },
      professional: { lastName: 'GONZALEZ', firstName: 'JOSE' },
    });
    expect(mail.bodyText).not.toContain('Recuerde concurrir');
    expect(mail.bodyText).not.toContain('http');
  });
});

describe('account and cancellation emails', () => {
  const patient = { lastName: 'PEREZ', firstName: 'JUAN' };
  const expiresAt = new Date('2031-11-14T11:00:00-03:00');

  it('activation: the link to click or paste, and its expiry', async () => {
    const url = 'http://centromedicodemo.no-ip.info/activar?token=abc123';
    const mail = await accountActivationMessage({ center, patient, url, expiresAt });
    expect(mail.subject).toBe('Active su usuario web de CENTRO MEDICO DEMO');
    expect(mail.bodyHtml).toContain(`href="${url}"`);
    expect(mail.bodyText).toContain(url);
    expect(mail.bodyText).toContain('14/11/2031 11:00');
    expect(mail.bodyText).not.toContain('ACTIVE SU USUARIO');
  });

  it('password reset: the link and its expiry', async () => {
    const url = 'http://centromedicodemo.no-ip.info/restablecer?token=xyz';
    const mail = await passwordResetMessage({ center, patient, url, expiresAt });
    expect(mail.bodyText).toContain(url);
    expect(mail.bodyText).toContain('Si usted no lo pidió');
  });

  it('never turns a non-http link into a button', async () => {
    const mail = await accountActivationMessage({ center, patient, url: 'javascript:alert(1)', expiresAt });
    expect(mail.bodyHtml).not.toContain('href="javascript');
  });

  it('cancellation: the turno and a calendar CANCEL for the same UID', async () => {
    const mail = await appointmentCancelledMessage({
      center,
      appointment,
      patient,
      professional: { lastName: 'GONZALEZ', firstName: 'JOSE' },
      specialty: { name: 'CARDIOLOGIA' },
      cancelledBy: 'center',
    });
    expect(mail.subject).toBe('Turno cancelado: 13/11/2031 11:00 hs con GONZALEZ JOSE');
    expect(mail.bodyText).toContain('el centro médico canceló su turno');
    const ics = Buffer.from(mail.attachments[0].content, 'base64').toString('utf8');
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('UID:turno-42@centromedicodemo.no-ip.info');
    expect(mail.bodyText).toContain('http://centromedicodemo.no-ip.info/tomar-turno');
  });
});
