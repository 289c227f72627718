import { Button, Section, Text } from '@react-email/components';
import { EmailLayout, httpUrl, previewCenter, styles, type CenterContact } from './layout';

/** Registrarse: "simplemente debe oprimir el link o bien copiarlo y pegarlo en la dirección de su navegador". */
export interface AccountActivationProps {
  center?: CenterContact;
  patientName?: string;
  activationUrl?: string;
  /** dd/MM/yyyy HH:mm */
  expiresAt?: string;
}

export default function AccountActivation({
  center = previewCenter,
  patientName = 'PEREZ JUAN',
  activationUrl = 'http://centromedicodemo.no-ip.info/activar?token=demo',
  expiresAt = '14/11/2031 11:00',
}: AccountActivationProps) {
  const url = httpUrl(activationUrl);
  return (
    <EmailLayout center={center} preview="Active su usuario web para tomar turnos" title="Active su usuario web">
      <Text style={styles.text}>
        Hola {patientName}, gracias por registrarse en los turnos web de {center.centerName}.
      </Text>
      <Text style={styles.text}>Para activar su usuario, oprima el botón:</Text>
      {url ? (
        <Section style={{ margin: '16px 0' }}>
          <Button href={url} style={styles.button}>
            Activar mi usuario
          </Button>
        </Section>
      ) : null}
      <Text style={styles.text}>O copie y pegue esta dirección en su navegador: {activationUrl}</Text>
      <Text style={styles.text}>El enlace vence el {expiresAt} hs. Después podrá ingresar con su DNI y su contraseña.</Text>
      <Text style={styles.text}>Si usted no se registró, ignore este mensaje.</Text>
    </EmailLayout>
  );
}
