import { Resend } from 'resend';
import { TransportError, type BatchItemResult, type MailTransport, type OutgoingEmail } from './types';

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

/** Resend's batch endpoint takes at most this many mails per request. */
export const RESEND_MAX_BATCH = 100;
/** A 429 asking to wait up to this long is waited out in place, repeating the identical request. */
const INLINE_RATE_LIMIT_WAIT_SECONDS = 10;
const INLINE_RATE_LIMIT_TRIES = 5;

type ResendReply<T> = { data: T | null; error: ResendErrorLike | null; headers: Record<string, string> | null };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Keeps this process within Resend's rate limit (2 requests/s by default): requests start at least
 * `minIntervalMs` apart (550 ms: never 3 in any one-second window, fixed or sliding), and a 429
 * with a short `retry-after` is waited out and the same request repeated (same body, same
 * Idempotency-Key, so it cannot send twice). Several processes share the team's limit: their
 * excess 429s are handled the same way, or handed back to the outbox with the provider's delay.
 * `ratelimit-remaining: 0` is not waited on: its `ratelimit-reset` comes in whole seconds, so
 * honouring it would cut a 2-per-second limit to about 1.3 requests/s (measured by the bench).
 */
function createPacer(minIntervalMs: number) {
  let nextAt = 0;
  const later = (ms: number) => {
    nextAt = Math.max(nextAt, Date.now() + ms);
  };
  return async function paced<T>(request: () => Promise<ResendReply<T>>): Promise<ResendReply<T>> {
    for (let attempt = 1; ; attempt++) {
      const wait = nextAt - Date.now();
      if (wait > 0) await sleep(wait);
      nextAt = Date.now() + minIntervalMs;
      const reply = await request();
      if (reply.error?.statusCode !== 429) return reply;
      const retryAfter = retryAfterSeconds(reply.headers) ?? 1;
      later(1000 * retryAfter);
      if (retryAfter > INLINE_RATE_LIMIT_WAIT_SECONDS || attempt >= INLINE_RATE_LIMIT_TRIES) return reply;
    }
  };
}

export function createResendTransport(config: ResendConfig): MailTransport {
  const client = new Resend(config.apiKey, config.baseUrl ? { baseUrl: config.baseUrl } : undefined);
  const paced = createPacer(config.minIntervalMs ?? 550);
  return {
    name: 'resend',
    maxBatchSize: RESEND_MAX_BATCH,
    async send(message: OutgoingEmail) {
      const { data, error, headers } = await paced(() =>
        client.emails.send(
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
        ),
      );
      if (error) throw classifyResendError(error, headers);
      if (!data?.id) throw new TransportError('Resend no devolvió el id del envío', { permanent: false });
      return { providerMessageId: data.id, response: `Resend aceptó el envío (id ${data.id})` };
    },
    /**
     * POST /emails/batch in permissive mode: a mail Resend refuses (its address, say) comes back
     * in `errors` with its index and fails alone; `data` holds the ids of the accepted ones, in
     * request order. The body depends only on the outbox rows and the sender, so a retry with the
     * same key is the identical request and Resend answers it with the first result.
     */
    async sendBatch(messages: OutgoingEmail[], idempotencyKey: string) {
      if (messages.length > RESEND_MAX_BATCH) throw new Error(`Resend batch of ${messages.length} > ${RESEND_MAX_BATCH}`);
      const { data, error, headers } = await paced(() =>
        client.batch.send(
          messages.map((message) => ({
            from: config.from,
            to: [message.to],
            subject: message.subject,
            text: message.text,
            ...(message.html ? { html: message.html } : {}),
          })),
          { idempotencyKey, batchValidation: 'permissive', signal: AbortSignal.timeout(30_000) },
        ),
      );
      if (error) throw classifyResendError(error, headers);
      const ids = data?.data ?? [];
      const refused = new Map((data?.errors ?? []).map((e) => [e.index, e.message]));
      if (ids.length + refused.size !== messages.length || ids.some((d) => !d?.id)) {
        throw new TransportError(
          `Resend respondió al lote con ${ids.length} ids y ${refused.size} errores para ${messages.length} mails`,
          { permanent: false },
        );
      }
      let next = 0;
      return messages.map((_, index): BatchItemResult => {
        const reason = refused.get(index);
        if (reason !== undefined) return { error: new TransportError(`Resend rechazó este mail: ${reason}`, { permanent: true }) };
        const id = ids[next++].id;
        return { providerMessageId: id, response: `Resend aceptó el envío (id ${id})` };
      });
    },
  };
}
