import { Button, Section, Text } from '@react-email/components';
import { EmailLayout, httpUrl, previewCenter, styles, type CenterContact } from './layout';

export interface PasswordResetProps {
  center?: CenterContact;
  patientName?: string;
  resetUrl?: string;
  /** dd/MM/yyyy HH:mm */
  expiresAt?: string;
}

export default function PasswordReset({
  center = previewCenter,
  patientName = 'PEREZ JUAN',
  resetUrl = 'http://centromedicodemo.no-ip.info/restablecer?token=demo',
  expiresAt = '13/11/2031 12:00',
}: PasswordResetProps) {
  const url = httpUrl(resetUrl);
  return (
    <EmailLayout center={center} preview="Elija una nueva contraseña" title="Cambio de contraseña">
      <Text style={styles.text}>Hola {patientName}, recibimos un pedido para cambiar la contraseña de su usuario web.</Text>
      {url ? (
        <Section style={{ margin: '16px 0' }}>
          <Button href={url} style={styles.button}>
            Elegir una nueva contraseña
          </Button>
        </Section>
      ) : null}
      <Text style={styles.text}>O copie y pegue esta dirección en su navegador: {resetUrl}</Text>
      <Text style={styles.text}>El enlace vence el {expiresAt} hs y sirve una sola vez.</Text>
      <Text style={styles.text}>Si usted no lo pidió, ignore este mensaje: su contraseña no cambia.</Text>
    </EmailLayout>
  );
}
