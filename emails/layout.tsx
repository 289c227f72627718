import type { ReactNode } from 'react';
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';

/** What every mail shows about the center (manual: "Datos de Contacto ... y los mails automáticos"). */
export interface CenterContact {
  centerName: string;
  contactPhones?: string | null;
  contactEmail?: string | null;
  contactHours?: string | null;
  webAddress?: string | null;
}

export const previewCenter: CenterContact = {
  centerName: 'CENTRO MEDICO DEMO',
  contactPhones: '4444-4444',
  contactEmail: 'centromedico@demo.com.ar',
  contactHours: 'Lunes a Viernes de 10 a 18hs.',
  webAddress: 'http://centromedicodemo.no-ip.info',
};

export const styles = {
  body: { backgroundColor: '#f4f6f8', fontFamily: 'Arial, Helvetica, sans-serif', margin: 0, padding: '16px 0' },
  container: { backgroundColor: '#ffffff', maxWidth: '560px', margin: '0 auto', padding: '24px', borderRadius: '6px' },
  center: { color: '#0b5394', fontSize: '14px', fontWeight: 'bold', margin: '0 0 8px' },
  title: { color: '#1f2933', fontSize: '22px', margin: '0 0 16px' },
  text: { color: '#1f2933', fontSize: '16px', lineHeight: '24px', margin: '0 0 12px' },
  detail: { color: '#1f2933', fontSize: '16px', lineHeight: '24px', margin: '0 0 4px' },
  note: { backgroundColor: '#fff8e1', color: '#1f2933', fontSize: '15px', lineHeight: '22px', margin: '12px 0', padding: '10px 12px' },
  phrase: { backgroundColor: '#e8f1fb', color: '#0b3d6e', fontSize: '15px', fontWeight: 'bold', margin: '16px 0', padding: '10px 12px' },
  button: { backgroundColor: '#0b5394', borderRadius: '4px', color: '#ffffff', fontSize: '16px', padding: '12px 20px', textDecoration: 'none' },
  footer: { color: '#52606d', fontSize: '13px', lineHeight: '20px', margin: '0 0 2px' },
  link: { color: '#0b5394' },
} as const;

export interface EmailLayoutProps {
  center: CenterContact;
  /** The line inboxes show next to the subject. */
  preview: string;
  title: string;
  /** "Frase incluida en el Mail" (only the booking confirmation passes it). */
  mailPhrase?: string | null;
  children: ReactNode;
}

export function EmailLayout({ center, preview, title, mailPhrase, children }: EmailLayoutProps) {
  return (
    <Html lang="es">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.center}>{center.centerName}</Text>
          <Heading as="h1" style={styles.title}>
            {title}
          </Heading>
          {children}
          {mailPhrase ? <Text style={styles.phrase}>{mailPhrase}</Text> : null}
          <Hr />
          <Section>
            <Text className="line" style={styles.footer}>
              <strong>{center.centerName}</strong>
            </Text>
            {center.contactPhones ? <Text className="line" style={styles.footer}>Teléfonos: {center.contactPhones}</Text> : null}
            {center.contactEmail ? <Text className="line" style={styles.footer}>E-mail: {center.contactEmail}</Text> : null}
            {center.contactHours ? <Text className="line" style={styles.footer}>Horario de contacto: {center.contactHours}</Text> : null}
            {center.webAddress ? (
              <Text className="line" style={styles.footer}>
                Turnos web: <WebLink href={center.webAddress} />
              </Text>
            ) : null}
            <Text className="line" style={styles.footer}>Este mensaje se envió automáticamente.</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

/**
 * "Fecha: 13/11/2026": a label and its value on one line. The `line` class keeps consecutive
 * details on consecutive lines of the text part (lib/messaging/render.ts).
 */
export function Detail({ label, value }: { label: string; value?: string | null }) {
  if (!value) return null;
  return (
    <Text className="line" style={styles.detail}>
      <strong>{label}:</strong> {value}
    </Text>
  );
}

/** Only http(s) addresses become links; anything else (a typo, `javascript:`) is shown as text. */
export function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? value.trim() : null;
  } catch {
    return null;
  }
}

export function WebLink({ href, children }: { href: string; children?: ReactNode }) {
  const url = httpUrl(href);
  if (!url) return <>{children ?? href}</>;
  return (
    <Link href={url} style={styles.link}>
      {children ?? href}
    </Link>
  );
}
