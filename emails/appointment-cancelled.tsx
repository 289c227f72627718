import { Section, Text } from '@react-email/components';
import { Detail, EmailLayout, previewCenter, styles, WebLink, type CenterContact } from './layout';

export interface AppointmentCancelledProps {
  center?: CenterContact;
  patientName?: string;
  weekday?: string | null;
  date?: string;
  time?: string;
  professionalName?: string;
  specialtyName?: string | null;
  studyName?: string | null;
  /** Who cancelled: the patient from the web, or the center. */
  cancelledBy?: 'patient' | 'center';
  bookUrl?: string | null;
}

export default function AppointmentCancelled({
  center = previewCenter,
  patientName = 'PEREZ JUAN',
  weekday = 'Jueves',
  date = '13/11/2031',
  time = '11:00',
  professionalName = 'GONZALEZ JOSE',
  specialtyName = 'CARDIOLOGIA',
  studyName = null,
  cancelledBy = 'patient',
  bookUrl = 'http://centromedicodemo.no-ip.info/tomar-turno',
}: AppointmentCancelledProps) {
  const when = `${weekday ? `${weekday} ` : ''}${date} a las ${time} hs`;
  return (
    <EmailLayout center={center} preview={`Turno cancelado: ${date} ${time} hs`} title="Turno cancelado">
      <Text style={styles.text}>
        {cancelledBy === 'patient'
          ? `Hola ${patientName}, cancelamos el turno que usted pidió cancelar:`
          : `Hola ${patientName}, el centro médico canceló su turno:`}
      </Text>
      <Section>
        <Detail label="Fecha y hora" value={when} />
        <Detail label="Profesional" value={professionalName} />
        <Detail label="Especialidad" value={specialtyName} />
        <Detail label="Estudio" value={studyName} />
      </Section>
      <Text style={styles.text}>
        Puede tomar un nuevo turno en {bookUrl ? <WebLink href={bookUrl}>Tomar Turno</WebLink> : 'Tomar Turno'} o
        comunicarse con el centro.
      </Text>
    </EmailLayout>
  );
}
