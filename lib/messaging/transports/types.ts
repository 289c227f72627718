/** What the worker hands a transport, and how a transport reports failure. */

export interface MessageAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export interface OutgoingEmail {
  /** The outbox id. */
  id: number;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: MessageAttachment[];
  /**
   * Stable for the life of the outbox row: the provider's idempotency key where there is one,
   * and the SMTP Message-ID, so a duplicate caused by a retry is recognisable as the same mail.
   */
  idempotencyKey: string;
}

export interface OutgoingSms {
  id: number;
  /** Digits only. */
  to: string;
  text: string;
  idempotencyKey: string;
}

export interface SendResult {
  providerMessageId: string;
  /** The provider's own answer ("250 2.0.0 Ok: queued as ..."), shown by the "Probar" buttons. */
  response?: string;
}

/** One mail's result inside a batch: accepted with its id, or refused on its own (e.g. its address). */
export type BatchItemResult = SendResult | { error: TransportError };

export interface MailTransport {
  /** Stored in messages.provider: 'dev' | 'smtp' | 'resend'. */
  readonly name: string;
  send(message: OutgoingEmail): Promise<SendResult>;
  /**
   * Several mails in one provider request, `idempotencyKey` covering the whole request; one
   * result per mail, in order. Throws a TransportError when the request as a whole failed.
   * Mails with attachments never come here (Resend's batch endpoint does not take them).
   */
  sendBatch?(messages: OutgoingEmail[], idempotencyKey: string): Promise<BatchItemResult[]>;
  /** At most this many mails per sendBatch call. */
  readonly maxBatchSize?: number;
  /** Releases pooled connections. */
  close?(): Promise<void> | void;
}

export interface SmsTransport {
  /** 'dev' | 'smsmasivos' */
  readonly name: string;
  send(message: OutgoingSms): Promise<SendResult>;
  close?(): Promise<void> | void;
}

/**
 * A failed send. `permanent`: retrying cannot help (the address does not exist, the provider
 * rejected the content), so the message ends in 'error'. Otherwise the worker retries later.
 */
export class TransportError extends Error {
  readonly permanent: boolean;
  /** The provider asked us to wait at least this long (HTTP retry-after). */
  readonly retryAfterSeconds?: number;

  constructor(message: string, options: { permanent: boolean; retryAfterSeconds?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'TransportError';
    this.permanent = options.permanent;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Anything a transport throws, as a TransportError: unknown failures are treated as transient. */
export function toTransportError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TransportError(message || 'Error desconocido del proveedor', { permanent: false, cause: error });
}

/** The Message-ID domain: the sender's, so the id looks like any other mail from the center. */
export function domainOf(address: string): string {
  const match = /@([^\s>]+)>?\s*$/.exec(address);
  return match ? match[1].toLowerCase() : 'turnos.invalid';
}

/** One transport per channel, as the worker uses them. */
export interface Transports {
  email: MailTransport;
  sms: SmsTransport;
}
