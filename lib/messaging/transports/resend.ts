import { Resend } from 'resend';
import { TransportError, type MailTransport, type OutgoingEmail } from './types';

export interface ResendConfig {
  apiKey: string;
  from: string;
  /** Defaults to RESEND_BASE_URL, else the real API (the SDK reads the variable itself). */
  baseUrl?: string;
  /** Spacing between requests from this process; Resend's default limit is 2 per second. */
  minIntervalMs?: number;
}

interface ResendErrorLike {
  statusCode: number | null;
  name: string;
  message: string;
}

function retryAfterSeconds(headers: Record<string, string> | null): number | undefined {
  const value = headers?.['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/**
 * The SDK returns `{ error }` instead of throwing (STACK.md trap 12). 429, 5xx, network failures
 * (statusCode null) and a concurrent request with our idempotency key are transient. A bad or
 * restricted API key (401/403) is the center's configuration, not this message's: retried, so
 * mail waits while the admin fixes the key. Every other 4xx (422 validation, invalid address)
 * is permanent.
 */
export function classifyResendError(error: ResendErrorLike, headers: Record<string, string> | null): TransportError {
  const status = error.statusCode;
  const text = `Resend${status ? ` ${status}` : ''} (${error.name}): ${error.message}`;
  const transient =
    status === null ||
    status === 429 ||
    status >= 500 ||
    status === 401 ||
    status === 403 ||
    error.name === 'concurrent_idempotent_requests' ||
    error.name === 'application_error';
  return new TransportError(text, { permanent: !transient, retryAfterSeconds: retryAfterSeconds(headers) });
}

export function createResendTransport(config: ResendConfig): MailTransport {
  const client = new Resend(config.apiKey, config.baseUrl ? { baseUrl: config.baseUrl } : undefined);
  const minIntervalMs = config.minIntervalMs ?? 550;
  let lastRequestAt = 0;
  return {
    name: 'resend',
    async send(message: OutgoingEmail) {
      const wait = lastRequestAt + minIntervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      lastRequestAt = Date.now();
      const { data, error, headers } = await client.emails.send(
        {
          from: config.from,
          to: [message.to],
          subject: message.subject,
          // Resend would only derive HTML from `react:`; we always pass our own text part.
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
          attachments: message.attachments.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
          })),
        },
        // Resend keeps the key 24 h: a retry after a lost response returns the first result
        // instead of sending again.
        { idempotencyKey: message.idempotencyKey, signal: AbortSignal.timeout(30_000) },
      );
      if (error) throw classifyResendError(error, headers);
      if (!data?.id) throw new TransportError('Resend no devolvió el id del envío', { permanent: false });
      return { providerMessageId: data.id, response: `Resend aceptó el envío (id ${data.id})` };
    },
  };
}
