import { Section, Text } from '@react-email/components';
import { Detail, EmailLayout, previewCenter, styles, WebLink, type CenterContact } from './layout';

/**
 * The mail a patient gets when a web booking is confirmed (manual, CONFIRMAR TURNO): the turno's
 * data, the study's indication, the professional's and the insurer's messages, and the center's
 * "Frase incluida en el Mail". Values arrive formatted (dd/MM/yyyy, HH:mm); defaults are the
 * preview data, so callers pass every field (null when absent: see lib/messaging/compose.ts).
 */
export interface BookingConfirmationProps {
  center?: CenterContact;
  mailPhrase?: string | null;
  patientName?: string;
  /** "Jueves" */
  weekday?: string | null;
  /** dd/MM/yyyy */
  date?: string;
  /** HH:mm */
  time?: string;
  professionalName?: string;
  specialtyName?: string | null;
  studyName?: string | null;
  studyIndication?: string | null;
  insurerName?: string | null;
  reason?: string | null;
  professionalMessage?: string | null;
  insurerMessage?: string | null;
  myAppointmentsUrl?: string | null;
}

export default function BookingConfirmation({
  center = previewCenter,
  mailPhrase = 'Recuerde concurrir con su Carnet de Obra Social y su DNI',
  patientName = 'PEREZ JUAN',
  weekday = 'Jueves',
  date = '13/11/2031',
  time = '11:00',
  professionalName = 'GONZALEZ JOSE',
  specialtyName = 'CARDIOLOGIA',
  studyName = null,
  studyIndication = null,
  insurerName = 'OSDE',
  reason = 'Control anual',
  professionalMessage = 'Traer estudios previos.',
  insurerMessage = 'Presentar la orden autorizada.',
  myAppointmentsUrl = 'http://centromedicodemo.no-ip.info/mis-turnos',
}: BookingConfirmationProps) {
  const when = `${weekday ? `${weekday} ` : ''}${date} a las ${time} hs`;
  return (
    <EmailLayout
      center={center}
      preview={`Su turno con ${professionalName}: ${date} ${time} hs`}
      title="Turno confirmado"
      mailPhrase={mailPhrase}
    >
      <Text style={styles.text}>Hola {patientName}, su turno quedó reservado:</Text>
      <Section>
        <Detail label="Fecha y hora" value={when} />
        <Detail label="Profesional" value={professionalName} />
        <Detail label="Especialidad" value={specialtyName} />
        <Detail label="Estudio" value={studyName} />
        <Detail label="Obra social / prepaga" value={insurerName} />
        <Detail label="Motivo" value={reason} />
      </Section>
      {studyIndication ? <Text style={styles.note}>Indicación para el estudio: {studyIndication}</Text> : null}
      {professionalMessage ? <Text style={styles.note}>Mensaje del profesional: {professionalMessage}</Text> : null}
      {insurerMessage ? <Text style={styles.note}>Mensaje de su obra social: {insurerMessage}</Text> : null}
      <Text style={styles.text}>
        Adjuntamos el turno para agregarlo a su calendario. Si no puede asistir, cancélelo desde{' '}
        {myAppointmentsUrl ? <WebLink href={myAppointmentsUrl}>Mis Turnos</WebLink> : 'Mis Turnos'} para que otro
        paciente pueda usarlo.
      </Text>
    </EmailLayout>
  );
}
