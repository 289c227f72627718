import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '@/db/client';
import { argentineMobile10 } from './phone-ar';
import { createMailTransport, createSmsTransport, resolveMailConfig, resolveSmsConfig } from './transports/resolve';
import { createSmsMasivosTransport } from './transports/smsmasivos';
import { toTransportError } from './transports/types';

/**
 * The "Probar" buttons: a test sent right now, directly through the saved configuration's
 * transport (not the outbox: staff are waiting for the server's answer), and that answer or
 * error shown word for word.
 */
export type ProbeResult =
  | { ok: true; provider: string; answer: string; balance?: number | null; balanceError?: string }
  | { ok: false; error: string };

const reason = (error: unknown) => toTransportError(error).message;
const devAnswer = 'Proveedor Desarrollo: no se envió nada (solo se registra). Elija SMTP o Resend para enviar de verdad.';

export async function sendTestMail(db: DbOrTx, to: string, centerName: string): Promise<ProbeResult> {
  let config;
  try {
    config = await resolveMailConfig(db);
  } catch (error) {
    return { ok: false, error: reason(error) };
  }
  const transport = createMailTransport(config);
  try {
    const result = await transport.send({
      id: 0,
      to,
      subject: `Prueba de envío de mails - ${centerName}`,
      text: `Este es un mail de prueba de ${centerName}. Si lo recibió, la configuración de envío de mails funciona.`,
      html: null,
      attachments: [],
      idempotencyKey: `prueba-${randomUUID()}`,
    });
    if (transport.name === 'dev') return { ok: true, provider: 'dev', answer: devAnswer };
    return { ok: true, provider: transport.name, answer: result.response ?? `Aceptado (id ${result.providerMessageId})` };
  } catch (error) {
    return { ok: false, error: reason(error) };
  } finally {
    await transport.close?.();
  }
}

const INVALID_MOBILE = 'Número de celular inválido: escriba el código de área sin 0 y el número sin 15 (10 dígitos, por ejemplo 1144445555).';

export async function sendTestSms(db: DbOrTx, to: string, centerName: string): Promise<ProbeResult & { normalised?: string }> {
  const mobile = argentineMobile10(to);
  if (!mobile) return { ok: false, error: INVALID_MOBILE };
  let config;
  try {
    config = await resolveSmsConfig(db);
  } catch (error) {
    return { ok: false, error: reason(error) };
  }
  const transport = createSmsTransport(config);
  try {
    const result = await transport.send({ id: 0, to: mobile, text: `Prueba de SMS de ${centerName}`, idempotencyKey: `prueba-${randomUUID()}` });
    if (config.provider === 'dev') return { ok: true, provider: 'dev', answer: devAnswer.replace('SMTP o Resend', 'SMS Masivos'), normalised: mobile };
    const probe: ProbeResult & { normalised?: string } = { ok: true, provider: transport.name, answer: result.response ?? result.providerMessageId, normalised: mobile };
    try {
      probe.balance = await createSmsMasivosTransport(config).balance();
    } catch (error) {
      probe.balanceError = reason(error);
    }
    return probe;
  } catch (error) {
    return { ok: false, error: reason(error) };
  } finally {
    await transport.close?.();
  }
}

/** The remaining SMS credit as SMS Masivos reports it. */
export async function smsBalance(db: DbOrTx): Promise<{ ok: true; balance: number } | { ok: false; error: string }> {
  try {
    const config = await resolveSmsConfig(db);
    if (config.provider !== 'smsmasivos') return { ok: false, error: 'El proveedor Desarrollo no tiene saldo: elija SMS Masivos.' };
    return { ok: true, balance: await createSmsMasivosTransport(config).balance() };
  } catch (error) {
    return { ok: false, error: reason(error) };
  }
}
