import { Button, Section, Text } from '@react-email/components';
import { EmailLayout, httpUrl, previewCenter, styles, type CenterContact } from './layout';

/** MIS DATOS → cambiar el e-mail: sent to the NEW address; nothing changes until it is opened. */
export interface EmailChangeProps {
  center?: CenterContact;
  patientName?: string;
  newEmail?: string;
  confirmUrl?: string;
  /** dd/MM/yyyy HH:mm */
  expiresAt?: string;
}

export default function EmailChange({
  center = previewCenter,
  patientName = 'PEREZ JUAN',
  newEmail = 'juan.perez@example.com',
  confirmUrl = 'http://centromedicodemo.no-ip.info/confirmar-email?token=demo',
  expiresAt = '14/11/2031 11:00',
}: EmailChangeProps) {
  const url = httpUrl(confirmUrl);
  return (
    <EmailLayout center={center} preview="Confirme su nuevo e-mail" title="Confirme su nuevo e-mail">
      <Text style={styles.text}>
        Hola {patientName}, pidió usar {newEmail} como su e-mail en los turnos web de {center.centerName}.
      </Text>
      <Text style={styles.text}>Para confirmarlo, oprima el botón:</Text>
      {url ? (
        <Section style={{ margin: '16px 0' }}>
          <Button href={url} style={styles.button}>
            Confirmar mi e-mail
          </Button>
        </Section>
      ) : null}
      <Text style={styles.text}>O copie y pegue esta dirección en su navegador: {confirmUrl}</Text>
      <Text style={styles.text}>El enlace vence el {expiresAt} hs. Hasta que lo confirme, seguimos usando su e-mail anterior.</Text>
      <Text style={styles.text}>Si usted no lo pidió, ignore este mensaje.</Text>
    </EmailLayout>
  );
}
