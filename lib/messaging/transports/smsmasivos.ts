import { argentineMobile10 } from '../phone-ar';
import { TransportError, type OutgoingSms, type SendResult, type SmsTransport } from './types';

/**
 * SMS Masivos (Argentina), its classic HTTP API:
 *   GET {base}/enviar_sms.asp?api=1&usuario=U&clave=C&tos=<10 digits>&texto=T&idinterno=ID[&test=1]
 *   (or apikey=K instead of usuario + clave)
 * answers 200 with plain text (ISO-8859-1): "OK" (possibly followed by more text) when accepted,
 * otherwise the reason as text. The balance:
 *   GET {base}/obtener_saldo.asp?usuario=U&clave=C (or apikey=K) -> the remaining SMS, as a number.
 * Verified against public integrations (its C#/PHP samples, the Novu and n8n providers); the exact
 * error wordings are not published, so anything but "OK" is an error whose text staff see as is.
 * Assumed: parameters percent-encoded as UTF-8 (URLSearchParams), as those integrations do.
 */
export interface SmsMasivosConfig {
  user?: string;
  password?: string;
  apiKey?: string;
  /** Default http://servicio.smsmasivos.com.ar (tests point it at a local fake). */
  baseUrl?: string;
  /** test=1: the provider validates but does not send (the "Probar" page can offer it). */
  testMode?: boolean;
  timeoutMs?: number;
}

export const SMSMASIVOS_BASE_URL = 'http://servicio.smsmasivos.com.ar';

function credentials(config: SmsMasivosConfig): Record<string, string> {
  if (config.apiKey) return { apikey: config.apiKey };
  return { usuario: config.user ?? '', clave: config.password ?? '' };
}

async function call(config: SmsMasivosConfig, page: string, params: Record<string, string>): Promise<string> {
  const url = new URL(page, `${(config.baseUrl ?? SMSMASIVOS_BASE_URL).replace(/\/+$/, '')}/`);
  url.search = new URLSearchParams({ ...params, ...credentials(config) }).toString();
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(config.timeoutMs ?? 30_000) });
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new TransportError(`SMS Masivos no respondió: ${reason}`, { permanent: false, cause: error });
  }
  const text = new TextDecoder('latin1').decode(await response.arrayBuffer()).trim();
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new TransportError(`SMS Masivos respondió HTTP ${response.status}${text ? `: ${text.slice(0, 300)}` : ''}`, {
      permanent: false,
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    });
  }
  return text;
}

/**
 * An answer other than OK. About the number or the text: permanent (retrying sends the same).
 * Anything else (credentials, no credit left, the service's own trouble) is the center's or the
 * provider's, not this message's: retried, so SMS wait until the admin fixes it or buys credit.
 */
export function classifySmsMasivosAnswer(answer: string): TransportError {
  const text = answer || '(respuesta vacía)';
  const permanent = /(n[uú]mero|celular|tos\b|destin|texto|mensaje)/i.test(text) && !/(usuario|clave|apikey|saldo|cr[eé]dito)/i.test(text);
  return new TransportError(`SMS Masivos respondió: ${text.slice(0, 300)}`, { permanent });
}

/** idinterno: alphanumeric, at most 50; lets the provider's reports point back at the outbox row. */
const internalId = (key: string) => key.replace(/[^A-Za-z0-9]/g, '').slice(0, 50);

export interface SmsMasivosTransport extends SmsTransport {
  /** Remaining SMS credit, as the provider reports it. */
  balance(): Promise<number>;
}

export function createSmsMasivosTransport(config: SmsMasivosConfig): SmsMasivosTransport {
  return {
    name: 'smsmasivos',
    async send(message: OutgoingSms): Promise<SendResult> {
      const tos = argentineMobile10(message.to);
      if (!tos) {
        throw new TransportError(
          `Número de celular inválido para SMS Masivos: "${message.to}". Debe tener 10 dígitos: código de área sin 0 y número sin 15.`,
          { permanent: true },
        );
      }
      const idinterno = internalId(message.idempotencyKey);
      const answer = await call(config, 'enviar_sms.asp', {
        api: '1',
        tos,
        texto: message.text,
        idinterno,
        ...(config.testMode ? { test: '1' } : {}),
      });
      if (!/^OK\b/i.test(answer)) throw classifySmsMasivosAnswer(answer);
      return { providerMessageId: `smsmasivos-${idinterno}`, response: answer };
    },
    async balance() {
      const answer = await call(config, 'obtener_saldo.asp', {});
      if (!/^-?\d+$/.test(answer)) throw new TransportError(`SMS Masivos respondió: ${answer.slice(0, 300) || '(respuesta vacía)'}`, { permanent: false });
      return Number(answer);
    },
  };
}
