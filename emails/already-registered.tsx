import { Button, Section, Text } from '@react-email/components';
import { EmailLayout, httpUrl, previewCenter, styles, type CenterContact } from './layout';

/**
 * Someone tried to register a DNI that already has an active web user. The page said the same
 * as always ("le enviamos un mail"); the mail goes to the account's own address, changes nothing,
 * and offers a way back in for the real owner who forgot they had registered.
 */
export interface AlreadyRegisteredProps {
  center?: CenterContact;
  patientName?: string;
  dni?: string;
  loginUrl?: string | null;
  resetUrl?: string;
  /** dd/MM/yyyy HH:mm */
  expiresAt?: string;
}

export default function AlreadyRegistered({
  center = previewCenter,
  patientName = 'PEREZ JUAN',
  dni = '30.111.222',
  loginUrl = 'http://centromedicodemo.no-ip.info/ingresar',
  resetUrl = 'http://centromedicodemo.no-ip.info/restablecer?token=demo',
  expiresAt = '13/11/2031 12:00',
}: AlreadyRegisteredProps) {
  const reset = httpUrl(resetUrl);
  const login = httpUrl(loginUrl);
  return (
    <EmailLayout center={center} preview="Usted ya tiene un usuario web" title="Usted ya está registrado">
      <Text style={styles.text}>
        Hola {patientName}, recibimos un pedido para registrarse en los turnos web de {center.centerName} con el DNI {dni}, pero
        ese DNI ya tiene un usuario web activo. No cambiamos nada.
      </Text>
      <Text style={styles.text}>
        Puede ingresar con su DNI y su contraseña{login ? ` en ${login}` : ''}. Si no recuerda la contraseña, elija una nueva:
      </Text>
      {reset ? (
        <Section style={{ margin: '16px 0' }}>
          <Button href={reset} style={styles.button}>
            Elegir una nueva contraseña
          </Button>
        </Section>
      ) : null}
      <Text style={styles.text}>O copie y pegue esta dirección en su navegador: {resetUrl}</Text>
      <Text style={styles.text}>El enlace vence el {expiresAt} hs y sirve una sola vez.</Text>
      <Text style={styles.text}>Si usted no lo pidió, ignore este mensaje: su usuario y su contraseña siguen igual.</Text>
    </EmailLayout>
  );
}
